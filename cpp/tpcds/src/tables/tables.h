// One generator per table: appends rows [first, first + count) (1-based row
// numbers, as dsdgen's) at `scale_factor` to a batch built with the table's
// fields; for the sales tables and their returns, the rows of orders [first,
// first + count).
#pragma once

#include <cstdint>

#include "lance_bridge/batch_builder.h"

namespace tpcds::tables {

using lance_bridge::BatchBuilder;

void call_center(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch);
void catalog_page(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch);
void catalog_returns(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch);
void catalog_sales(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch);
void customer(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch);
void customer_address(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch);
void customer_demographics(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch);
void date_dim(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch);
void household_demographics(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch);
void income_band(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch);
void inventory(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch);
void item(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch);
void promotion(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch);
void reason(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch);
void ship_mode(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch);
void store(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch);
void store_returns(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch);
void store_sales(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch);
void time_dim(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch);
void warehouse(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch);
void web_page(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch);
void web_returns(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch);
void web_sales(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch);
void web_site(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch);

}  // namespace tpcds::tables
