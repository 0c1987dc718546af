// Build Arrow record batches from C++ values, without Arrow C++, and hand them
// over as Arrow C Data Interface structs.
//
//   lance_bridge::BatchBuilder batch({lance_bridge::Field::int64("id"),
//                                     lance_bridge::Field::utf8("name")});
//   batch.column(0).append_int64(1);
//   batch.column(1).append_string("one");
//   ArrowArray array;
//   batch.finish(&array);   // array owns the buffers; its release frees them
//   writer.write(&array);
//
// Values are written once, straight into the final column buffers (64-byte
// aligned). finish() moves the buffers out, so the builder is ready for the next
// batch and no byte is copied on the way to the writer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lance_bridge/arrow_c_abi.h"

namespace lance_bridge {

enum class ColumnType : uint8_t { Int32, Int64, Float64, Decimal128, Date32, Utf8 };

struct Field {
  std::string name;
  ColumnType type = ColumnType::Int64;
  bool nullable = false;
  int32_t precision = 0;  // Decimal128 only
  int32_t scale = 0;      // Decimal128 only

  static Field int32(std::string name, bool nullable = false);
  static Field int64(std::string name, bool nullable = false);
  static Field float64(std::string name, bool nullable = false);
  static Field decimal128(std::string name, int32_t precision, int32_t scale, bool nullable = false);
  static Field date32(std::string name, bool nullable = false);
  static Field utf8(std::string name, bool nullable = false);
};

// Exports a record batch schema (a struct of these fields) into `out`.
void export_schema(const std::vector<Field>& fields, ArrowSchema* out);

// A growable buffer whose data is 64-byte aligned.
class AlignedBuffer {
 public:
  AlignedBuffer() = default;
  AlignedBuffer(AlignedBuffer&& other) noexcept;
  AlignedBuffer& operator=(AlignedBuffer&& other) noexcept;
  AlignedBuffer(const AlignedBuffer&) = delete;
  AlignedBuffer& operator=(const AlignedBuffer&) = delete;
  ~AlignedBuffer();

  uint8_t* data() noexcept { return data_; }
  const uint8_t* data() const noexcept { return data_; }
  size_t size() const noexcept { return size_; }
  void reserve(size_t bytes);
  // Makes room for `bytes` more and returns where they go; size grows by `bytes`.
  uint8_t* extend(size_t bytes) {
    if (size_ + bytes > capacity_) grow(size_ + bytes);
    uint8_t* at = data_ + size_;
    size_ += bytes;
    return at;
  }
  void shrink_by(size_t bytes) noexcept { size_ -= bytes; }
  void clear() noexcept { size_ = 0; }

 private:
  void grow(size_t min_capacity);
  uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

// One column being built. Use the append that matches the field's type.
class ColumnBuilder {
 public:
  explicit ColumnBuilder(const Field& field);

  void append_int32(int32_t v) { append_fixed(v); }
  void append_int64(int64_t v) { append_fixed(v); }
  void append_double(double v) { append_fixed(v); }
  void append_date32(int32_t days_since_epoch) { append_fixed(days_since_epoch); }
  // A decimal's unscaled value: 12.34 at scale 2 is 1234.
  void append_decimal(int64_t unscaled) {
    auto* at = reinterpret_cast<int64_t*>(data_.extend(16));
    at[0] = unscaled;
    at[1] = unscaled < 0 ? -1 : 0;  // two's complement sign extension, little-endian
    note_valid();
  }
  void append_string(std::string_view s) {
    char* at = string_space(s.size());
    if (!s.empty()) std::char_traits<char>::copy(at, s.data(), s.size());
    commit_string(s.size());
  }
  void append_null();

  // Writing a string in place: get room for up to `max_bytes`, write there,
  // then commit the bytes actually used (at most `max_bytes`).
  char* string_space(size_t max_bytes) {
    reserved_ = max_bytes;
    return reinterpret_cast<char*>(data_.extend(max_bytes));
  }
  void commit_string(size_t used) {
    data_.shrink_by(reserved_ - used);
    reserved_ = 0;
    push_offset();
  }

  size_t length() const noexcept { return length_; }
  void reserve(size_t rows, size_t string_bytes = 0);

  // Moves the buffers into a new ArrowArray; the builder restarts empty.
  void finish(ArrowArray* out);

 private:
  template <typename T>
  void append_fixed(T v) {
    *reinterpret_cast<T*>(data_.extend(sizeof(T))) = v;
    note_valid();
  }
  void note_valid() {
    if (has_validity_) set_valid_bit(length_, true);
    ++length_;
  }
  void push_offset();
  void set_valid_bit(size_t i, bool valid);
  void start_validity();

  ColumnType type_;
  size_t width_;  // bytes per value, 0 for strings
  bool has_validity_ = false;
  size_t length_ = 0;
  size_t reserved_ = 0;  // bytes string_space() handed out, not yet committed
  int64_t null_count_ = 0;
  AlignedBuffer validity_;
  AlignedBuffer offsets_;  // strings: int32 offsets, length_ + 1 of them
  AlignedBuffer data_;
};

// A record batch being built, column by column.
class BatchBuilder {
 public:
  explicit BatchBuilder(std::vector<Field> fields);

  const std::vector<Field>& fields() const noexcept { return fields_; }
  ColumnBuilder& column(size_t i) { return columns_[i]; }
  size_t num_columns() const noexcept { return columns_.size(); }
  // Rows in the first column; finish() checks that every column agrees.
  size_t num_rows() const noexcept { return columns_.empty() ? 0 : columns_[0].length(); }
  void reserve(size_t rows);

  // Moves everything built into `out` (a struct array) and restarts empty.
  // Throws std::logic_error if the columns have different lengths.
  void finish(ArrowArray* out);
  void export_schema(ArrowSchema* out) const { lance_bridge::export_schema(fields_, out); }

 private:
  std::vector<Field> fields_;
  std::vector<ColumnBuilder> columns_;
};

}  // namespace lance_bridge
