// What the benchmark generators (tpch, tpcds) share: a table's rows split into
// batches that several threads generate while the caller takes them in row
// order, and the options and field metadata that go with it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lance_bridge/arrow_c_abi.h"
#include "lance_bridge/batch_builder.h"

namespace datagen {

// Rows a batch holds by default.
constexpr int64_t kDefaultBatchRows = 192 * 1024;
// Batches queued between a generator and a writer in the tools (the library's
// default is 2).
constexpr uint32_t kWriterQueueDepth = 1;

// Generation threads by default: all cores when batches are only formatted or
// counted; half of them (at least one) when a writer encodes them (Lance,
// Parquet), which takes about twice the CPU of generating: more generators
// only compete with the encoder and hold more batches (benchmarks/README.md).
int default_threads(bool encoded);

// Consecutive units of a table: rows, or groups of rows generated together
// (a TPC-H order's lines). `first` counts as the generator counts (0- or 1-based).
struct UnitRange {
  int64_t first = 0;
  int64_t count = 0;
};
// Slice `slice` (1-based) of `slices` of `range`: consecutive units, the last
// slice taking the remainder, so the slices in order are exactly `range`.
// Throws std::invalid_argument for a slice that does not exist.
UnitRange slice_range(UnitRange range, int slices, int slice);

// Field metadata for one column of the exported schema: how a Lance writer
// encodes it ("lance-encoding:dict-divisor" and the like; README, "Choosing
// encodings"). It changes the schema's metadata only, never the data.
struct ColumnMetadata {
  std::string column;  // e.g. "l_comment"
  std::string key;
  std::string value;
};

// `fields` with `metadata` set on the columns it names, in order (a later
// entry for the same key wins); entries naming other columns are ignored.
std::vector<lance_bridge::Field> with_metadata(std::vector<lance_bridge::Field> fields,
                                               const std::vector<ColumnMetadata>& metadata);

// A table's name and columns, for parse_column_metadata.
using TableColumns = std::pair<std::string, std::vector<lance_bridge::Field>>;
// Parses "COLUMN:KEY=VALUE" as the tools' --encoding takes it; a KEY without
// ':' means "lance-encoding:KEY" (so "l_comment:compression=zstd"). Throws
// std::invalid_argument for another form or a column none of `tables` has.
ColumnMetadata parse_column_metadata(std::string_view spec, const std::vector<TableColumns>& tables);

struct GenerateOptions {
  double scale_factor = 1.0;
  int parts = 1;   // split the table like the benchmark's own generator (dbgen -C, dsdgen -PARALLEL)
  int part = 1;    // and generate this part (1-based)
  int slices = 1;  // and of that part, slice `slice` of `slices` (slice_range): for
  int slice = 1;   // several writers that write one part at once
  int64_t batch_rows = kDefaultBatchRows;
  int threads = 1;  // generation threads; batches still come out in order
  // With one thread: generate on a thread of its own, ahead of the caller (by
  // default one thread generates on the caller's, in next()).
  bool background = false;
  // Set on the exported schema over the table's own fields; entries naming a
  // column of another table are ignored.
  std::vector<ColumnMetadata> column_metadata;
};

// Appends the rows of units [first, first + count) to a batch built with the
// stream's fields; called on the generator threads, several at once.
using GenerateUnits = std::function<void(int64_t first, int64_t count, lance_bridge::BatchBuilder& batch)>;

// The batches of a range of units, in order.
class BatchStream {
 public:
  // `rows_per_unit`: rows a unit makes on average, to size batches of
  // options.batch_rows rows. Throws std::invalid_argument for batch_rows < 1,
  // and std::system_error (saying how many threads could be started) or
  // std::bad_alloc if the generator threads cannot all be started; the threads
  // that were started are stopped and joined first.
  BatchStream(std::vector<lance_bridge::Field> fields, UnitRange range, int64_t rows_per_unit,
              GenerateUnits generate, const GenerateOptions& options);
  virtual ~BatchStream();
  BatchStream(const BatchStream&) = delete;
  BatchStream& operator=(const BatchStream&) = delete;

  void export_schema(ArrowSchema* out) const;
  // The next batch, or false at the end. The caller owns (and releases) it.
  bool next(ArrowArray* out);
  // Progress: units handed out so far, of units_total().
  int64_t units_done() const;
  int64_t units_total() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace datagen
