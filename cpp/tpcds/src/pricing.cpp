#include "pricing.h"

#include <iterator>

#include "values.h"

namespace tpcds {
namespace {

// a x b, both in hundredths: truncated toward zero, as dsdgen's decimals are.
int64_t times(int64_t a, int64_t b) { return a * b / 100; }

// An amount in [min, max] hundredths: one draw.
int64_t amount(Stream& stream, int32_t min, int32_t max) { return stream.uniform(min, max); }

}  // namespace

Pricing sale_pricing(Stream& stream, int64_t max_markup) {
  Pricing p;
  p.quantity = stream.uniform(1, 100);
  p.wholesale_cost = amount(stream, 100, 10000);
  p.ext_wholesale_cost = p.wholesale_cost * p.quantity;
  int64_t markup = amount(stream, 0, static_cast<int32_t>(max_markup)) + 100;
  p.list_price = times(p.wholesale_cost, markup);
  int64_t discount = amount(stream, 0, 100);
  p.sales_price = times(p.list_price, 100 - discount);
  p.ext_list_price = p.list_price * p.quantity;
  p.ext_sales_price = p.sales_price * p.quantity;
  p.ext_discount_amount = p.ext_list_price - p.ext_sales_price;
  int64_t coupon_rate = amount(stream, 0, 100);
  bool coupon_used = stream.uniform(1, 100) <= 20;
  p.coupon_amount = coupon_used ? times(p.ext_sales_price, coupon_rate) : 0;
  p.net_paid = p.ext_sales_price - p.coupon_amount;
  int64_t shipping_rate = amount(stream, 0, 50);
  p.ext_ship_cost = times(p.list_price, shipping_rate) * p.quantity;
  p.net_paid_inc_ship = p.net_paid + p.ext_ship_cost;
  p.tax_rate = amount(stream, 0, 9);
  p.ext_tax = times(p.net_paid, p.tax_rate);
  p.net_paid_inc_tax = p.net_paid + p.ext_tax;
  p.net_paid_inc_ship_tax = p.net_paid_inc_ship + p.ext_tax;
  p.net_profit = p.net_paid - p.ext_wholesale_cost;
  return p;
}

Pricing return_pricing(const Pricing& sale, int32_t quantity, Stream& stream) {
  Pricing r = sale;
  r.quantity = quantity;
  r.ext_wholesale_cost = r.wholesale_cost * quantity;
  r.ext_list_price = r.list_price * quantity;
  r.ext_sales_price = r.sales_price * quantity;
  r.net_paid = r.ext_sales_price;  // a return's coupons are not counted
  int64_t shipping_rate = amount(stream, 0, 50);
  r.ext_ship_cost = times(r.list_price, shipping_rate) * quantity;
  r.net_paid_inc_ship = r.net_paid + r.ext_ship_cost;
  r.ext_tax = times(r.net_paid, r.tax_rate);
  r.net_paid_inc_tax = r.net_paid + r.ext_tax;
  r.net_paid_inc_ship_tax = r.net_paid_inc_ship + r.ext_tax;
  r.net_profit = r.net_paid - r.ext_wholesale_cost;
  // Part refunded in cash, part of the rest reversed, the remainder as store credit.
  r.refunded_cash = times(stream.uniform(0, 100), r.net_paid);
  r.reversed_charge = times(stream.uniform(1, 100), r.net_paid - r.refunded_cash);
  r.store_credit = r.net_paid - r.reversed_charge - r.refunded_cash;
  r.fee = amount(stream, 50, 10000);
  r.net_loss = r.net_paid_inc_ship_tax - r.store_credit - r.refunded_cash - r.reversed_charge + r.fee;
  return r;
}

void put_return_amounts(lance_bridge::BatchBuilder& batch, size_t first_column, const NullMap& null, int first_bit,
                        const Pricing& p) {
  const int64_t amounts[] = {p.net_paid,  p.ext_tax,        p.net_paid_inc_tax, p.fee,           p.ext_ship_cost,
                             p.refunded_cash, p.reversed_charge, p.store_credit,  p.net_loss};
  for (size_t i = 0; i < std::size(amounts); ++i) {
    put_decimal(batch.column(first_column + i), null[first_bit + static_cast<int>(i)], amounts[i]);
  }
}

}  // namespace tpcds
