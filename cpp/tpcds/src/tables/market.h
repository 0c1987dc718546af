// What call_center and web_site share: a manager and a market, drawn from five
// consecutive columns of the table and kept by a later revision alike.
#pragma once

#include <string>

#include "../scd.h"
#include "../stream_set.h"
#include "../text.h"

namespace tpcds::tables {

struct Market {
  std::string manager;
  int32_t id = 0;
  std::string market_class;
  std::string description;
  std::string market_manager;
};

// The columns from `manager_column` on: the manager, the market's id, class,
// description and manager; each field's change flag in that order.
inline Market draw_market(StreamSet& s, int manager_column, ChangeFlags& changes, Market& previous) {
  Market now;
  now.manager = person_name(s[manager_column]);
  changes.apply(now.manager, previous.manager);
  now.id = s[manager_column + 1].uniform(1, 6);
  changes.apply(now.id, previous.id);
  now.market_class = generate_text(20, 50, s[manager_column + 2]);
  changes.apply(now.market_class, previous.market_class);
  now.description = generate_text(20, 100, s[manager_column + 3]);
  changes.apply(now.description, previous.description);
  now.market_manager = person_name(s[manager_column + 4]);
  changes.apply(now.market_manager, previous.market_manager);
  return now;
}

}  // namespace tpcds::tables
