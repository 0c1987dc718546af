// Table names, schemas and what generates each.

#include <stdexcept>
#include <string>

#include "scaling.h"
#include "tables/tables.h"
#include "tpcds/tpcds.h"

namespace tpcds {

using lance_bridge::Field;

const std::vector<Table>& all_tables() {
  static const std::vector<Table> tables = [] {
    std::vector<Table> all;
    for (int t = 0; t <= static_cast<int>(Table::WebSite); ++t) all.push_back(static_cast<Table>(t));
    return all;
  }();
  return tables;
}

std::string_view table_name(Table table) {
  switch (table) {
    case Table::CallCenter: return "call_center";
    case Table::CatalogPage: return "catalog_page";
    case Table::CatalogReturns: return "catalog_returns";
    case Table::CatalogSales: return "catalog_sales";
    case Table::Customer: return "customer";
    case Table::CustomerAddress: return "customer_address";
    case Table::CustomerDemographics: return "customer_demographics";
    case Table::DateDim: return "date_dim";
    case Table::HouseholdDemographics: return "household_demographics";
    case Table::IncomeBand: return "income_band";
    case Table::Inventory: return "inventory";
    case Table::Item: return "item";
    case Table::Promotion: return "promotion";
    case Table::Reason: return "reason";
    case Table::ShipMode: return "ship_mode";
    case Table::Store: return "store";
    case Table::StoreReturns: return "store_returns";
    case Table::StoreSales: return "store_sales";
    case Table::TimeDim: return "time_dim";
    case Table::Warehouse: return "warehouse";
    case Table::WebPage: return "web_page";
    case Table::WebReturns: return "web_returns";
    case Table::WebSales: return "web_sales";
    case Table::WebSite: return "web_site";
  }
  return "?";
}

std::optional<Table> table_from_name(std::string_view name) {
  for (Table t : all_tables()) {
    if (table_name(t) == name) return t;
  }
  return std::nullopt;
}

namespace {

// A returns table is generated (and counted) by its sales table's orders.
Table sales_of(Table table) {
  switch (table) {
    case Table::StoreReturns: return Table::StoreSales;
    case Table::CatalogReturns: return Table::CatalogSales;
    case Table::WebReturns: return Table::WebSales;
    default: return table;
  }
}

using Generate = void (*)(double scale_factor, int64_t first, int64_t count, lance_bridge::BatchBuilder& batch);

struct Generated {
  Table table;
  Generate generate;
  std::vector<Field> (*fields)();
};

// A surrogate key column: the table's own is never null, a reference may be.
Field key(const char* name) { return Field::int64(name, true); }
Field integer(const char* name) { return Field::int32(name, true); }
Field text(const char* name) { return Field::utf8(name, true); }
Field date(const char* name) { return Field::date32(name, true); }
// Money, and the other decimal(7,2)s; the precision as the specification has it.
Field decimal(const char* name, int32_t precision = 7) { return Field::decimal128(name, precision, 2, true); }

// An address's columns, with the table's prefix ("ca_", "w_", ...).
std::vector<Field> address_fields(const std::string& prefix) {
  std::vector<Field> fields;
  for (const char* name : {"street_number", "street_name", "street_type", "suite_number", "city", "county", "state",
                           "zip", "country"}) {
    fields.push_back(Field::utf8(prefix + name, true));
  }
  fields.push_back(Field::decimal128(prefix + "gmt_offset", 5, 2, true));
  return fields;
}

// Columns of one kind, named in order.
std::vector<Field> keys(std::initializer_list<const char*> names) {
  std::vector<Field> fields;
  for (const char* name : names) fields.push_back(key(name));
  return fields;
}
std::vector<Field> money(std::initializer_list<const char*> names) {
  std::vector<Field> fields;
  for (const char* name : names) fields.push_back(decimal(name));
  return fields;
}

std::vector<Field> concat(std::vector<Field> a, const std::vector<Field>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

const std::vector<Generated>& generators() {
  static const std::vector<Generated> all = {
      {Table::CallCenter, tables::call_center,
       [] {
         return concat(concat({Field::int64("cc_call_center_sk"), text("cc_call_center_id"), date("cc_rec_start_date"),
                               date("cc_rec_end_date"), key("cc_closed_date_sk"), key("cc_open_date_sk"),
                               text("cc_name"), text("cc_class"), integer("cc_employees"), integer("cc_sq_ft"),
                               text("cc_hours"), text("cc_manager"), integer("cc_mkt_id"), text("cc_mkt_class"),
                               text("cc_mkt_desc"), text("cc_market_manager"), integer("cc_division"),
                               text("cc_division_name"), integer("cc_company"), text("cc_company_name")},
                              address_fields("cc_")),
                       {decimal("cc_tax_percentage", 5)});
       }},
      {Table::CatalogPage, tables::catalog_page,
       [] {
         return std::vector<Field>{Field::int64("cp_catalog_page_sk"), text("cp_catalog_page_id"),
                                   key("cp_start_date_sk"), key("cp_end_date_sk"), text("cp_department"),
                                   integer("cp_catalog_number"), integer("cp_catalog_page_number"),
                                   text("cp_description"), text("cp_type")};
       }},
      {Table::CatalogReturns, tables::catalog_returns,
       [] {
         return concat(concat(keys({"cr_returned_date_sk", "cr_returned_time_sk", "cr_item_sk",
                                    "cr_refunded_customer_sk", "cr_refunded_cdemo_sk", "cr_refunded_hdemo_sk",
                                    "cr_refunded_addr_sk", "cr_returning_customer_sk", "cr_returning_cdemo_sk",
                                    "cr_returning_hdemo_sk", "cr_returning_addr_sk", "cr_call_center_sk",
                                    "cr_catalog_page_sk", "cr_ship_mode_sk", "cr_warehouse_sk", "cr_reason_sk",
                                    "cr_order_number"}),
                              {integer("cr_return_quantity")}),
                       money({"cr_return_amount", "cr_return_tax", "cr_return_amt_inc_tax", "cr_fee",
                              "cr_return_ship_cost", "cr_refunded_cash", "cr_reversed_charge", "cr_store_credit",
                              "cr_net_loss"}));
       }},
      {Table::CatalogSales, tables::catalog_sales,
       [] {
         return concat(concat(keys({"cs_sold_date_sk", "cs_sold_time_sk", "cs_ship_date_sk", "cs_bill_customer_sk",
                                    "cs_bill_cdemo_sk", "cs_bill_hdemo_sk", "cs_bill_addr_sk",
                                    "cs_ship_customer_sk", "cs_ship_cdemo_sk", "cs_ship_hdemo_sk",
                                    "cs_ship_addr_sk", "cs_call_center_sk", "cs_catalog_page_sk",
                                    "cs_ship_mode_sk", "cs_warehouse_sk", "cs_item_sk", "cs_promo_sk",
                                    "cs_order_number"}),
                              {integer("cs_quantity")}),
                       money({"cs_wholesale_cost", "cs_list_price", "cs_sales_price", "cs_ext_discount_amt",
                              "cs_ext_sales_price", "cs_ext_wholesale_cost", "cs_ext_list_price", "cs_ext_tax",
                              "cs_coupon_amt", "cs_ext_ship_cost", "cs_net_paid", "cs_net_paid_inc_tax",
                              "cs_net_paid_inc_ship", "cs_net_paid_inc_ship_tax", "cs_net_profit"}));
       }},
      {Table::Customer, tables::customer,
       [] {
         return std::vector<Field>{
             Field::int64("c_customer_sk"), text("c_customer_id"), key("c_current_cdemo_sk"),
             key("c_current_hdemo_sk"), key("c_current_addr_sk"), key("c_first_shipto_date_sk"),
             key("c_first_sales_date_sk"), text("c_salutation"), text("c_first_name"), text("c_last_name"),
             text("c_preferred_cust_flag"), integer("c_birth_day"), integer("c_birth_month"),
             integer("c_birth_year"), text("c_birth_country"), text("c_login"), text("c_email_address"),
             key("c_last_review_date_sk")};
       }},
      {Table::CustomerAddress, tables::customer_address,
       [] {
         return concat(concat({Field::int64("ca_address_sk"), text("ca_address_id")}, address_fields("ca_")),
                       {text("ca_location_type")});
       }},
      {Table::CustomerDemographics, tables::customer_demographics,
       [] {
         return std::vector<Field>{Field::int64("cd_demo_sk"), text("cd_gender"), text("cd_marital_status"),
                                   text("cd_education_status"), integer("cd_purchase_estimate"),
                                   text("cd_credit_rating"), integer("cd_dep_count"),
                                   integer("cd_dep_employed_count"), integer("cd_dep_college_count")};
       }},
      {Table::DateDim, tables::date_dim,
       [] {
         return std::vector<Field>{
             Field::int64("d_date_sk"), text("d_date_id"), Field::date32("d_date", true),
             integer("d_month_seq"), integer("d_week_seq"), integer("d_quarter_seq"), integer("d_year"),
             integer("d_dow"), integer("d_moy"), integer("d_dom"), integer("d_qoy"), integer("d_fy_year"),
             integer("d_fy_quarter_seq"), integer("d_fy_week_seq"), text("d_day_name"),
             text("d_quarter_name"), text("d_holiday"), text("d_weekend"), text("d_following_holiday"),
             integer("d_first_dom"), integer("d_last_dom"), integer("d_same_day_ly"),
             integer("d_same_day_lq"), text("d_current_day"), text("d_current_week"),
             text("d_current_month"), text("d_current_quarter"), text("d_current_year")};
       }},
      {Table::HouseholdDemographics, tables::household_demographics,
       [] {
         return std::vector<Field>{Field::int64("hd_demo_sk"), key("hd_income_band_sk"), text("hd_buy_potential"),
                                   integer("hd_dep_count"), integer("hd_vehicle_count")};
       }},
      {Table::IncomeBand, tables::income_band,
       [] {
         return std::vector<Field>{Field::int64("ib_income_band_sk"), integer("ib_lower_bound"),
                                   integer("ib_upper_bound")};
       }},
      {Table::Inventory, tables::inventory,
       [] {
         return std::vector<Field>{Field::int64("inv_date_sk"), Field::int64("inv_item_sk"),
                                   Field::int64("inv_warehouse_sk"), integer("inv_quantity_on_hand")};
       }},
      {Table::Item, tables::item,
       [] {
         return std::vector<Field>{
             Field::int64("i_item_sk"), text("i_item_id"), date("i_rec_start_date"), date("i_rec_end_date"),
             text("i_item_desc"), decimal("i_current_price"), decimal("i_wholesale_cost"), integer("i_brand_id"),
             text("i_brand"), integer("i_class_id"), text("i_class"), integer("i_category_id"), text("i_category"),
             integer("i_manufact_id"), text("i_manufact"), text("i_size"), text("i_formulation"), text("i_color"),
             text("i_units"), text("i_container"), integer("i_manager_id"), text("i_product_name")};
       }},
      {Table::Promotion, tables::promotion,
       [] {
         return std::vector<Field>{
             Field::int64("p_promo_sk"), text("p_promo_id"), key("p_start_date_sk"), key("p_end_date_sk"),
             key("p_item_sk"), decimal("p_cost", 15), integer("p_response_target"), text("p_promo_name"),
             text("p_channel_dmail"), text("p_channel_email"), text("p_channel_catalog"), text("p_channel_tv"),
             text("p_channel_radio"), text("p_channel_press"), text("p_channel_event"), text("p_channel_demo"),
             text("p_channel_details"), text("p_purpose"), text("p_discount_active")};
       }},
      {Table::Reason, tables::reason,
       [] {
         return std::vector<Field>{Field::int64("r_reason_sk"), text("r_reason_id"), text("r_reason_desc")};
       }},
      {Table::ShipMode, tables::ship_mode,
       [] {
         return std::vector<Field>{Field::int64("sm_ship_mode_sk"), text("sm_ship_mode_id"), text("sm_type"),
                                   text("sm_code"), text("sm_carrier"), text("sm_contract")};
       }},
      {Table::Store, tables::store,
       [] {
         return concat(concat({Field::int64("s_store_sk"), text("s_store_id"), date("s_rec_start_date"),
                               date("s_rec_end_date"), key("s_closed_date_sk"), text("s_store_name"),
                               integer("s_number_employees"), integer("s_floor_space"), text("s_hours"),
                               text("s_manager"), integer("s_market_id"), text("s_geography_class"),
                               text("s_market_desc"), text("s_market_manager"), integer("s_division_id"),
                               text("s_division_name"), integer("s_company_id"), text("s_company_name")},
                              address_fields("s_")),
                       // The specification's spelling.
                       {decimal("s_tax_precentage", 5)});
       }},
      {Table::StoreReturns, tables::store_returns,
       [] {
         return concat(concat(keys({"sr_returned_date_sk", "sr_return_time_sk", "sr_item_sk", "sr_customer_sk",
                                    "sr_cdemo_sk", "sr_hdemo_sk", "sr_addr_sk", "sr_store_sk", "sr_reason_sk",
                                    "sr_ticket_number"}),
                              {integer("sr_return_quantity")}),
                       money({"sr_return_amt", "sr_return_tax", "sr_return_amt_inc_tax", "sr_fee",
                              "sr_return_ship_cost", "sr_refunded_cash", "sr_reversed_charge", "sr_store_credit",
                              "sr_net_loss"}));
       }},
      {Table::StoreSales, tables::store_sales,
       [] {
         return concat(concat(keys({"ss_sold_date_sk", "ss_sold_time_sk", "ss_item_sk", "ss_customer_sk",
                                    "ss_cdemo_sk", "ss_hdemo_sk", "ss_addr_sk", "ss_store_sk", "ss_promo_sk",
                                    "ss_ticket_number"}),
                              {integer("ss_quantity")}),
                       money({"ss_wholesale_cost", "ss_list_price", "ss_sales_price", "ss_ext_discount_amt",
                              "ss_ext_sales_price", "ss_ext_wholesale_cost", "ss_ext_list_price", "ss_ext_tax",
                              "ss_coupon_amt", "ss_net_paid", "ss_net_paid_inc_tax", "ss_net_profit"}));
       }},
      {Table::TimeDim, tables::time_dim,
       [] {
         return std::vector<Field>{Field::int64("t_time_sk"), text("t_time_id"), integer("t_time"),
                                   integer("t_hour"), integer("t_minute"), integer("t_second"),
                                   text("t_am_pm"), text("t_shift"), text("t_sub_shift"),
                                   text("t_meal_time")};
       }},
      {Table::Warehouse, tables::warehouse,
       [] {
         return concat({Field::int64("w_warehouse_sk"), text("w_warehouse_id"), text("w_warehouse_name"),
                        integer("w_warehouse_sq_ft")},
                       address_fields("w_"));
       }},
      {Table::WebPage, tables::web_page,
       [] {
         return std::vector<Field>{
             Field::int64("wp_web_page_sk"), text("wp_web_page_id"), date("wp_rec_start_date"),
             date("wp_rec_end_date"), key("wp_creation_date_sk"), key("wp_access_date_sk"), text("wp_autogen_flag"),
             key("wp_customer_sk"), text("wp_url"), text("wp_type"), integer("wp_char_count"),
             integer("wp_link_count"), integer("wp_image_count"), integer("wp_max_ad_count")};
       }},
      {Table::WebReturns, tables::web_returns,
       [] {
         return concat(concat(keys({"wr_returned_date_sk", "wr_returned_time_sk", "wr_item_sk",
                                    "wr_refunded_customer_sk", "wr_refunded_cdemo_sk", "wr_refunded_hdemo_sk",
                                    "wr_refunded_addr_sk", "wr_returning_customer_sk", "wr_returning_cdemo_sk",
                                    "wr_returning_hdemo_sk", "wr_returning_addr_sk", "wr_web_page_sk",
                                    "wr_reason_sk", "wr_order_number"}),
                              {integer("wr_return_quantity")}),
                       money({"wr_return_amt", "wr_return_tax", "wr_return_amt_inc_tax", "wr_fee",
                              "wr_return_ship_cost", "wr_refunded_cash", "wr_reversed_charge", "wr_account_credit",
                              "wr_net_loss"}));
       }},
      {Table::WebSales, tables::web_sales,
       [] {
         return concat(concat(keys({"ws_sold_date_sk", "ws_sold_time_sk", "ws_ship_date_sk", "ws_item_sk",
                                    "ws_bill_customer_sk", "ws_bill_cdemo_sk", "ws_bill_hdemo_sk",
                                    "ws_bill_addr_sk", "ws_ship_customer_sk", "ws_ship_cdemo_sk",
                                    "ws_ship_hdemo_sk", "ws_ship_addr_sk", "ws_web_page_sk", "ws_web_site_sk",
                                    "ws_ship_mode_sk", "ws_warehouse_sk", "ws_promo_sk", "ws_order_number"}),
                              {integer("ws_quantity")}),
                       money({"ws_wholesale_cost", "ws_list_price", "ws_sales_price", "ws_ext_discount_amt",
                              "ws_ext_sales_price", "ws_ext_wholesale_cost", "ws_ext_list_price", "ws_ext_tax",
                              "ws_coupon_amt", "ws_ext_ship_cost", "ws_net_paid", "ws_net_paid_inc_tax",
                              "ws_net_paid_inc_ship", "ws_net_paid_inc_ship_tax", "ws_net_profit"}));
       }},
      {Table::WebSite, tables::web_site,
       [] {
         return concat(concat({Field::int64("web_site_sk"), text("web_site_id"), date("web_rec_start_date"),
                               date("web_rec_end_date"), text("web_name"), key("web_open_date_sk"),
                               key("web_close_date_sk"), text("web_class"), text("web_manager"),
                               integer("web_mkt_id"), text("web_mkt_class"), text("web_mkt_desc"),
                               text("web_market_manager"), integer("web_company_id"), text("web_company_name")},
                              address_fields("web_")),
                       {decimal("web_tax_percentage", 5)});
       }},
  };
  return all;
}

const Generated& generated(Table table) {
  for (const Generated& g : generators()) {
    if (g.table == table) return g;
  }
  throw std::invalid_argument("tpcds: no table number " + std::to_string(static_cast<int>(table)));
}

}  // namespace

std::vector<Field> table_fields(Table table) { return generated(table).fields(); }

std::vector<datagen::ColumnMetadata> lance_encodings(Table table) {
  std::vector<datagen::ColumnMetadata> encodings;
  for (const Field& f : table_fields(table)) {
    bool decimal = f.type == lance_bridge::ColumnType::Decimal128;
    if (decimal) encodings.push_back({f.name, "lance-encoding:compression", "lz4"});
    if (decimal || f.type == lance_bridge::ColumnType::Int32 || f.type == lance_bridge::ColumnType::Int64) {
      // No dictionaries: lance tries one when fewer than a page's values /
      // divisor look distinct, which a divisor no page reaches never is. On
      // these columns it hashed every page to build dictionaries it then
      // dropped (benchmarks/README.md, "TPC-DS into Lance").
      encodings.push_back({f.name, "lance-encoding:dict-divisor", "4294967295"});
    }
  }
  return encodings;
}

void check_scale_factor(double scale_factor) {
  if (!(scale_factor > 0 && scale_factor <= kMaxScaleFactor)) {
    throw std::invalid_argument("the TPC-DS scale factor must be greater than 0 and at most " +
                                std::to_string(static_cast<int64_t>(kMaxScaleFactor)) + " (dsdgen's limit)");
  }
}

int64_t unit_count(Table table, double scale_factor) {
  check_scale_factor(scale_factor);
  return scaled_row_count(sales_of(table), scale_factor);
}

int64_t approximate_row_count(Table table, double scale_factor) {
  int64_t units = unit_count(table, scale_factor);
  switch (table) {
    case Table::StoreSales:
    case Table::WebSales: return units * 12;
    case Table::CatalogSales: return units * 9;
    case Table::StoreReturns:
    case Table::WebReturns: return units * 12 / 10;
    case Table::CatalogReturns: return units * 9 / 10;
    default: return units;
  }
}

UnitRange part_range(Table table, double scale_factor, int parts, int part) {
  if (parts < 1 || part < 1 || part > parts) {
    throw std::invalid_argument("part " + std::to_string(part) + " of " + std::to_string(parts) +
                                ": parts must be at least 1 and the part between 1 and parts");
  }
  int64_t units = unit_count(table, scale_factor);
  // dsdgen leaves tables under a million units to the first part.
  if (units < kSplitThreshold) return part == 1 ? UnitRange{1, units} : UnitRange{1, 0};
  int64_t extra = units % parts;
  int64_t size = units / parts;
  int64_t before = part - 1;
  return {1 + before * size + std::min<int64_t>(before, extra), size + (part <= extra ? 1 : 0)};
}

void generate_units(Table table, double scale_factor, int64_t first, int64_t count,
                    lance_bridge::BatchBuilder& batch) {
  int64_t units = unit_count(table, scale_factor);
  if (first < 1 || count < 0 || first - 1 > units - count) {
    throw std::invalid_argument("units " + std::to_string(first) + " to " + std::to_string(first + count - 1) +
                                " are not units of " + std::string(table_name(table)) + " (1 to " +
                                std::to_string(units) + ")");
  }
  generated(table).generate(scale_factor, first, count, batch);
}

}  // namespace tpcds
