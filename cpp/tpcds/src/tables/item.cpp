// item: a type 2 dimension. Each row draws its fields; a later revision of
// an item keeps some of the previous one's, by its change flags.

#include <string>

#include "../distributions.h"
#include "../nulls.h"
#include "../scd.h"
#include "../stream_set.h"
#include "../text.h"
#include "../values.h"
#include "tables.h"

namespace tpcds::tables {
namespace {

enum Column {
  kFirst = 203, kDescription = 207, kCurrentPrice, kWholesaleCost, kClass = 213, kCategory = 215, kManufactId,
  kSize = 218, kFormulation, kColor, kUnits, kManagerId = 223, kNulls = 225, kChanges
};
constexpr int64_t kDateOffset = 66;  // 6 x dsdgen's table number of item

// What a revision may keep of the one before it.
struct Kept {
  std::string description;
  int64_t wholesale_cost = 0;
  int32_t class_id = 0;
  int32_t brand_id = 0;
  int32_t manufact_id = 0;
  std::string manufact;
  std::string formulation;
};

// "0.09" -> 9: a price of the "item_current_price" ranges, in hundredths.
int64_t hundredths(const std::string& text) {
  size_t point = text.find('.');
  return std::stoll(text.substr(0, point)) * 100 + std::stoll(text.substr(point + 1));
}

}  // namespace

void item(double, int64_t first, int64_t count, BatchBuilder& batch) {
  const Distribution& managers = distribution("item_manager_id");
  const Distribution& prices = distribution("item_current_price");
  const Distribution& categories = distribution("categories");
  const Distribution& sizes = distribution("sizes");
  const Distribution& manufacturers = distribution("item_manufact_id");
  const Distribution& colors = distribution("colors");
  const Distribution& units = distribution("units");
  const int64_t start = first_revision_row(first);
  StreamSet s(kFirst, {1, 1, 1, 2, 200, 2, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 50, 1, 1, 1, 2, 1, 2, 1, 2}, start);
  Kept previous;
  for (int64_t row = start; row < first + count; ++row) {
    NullMap null(s[kNulls], 50, 0x0B);
    int64_t manager_range = managers.pick(1, s[kManagerId]);
    int32_t manager =
        s[kManagerId].uniform(managers.member_int(manager_range, 2), managers.member_int(manager_range, 3));
    Revision revision = revision_of(row, kDateOffset);
    ChangeFlags changes(s[kChanges].next(), revision.new_id);
    Kept now;
    now.description = generate_text(1, 200, s[kDescription]);
    changes.apply(now.description, previous.description);
    int64_t price_range = prices.pick(1, s[kCurrentPrice]);
    int64_t low = hundredths(prices.member(price_range, 2));
    int64_t high = hundredths(prices.member(price_range, 3));
    int64_t price = low + s[kCurrentPrice].next() % (high - low + 1);
    changes.skip();  // dsdgen's change of the price copies 4 bytes of its decimal: none of the value
    int64_t markdown = 30 + s[kWholesaleCost].next() % 61;  // 0.30 to 0.90
    now.wholesale_cost = price * markdown / 100;
    changes.apply(now.wholesale_cost, previous.wholesale_cost);
    int64_t category = categories.pick(1, s[kCategory]);
    const Distribution& classes = distribution(categories.member(category, 2));
    int64_t class_row = classes.pick(1, s[kClass]);
    now.class_id = static_cast<int32_t>(class_row);
    changes.apply(now.class_id, previous.class_id);
    // The brand: from the class drawn now (not the kept id) and the row number.
    int64_t brand_number = row % classes.member_int(class_row, 2) + 1;
    std::string brand = syllable_word(category * 10 + class_row, 45, "brand_syllables") + " #" +
                        std::to_string(brand_number);
    now.brand_id = static_cast<int32_t>(brand_number + (category * 1000 + class_row) * 1000);
    changes.apply(now.brand_id, previous.brand_id);
    const std::string& size = sizes.member(sizes.pick(categories.member_int(category, 3) + 2, s[kSize]), 1);
    changes.skip();
    int64_t manufact_range = manufacturers.pick(1, s[kManufactId]);
    now.manufact_id = s[kManufactId].uniform(manufacturers.member_int(manufact_range, 2),
                                             manufacturers.member_int(manufact_range, 3));
    changes.apply(now.manufact_id, previous.manufact_id);
    now.manufact = syllable_word(now.manufact_id, 50);
    changes.apply(now.manufact, previous.manufact);
    // Twenty digits with a color written over some of them.
    now.formulation = random_characters(20, 20, s[kFormulation], "0123456789");
    const std::string& embedded = colors.member(colors.pick(2, s[kFormulation]), 1);
    auto at = static_cast<size_t>(
        s[kFormulation].uniform(0, static_cast<int32_t>(now.formulation.size() - embedded.size()) - 1));
    now.formulation.replace(at, embedded.size(), embedded);
    changes.apply(now.formulation, previous.formulation);
    const std::string& color = colors.member(colors.pick(2, s[kColor]), 1);
    changes.skip();
    const std::string& unit = units.member(units.pick(1, s[kUnits]), 1);
    changes.skip();
    changes.skip();  // the container: always "Unknown"

    if (row >= first) {
      batch.column(0).append_int64(row);
      append_business_key(batch.column(1), revision.id_row);
      put_revision_dates(batch, 2, null, revision);
      put_text(batch.column(4), null[4], now.description);
      put_decimal(batch.column(5), null[5], price);
      put_decimal(batch.column(6), null[6], now.wholesale_cost);
      put_int(batch.column(7), null[7], now.brand_id);
      put_text(batch.column(8), null[8], brand);
      put_int(batch.column(9), null[9], now.class_id);
      put_text(batch.column(10), null[10], classes.member(class_row, 1));
      put_int(batch.column(11), null[11], static_cast<int32_t>(category));
      put_text(batch.column(12), null[12], categories.member(category, 1));
      put_int(batch.column(13), null[13], now.manufact_id);
      put_text(batch.column(14), null[14], now.manufact);
      put_text(batch.column(15), null[15], size);
      put_text(batch.column(16), null[16], now.formulation);
      put_text(batch.column(17), null[17], color);
      put_text(batch.column(18), null[18], unit);
      put_text(batch.column(19), null[19], "Unknown");
      put_int(batch.column(20), null[20], manager);
      put_text(batch.column(21), null[21], syllable_word(row, 50));
    }
    s.finish_row();
  }
}

}  // namespace tpcds::tables
