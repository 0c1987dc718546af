// Rendering record batches as dbgen's .tbl text, column by column as their
// Arrow C schema describes them. The one renderer of .tbl text: tpch-lance
// --format tbl writes with it and lance-bridge-inspect --tbl reads back with it.

#include <charconv>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "tpch/tpch.h"

namespace tpch {
namespace {

// How a column renders. Chosen once per call from its format string, so the
// row loop only switches on this.
enum class Kind : uint8_t { Int32, Int64, Date32, Decimal128, Utf8, LargeUtf8 };

// One column of the batch, ready to render: its kind and raw buffers.
struct Column {
  Kind kind = Kind::Int64;
  int scale = 0;              // Decimal128: digits after the point
  bool whole_number = false;  // a decimal printed without its fraction (whole_number_column)
  const uint8_t* validity = nullptr;      // null when no value is null
  const unsigned char* values = nullptr;  // buffers[1]: the values, or a string column's offsets
  const char* chars = nullptr;            // buffers[2] of a string column
  // Where the batch's row 0 is in the buffers: a struct's children are read at
  // their own offset plus the struct's.
  int64_t first = 0;
};

// Unaligned on purpose: nothing in the C Data Interface promises alignment
// (lance-bridge copies misaligned buffers only when it imports them).
template <typename T>
T load(const unsigned char* values, int64_t index) {
  T v;
  std::memcpy(&v, values + static_cast<size_t>(index) * sizeof(T), sizeof v);
  return v;
}

// Writes the decimal digits of `u` just before `end`; returns the first.
char* digits64(uint64_t u, char* end) {
  do {
    *--end = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u);
  return end;
}

// The same for 128 bits: 19 digits at a time by 128-bit division (a library
// call, so at most twice: 2^128 has 39 digits), then 64-bit arithmetic.
char* digits128(unsigned __int128 u, char* end) {
  constexpr uint64_t kTen19 = 10'000'000'000'000'000'000ULL;
  while (u >> 64) {
    uint64_t chunk = static_cast<uint64_t>(u % kTen19);
    u /= kTen19;
    for (int k = 0; k < 19; ++k) {  // zero-padded: these digits are not the leading ones
      *--end = static_cast<char>('0' + chunk % 10);
      chunk /= 10;
    }
  }
  return digits64(static_cast<uint64_t>(u), end);
}

void put_int(std::string& out, int64_t v) {
  char buf[24];
  char* end = buf + sizeof buf;
  // The magnitude in unsigned arithmetic, so that INT64_MIN negates too.
  uint64_t magnitude = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  char* p = digits64(magnitude, end);
  if (v < 0) *--p = '-';
  out.append(p, end);
}

// A decimal128 (16 bytes, two's complement in the host's byte order, which is
// Arrow's: little-endian on every host this builds for) with `scale` digits
// after the point: "-12.34", "0.05"; with `whole_number`, the part before the
// point only (truncated toward zero, so never "-0").
void put_decimal(std::string& out, const unsigned char* at, int scale, bool whole_number) {
  unsigned __int128 bits;
  std::memcpy(&bits, at, sizeof bits);
  bool negative = (bits >> 127) != 0;
  unsigned __int128 magnitude = negative ? 0 - bits : bits;
  char buf[48];  // 39 digits at most: 2^127 has 39, and scale <= 38 pads to 39
  char* end = buf + sizeof buf;
  // 64-bit arithmetic whenever the value fits (every TPC-H value does).
  char* p = (magnitude >> 64) == 0 ? digits64(static_cast<uint64_t>(magnitude), end) : digits128(magnitude, end);
  while (end - p <= scale) *--p = '0';  // a digit before the point: 0.05, not .05
  char* point = end - scale;
  if (whole_number) {
    if (negative && !(point - p == 1 && *p == '0')) out.push_back('-');
    out.append(p, point);
    return;
  }
  if (negative) out.push_back('-');
  out.append(p, point);
  if (scale > 0) {
    out.push_back('.');
    out.append(point, end);
  }
}


void put_string(std::string& out, const char* chars, int64_t begin, int64_t end) {
  // Empty strings skipped: a string column of only empty strings may have no
  // character buffer at all.
  if (end > begin) out.append(chars + begin, static_cast<size_t>(end - begin));
}

void render(const Column& c, int64_t i, std::string& out) {
  switch (c.kind) {
    case Kind::Int32: put_int(out, load<int32_t>(c.values, i)); break;
    case Kind::Int64: put_int(out, load<int64_t>(c.values, i)); break;
    case Kind::Date32: append_date(out, load<int32_t>(c.values, i)); break;
    case Kind::Decimal128: put_decimal(out, c.values + static_cast<size_t>(i) * 16, c.scale, c.whole_number); break;
    case Kind::Utf8: put_string(out, c.chars, load<int32_t>(c.values, i), load<int32_t>(c.values, i + 1)); break;
    case Kind::LargeUtf8: put_string(out, c.chars, load<int64_t>(c.values, i), load<int64_t>(c.values, i + 1)); break;
  }
}

bool parse_int(std::string_view text, int& value) {
  const char* end = text.data() + text.size();
  auto [at, error] = std::from_chars(text.data(), end, value);
  return !text.empty() && error == std::errc() && at == end;
}

// The scale of a decimal128 format ("d:P,S", or "d:P,S,128" with the width
// spelt out), or -1 for any other format: another width, a negative scale
// (valid Arrow, but no TPC-H type, so refused rather than rendered some way).
int decimal128_scale(std::string_view format) {
  if (format.substr(0, 2) != "d:") return -1;
  format.remove_prefix(2);
  size_t comma = format.find(',');
  int precision = 0;
  if (comma == std::string_view::npos || !parse_int(format.substr(0, comma), precision) || precision < 1 ||
      precision > 38) {
    return -1;
  }
  format.remove_prefix(comma + 1);
  size_t width = format.find(',');
  if (width != std::string_view::npos) {
    if (format.substr(width + 1) != "128") return -1;
    format = format.substr(0, width);
  }
  int scale = 0;
  if (!parse_int(format, scale) || scale < 0 || scale > 38) return -1;
  return scale;
}

// By name, wherever the column is: decimals the reference generators print as
// whole numbers: dbgen's l_quantity, dsdgen's time zones (ca_gmt_offset, ...).
bool whole_number_column(std::string_view name) {
  constexpr std::string_view kGmtOffset = "_gmt_offset";
  return name == "l_quantity" ||
         (name.size() > kGmtOffset.size() && name.substr(name.size() - kGmtOffset.size()) == kGmtOffset);
}

[[noreturn]] void refuse(const std::string& why) { throw std::invalid_argument("append_tbl: " + why); }

// The batch's columns, checked against the schema and ready to render. Every
// check is made here, before any text is appended.
std::vector<Column> columns_of(const ArrowSchema& schema, const ArrowArray& batch) {
  if (schema.format == nullptr || std::string_view(schema.format) != "+s") {
    refuse("the schema is not a record batch's (a struct, format '+s') but has format '" +
           std::string(schema.format ? schema.format : "(null)") + "'");
  }
  if (batch.n_children != schema.n_children) {
    refuse("the batch has " + std::to_string(batch.n_children) + " columns, its schema " +
           std::to_string(schema.n_children));
  }
  if (batch.length < 0 || batch.offset < 0) refuse("the batch has a negative length or offset");
  std::vector<Column> columns(static_cast<size_t>(batch.n_children));
  for (int64_t c = 0; c < batch.n_children; ++c) {
    const ArrowSchema* field = schema.children ? schema.children[c] : nullptr;
    const ArrowArray* child = batch.children ? batch.children[c] : nullptr;
    if (field == nullptr || child == nullptr || field->format == nullptr) {
      refuse("column " + std::to_string(c) + " is missing from the batch or its schema");
    }
    std::string name = field->name ? field->name : "";
    std::string_view format = field->format;
    Column& column = columns[static_cast<size_t>(c)];
    int64_t buffers = 2;
    if (format == "i") {
      column.kind = Kind::Int32;
    } else if (format == "l") {
      column.kind = Kind::Int64;
    } else if (format == "tdD") {
      column.kind = Kind::Date32;
    } else if (format == "u" || format == "U") {
      column.kind = format == "u" ? Kind::Utf8 : Kind::LargeUtf8;
      buffers = 3;
    } else if (int scale = decimal128_scale(format); scale >= 0) {
      column.kind = Kind::Decimal128;
      column.scale = scale;
      column.whole_number = whole_number_column(name);
    } else {
      refuse("column '" + name + "' has format '" + std::string(format) +
             "', which has no .tbl text (int32, int64, date32, decimal128, utf8 and large utf8 have)");
    }
    if (child->n_buffers != buffers || child->buffers == nullptr) {
      refuse("column '" + name + "' has " + std::to_string(child->n_buffers) + " buffers; format '" +
             std::string(format) + "' has " + std::to_string(buffers));
    }
    if (child->offset < 0 || child->length < batch.offset + batch.length) {
      refuse("column '" + name + "' has fewer values than the batch's rows");
    }
    column.first = child->offset + batch.offset;
    column.values = static_cast<const unsigned char*>(child->buffers[1]);
    if (buffers == 3) column.chars = static_cast<const char*>(child->buffers[2]);
    if (column.values == nullptr && batch.length > 0) refuse("column '" + name + "' has no values buffer");
    // A null count of 0 promises no nulls, whatever bitmap is there; -1
    // (unknown) or more means reading it, if there is one.
    if (child->null_count != 0) column.validity = static_cast<const uint8_t*>(child->buffers[0]);
  }
  return columns;
}

}  // namespace

void append_date(std::string& out, int32_t days_since_epoch) {
  // Days since 1970-01-01 to the proleptic Gregorian calendar (Howard
  // Hinnant's civil_from_days); the era is floored, so dates before 1970 and
  // before year 0 come out right.
  int64_t z = static_cast<int64_t>(days_since_epoch) + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  int64_t y = yoe + era * 400 + (m <= 2);
  if (y >= 0 && y <= 9999) {
    char year[4] = {static_cast<char>('0' + y / 1000), static_cast<char>('0' + y / 100 % 10),
                    static_cast<char>('0' + y / 10 % 10), static_cast<char>('0' + y % 10)};
    out.append(year, 4);
  } else {
    put_int(out, y);  // a date32 reaches about 5.8 million years either side: the year as it is
  }
  char month_day[6] = {'-', static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10),
                       '-', static_cast<char>('0' + d / 10), static_cast<char>('0' + d % 10)};
  out.append(month_day, 6);
}

void append_tbl(const ArrowSchema& schema, const ArrowArray& batch, std::string& out) {
  const std::vector<Column> columns = columns_of(schema, batch);
  // A record batch has no null rows (lance-bridge refuses top-level nulls), so
  // the struct's own validity is not read.
  for (int64_t r = 0; r < batch.length; ++r) {
    for (const Column& c : columns) {
      int64_t i = c.first + r;
      if (c.validity == nullptr || ((c.validity[i >> 3] >> (i & 7)) & 1)) render(c, i, out);
      out.push_back('|');
    }
    out.push_back('\n');
  }
}

}  // namespace tpch
