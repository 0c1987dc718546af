// What a benchmark data program (tpch-lance, tpcds-lance) generates: the
// benchmark's tables, their columns, its scale factors and batches of rows.
// The programs are one program (benchmark-lance/) over one of these.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "datagen/batch_stream.h"
#include "lance_bridge/batch_builder.h"

namespace lance_bridge::tools {

class Benchmark {
 public:
  virtual ~Benchmark() = default;

  virtual std::string program() const = 0;         // "tpch-lance"
  virtual std::string name() const = 0;            // "TPC-H"
  virtual std::string text_format() const = 0;     // the reference generator's text: "tbl" (dbgen), "dat" (dsdgen)
  virtual std::string default_output_dir() const = 0;  // "./tpch-data"
  // What --help says that is the benchmark's own (benchmark-lance/cli.cpp
  // puts it into the programs' one help text).
  struct HelpFacts {
    std::string generator;      // "dbgen"
    std::string scale_factors;  // the --scale-factor lines after its name
    std::string parts_like;     // "dbgen -C N -S K"
    std::string parts_note;     // which tables are not split
    std::string encoding_notes; // the --encoding lines after the general ones
  };
  virtual HelpFacts help_facts() const = 0;

  // Every table the program writes, in the order it writes them by default.
  virtual const std::vector<std::string>& tables() const = 0;
  // Why a positive, finite scale factor is not one of the benchmark's ("is
  // above ..."), or "" if it is.
  virtual std::string scale_factor_refusal(double sf) const = 0;

  virtual std::vector<lance_bridge::Field> fields(const std::string& table) const = 0;
  // Lance encodings chosen over lance's defaults for a table (none by default).
  virtual std::vector<datagen::ColumnMetadata> lance_encodings(const std::string& table) const { return {}; }
  // How the tables stream into Lance: the rows of a batch, shared out among a
  // table's writers (--batch-rows overrides it), and the bytes of a column
  // lance holds for a page (0: the library's default).
  virtual int64_t lance_batch_rows() const { return datagen::kDefaultBatchRows; }
  virtual uint64_t lance_page_bytes_per_column() const { return 0; }
  // Rows of the table (about, where the data decides) and units of one part:
  // what progress and the number of writers go by.
  virtual int64_t approximate_rows(const std::string& table, double sf) const = 0;
  virtual int64_t part_units(const std::string& table, double sf, int parts, int part) const = 0;
  // The batches of a table (a part, a slice), in the reference generator's order.
  virtual std::unique_ptr<datagen::BatchStream> open(const std::string& table,
                                                     const datagen::GenerateOptions& options) const = 0;
};

const Benchmark& tpch_benchmark();
const Benchmark& tpcds_benchmark();

}  // namespace lance_bridge::tools
