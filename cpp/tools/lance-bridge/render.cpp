// write_tsv (render.h): a small reader of the Arrow C Data Interface's most
// common layouts; anything else is named, not guessed at.

#include "render.h"

#include "tpch/tpch.h"

#include <cinttypes>
#include <cstring>
#include <stdexcept>
#include <string>

namespace lance_bridge_cli {
namespace {

bool is_valid(const ArrowArray& a, int64_t row) {
  if (a.null_count == 0 || a.n_buffers == 0 || a.buffers[0] == nullptr) return true;
  int64_t bit = a.offset + row;
  return (static_cast<const uint8_t*>(a.buffers[0])[bit / 8] >> (bit % 8)) & 1;
}

template <typename T>
T value_at(const ArrowArray& a, int64_t row) {
  T value;
  std::memcpy(&value, static_cast<const char*>(a.buffers[1]) + (a.offset + row) * sizeof(T), sizeof(T));
  return value;
}

void append_text(std::string& out, const char* data, size_t size) {
  for (size_t i = 0; i < size; ++i) {
    char c = data[i];
    if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\0') out += "\\0";
    else if (c == '\\') out += "\\\\";
    else out += c;
  }
}

template <typename Offset>
void append_string(std::string& out, const ArrowArray& a, int64_t row) {
  const auto* offsets = static_cast<const Offset*>(a.buffers[1]);
  const char* data = static_cast<const char*>(a.buffers[2]);
  Offset begin = offsets[a.offset + row], end = offsets[a.offset + row + 1];
  append_text(out, data + begin, static_cast<size_t>(end - begin));
}

void append_value(std::string& out, const ArrowSchema& s, const ArrowArray& a, int64_t row);

void append_number(std::string& out, const char* format, double value) {
  char text[40];
  std::snprintf(text, sizeof text, format, value);
  out += text;
}

template <typename T>
void append_integer(std::string& out, const ArrowArray& a, int64_t row) {
  out += std::to_string(value_at<T>(a, row));
}

void append_value(std::string& out, const ArrowSchema& s, const ArrowArray& a, int64_t row) {
  if (!is_valid(a, row)) {
    out += "NULL";
    return;
  }
  std::string format = s.format;
  if (s.dictionary != nullptr) {  // the values are keys into another array
    out += "<dictionary>";
    return;
  }
  if (format == "tdD") return tpch::append_date(out, value_at<int32_t>(a, row));  // dbgen's renderer
  if (format == "c") return append_integer<int8_t>(out, a, row);
  if (format == "C") return append_integer<uint8_t>(out, a, row);
  if (format == "s") return append_integer<int16_t>(out, a, row);
  if (format == "S") return append_integer<uint16_t>(out, a, row);
  if (format == "i") return append_integer<int32_t>(out, a, row);
  if (format == "I") return append_integer<uint32_t>(out, a, row);
  if (format == "l") return append_integer<int64_t>(out, a, row);
  if (format == "L") return append_integer<uint64_t>(out, a, row);
  if (format == "f") return append_number(out, "%.9g", value_at<float>(a, row));
  if (format == "g") return append_number(out, "%.17g", value_at<double>(a, row));
  if (format == "u") return append_string<int32_t>(out, a, row);
  if (format == "U") return append_string<int64_t>(out, a, row);
  if (format == "b") {
    int64_t bit = a.offset + row;
    out += (static_cast<const uint8_t*>(a.buffers[1])[bit / 8] >> (bit % 8)) & 1 ? "true" : "false";
    return;
  }
  if (format.rfind("+w:", 0) == 0) {  // a fixed-size list: a vector
    int64_t width = std::stoll(format.substr(3));
    const ArrowArray& values = *a.children[0];
    out += '[';
    for (int64_t i = 0; i < width; ++i) {
      if (i) out += ',';
      append_value(out, *s.children[0], values, (a.offset + row) * width + i);
    }
    out += ']';
    return;
  }
  out += "<" + format + ">";
}

}  // namespace

uint64_t write_tsv(ArrowArrayStream* stream, std::FILE* out) {
  struct Release {
    ArrowArrayStream* s;
    ~Release() {
      if (s->release) s->release(s);
    }
  } release_stream{stream};
  ArrowSchema schema{};
  if (stream->get_schema(stream, &schema) != 0) throw std::runtime_error("the result stream has no schema");
  std::string line;
  for (int64_t c = 0; c < schema.n_children; ++c) line += std::string(c ? "\t" : "") + schema.children[c]->name;
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), out);
  uint64_t rows = 0;
  for (;;) {
    ArrowArray batch{};
    if (stream->get_next(stream, &batch) != 0) {
      const char* why = stream->get_last_error ? stream->get_last_error(stream) : nullptr;
      schema.release(&schema);
      throw std::runtime_error(std::string("reading the results failed: ") + (why ? why : "no reason given"));
    }
    if (batch.release == nullptr) break;
    for (int64_t row = 0; row < batch.length; ++row) {
      line.clear();
      for (int64_t c = 0; c < schema.n_children; ++c) {
        if (c) line += '\t';
        append_value(line, *schema.children[c], *batch.children[c], batch.offset + row);
      }
      line += '\n';
      std::fwrite(line.data(), 1, line.size(), out);
    }
    rows += static_cast<uint64_t>(batch.length);
    batch.release(&batch);
  }
  schema.release(&schema);
  return rows;
}

}  // namespace lance_bridge_cli
