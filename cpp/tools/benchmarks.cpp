// TPC-H and TPC-DS as the benchmark data programs see them.

#include <string>

#include "benchmark.h"
#include "tpcds/tpcds.h"
#include "tpch/tpch.h"

namespace lance_bridge::tools {
namespace {

class Tpch final : public Benchmark {
 public:
  Tpch() {
    for (tpch::Table t : tpch::all_tables()) tables_.emplace_back(tpch::table_name(t));
  }
  std::string program() const override { return "tpch-lance"; }
  std::string name() const override { return "TPC-H"; }
  std::string text_format() const override { return "tbl"; }
  std::string default_output_dir() const override { return "./tpch-data"; }
  HelpFacts help_facts() const override {
    return {"dbgen",
            "scale factor from 0.0001 to 100,000, fractional allowed\n"
            "                            (default 1: ~1 GB of .tbl text)",
            "dbgen -C N -S K",
            "                            region and nation are not split: part 1 writes them whole",
            "                              l_comment:compression=zstd        smaller, slower strings\n"
            "                              l_tax:dict-divisor=4294967295     no dictionary\n"
            "                            tpch-lance turns dictionaries off for l_orderkey, l_suppkey,\n"
            "                            l_returnflag, l_linestatus, o_orderstatus, ps_partkey and\n"
            "                            ps_suppkey (faster, same size); dict-divisor=2 gives a\n"
            "                            column lance's default back."};
  }
  const std::vector<std::string>& tables() const override { return tables_; }
  // dbgen's smallest scale factor has one supplier (below it tables come out
  // empty and the generator divides by zero), and the specification defines
  // none above 100,000 (beyond it keys no longer fit dbgen's formats).
  std::string scale_factor_refusal(double sf) const override {
    if (sf < 0.0001) return "is below TPC-H's smallest, 0.0001 (one supplier): the supplier table would be empty";
    if (sf > 100000) return "is above 100,000, the largest scale factor TPC-H defines";
    return "";
  }
  std::vector<Field> fields(const std::string& table) const override { return tpch::table_fields(of(table)); }
  std::vector<datagen::ColumnMetadata> lance_encodings(const std::string& table) const override {
    return tpch::lance_encodings(of(table));
  }
  int64_t approximate_rows(const std::string& table, double sf) const override {
    return tpch::approximate_row_count(of(table), sf);
  }
  int64_t part_units(const std::string& table, double sf, int parts, int part) const override {
    return tpch::part_range(of(table), sf, parts, part).count;
  }
  std::unique_ptr<datagen::BatchStream> open(const std::string& table,
                                             const datagen::GenerateOptions& options) const override {
    return std::make_unique<tpch::BatchStream>(of(table), options);
  }

 private:
  static tpch::Table of(const std::string& table) { return *tpch::table_from_name(table); }
  std::vector<std::string> tables_;
};

class Tpcds final : public Benchmark {
 public:
  Tpcds() {
    for (tpcds::Table t : tpcds::all_tables()) tables_.emplace_back(tpcds::table_name(t));
  }
  std::string program() const override { return "tpcds-lance"; }
  std::string name() const override { return "TPC-DS"; }
  std::string text_format() const override { return "dat"; }
  std::string default_output_dir() const override { return "./tpcds-data"; }
  HelpFacts help_facts() const override {
    return {"dsdgen",
            "scale factor up to 100,000 (dsdgen's limit): 1, 10, 100, 1000, ...\n"
            "                            as dsdgen; fractions below 1 as the Java and Rust ports\n"
            "                            (default 1: ~1 GB of .dat text)",
            "dsdgen -PARALLEL N -CHILD K",
            "                            tables under a million rows (orders, for the sales tables)\n"
            "                            are not split: part 1 writes them whole",
            "                              i_item_desc:compression=zstd      smaller, slower strings\n"
            "                            tpcds-lance compresses the money columns (decimals) with\n"
            "                            lz4: lance would store 16 bytes a value (store_sales: 38 %\n"
            "                            of the size, as fast), and turns dictionaries off for the\n"
            "                            integer columns (15 % faster, 4 % larger); compression=none\n"
            "                            and dict-divisor=2 give a column lance's defaults back."};
  }
  const std::vector<std::string>& tables() const override { return tables_; }
  std::string scale_factor_refusal(double sf) const override {
    if (sf > tpcds::kMaxScaleFactor) return "is above 100,000, the largest scale factor dsdgen accepts";
    return "";
  }
  std::vector<Field> fields(const std::string& table) const override { return tpcds::table_fields(of(table)); }
  std::vector<datagen::ColumnMetadata> lance_encodings(const std::string& table) const override {
    return tpcds::lance_encodings(of(table));
  }
  // The sales tables' rows are wide (catalog_sales: 388 bytes, 15 decimals of 16
  // bytes): TPC-H's batches would be 36 MiB a writer, and lance would hold two
  // or three of them per column for a page of 2 MiB. Half the rows and pages of
  // 1 MiB a column hold a third less memory, are no slower, and keep the peak
  // about the same whether a table runs for one second or a minute (SF 10 1.07x
  // SF 1, medians; benchmarks/README.md, "Smaller batches and pages for TPC-DS").
  int64_t lance_batch_rows() const override { return datagen::kDefaultBatchRows / 2; }
  uint64_t lance_page_bytes_per_column() const override { return 1024 * 1024; }
  int64_t approximate_rows(const std::string& table, double sf) const override {
    return tpcds::approximate_row_count(of(table), sf);
  }
  int64_t part_units(const std::string& table, double sf, int parts, int part) const override {
    return tpcds::part_range(of(table), sf, parts, part).count;
  }
  std::unique_ptr<datagen::BatchStream> open(const std::string& table,
                                             const datagen::GenerateOptions& options) const override {
    return std::make_unique<tpcds::BatchStream>(of(table), options);
  }

 private:
  static tpcds::Table of(const std::string& table) { return *tpcds::table_from_name(table); }
  std::vector<std::string> tables_;
};

}  // namespace

const Benchmark& tpch_benchmark() {
  static const Tpch benchmark;
  return benchmark;
}

const Benchmark& tpcds_benchmark() {
  static const Tpcds benchmark;
  return benchmark;
}

}  // namespace lance_bridge::tools
