// tpch::append_tbl, the one .tbl renderer, on batches assembled by hand: each
// format it renders, negative decimals and decimals beyond 64 bits, nulls,
// sliced arrays (the batch's offset and the columns'), large utf8, l_quantity
// found by its name, dates before 1970. The dbgen runs (tpch_conformance_test)
// only ever give it the generator's own batches; these give it what a reader
// may hand back. Every expected line is written out here, worked by hand.

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "lance_bridge/arrow_c_abi.h"
#include "tpch/tpch.h"

namespace lance_bridge::testing {
namespace {

// A record batch built buffer by buffer. The structs point into this object
// and into the test's own arrays, which outlive the rendering; append_tbl
// releases nothing, so no release callback is set.
class HandBatch {
 public:
  // Adds a column of `length` values that start at `offset` in `buffers`: the
  // validity bitmap (null: no nulls) first, then the format's other buffers.
  HandBatch& column(const char* name, const char* format, int64_t length, int64_t offset,
                    std::vector<const void*> buffers) {
    auto c = std::make_unique<Column>();
    c->buffers = std::move(buffers);
    c->schema.format = format;
    c->schema.name = name;
    c->schema.flags = ARROW_FLAG_NULLABLE;
    c->array.length = length;
    c->array.offset = offset;
    // With a bitmap, "unknown" (-1): the renderer has to read the bits.
    c->array.null_count = c->buffers[0] ? -1 : 0;
    c->array.n_buffers = static_cast<int64_t>(c->buffers.size());
    c->array.buffers = c->buffers.data();
    schemas_.push_back(&c->schema);
    arrays_.push_back(&c->array);
    columns_.push_back(std::move(c));
    return *this;
  }

  // Appends rows [offset, offset + length) of the batch to `out`.
  void append(std::string& out, int64_t length, int64_t offset = 0) {
    ArrowSchema schema{};
    schema.format = "+s";
    schema.name = "";
    schema.n_children = static_cast<int64_t>(schemas_.size());
    schema.children = schemas_.data();
    const void* no_validity[1] = {nullptr};
    ArrowArray batch{};
    batch.length = length;
    batch.offset = offset;
    batch.n_buffers = 1;
    batch.buffers = no_validity;
    batch.n_children = static_cast<int64_t>(arrays_.size());
    batch.children = arrays_.data();
    tpch::append_tbl(schema, batch, out);
  }

  std::string tbl(int64_t length, int64_t offset = 0) {
    std::string out;
    append(out, length, offset);
    return out;
  }

 private:
  struct Column {
    ArrowSchema schema{};
    ArrowArray array{};
    std::vector<const void*> buffers;
  };
  std::vector<std::unique_ptr<Column>> columns_;  // stable addresses for the pointers below
  std::vector<ArrowSchema*> schemas_;
  std::vector<ArrowArray*> arrays_;
};

TEST(TpchTbl, IntegersAndStringsAsTheyAre) {
  const int32_t small[] = {7, -42, 2147483647, -2147483647 - 1};
  const int64_t keys[] = {0, -1, INT64_MAX, INT64_MIN};
  const int32_t offsets[] = {0, 18, 18, 21, 24};
  const char chars[] = "Customer#000000001x yABC";
  HandBatch batch;
  batch.column("small", "i", 4, 0, {nullptr, small})
      .column("key", "l", 4, 0, {nullptr, keys})
      .column("name", "u", 4, 0, {nullptr, offsets, chars});
  EXPECT_EQ(batch.tbl(4),
            "7|0|Customer#000000001|\n"
            "-42|-1||\n"
            "2147483647|9223372036854775807|x y|\n"
            "-2147483648|-9223372036854775808|ABC|\n");
}

TEST(TpchTbl, DatesBeforeAndAfter1970) {
  // Days since 1970-01-01, counted by hand: 1969 has 365 days; from 1968-02-29
  // to the end of leap 1968 are 366 - 59 = 307 days, so it is 307 + 365 = 672
  // days before; 1900 to 1970 is 70 * 365 + 17 leap days (1904 to 1968) =
  // 25567 days, and 1900-02-28 is 31 + 27 = 58 days into 1900 (not a leap
  // year: the next day is March 1st), so 25567 - 58 = 25509 days before;
  // 0001-01-01 is 1969 * 365 + 477 leap days (492 - 19 + 4) = 719162 days
  // before; 2000-02-29 is 30 * 365 + 7 leap days + 31 + 28 = 11016 days after;
  // 9999-12-31 is 2932896 days after, so the next day has a five-digit year.
  const int32_t days[] = {0, -1, -365, -672, -25509, -719162, 11016, 2932896, 2932897};
  HandBatch batch;
  batch.column("o_orderdate", "tdD", 9, 0, {nullptr, days});
  EXPECT_EQ(batch.tbl(9),
            "1970-01-01|\n"
            "1969-12-31|\n"
            "1969-01-01|\n"
            "1968-02-29|\n"
            "1900-02-28|\n"
            "0001-01-01|\n"
            "2000-02-29|\n"
            "9999-12-31|\n"
            "10000-01-01|\n");
}

TEST(TpchTbl, DecimalsWithTheirScaleOverAll128Bits) {
  // Each value as two 64-bit words, low first: a decimal128's little-endian
  // bytes on a little-endian host. Negative values in two's complement: -x is
  // ~x + 1, so a low word L != 0 becomes 2^64 - L and the high word H, ~H.
  const uint64_t money[] = {
      static_cast<uint64_t>(-1234), ~0ULL,          // -12.34
      static_cast<uint64_t>(-5), ~0ULL,             // -0.05
      0, 0,                                         // 0.00
      7, 0,                                         // 0.07
      0, 1,                                         // 2^64 = 18446744073709551616
      0xFFFFFFFFFFFFFFFBULL, 0xFFFFFFFFFFFFFFFEULL,  // -(2^64 + 5): 2^64 - 5 and ~1
      // 10^20 = 5 * 2^64 + 7766279631452241920 (0x6BC75E2D63100000): its low
      // 19 digits are all zeros, which must still be printed.
      0x6BC75E2D63100000ULL, 5,
      // 10^38 - 1, the largest decimal128(38): 0x4B3B4CA85A86C47A_098A223FFFFFFFFF.
      0x098A223FFFFFFFFFULL, 0x4B3B4CA85A86C47AULL,
  };
  HandBatch batch;
  batch.column("c_acctbal", "d:15,2", 8, 0, {nullptr, money});
  EXPECT_EQ(batch.tbl(8),
            "-12.34|\n"
            "-0.05|\n"
            "0.00|\n"
            "0.07|\n"
            "184467440737095516.16|\n"
            "-184467440737095516.21|\n"
            "1000000000000000000.00|\n"
            "999999999999999999999999999999999999.99|\n");

  const uint64_t wide[] = {
      0, 0x8000000000000000ULL,                       // -2^127, the smallest
      static_cast<uint64_t>(-42), ~0ULL,              // -42
      0x6BC75E2D63100000ULL, 5,                       // 10^20
  };
  const uint64_t fine[] = {
      1, 0,                                           // 10^-20 at scale 20
      0x9438A1D29CF00000ULL, 0xFFFFFFFFFFFFFFFAULL,   // -(10^20): 2^64 - 0x6BC75E2D63100000 and ~5
      0, 0,
  };
  HandBatch scales;
  scales.column("wide", "d:38,0,128", 3, 0, {nullptr, wide}).column("fine", "d:38,20", 3, 0, {nullptr, fine});
  EXPECT_EQ(scales.tbl(3),
            "-170141183460469231731687303715884105728|0.00000000000000000001|\n"
            "-42|-1.00000000000000000000|\n"
            "100000000000000000000|0.00000000000000000000|\n");
}

TEST(TpchTbl, LQuantityIsAWholeNumberByItsName) {
  // The same values under two names, l_quantity not in lineitem's position
  // (the fifth column): only the name decides.
  const uint64_t values[] = {1700, 0, 5000, 0, 100, 0};
  HandBatch batch;
  batch.column("l_quantity", "d:15,2", 3, 0, {nullptr, values})
      .column("l_extendedprice", "d:15,2", 3, 0, {nullptr, values})
      .column("l_quantity", "d:15,2,128", 3, 0, {nullptr, values});
  EXPECT_EQ(batch.tbl(3),
            "17|17.00|17|\n"
            "50|50.00|50|\n"
            "1|1.00|1|\n");
}

TEST(TpchTbl, NullsAreEmpty) {
  const uint8_t row_1_null[] = {0x05};  // bits 0 and 2 set
  const uint8_t row_2_null[] = {0x03};
  const uint8_t row_0_null[] = {0x06};
  const uint8_t all_null[] = {0x00};
  const int32_t ints[] = {1, 2, 3};
  const int32_t offsets[] = {0, 2, 4, 6};
  const char chars[] = "aabbcc";  // "cc", under a null, is not printed
  const uint64_t money[] = {100, 0, static_cast<uint64_t>(-100), ~0ULL, 250, 0};
  const int32_t days[] = {0, 1, 2};
  HandBatch batch;
  batch.column("i", "i", 3, 0, {row_1_null, ints})
      .column("s", "u", 3, 0, {row_2_null, offsets, chars})
      .column("m", "d:15,2", 3, 0, {row_0_null, money})
      .column("d", "tdD", 3, 0, {all_null, days});
  EXPECT_EQ(batch.tbl(3),
            "1|aa|||\n"
            "|bb|-1.00||\n"
            "3||2.50||\n");
}

TEST(TpchTbl, SlicedArraysAreReadAtTheirOffsets) {
  // Rows 4 to 6 of the batch; each column's own offset is added to the
  // batch's, so column c's rows are its values [offset_c + 4, offset_c + 7).
  // int64 at offset 3: values 7, 8, 9, with 8 null (bit 0 of the second byte:
  // the bitmap is read across a byte boundary).
  const int64_t keys[] = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19};
  const uint8_t key_validity[] = {0xFF, 0x02};
  // utf8 at offset 2: values 6, 7, 8.
  const int32_t offsets[] = {0, 1, 3, 6, 10, 11, 13, 16, 20, 21};
  const char chars[] = "abbcccddddeffggghhhhi";
  // large utf8 at offset 1: values 5, 6, 7, with 6 null.
  const int64_t large_offsets[] = {0, 0, 1, 3, 3, 6, 21, 28, 31};
  const char large_chars[] = "xyyzzzClerk#000000001ignoredend";
  const uint8_t large_validity[] = {0xBF};  // all but bit 6
  // decimal at offset 0: values 4, 5, 6.
  const uint64_t money[] = {0, 0, 0, 0, 0, 0, 0, 0, static_cast<uint64_t>(-1), ~0ULL, 99, 0,
                            static_cast<uint64_t>(-100000), ~0ULL, 0, 0};
  HandBatch batch;
  batch.column("key", "l", 7, 3, {key_validity, keys})
      .column("word", "u", 7, 2, {nullptr, offsets, chars})
      .column("o_clerk", "U", 7, 1, {large_validity, large_offsets, large_chars})
      .column("price", "d:12,2", 8, 0, {nullptr, money});
  std::string out = "kept\n";  // appended to, not replaced
  batch.append(out, 3, 4);
  EXPECT_EQ(out,
            "kept\n"
            "17|ggg|Clerk#000000001|-0.01|\n"
            "|hhhh||0.99|\n"
            "19|i|end|-1000.00|\n");
  EXPECT_EQ(batch.tbl(0, 4), "");
}

TEST(TpchTbl, OtherFormatsAreRefusedByColumnName) {
  const double prices[] = {1.5};
  const uint64_t money[] = {1, 0};
  for (const char* format : {"g", "d:15,2,256", "d:15,-2", "d:15", "tdm", "vu"}) {
    HandBatch batch;
    std::vector<const void*> buffers = {nullptr, format[0] == 'd' ? static_cast<const void*>(money) : prices};
    batch.column("l_discount", format, 1, 0, buffers);
    std::string out = "before";
    try {
      batch.append(out, 1);
      ADD_FAILURE() << "format " << format << " was rendered: " << out;
    } catch (const std::invalid_argument& e) {
      std::string what = e.what();
      EXPECT_NE(what.find("'l_discount'"), std::string::npos) << what;
      EXPECT_NE(what.find(std::string("'") + format + "'"), std::string::npos) << what;
    }
    EXPECT_EQ(out, "before") << "nothing appended when refused";
  }
  // A column shorter than the batch's rows is refused too, not read past.
  const int32_t two[] = {1, 2};
  HandBatch short_column;
  short_column.column("n", "i", 2, 0, {nullptr, two});
  EXPECT_THROW(short_column.tbl(2, 1), std::invalid_argument);
}

}  // namespace
}  // namespace lance_bridge::testing
