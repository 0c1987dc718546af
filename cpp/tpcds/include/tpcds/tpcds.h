// A TPC-DS data generator whose rows are those of the official dsdgen (v4.0.0),
// value for value and in its row order, produced straight into Arrow record
// batches (Arrow C Data Interface).
//
//   tpcds::BatchStream stream(tpcds::Table::DateDim, {.scale_factor = 1, .threads = 2});
//   ArrowArray batch;
//   ArrowSchema schema;
//   while (stream.next(&batch)) {
//     stream.export_schema(&schema);
//     writer.write(&batch, &schema);
//   }
//
// dsdgen's distributions (value lists and weights of the TPC-DS specification)
// are embedded at build time; see cmake/TpcdsDistributions.cmake.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "datagen/batch_stream.h"
#include "lance_bridge/arrow_c_abi.h"
#include "lance_bridge/batch_builder.h"

namespace tpcds {

// The 24 tables, in dsdgen's table order.
enum class Table {
  CallCenter, CatalogPage, CatalogReturns, CatalogSales, Customer, CustomerAddress,
  CustomerDemographics, DateDim, HouseholdDemographics, IncomeBand, Inventory, Item,
  Promotion, Reason, ShipMode, Store, StoreReturns, StoreSales, TimeDim, Warehouse,
  WebPage, WebReturns, WebSales, WebSite
};

const std::vector<Table>& all_tables();
std::string_view table_name(Table table);  // "store_sales", ...
std::optional<Table> table_from_name(std::string_view name);

// The largest scale factor dsdgen accepts. Scale factors below 1 follow the
// fractional rule of the Java and Rust ports (dsdgen itself takes whole ones).
constexpr double kMaxScaleFactor = 100000;
// Throws std::invalid_argument unless 0 < scale_factor <= kMaxScaleFactor.
void check_scale_factor(double scale_factor);

// The columns, named and typed as in the specification: identifiers ("_sk")
// int64, integers int32, char and varchar utf8, dates date32, decimal(p,2)
// decimal128(p,2) (money (7,2)). A value dsdgen leaves empty is null.
std::vector<lance_bridge::Field> table_fields(Table table);

// Tables are generated and split in "units": orders for the sales tables and
// their returns (an order's lines, and the returns of them, stay together:
// the returns are generated with their order), rows otherwise. dsdgen counts
// the sales tables in orders too.
int64_t unit_count(Table table, double scale_factor);
// Rows of the whole table; a sales table's (and its returns') depends on the
// data: this is the expected count (12 lines an order in store and web sales,
// 9 in catalog sales, a tenth of them returned).
int64_t approximate_row_count(Table table, double scale_factor);

// Units [first, first + count), 1-based as dsdgen numbers rows and orders.
using datagen::UnitRange;
// The units of part `part` (1-based) of `parts`, as dsdgen -PARALLEL parts -CHILD
// part splits them: tables under a million units are written whole by part 1
// (the other parts are empty); larger ones are split into consecutive ranges.
UnitRange part_range(Table table, double scale_factor, int parts, int part);

// Appends the rows of units [first, first + count) to `batch` (built with
// table_fields(table)). Each unit is computed without generating those before it.
void generate_units(Table table, double scale_factor, int64_t first, int64_t count,
                    lance_bridge::BatchBuilder& batch);

// The encoding choices tpcds-lance makes for `table` over lance's defaults, by
// measurement (benchmarks/README.md, "TPC-DS into Lance"): lz4 on the money
// columns, which lance otherwise stores as 16 raw bytes each (store_sales at
// SF 1: 501 MiB, with lz4 189 MiB, no slower to write); no dictionary for the
// integer columns, whose pages lance hashes in vain (all 24 tables at SF 1:
// 15 % less time, 4 % more bytes).
std::vector<datagen::ColumnMetadata> lance_encodings(Table table);

using datagen::GenerateOptions;

// The batches of one table (or one part of it, and a slice of that), in
// dsdgen's row order, generated on options.threads threads.
class BatchStream : public datagen::BatchStream {
 public:
  // Throws std::invalid_argument for a bad scale factor, part or slice, and
  // what datagen::BatchStream throws.
  BatchStream(Table table, const GenerateOptions& options);

  Table table() const { return table_; }

 private:
  Table table_;
};

}  // namespace tpcds
