// web_site: a type 2 dimension of the small tables' geography. The name and
// the opening and closing dates are an id's own (set with its first
// revision); a later revision keeps some other fields of the previous one,
// by its change flags.

#include <string>

#include "../address_columns.h"
#include "../scaling.h"
#include "../scd.h"
#include "../stream_set.h"
#include "../text.h"
#include "market.h"
#include "tables.h"

namespace tpcds::tables {
namespace {

enum Column {
  kFirst = 447, kManager = 455, kCompanyId = 460,  // the market's 4 columns between
  kTaxPercentage = 472, kNulls, kAddress, kChanges
};
constexpr int64_t kDateOffset = 6 * 23;  // 6 x dsdgen's table number of web_site

struct Kept {
  int32_t company_id = 0;
  std::string company_name;
  int64_t tax_percentage = 0;
};

}  // namespace

void web_site(double sf, int64_t first, int64_t count, BatchBuilder& batch) {
  const int64_t rows = scaled_row_count(Table::WebSite, sf);
  const int64_t site_days = web_site_days(sf);
  const int64_t start = first_revision_row(first);
  StreamSet s(kFirst, {1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 20, 100, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 7, 70},
              start);
  Kept previous;
  Market previous_market;
  KeptAddress previous_address;
  int64_t opened = 0;
  int64_t closed = -1;
  std::string name;
  for (int64_t row = start; row < first + count; ++row) {
    NullMap null(s[kNulls], 100, 0x0B);
    Revision revision = revision_of(row, kDateOffset);
    if (revision.new_id) {
      opened = web_site_opened(row, site_days);
      // dsdgen closes a site a site's span before it opened (half a span
      // less for every other even row); one that is still current, never.
      closed = opened - site_days;
      if (row % 2 == 0 && (row / 2) % 2 == 0) closed += site_days / 2;
      if (closed > revision.end) closed = -1;
      name = "site_" + std::to_string(row / 6);
    }
    ChangeFlags changes(s[kChanges].next(), revision.new_id);
    Kept now;
    Market market = draw_market(s, kManager, changes, previous_market);
    now.company_id = s[kCompanyId].uniform(1, 6);
    changes.apply(now.company_id, previous.company_id);
    now.company_name = syllable_word(now.company_id, 100);
    changes.apply(now.company_name, previous.company_name);
    Address address = make_address(s[kAddress], rows, sf);
    apply_address_changes(changes, address, previous_address);
    now.tax_percentage = s[kTaxPercentage].next() % 13;  // 0.00 to 0.12
    changes.apply(now.tax_percentage, previous.tax_percentage);

    if (row >= first) {
      batch.column(0).append_int64(row);
      append_business_key(batch.column(1), revision.id_row);
      put_revision_dates(batch, 2, null, revision);
      put_text(batch.column(4), null[4], name);
      put_key(batch.column(5), null[5], opened);
      put_key(batch.column(6), null[6], closed);
      put_text(batch.column(7), null[7], "Unknown");
      put_text(batch.column(8), null[8], market.manager);
      put_int(batch.column(9), null[9], market.id);
      put_text(batch.column(10), null[10], market.market_class);
      put_text(batch.column(11), null[11], market.description);
      put_text(batch.column(12), null[12], market.market_manager);
      put_int(batch.column(13), null[13], now.company_id);
      put_text(batch.column(14), null[14], now.company_name);
      put_address(batch, 15, null, [](int i) { return 15 + i; }, address);
      put_decimal(batch.column(25), null[25], now.tax_percentage);
    }
    s.finish_row();
  }
}

}  // namespace tpcds::tables
