// A TPC-H data generator whose rows are those of the official dbgen, produced
// straight into Arrow record batches (Arrow C Data Interface), in parallel.
//
//   tpch::BatchStream stream(tpch::Table::LineItem, {.scale_factor = 1, .threads = 2});
//   ArrowArray batch;
//   ArrowSchema schema;
//   while (stream.next(&batch)) {
//     stream.export_schema(&schema);
//     writer.write(&batch, &schema);
//   }
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lance_bridge/arrow_c_abi.h"
#include "datagen/batch_stream.h"
#include "lance_bridge/batch_builder.h"

namespace tpch {

enum class Table { Region, Nation, Supplier, Customer, Part, PartSupp, Orders, LineItem };

// All eight, in the order the specification lists them.
const std::vector<Table>& all_tables();
std::string_view table_name(Table table);  // "lineitem", ...
std::optional<Table> table_from_name(std::string_view name);

// The columns: names as in the specification; keys int64, small counts int32,
// money and quantities decimal128(15,2), dates date32, text utf8.
std::vector<lance_bridge::Field> table_fields(Table table);

// Tables are generated and split in "units": orders for lineitem (an order's
// lines stay together), parts for partsupp (four rows a part), rows otherwise.
int64_t unit_count(Table table, double scale_factor);
// Rows of the whole table; lineitem's count depends on the data: this is its
// expected value, 4 rows per order.
int64_t approximate_row_count(Table table, double scale_factor);

using datagen::UnitRange;
using datagen::slice_range;
// Units of part `part` (1-based) of `parts`, as dbgen -C parts -S part splits them.
UnitRange part_range(Table table, double scale_factor, int parts, int part);

// Appends the rows of units [first, first + count) to `batch` (built with
// table_fields(table)). Each unit is computed without generating those before it.
void generate_units(Table table, double scale_factor, int64_t first, int64_t count,
                    lance_bridge::BatchBuilder& batch);

using datagen::default_threads;
using datagen::kDefaultBatchRows;
using datagen::kWriterQueueDepth;

using datagen::ColumnMetadata;

// The encoding choices tpch-lance makes for `table` over lance's defaults, by
// measurement (benchmarks/README.md, "lance's encoding choices"): no dictionary
// where lance would build one only to drop it (1-character flags) or would try
// one on every page in vain (clustered keys). Files stay the same size.
std::vector<ColumnMetadata> lance_encodings(Table table);
// The same, followed by `overrides` (a user's --encoding): set in that order,
// so an override of a column's key wins.
std::vector<ColumnMetadata> lance_encodings(Table table, const std::vector<ColumnMetadata>& overrides);

// table_fields(table) with `metadata` set on the columns it names (entries for
// other tables' columns are ignored).
std::vector<lance_bridge::Field> table_fields(Table table, const std::vector<ColumnMetadata>& metadata);

// Parses "COLUMN:KEY=VALUE" as the tools' --encoding takes it; a KEY without
// ':' means "lance-encoding:KEY" (so "l_comment:compression=zstd"). Throws
// std::invalid_argument for another form or a column none of `tables` has.
ColumnMetadata parse_column_metadata(std::string_view spec, const std::vector<Table>& tables);

using datagen::GenerateOptions;

// The batches of one table (or one part of it), in dbgen's row order.
class BatchStream : public datagen::BatchStream {
 public:
  // Throws std::invalid_argument for a scale factor <= 0 or a bad part, and
  // what datagen::BatchStream throws.
  BatchStream(Table table, const GenerateOptions& options);

  Table table() const { return table_; }

 private:
  Table table_;
};

// Appends a date32 value (days since 1970-01-01) as YYYY-MM-DD, as dbgen
// writes dates (the proleptic Gregorian calendar, any year).
void append_date(std::string& out, int32_t days_since_epoch);

// Appends the rows of `batch`, a record batch (a struct array whose children
// are the columns) described by `schema` (its struct schema), to `out` in
// dbgen's .tbl format: each value then '|', one line per row. By the columns'
// formats, read once per call: int32 ("i") and int64 ("l") as plain numbers,
// date32 ("tdD") as YYYY-MM-DD, decimal128 ("d:P,S" or "d:P,S,128") with its
// S digits after the point (the whole 128 bits, '-' when negative), except in
// a column named l_quantity or ending in _gmt_offset, which dbgen and dsdgen
// print as whole numbers; utf8 ("u")
// and large utf8 ("U") as they are; a null as nothing. The batch's and the
// columns' offsets and validity bitmaps are honoured. Any batch works, not only
// the generator's: lance-bridge-inspect renders what it reads back with this,
// so text written and text read back come from one renderer. Throws
// std::invalid_argument, `out` unchanged, for a column of another format
// (naming the column and the format) or a batch its schema does not describe.
// The arrays themselves must be valid, as the generator's and a scan's are:
// string offsets and character buffers are read, not checked.
void append_tbl(const ArrowSchema& schema, const ArrowArray& batch, std::string& out);

}  // namespace tpch
