// How many rows each table has at a scale factor: dsdgen's scaling rules.
#pragma once

#include <cstdint>

#include "tpcds/tpcds.h"

namespace tpcds {

// Tables (orders, for the sales tables) with fewer rows are not split into parts.
constexpr int64_t kSplitThreshold = 1000000;

// The row count at a checked scale factor.
int64_t scaled_row_count(Table table, double scale_factor);

// Business ids of a table at a scale factor: its rows, or for a type 2 table
// (history kept: call_center, item, store, web_page, web_site) fewer, each id
// having 1 to 3 rows.
int64_t id_count(Table table, double scale_factor);

// Pages in each catalog: catalog_page's rows spread over 18 catalogs a year
// for six years.
int64_t pages_per_catalog(double scale_factor);

// How many cities and counties the small tables' addresses (warehouse, store,
// call_center, web_site) are spread over: dsdgen's pseudo tables
// active_cities and active_counties.
int64_t active_cities(double scale_factor);
int64_t active_counties(double scale_factor);
// How many web sites are open at once (dsdgen's concurrent_web_sites): it
// spreads the web sites' and web pages' dates.
int64_t concurrent_web_sites(double scale_factor);

}  // namespace tpcds
