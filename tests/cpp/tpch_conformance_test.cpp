// The generator against dbgen: md5 sums of the .tbl text at SF 0.01 and 0.1,
// parts and threads, and the Arrow values behind the text.

#include <gtest/gtest.h>

#include <cstring>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <map>
#include <new>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "failing_allocation.h"  // replaces operator new: this program's only include of it
#include "md5.h"
#include "read_back.h"
#include "reference_sums.h"
#include "text.h"  // the generator's own header (cpp/tpch/src): the text pool
#include "tpch/tpch.h"

namespace lance_bridge::testing {
namespace {

// The reference files: sfN.md5 and sfN.rows, by "<table>.tbl".
std::map<std::string, std::string> reference(const std::string& file) {
  return reference_sums("tpch-reference/" + file, ".tbl");
}

struct TblSum {
  std::string md5;
  int64_t rows = 0;
};

TblSum tbl_sum(tpch::BatchStream& stream) {
  Md5 md5;
  TblSum result;
  result.rows = add_text(stream, md5);
  result.md5 = md5.hex_digest();
  return result;
}

// The .tbl text of the streams these options make, one after the other.
TblSum tbl_sum(tpch::Table table, const std::vector<tpch::GenerateOptions>& in_order) {
  Md5 md5;
  TblSum result;
  for (const tpch::GenerateOptions& options : in_order) {
    tpch::BatchStream stream(table, options);
    result.rows += add_text(stream, md5);
  }
  result.md5 = md5.hex_digest();
  return result;
}

TblSum tbl_sum(tpch::Table table, const tpch::GenerateOptions& options) {
  return tbl_sum(table, std::vector<tpch::GenerateOptions>{options});
}

class DbgenExact : public ::testing::TestWithParam<std::tuple<double, tpch::Table>> {};

TEST_P(DbgenExact, TblMatchesTheReferenceMd5) {
  auto [sf, table] = GetParam();
  std::string suffix = sf == 0.01 ? "sf0.01" : "sf0.1";
  std::string file = std::string(tpch::table_name(table)) + ".tbl";
  tpch::GenerateOptions options;
  options.scale_factor = sf;
  options.threads = 2;
  options.batch_rows = 10'000;
  TblSum sum = tbl_sum(table, options);
  EXPECT_EQ(std::to_string(sum.rows), reference(suffix + ".rows")[file]);
  EXPECT_EQ(sum.md5, reference(suffix + ".md5")[file]);
}

std::string case_name(const ::testing::TestParamInfo<std::tuple<double, tpch::Table>>& info) {
  return std::string(tpch::table_name(std::get<1>(info.param))) +
         (std::get<0>(info.param) == 0.01 ? "_sf0_01" : "_sf0_1");
}

INSTANTIATE_TEST_SUITE_P(Tpch, DbgenExact,
                         ::testing::Combine(::testing::Values(0.01, 0.1),
                                            ::testing::ValuesIn(tpch::all_tables())),
                         case_name);

namespace {

// `whole` cut into `parts` parts of `slices` slices each: the options of every
// piece, in row order.
std::vector<tpch::GenerateOptions> pieces_of(const tpch::GenerateOptions& whole, int parts, int slices) {
  std::vector<tpch::GenerateOptions> pieces;
  for (int part = 1; part <= parts; ++part) {
    for (int slice = 1; slice <= slices; ++slice) {
      pieces.push_back(whole);
      pieces.back().parts = parts;
      pieces.back().part = part;
      pieces.back().slices = slices;
      pieces.back().slice = slice;
    }
  }
  return pieces;
}

// Every table's pieces, generated one after the other, give the whole table's rows.
void expect_pieces_make_the_whole(const tpch::GenerateOptions& whole, int parts, int slices) {
  for (tpch::Table table : tpch::all_tables()) {
    TblSum expected = tbl_sum(table, whole);
    TblSum concatenated = tbl_sum(table, pieces_of(whole, parts, slices));
    EXPECT_EQ(concatenated.rows, expected.rows) << tpch::table_name(table);
    EXPECT_EQ(concatenated.md5, expected.md5) << tpch::table_name(table);
  }
}

}  // namespace

TEST(TpchParts, PartsConcatenatedEqualTheWhole) {
  tpch::GenerateOptions whole;
  whole.scale_factor = 0.01;
  whole.batch_rows = 777;
  expect_pieces_make_the_whole(whole, 3, 1);
}

// Each part cut into slices (what tpch-lance's writers of one part each write):
// the slices of the parts, in order, are the whole table.
TEST(TpchParts, SlicesOfPartsConcatenatedEqualTheWhole) {
  tpch::GenerateOptions whole;
  whole.scale_factor = 0.01;
  whole.batch_rows = 1'000;
  expect_pieces_make_the_whole(whole, 2, 3);
  tpch::GenerateOptions bad;
  bad.slices = 2;
  bad.slice = 3;
  EXPECT_THROW(tpch::BatchStream(tpch::Table::Orders, bad), std::invalid_argument);
}

TEST(TpchThreads, ManyThreadsGiveTheSameBatchesInTheSameOrder) {
  tpch::GenerateOptions one;
  one.scale_factor = 0.05;
  one.batch_rows = 3'000;
  tpch::GenerateOptions many = one;
  many.threads = 5;
  tpch::GenerateOptions background = one;  // one thread of its own
  background.background = true;
  for (tpch::Table table : {tpch::Table::LineItem, tpch::Table::PartSupp, tpch::Table::Supplier}) {
    TblSum a = tbl_sum(table, one);
    for (const tpch::GenerateOptions& other : {many, background}) {
      TblSum b = tbl_sum(table, other);
      EXPECT_EQ(a.rows, b.rows);
      EXPECT_EQ(a.md5, b.md5) << tpch::table_name(table) << ", threads " << other.threads;
    }
  }
}

// Starting the workers fails at the first, second, ... allocation (each
// std::thread allocates its state before it starts): the threads started by
// then are stopped and joined, the error propagates (no std::terminate), and
// a stream started afterwards gives the same batches.
TEST(TpchThreads, AFailedThreadStartStopsTheOthers) {
  tpch::GenerateOptions options;
  options.scale_factor = 0.01;
  options.batch_rows = 1;  // region in five batches, so that workers are started
  options.threads = 4;
  TblSum expected = tbl_sum(tpch::Table::Region, options);  // also loads what generating needs
  ASSERT_EQ(expected.rows, 5);
  int failures = 0;
  for (long fail_at = 0;; ++fail_at) {
    std::optional<tpch::BatchStream> stream;
    bool threw = false;
    {
      FailingAllocation inject(fail_at);
      try {
        stream.emplace(tpch::Table::Region, options);
      } catch (const std::bad_alloc&) {
        threw = true;
      }
    }
    if (!threw) {  // every allocation went through: the stream works
      TblSum sum = tbl_sum(*stream);
      EXPECT_EQ(sum.rows, expected.rows);
      EXPECT_EQ(sum.md5, expected.md5);
      break;
    }
    ++failures;
    EXPECT_FALSE(stream.has_value());
  }
  EXPECT_GE(failures, options.threads) << "each thread's start was made to fail";
}

TEST(TpchParts, BadPartsAreRefused) {
  tpch::GenerateOptions options;
  options.parts = 2;
  options.part = 3;
  EXPECT_THROW(tpch::BatchStream(tpch::Table::Orders, options), std::invalid_argument);
  options.part = 1;
  options.scale_factor = 0;
  EXPECT_THROW(tpch::BatchStream(tpch::Table::Orders, options), std::invalid_argument);
}

// Days since 1970-01-01 of "YYYY-MM-DD".
int64_t days_of(const std::string& ymd) {
  int64_t y = std::stoi(ymd.substr(0, 4)), m = std::stoi(ymd.substr(5, 2)), d = std::stoi(ymd.substr(8, 2));
  y -= m <= 2;
  int64_t era = y / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

TEST(TpchArrow, BatchValuesAreTheTblValues) {
  for (tpch::Table table : tpch::all_tables()) {
    tpch::GenerateOptions options;
    options.scale_factor = 0.01;
    tpch::BatchStream stream(table, options);
    ArrowSchema schema;
    stream.export_schema(&schema);
    std::vector<Field> fields = tpch::table_fields(table);
    ArrowArray batch;
    int64_t checked = 0;
    while (stream.next(&batch)) {
      std::string text;
      tpch::append_tbl(schema, batch, text);
      std::istringstream lines(text);
      std::string line;
      for (int64_t row = 0; std::getline(lines, line); ++row) {
        if (row % 97 != 0) continue;
        std::vector<std::string> values;
        std::stringstream cells(line);
        std::string cell;
        while (std::getline(cells, cell, '|')) values.push_back(cell);
        ASSERT_EQ(values.size(), fields.size());
        for (size_t c = 0; c < fields.size(); ++c) {
          std::string arrow = render_value(*schema.children[c], *batch.children[c], row);
          std::string expected = values[c];
          if (fields[c].type == ColumnType::Date32) expected = std::to_string(days_of(values[c]));
          if (fields[c].name == "l_quantity") expected += ".00";
          ASSERT_EQ(arrow, expected) << tpch::table_name(table) << "." << fields[c].name << " row " << row;
        }
        ++checked;
      }
      batch.release(&batch);
    }
    schema.release(&schema);
    EXPECT_GT(checked, 0) << tpch::table_name(table);
  }
}

// tpch-lance's encoding choices name real columns of their table (table_fields
// would skip a misspelt one silently), and lance's writer accepts them.
TEST(TpchEncodings, NameColumnsOfTheirTableAndPassTheWritersCheck) {
  for (tpch::Table table : tpch::all_tables()) {
    std::vector<lance_bridge::Field> fields = tpch::table_fields(table);
    for (const tpch::ColumnMetadata& m : tpch::lance_encodings(table)) {
      bool found = false;
      for (const auto& f : fields) found = found || f.name == m.column;
      EXPECT_TRUE(found) << tpch::table_name(table) << " has no column " << m.column;
    }
    ArrowSchema schema;
    lance_bridge::export_schema(tpch::table_fields(table, tpch::lance_encodings(table)), &schema);
    EXPECT_NO_THROW(lance_bridge::Writer::check_schema(schema)) << tpch::table_name(table);
    schema.release(&schema);
  }
}

// The text pool is generated in pieces on all cores, each starting at a split
// (offset, random seed) computed once from the single stream dbgen uses: the
// pool must be byte for byte the one a single stream gives.
TEST(TextPool, PiecesStartWhereTheSequentialPoolDoes) {
  const int32_t size = tpch::TextPool::kSize;
  std::unique_ptr<char, void (*)(void*)> sequential(static_cast<char*>(std::malloc(tpch::TextPool::buffer_bytes(size))),
                                                    &std::free);
  ASSERT_TRUE(sequential);
  std::vector<tpch::TextPool::Split> splits = tpch::TextPool::generate_sequentially(size, sequential.get());
  std::ostringstream computed;
  for (const auto& split : splits) computed << "{" << split.offset << ", " << split.seed << "}, ";
  ASSERT_EQ(splits.size(), static_cast<size_t>(tpch::TextPool::kChunks - 1));
  try {
    const tpch::TextPool& pool = tpch::TextPool::get();
    ASSERT_EQ(pool.size(), size);
    EXPECT_EQ(std::memcmp(pool.text(0, size).data(), sequential.get(), static_cast<size_t>(size)), 0)
        << "the splits in text_pool.cpp should be: " << computed.str();
  } catch (const std::logic_error& e) {
    FAIL() << e.what() << "; the splits in text_pool.cpp should be: " << computed.str();
  }
}

}  // namespace
}  // namespace lance_bridge::testing
