// Rendering batches as dbgen's .tbl text.

#include <cstring>
#include <stdexcept>

#include "tpch/tpch.h"

namespace tpch {
namespace {

using lance_bridge::ColumnType;

void put_int(std::string& out, int64_t v) {
  char buf[24];
  char* end = buf + sizeof buf;
  char* p = end;
  bool negative = v < 0;
  uint64_t u = negative ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  do {
    *--p = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u);
  if (negative) *--p = '-';
  out.append(p, end);
}

// Unscaled cents as "-12.34".
void put_money(std::string& out, int64_t cents) {
  if (cents < 0) {
    out.push_back('-');
    cents = -cents;
  }
  put_int(out, cents / 100);
  out.push_back('.');
  out.push_back(static_cast<char>('0' + cents % 100 / 10));
  out.push_back(static_cast<char>('0' + cents % 10));
}

void put_date(std::string& out, int32_t days_since_epoch) {
  // Days since 1970-01-01 to the proleptic Gregorian calendar.
  int64_t z = days_since_epoch + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  int64_t y = yoe + era * 400 + (m <= 2);
  char buf[10] = {static_cast<char>('0' + y / 1000),      static_cast<char>('0' + y / 100 % 10),
                  static_cast<char>('0' + y / 10 % 10),    static_cast<char>('0' + y % 10),
                  '-',
                  static_cast<char>('0' + m / 10),         static_cast<char>('0' + m % 10),
                  '-',
                  static_cast<char>('0' + d / 10),         static_cast<char>('0' + d % 10)};
  out.append(buf, 10);
}

template <typename T>
T load(const ArrowArray& column, int64_t row) {
  T v;
  std::memcpy(&v, static_cast<const T*>(column.buffers[1]) + column.offset + row, sizeof v);
  return v;
}

}  // namespace

void append_tbl(Table table, const ArrowArray& batch, std::string& out) {
  std::vector<lance_bridge::Field> fields = table_fields(table);
  if (batch.n_children != static_cast<int64_t>(fields.size())) {
    throw std::invalid_argument("append_tbl: the batch is not a " + std::string(table_name(table)) + " batch");
  }
  for (int64_t r = 0; r < batch.length; ++r) {
    int64_t row = r + batch.offset;
    for (size_t c = 0; c < fields.size(); ++c) {
      const ArrowArray& column = *batch.children[c];
      switch (fields[c].type) {
        case ColumnType::Int32: put_int(out, load<int32_t>(column, row)); break;
        case ColumnType::Int64: put_int(out, load<int64_t>(column, row)); break;
        case ColumnType::Date32: put_date(out, load<int32_t>(column, row)); break;
        case ColumnType::Decimal128: {
          // The low word of the little-endian 128-bit value (TPC-H money fits in 64 bits).
          int64_t cents;
          std::memcpy(&cents, static_cast<const int64_t*>(column.buffers[1]) + 2 * (column.offset + row), 8);
          // dbgen prints the quantity as a whole number.
          if (table == Table::LineItem && c == 4) {
            put_int(out, cents / 100);
          } else {
            put_money(out, cents);
          }
          break;
        }
        case ColumnType::Utf8: {
          const auto* offsets = static_cast<const int32_t*>(column.buffers[1]) + column.offset;
          const char* chars = static_cast<const char*>(column.buffers[2]);
          out.append(chars + offsets[row], static_cast<size_t>(offsets[row + 1] - offsets[row]));
          break;
        }
        case ColumnType::Float64:
        case ColumnType::Boolean:
        case ColumnType::Int8:
        case ColumnType::Int16:
        case ColumnType::Float32:
        case ColumnType::Timestamp:
        case ColumnType::Binary:
        case ColumnType::Float32Vector:
          throw std::logic_error("append_tbl: TPC-H has no column of this type");
      }
      out.push_back('|');
    }
    out.push_back('\n');
  }
}

}  // namespace tpch
