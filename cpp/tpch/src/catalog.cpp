// Table names, schemas and sizes.

#include <algorithm>
#include <stdexcept>

#include "tpch/tpch.h"

namespace tpch {

using lance_bridge::Field;

const std::vector<Table>& all_tables() {
  static const std::vector<Table> tables = {Table::Region,   Table::Nation, Table::Supplier,
                                            Table::Customer, Table::Part,   Table::PartSupp,
                                            Table::Orders,   Table::LineItem};
  return tables;
}

std::string_view table_name(Table table) {
  switch (table) {
    case Table::Region: return "region";
    case Table::Nation: return "nation";
    case Table::Supplier: return "supplier";
    case Table::Customer: return "customer";
    case Table::Part: return "part";
    case Table::PartSupp: return "partsupp";
    case Table::Orders: return "orders";
    case Table::LineItem: return "lineitem";
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
Field money(const char* name) { return Field::decimal128(name, 15, 2); }
}  // namespace

std::vector<Field> table_fields(Table table) {
  switch (table) {
    case Table::Region:
      return {Field::int64("r_regionkey"), Field::utf8("r_name"), Field::utf8("r_comment")};
    case Table::Nation:
      return {Field::int64("n_nationkey"), Field::utf8("n_name"), Field::int64("n_regionkey"),
              Field::utf8("n_comment")};
    case Table::Supplier:
      return {Field::int64("s_suppkey"), Field::utf8("s_name"),  Field::utf8("s_address"),
              Field::int64("s_nationkey"), Field::utf8("s_phone"), money("s_acctbal"),
              Field::utf8("s_comment")};
    case Table::Customer:
      return {Field::int64("c_custkey"),  Field::utf8("c_name"),       Field::utf8("c_address"),
              Field::int64("c_nationkey"), Field::utf8("c_phone"),     money("c_acctbal"),
              Field::utf8("c_mktsegment"), Field::utf8("c_comment")};
    case Table::Part:
      return {Field::int64("p_partkey"), Field::utf8("p_name"),      Field::utf8("p_mfgr"),
              Field::utf8("p_brand"),    Field::utf8("p_type"),      Field::int32("p_size"),
              Field::utf8("p_container"), money("p_retailprice"),   Field::utf8("p_comment")};
    case Table::PartSupp:
      return {Field::int64("ps_partkey"), Field::int64("ps_suppkey"), Field::int32("ps_availqty"),
              money("ps_supplycost"), Field::utf8("ps_comment")};
    case Table::Orders:
      return {Field::int64("o_orderkey"),    Field::int64("o_custkey"),  Field::utf8("o_orderstatus"),
              money("o_totalprice"),         Field::date32("o_orderdate"), Field::utf8("o_orderpriority"),
              Field::utf8("o_clerk"),        Field::int32("o_shippriority"), Field::utf8("o_comment")};
    case Table::LineItem:
      return {Field::int64("l_orderkey"),   Field::int64("l_partkey"),    Field::int64("l_suppkey"),
              Field::int32("l_linenumber"), money("l_quantity"),          money("l_extendedprice"),
              money("l_discount"),          money("l_tax"),               Field::utf8("l_returnflag"),
              Field::utf8("l_linestatus"),  Field::date32("l_shipdate"),  Field::date32("l_commitdate"),
              Field::date32("l_receiptdate"), Field::utf8("l_shipinstruct"), Field::utf8("l_shipmode"),
              Field::utf8("l_comment")};
  }
  return {};
}

std::vector<Field> table_fields(Table table, const std::vector<ColumnMetadata>& metadata) {
  return datagen::with_metadata(table_fields(table), metadata);
}

std::vector<ColumnMetadata> lance_encodings(Table table) {
  // lance tries a dictionary when fewer than half a page's values look distinct
  // (lance-encoding:dict-divisor 2); a divisor no page reaches turns that off.
  auto no_dictionary = [](const char* column) {
    return ColumnMetadata{column, "lance-encoding:dict-divisor", "4294967295"};
  };
  switch (table) {
    case Table::LineItem:
      return {no_dictionary("l_orderkey"), no_dictionary("l_suppkey"), no_dictionary("l_returnflag"),
              no_dictionary("l_linestatus")};
    case Table::Orders:
      return {no_dictionary("o_orderstatus")};
    case Table::PartSupp:
      return {no_dictionary("ps_partkey"), no_dictionary("ps_suppkey")};
    default:
      return {};
  }
}

std::vector<ColumnMetadata> lance_encodings(Table table, const std::vector<ColumnMetadata>& overrides) {
  std::vector<ColumnMetadata> metadata = lance_encodings(table);
  metadata.insert(metadata.end(), overrides.begin(), overrides.end());
  return metadata;
}

ColumnMetadata parse_column_metadata(std::string_view spec, const std::vector<Table>& tables) {
  std::vector<datagen::TableColumns> columns;
  for (Table t : tables) columns.emplace_back(std::string(table_name(t)), table_fields(t));
  return datagen::parse_column_metadata(spec, columns);
}

int64_t approximate_row_count(Table table, double scale_factor) {
  int64_t units = unit_count(table, scale_factor);
  return table == Table::LineItem || table == Table::PartSupp ? units * 4 : units;
}

UnitRange part_range(Table table, double scale_factor, int parts, int part) {
  if (parts < 1 || part < 1 || part > parts) {
    throw std::invalid_argument("part " + std::to_string(part) + " of " + std::to_string(parts) +
                                " does not exist (parts >= 1, 1 <= part <= parts)");
  }
  int64_t total = unit_count(table, scale_factor);
  // Region and nation are not split: part 1 has them all, like dbgen.
  if (table == Table::Region || table == Table::Nation) {
    return part == 1 ? UnitRange{0, total} : UnitRange{0, 0};
  }
  return slice_range(UnitRange{0, total}, parts, part);
}

}  // namespace tpch
