#include "read_back.h"

#include <cstring>
#include <stdexcept>

namespace lance_bridge::testing {

bool is_valid(const ArrowArray& a, int64_t i) {
  const auto* bits = static_cast<const uint8_t*>(a.buffers[0]);
  if (a.null_count == 0 || bits == nullptr) return true;
  int64_t j = i + a.offset;
  return (bits[j / 8] >> (j % 8)) & 1;
}

std::string render_decimal(__int128 v, int scale) {
  bool negative = v < 0;
  unsigned __int128 u = negative ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  } while (u);
  while (static_cast<int>(digits.size()) <= scale) digits.insert(digits.begin(), '0');
  if (scale > 0) digits.insert(digits.end() - scale, '.');
  return negative ? "-" + digits : digits;
}

namespace {

template <typename T>
T value_at(const ArrowArray& a, int64_t i) {
  T v;
  std::memcpy(&v, static_cast<const T*>(a.buffers[1]) + a.offset + i, sizeof(T));
  return v;
}

template <typename Offset>
std::string render_string(const ArrowArray& a, int64_t i) {
  Offset begin = value_at<Offset>(a, i);
  Offset end;
  std::memcpy(&end, static_cast<const Offset*>(a.buffers[1]) + a.offset + i + 1, sizeof(Offset));
  return std::string(static_cast<const char*>(a.buffers[2]) + begin, end - begin);
}

}  // namespace

std::string render_value(const ArrowSchema& schema, const ArrowArray& array, int64_t row) {
  if (!is_valid(array, row)) return "<null>";
  std::string f = schema.format;
  if (f == "i") return std::to_string(value_at<int32_t>(array, row));
  if (f == "l") return std::to_string(value_at<int64_t>(array, row));
  if (f == "L") return std::to_string(value_at<uint64_t>(array, row));
  if (f == "tdD") return std::to_string(value_at<int32_t>(array, row));
  if (f == "g") return std::to_string(value_at<double>(array, row));
  if (f == "b") {
    int64_t j = array.offset + row;
    return ((static_cast<const uint8_t*>(array.buffers[1])[j / 8] >> (j % 8)) & 1) ? "true" : "false";
  }
  if (f == "c") return std::to_string(value_at<int8_t>(array, row));
  if (f == "s") return std::to_string(value_at<int16_t>(array, row));
  if (f == "f") return std::to_string(value_at<float>(array, row));
  if (f.rfind("ts", 0) == 0) return std::to_string(value_at<int64_t>(array, row));
  if (f == "u" || f == "z") return render_string<int32_t>(array, row);
  if (f.rfind("+w:", 0) == 0) {  // fixed-size list: "[a, b, ...]"
    int64_t size = std::stoll(f.substr(3));
    const ArrowArray& values = *array.children[0];
    std::string out = "[";
    for (int64_t k = 0; k < size; ++k) {
      if (k) out += ", ";
      out += render_value(*schema.children[0], values, (array.offset + row) * size + k);
    }
    return out + "]";
  }
  if (f == "U" || f == "Z") return render_string<int64_t>(array, row);
  if (f.rfind("d:", 0) == 0) {
    int scale = std::stoi(f.substr(f.find(',') + 1));
    return render_decimal(value_at<__int128>(array, row), scale);
  }
  throw std::runtime_error("read_back: unsupported format " + f);
}

Table read_table(const std::string& uri, Format format) {
  ArrowArrayStream stream;
  scan(uri, format, &stream);
  return read_stream(&stream);
}

Table read_stream(ArrowArrayStream* stream_pointer) {
  ArrowArrayStream& stream = *stream_pointer;
  ArrowSchema schema;
  if (stream.get_schema(&stream, &schema) != 0) {
    stream.release(&stream);
    throw std::runtime_error("read_back: get_schema failed");
  }
  Table table;
  for (int64_t c = 0; c < schema.n_children; ++c) {
    table.names.push_back(schema.children[c]->name);
    table.formats.push_back(schema.children[c]->format);
  }
  table.columns.resize(schema.n_children);
  while (true) {
    ArrowArray batch;
    if (stream.get_next(&stream, &batch) != 0) {
      std::string error = stream.get_last_error(&stream);
      schema.release(&schema);
      stream.release(&stream);
      throw std::runtime_error("read_back: get_next failed: " + error);
    }
    if (batch.release == nullptr) break;
    table.batch_rows.push_back(batch.length);
    for (int64_t c = 0; c < batch.n_children; ++c) {
      for (int64_t r = 0; r < batch.length; ++r) {
        table.columns[c].push_back(render_value(*schema.children[c], *batch.children[c], r + batch.offset));
      }
    }
    batch.release(&batch);
  }
  schema.release(&schema);
  stream.release(&stream);
  return table;
}

}  // namespace lance_bridge::testing
