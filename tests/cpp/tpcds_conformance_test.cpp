// The TPC-DS generator against dsdgen: md5 sums of the .dat text at SF 1
// (tests/fixtures/tpcds-reference), row counts, parts, and refused input.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "distributions.h"  // the generator's own header (cpp/tpcds/src)
#include "md5.h"
#include "reference_sums.h"
#include "tpcds/tpcds.h"
#include "tpch/tpch.h"  // append_tbl: dsdgen's .dat lines are dbgen's .tbl lines

namespace lance_bridge::testing {
namespace {

// The reference files: sfN.md5 and sfN.rows, by "<table>.dat".
std::map<std::string, std::string> reference(const std::string& file) {
  return reference_sums("tpcds-reference/" + file, ".dat");
}

std::string dat_name(tpcds::Table table) { return std::string(tpcds::table_name(table)) + ".dat"; }

struct DatSum {
  std::string md5;
  int64_t rows = 0;
};

// The .dat text of units [range.first, range.first + range.count), generated
// `batch_units` at a time, added to `md5`; returns the rows.
int64_t add_dat(tpcds::Table table, double sf, tpcds::UnitRange range, int64_t batch_units, Md5& md5) {
  std::vector<Field> fields = tpcds::table_fields(table);
  ArrowSchema schema;
  export_schema(fields, &schema);
  std::string text;
  int64_t rows = 0;
  for (int64_t first = range.first; first < range.first + range.count; first += batch_units) {
    BatchBuilder batch(fields);
    int64_t count = std::min(batch_units, range.first + range.count - first);
    tpcds::generate_units(table, sf, first, count, batch);
    ArrowArray array;
    batch.finish(&array);
    rows += array.length;
    text.clear();
    tpch::append_tbl(schema, array, text);
    md5.update(text);
    array.release(&array);
  }
  schema.release(&schema);
  return rows;
}

DatSum dat_sum(tpcds::Table table, double sf, int parts = 1, int64_t batch_units = 50'000) {
  Md5 md5;
  DatSum sum;
  for (int part = 1; part <= parts; ++part) {
    sum.rows += add_dat(table, sf, tpcds::part_range(table, sf, parts, part), batch_units, md5);
  }
  sum.md5 = md5.hex_digest();
  return sum;
}

// The tables the generator makes at scale factor `sf` that the reference
// sums cover (at SF 10, the dimension tables only).
std::vector<std::tuple<int, tpcds::Table>> covered_cases() {
  std::vector<std::tuple<int, tpcds::Table>> cases;
  for (int sf : {1, 10}) {
    std::map<std::string, std::string> sums = reference("sf" + std::to_string(sf) + ".md5");
    for (tpcds::Table table : tpcds::all_tables()) {
      if (sums.count(dat_name(table))) cases.emplace_back(sf, table);
    }
  }
  return cases;
}

class DsdgenExact : public ::testing::TestWithParam<std::tuple<int, tpcds::Table>> {};

TEST_P(DsdgenExact, DatMatchesTheReferenceMd5) {
  auto [sf, table] = GetParam();
  std::string suffix = "sf" + std::to_string(sf);
  DatSum sum = dat_sum(table, sf);
  EXPECT_EQ(std::to_string(sum.rows), reference(suffix + ".rows")[dat_name(table)]);
  EXPECT_EQ(sum.md5, reference(suffix + ".md5")[dat_name(table)]);
}

// Batches that start anywhere give the same text: every unit is computed on
// its own. (The first 30,000 units, in batches of 997 against one batch.)
TEST_P(DsdgenExact, OddBatchSizesGiveTheSameText) {
  auto [sf, table] = GetParam();
  tpcds::UnitRange head{1, std::min<int64_t>(30'000, tpcds::unit_count(table, sf))};
  Md5 whole, in_batches;
  int64_t rows = add_dat(table, sf, head, head.count, whole);
  EXPECT_EQ(add_dat(table, sf, head, 997, in_batches), rows);
  EXPECT_EQ(in_batches.hex_digest(), whole.hex_digest());
}

INSTANTIATE_TEST_SUITE_P(Tpcds, DsdgenExact, ::testing::ValuesIn(covered_cases()),
                         [](const ::testing::TestParamInfo<std::tuple<int, tpcds::Table>>& info) {
                           return std::string(tpcds::table_name(std::get<1>(info.param))) + "_sf" +
                                  std::to_string(std::get<0>(info.param));
                         });

// A later revision of a type 2 dimension keeps fields of the one before: a
// batch that starts on it must get them all the same.
TEST(TpcdsType2, BatchesStartingOnAnyRevisionGiveTheSameText) {
  for (tpcds::Table table : {tpcds::Table::Item, tpcds::Table::Store, tpcds::Table::CallCenter,
                             tpcds::Table::WebSite, tpcds::Table::WebPage}) {
    for (int64_t batch_units : {1, 2, 4, 5}) {
      EXPECT_EQ(dat_sum(table, 1, 1, batch_units).md5, reference("sf1.md5")[dat_name(table)])
          << tpcds::table_name(table) << " in batches of " << batch_units;
    }
  }
}

// dsdgen's row counts at SF 1 for every table whose rows are not orders' lines.
TEST(TpcdsScaling, RowCountsAtSf1AreDsdgens) {
  std::map<std::string, std::string> rows = reference("sf1.rows");
  for (tpcds::Table table : tpcds::all_tables()) {
    std::string name(tpcds::table_name(table));
    if (name.find("_sales") != std::string::npos || name.find("_returns") != std::string::npos) continue;
    EXPECT_EQ(std::to_string(tpcds::unit_count(table, 1)), rows[name + ".dat"]) << name;
  }
}

// dsdgen's counts at larger scale factors: the scaling table's entries, its
// linear sums and its logarithmic steps (which add the SF 1 count).
TEST(TpcdsScaling, RowCountsFollowDsdgensRules) {
  EXPECT_EQ(tpcds::unit_count(tpcds::Table::Customer, 10), 500'000);
  EXPECT_EQ(tpcds::unit_count(tpcds::Table::Customer, 100), 2'000'000);
  EXPECT_EQ(tpcds::unit_count(tpcds::Table::Customer, 1000), 12'000'000);
  EXPECT_EQ(tpcds::unit_count(tpcds::Table::StoreSales, 7), 7 * 240'000);  // orders: 7 x SF 1
  EXPECT_EQ(tpcds::unit_count(tpcds::Table::StoreSales, 100), 24'000'000);
  // call_center at SF 50: 3 + (50 - 10) / 90 * (15 - 12), twice for its history.
  EXPECT_EQ(tpcds::unit_count(tpcds::Table::CallCenter, 50), 8);
  EXPECT_EQ(tpcds::unit_count(tpcds::Table::Reason, 100), 75);
  EXPECT_EQ(tpcds::unit_count(tpcds::Table::CustomerDemographics, 1000), 1'920'800);
  // inventory: item ids x warehouses x 261 weeks.
  EXPECT_EQ(tpcds::unit_count(tpcds::Table::Inventory, 1), 9'000 * 5 * 261);
}

// Parts concatenate to the whole table; tables under a million rows go whole to part 1.
TEST(TpcdsParts, PartsConcatenateToTheWhole) {
  std::map<std::string, std::string> md5 = reference("sf1.md5");
  DatSum split = dat_sum(tpcds::Table::CustomerDemographics, 1, 3);
  EXPECT_EQ(split.md5, md5["customer_demographics.dat"]);
  EXPECT_EQ(tpcds::part_range(tpcds::Table::CustomerDemographics, 1, 3, 2).count, 640'267);
  EXPECT_EQ(tpcds::part_range(tpcds::Table::DateDim, 1, 4, 1).count, 73'049);
  EXPECT_EQ(tpcds::part_range(tpcds::Table::DateDim, 1, 4, 2).count, 0);
  EXPECT_EQ(dat_sum(tpcds::Table::DateDim, 1, 4).md5, md5["date_dim.dat"]);
}

// The stream's batches, from several threads, several parts and several
// slices of each, concatenate to dsdgen's text.
TEST(TpcdsStream, ThreadsPartsAndSlicesGiveDsdgensText) {
  Md5 md5;
  int64_t rows = 0;
  for (int part = 1; part <= 2; ++part) {
    for (int slice = 1; slice <= 3; ++slice) {
      tpcds::GenerateOptions o;
      o.parts = 2;
      o.part = part;
      o.slices = 3;
      o.slice = slice;
      o.threads = 2;
      o.batch_rows = 40'000;
      tpcds::BatchStream stream(tpcds::Table::CustomerDemographics, o);
      rows += add_text(stream, md5);
    }
  }
  EXPECT_EQ(std::to_string(rows), reference("sf1.rows")["customer_demographics.dat"]);
  EXPECT_EQ(md5.hex_digest(), reference("sf1.md5")["customer_demographics.dat"]);
}

TEST(TpcdsInput, BadInputIsRefused) {
  for (double sf : {0.0, -1.0, 100001.0, std::nan(""), std::numeric_limits<double>::infinity()}) {
    EXPECT_THROW(tpcds::check_scale_factor(sf), std::invalid_argument) << sf;
    EXPECT_THROW(tpcds::unit_count(tpcds::Table::DateDim, sf), std::invalid_argument) << sf;
  }
  EXPECT_NO_THROW(tpcds::check_scale_factor(0.01));
  EXPECT_NO_THROW(tpcds::check_scale_factor(100000));
  EXPECT_THROW(tpcds::part_range(tpcds::Table::DateDim, 1, 2, 3), std::invalid_argument);
  EXPECT_THROW(tpcds::part_range(tpcds::Table::DateDim, 1, 0, 1), std::invalid_argument);
  BatchBuilder batch(tpcds::table_fields(tpcds::Table::IncomeBand));
  EXPECT_THROW(tpcds::generate_units(tpcds::Table::IncomeBand, 1, 0, 1, batch), std::invalid_argument);
  EXPECT_THROW(tpcds::generate_units(tpcds::Table::IncomeBand, 1, 20, 2, batch), std::invalid_argument);
  EXPECT_EQ(batch.num_rows(), 0u);
  EXPECT_THROW(tpcds::BatchStream(tpcds::Table::DateDim, {.scale_factor = 0}), std::invalid_argument);
  EXPECT_THROW(tpcds::BatchStream(tpcds::Table::DateDim, {.parts = 2, .part = 3}), std::invalid_argument);
  EXPECT_EQ(tpcds::all_tables().size(), 24u);
  EXPECT_EQ(tpcds::table_from_name("store_sales"), tpcds::Table::StoreSales);
  EXPECT_FALSE(tpcds::table_from_name("lineitem").has_value());
}

TEST(TpcdsDistributions, ParsesValuesWeightsAndEscapes) {
  tpcds::Distribution d("test", "-- a comment\n\nplain, two\\, parts: 1, 5\n\xC9t\xE9, x:2,0\n");
  EXPECT_EQ(d.size(), 2);
  EXPECT_EQ(d.member(1, 2), "two, parts");
  EXPECT_EQ(d.member(2, 1), "\xC3\x89t\xC3\xA9");  // ISO-8859-1 read as UTF-8
  EXPECT_EQ(d.weight(2, 1), 2);
  EXPECT_EQ(d.total_weight(1), 3);
  EXPECT_EQ(d.total_weight(2), 5);
  EXPECT_THROW(d.member(3, 1), std::out_of_range);
  try {
    tpcds::Distribution bad("bad", "a: 1\nb 2\n");
    ADD_FAILURE() << "a row without ':' was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("bad.dst, line 2"), std::string::npos) << e.what();
  }
  EXPECT_THROW(tpcds::Distribution("short", "a, b: 1\nc: 1\n"), std::runtime_error);
  EXPECT_THROW(tpcds::Distribution("weights", "a: x\n"), std::runtime_error);
  EXPECT_THROW(tpcds::distribution("no_such_distribution"), std::runtime_error);
}

}  // namespace
}  // namespace lance_bridge::testing
