// The prices of a sale's line and of its return (dsdgen's set_pricing), in
// hundredths, with dsdgen's decimal arithmetic: a product of two amounts is
// truncated to hundredths, toward zero.
#pragma once

#include <cstdint>

#include "lance_bridge/batch_builder.h"
#include "nulls.h"
#include "random.h"

namespace tpcds {

struct Pricing {
  int32_t quantity = 0;
  int64_t wholesale_cost = 0;
  int64_t list_price = 0;
  int64_t sales_price = 0;
  int64_t coupon_amount = 0;
  int64_t ext_discount_amount = 0;
  int64_t ext_sales_price = 0;
  int64_t ext_wholesale_cost = 0;
  int64_t ext_list_price = 0;
  int64_t ext_tax = 0;
  int64_t ext_ship_cost = 0;
  int64_t net_paid = 0;
  int64_t net_paid_inc_tax = 0;
  int64_t net_paid_inc_ship = 0;
  int64_t net_paid_inc_ship_tax = 0;
  int64_t net_profit = 0;
  int64_t tax_rate = 0;  // hundredths, kept for the return
  // A return's own.
  int64_t fee = 0;
  int64_t refunded_cash = 0;
  int64_t reversed_charge = 0;
  int64_t store_credit = 0;
  int64_t net_loss = 0;
};

// A sale's line: 8 draws from the table's pricing stream. `max_markup` in
// hundredths: 100 for the store, 200 for the catalog and the web.
Pricing sale_pricing(Stream& stream, int64_t max_markup);

// The return of `quantity` of the sale's items: 4 draws from the returns
// table's pricing stream (the quantity, drawn before, is the 5th).
Pricing return_pricing(const Pricing& sale, int32_t quantity, Stream& stream);

// The ten amounts every returns table ends with, in its order (quantity
// first is the caller's): amount, tax, amount with tax, fee, shipping,
// refunded cash, reversed charge, store credit, net loss. From column
// `first_column` of `batch`, with null bits from `first_bit` on.
void put_return_amounts(lance_bridge::BatchBuilder& batch, size_t first_column, const NullMap& null, int first_bit,
                        const Pricing& p);

}  // namespace tpcds
