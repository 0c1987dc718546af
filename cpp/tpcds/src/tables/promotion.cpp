// promotion: dates around the data's start, an item, channels and text.

#include "../distributions.h"
#include "../joins.h"
#include "../nulls.h"
#include "../text.h"
#include "../values.h"
#include "tables.h"

namespace tpcds::tables {
namespace {
constexpr int kStartColumn = 230, kEndColumn = 231, kItemColumn = 232, kChannelColumn = 236,
              kDetailsColumn = 244, kNullsColumn = 247;
constexpr int kNullBasisPoints = 200;
constexpr uint64_t kNeverNull = 0x03;
}  // namespace

void promotion(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch) {
  const Type2Keys items(Table::Item, scale_factor);
  Stream start_stream(kStartColumn, 1, first);
  Stream end_stream(kEndColumn, 1, first);
  Stream item_stream(kItemColumn, 1, first);
  Stream channel_stream(kChannelColumn, 1, first);
  Stream details_stream(kDetailsColumn, 100, first);
  Stream nulls_stream(kNullsColumn, 2, first);
  for (int64_t row = first; row < first + count; ++row) {
    NullMap null(nulls_stream, kNullBasisPoints, kNeverNull);
    int64_t start = kJulianDataStart + start_stream.uniform(-720, 100);
    int64_t end = start + end_stream.uniform(1, 60);
    // The item current on day 1, long before any revision: always an id's first.
    int64_t item = type2_join(items, 1, item_stream);
    int32_t channels = channel_stream.uniform(0, 511);
    std::string details = generate_text(20, 60, details_stream);
    batch.column(0).append_int64(row);
    append_business_key(batch.column(1), row);
    put_key(batch.column(2), null[2], start);
    put_key(batch.column(3), null[3], end);
    put_key(batch.column(4), null[4], item);
    put_decimal(batch.column(5), null[5], 100000);  // 1000.00
    put_int(batch.column(6), null[6], 1);
    put_text(batch.column(7), null[7], syllable_word(row, 5));
    put_flag(batch.column(8), null[8], channels & 1);
    // dsdgen shifts the flags before reading each of the others, so they are
    // all 'N'.
    for (int i = 0; i < 7; ++i) put_flag(batch.column(9 + static_cast<size_t>(i)), null[9 + i], false);
    put_text(batch.column(16), null[16], details);
    put_text(batch.column(17), null[17], "Unknown");  // "promo_purpose" has no other value
    put_flag(batch.column(18), null[18], false);
    for (Stream* s : {&start_stream, &end_stream, &item_stream, &channel_stream, &details_stream, &nulls_stream}) {
      s->finish_row();
    }
  }
}

}  // namespace tpcds::tables
