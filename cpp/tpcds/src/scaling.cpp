// dsdgen's scaling table: each table's base row count at the defined scale
// factors (1 to 100000), how counts between them are found, and a power of ten.

#include "scaling.h"

#include <array>
#include <cmath>

namespace tpcds {
namespace {

constexpr std::array<double, 10> kDefinedScales = {0, 1, 10, 100, 300, 1000, 3000, 10000, 30000, 100000};

enum class Model { Static, Linear, Logarithmic };

struct Scaling {
  int power_of_ten;
  Model model;
  std::array<int64_t, 10> counts;  // at kDefinedScales
};

Scaling scaling_of(Table table) {
  using M = Model;
  switch (table) {
    case Table::CallCenter: return {0, M::Logarithmic, {0, 3, 12, 15, 18, 21, 24, 27, 30, 30}};
    case Table::CatalogPage:
      return {0, M::Static, {0, 11718, 12000, 20400, 26000, 30000, 36000, 40000, 46000, 50000}};
    case Table::CatalogReturns:
    case Table::CatalogSales:
      return {4, M::Linear, {0, 16, 160, 1600, 4800, 16000, 48000, 160000, 480000, 1600000}};
    case Table::Customer: return {3, M::Logarithmic, {0, 100, 500, 2000, 5000, 12000, 30000, 65000, 80000, 100000}};
    case Table::CustomerAddress:
      return {3, M::Logarithmic, {0, 50, 250, 1000, 2500, 6000, 15000, 32500, 40000, 50000}};
    case Table::CustomerDemographics:
      return {2, M::Static, {0, 19208, 19208, 19208, 19208, 19208, 19208, 19208, 19208, 19208}};
    case Table::DateDim:
      return {0, M::Static, {0, 73049, 73049, 73049, 73049, 73049, 73049, 73049, 73049, 73049}};
    case Table::HouseholdDemographics:
      return {0, M::Static, {0, 7200, 7200, 7200, 7200, 7200, 7200, 7200, 7200, 7200}};
    case Table::IncomeBand: return {0, M::Static, {0, 20, 20, 20, 20, 20, 20, 20, 20, 20}};
    case Table::Inventory: return {0, M::Static, {}};  // derived: see scaled_row_count
    case Table::Item: return {3, M::Logarithmic, {0, 9, 51, 102, 132, 150, 180, 201, 231, 251}};
    case Table::Promotion: return {0, M::Logarithmic, {0, 300, 500, 1000, 1300, 1500, 1800, 2000, 2300, 2500}};
    // dsdgen (C) writes all 75 return reasons at every scale factor.
    case Table::Reason: return {0, M::Static, {0, 75, 75, 75, 75, 75, 75, 75, 75, 75}};
    case Table::ShipMode: return {0, M::Static, {0, 20, 20, 20, 20, 20, 20, 20, 20, 20}};
    case Table::Store: return {0, M::Logarithmic, {0, 6, 51, 201, 402, 501, 675, 750, 852, 951}};
    case Table::StoreReturns:
    case Table::StoreSales:
      return {4, M::Linear, {0, 24, 240, 2400, 7200, 24000, 72000, 240000, 720000, 2400000}};
    case Table::TimeDim:
      return {0, M::Static, {0, 86400, 86400, 86400, 86400, 86400, 86400, 86400, 86400, 86400}};
    case Table::Warehouse: return {0, M::Logarithmic, {0, 5, 10, 15, 17, 20, 22, 25, 27, 30}};
    case Table::WebPage: return {0, M::Logarithmic, {0, 30, 100, 1020, 1302, 1500, 1800, 2001, 2301, 2502}};
    case Table::WebReturns:
    case Table::WebSales:
      return {3, M::Linear, {0, 60, 600, 6000, 18000, 60000, 180000, 600000, 1800000, 6000000}};
    case Table::WebSite: return {0, M::Logarithmic, {0, 15, 21, 12, 21, 27, 33, 39, 42, 48}};
  }
  return {0, M::Static, {}};
}

// Tables that keep history (type 2 slowly changing dimensions) have two rows
// an id on average.
bool keeps_history(Table table) {
  return table == Table::CallCenter || table == Table::Item || table == Table::Store ||
         table == Table::WebPage || table == Table::WebSite;
}

int64_t base_count(const Scaling& s, double scale) {
  for (size_t i = 0; i < kDefinedScales.size(); ++i) {
    // A defined scale factor is looked up, as dsdgen and its ports compare them (in thousandths).
    if (static_cast<int64_t>(scale * 1000) == static_cast<int64_t>(kDefinedScales[i] * 1000)) return s.counts[i];
  }
  switch (s.model) {
    case Model::Static: return s.counts[1];
    case Model::Linear: {
      if (scale < 1) {
        auto count = static_cast<int64_t>(std::llround(scale * static_cast<double>(s.counts[1])));
        return count == 0 ? 1 : count;
      }
      // The largest defined scale factors that fit, added up (7 = 7 x 1).
      int64_t count = 0;
      double left = scale;
      for (size_t i = kDefinedScales.size() - 1; i >= 1; --i) {
        while (left >= kDefinedScales[i]) {
          count += s.counts[i];
          left -= kDefinedScales[i];
        }
      }
      return count;
    }
    case Model::Logarithmic: {
      size_t slot = kDefinedScales.size() - 1;
      for (size_t i = 0; i < kDefinedScales.size(); ++i) {
        if (scale <= kDefinedScales[i]) {
          slot = i;
          break;
        }
      }
      double fraction = (scale - kDefinedScales[slot - 1]) / (kDefinedScales[slot] - kDefinedScales[slot - 1]);
      int64_t delta = s.counts[slot] - s.counts[slot - 1];
      // dsdgen adds the SF 1 count, not the slot's lower one, between 1 and 100000.
      int64_t base = scale < 1 ? s.counts[0] : s.counts[1];
      int64_t count = static_cast<int64_t>(fraction * static_cast<double>(delta)) + base;
      return count == 0 ? 1 : count;
    }
  }
  return 0;
}

// Ids of a type 2 table of `rows` rows: ids come in groups of 1, 2 or 3 rows.
int64_t ids_of_rows(Table table, int64_t rows) {
  if (!keeps_history(table)) return rows;
  static constexpr int64_t kExtra[6] = {0, 1, 2, 2, 3, 3};
  return rows / 6 * 3 + kExtra[rows % 6];
}

}  // namespace

int64_t scaled_row_count(Table table, double scale_factor) {
  if (table == Table::Inventory) {
    // One row a week (1998-01-01 to 2002-12-31) for each item id in each warehouse.
    constexpr int64_t kWeeks = (1825 + 7) / 7;
    return id_count(Table::Item, scale_factor) *
           scaled_row_count(Table::Warehouse, scale_factor) * kWeeks;
  }
  Scaling s = scaling_of(table);
  int64_t count = base_count(s, scale_factor);
  for (int i = 0; i < s.power_of_ten; ++i) count *= 10;
  return keeps_history(table) ? 2 * count : count;
}

int64_t id_count(Table table, double scale_factor) {
  return ids_of_rows(table, scaled_row_count(table, scale_factor));
}

int64_t active_cities(double scale_factor) {
  return base_count({0, Model::Logarithmic, {0, 2, 6, 18, 30, 54, 90, 165, 270, 495}}, scale_factor);
}

int64_t pages_per_catalog(double scale_factor) {
  return scaled_row_count(Table::CatalogPage, scale_factor) / 18 / 6;
}

int64_t concurrent_web_sites(double scale_factor) {
  return base_count({0, Model::Logarithmic, {0, 2, 3, 4, 5, 5, 5, 5, 5, 5}}, scale_factor);
}

int64_t active_counties(double scale_factor) {
  return base_count({0, Model::Logarithmic, {0, 1, 3, 9, 15, 27, 45, 81, 135, 245}}, scale_factor);
}

}  // namespace tpcds
