// Build Arrow record batches from C++ values, without Arrow C++, and hand them
// over as Arrow C Data Interface structs.
//
//   lance_bridge::BatchBuilder batch({lance_bridge::Field::int64("id"),
//                                     lance_bridge::Field::utf8("name")});
//   batch.column(0).append_int64(1);
//   batch.column(1).append_string("one");
//   ArrowArray array;
//   ArrowSchema schema;
//   batch.finish(&array);   // array owns the buffers; its release frees them
//   batch.export_schema(&schema);
//   writer.write(&array, &schema);
//
// Values are written once, straight into the final column buffers (64-byte
// aligned). finish() moves the buffers out, so the builder is ready for the next
// batch and no byte is copied on the way to the writer.
//
// Caller mistakes (an append of the wrong type, a column index out of range,
// columns of different lengths, ...) throw lance_bridge::Error with
// ErrorKind::InvalidArgument; nothing is changed when they do.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lance_bridge/arrow_c_abi.h"
#include "lance_bridge/common.h"

namespace lance_bridge {

// The column types BatchBuilder builds (Arrow's names; Float32Vector is
// fixed_size_list<float32>[dimension], the usual embedding column).
enum class ColumnType : uint8_t {
  Int32, Int64, Float64, Decimal128, Date32, Utf8,
  Boolean, Int8, Int16, Float32, Timestamp, Binary, Float32Vector,
};

enum class TimeUnit : uint8_t { Second, Millisecond, Microsecond, Nanosecond };

struct Field {
  std::string name;
  ColumnType type = ColumnType::Int64;
  bool nullable = false;
  int32_t precision = 0;  // Decimal128 only
  int32_t scale = 0;      // Decimal128 only
  int32_t dimension = 0;  // Float32Vector only: floats per value
  TimeUnit unit = TimeUnit::Microsecond;  // Timestamp only
  std::string timezone;                   // Timestamp only: "" (none) or e.g. "UTC"
  // Arrow field metadata, exported with the schema. Keys "lance-encoding:..."
  // choose how lance encodes the column (README, "Choosing encodings"); the
  // writer refuses values lance would not understand.
  std::vector<std::pair<std::string, std::string>> metadata;

  // Sets `key` to `value` (replacing an earlier value) and returns this field;
  // on a temporary (Field::utf8("c").with_metadata(...)), returns the field itself.
  Field& with_metadata(std::string key, std::string value) &;
  Field with_metadata(std::string key, std::string value) &&;

  static Field boolean(std::string name, bool nullable = false);
  static Field int8(std::string name, bool nullable = false);
  static Field int16(std::string name, bool nullable = false);
  static Field int32(std::string name, bool nullable = false);
  static Field int64(std::string name, bool nullable = false);
  static Field float32(std::string name, bool nullable = false);
  static Field float64(std::string name, bool nullable = false);
  static Field decimal128(std::string name, int32_t precision, int32_t scale, bool nullable = false);
  static Field date32(std::string name, bool nullable = false);
  static Field timestamp(std::string name, TimeUnit unit = TimeUnit::Microsecond, std::string timezone = "",
                         bool nullable = false);
  static Field utf8(std::string name, bool nullable = false);
  static Field binary(std::string name, bool nullable = false);
  // Throws Error(InvalidArgument) for a dimension below 1.
  static Field float32_vector(std::string name, int32_t dimension, bool nullable = false);
};

// Exports a record batch schema (a struct of these fields, with their metadata)
// into `out`. Throws std::bad_alloc, or Error(InvalidArgument) for metadata of
// over 2 GiB; then `out` is untouched.
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
  // Room for `bytes` in all. Throws std::bad_alloc (the buffer unchanged) if
  // that much memory cannot be had.
  void reserve(size_t bytes);
  // Makes room for `bytes` more and returns where they go; size grows by `bytes`.
  // Throws std::bad_alloc (the buffer unchanged) if the memory cannot be had.
  uint8_t* extend(size_t bytes) {
    if (bytes > capacity_ - size_) grow_by(bytes);
    uint8_t* at = data_ + size_;
    size_ += bytes;
    return at;
  }
  void shrink_by(size_t bytes) noexcept { size_ -= bytes; }
  void clear() noexcept { size_ = 0; }

 private:
  void grow_by(size_t bytes);
  void grow(size_t min_capacity);
  uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

// One column being built. Use the append that matches the field's type.
//
// Errors: an append that does not match the column's type, or any append while
// a string_space() is not committed yet, throws lance_bridge::Error
// (ErrorKind::InvalidArgument) and changes nothing. An append that cannot get
// memory throws std::bad_alloc and changes nothing either: the column keeps the
// rows it had.
class ColumnBuilder {
 public:
  explicit ColumnBuilder(const Field& field);

  // Boolean columns only.
  void append_bool(bool v) {
    expect(ColumnType::Boolean, "append_bool()");
    append_bit(v);
  }
  // Int8 columns only.
  void append_int8(int8_t v) { append_fixed<ColumnType::Int8>(v, "append_int8()"); }
  // Int16 columns only.
  void append_int16(int16_t v) { append_fixed<ColumnType::Int16>(v, "append_int16()"); }
  // Int32 columns only.
  void append_int32(int32_t v) { append_fixed<ColumnType::Int32>(v, "append_int32()"); }
  // Int64 columns only.
  void append_int64(int64_t v) { append_fixed<ColumnType::Int64>(v, "append_int64()"); }
  // Float32 columns only.
  void append_float(float v) { append_fixed<ColumnType::Float32>(v, "append_float()"); }
  // Float64 columns only.
  void append_double(double v) { append_fixed<ColumnType::Float64>(v, "append_double()"); }
  // Timestamp columns only: a count of the field's unit since 1970-01-01 (UTC).
  void append_timestamp(int64_t v) { append_fixed<ColumnType::Timestamp>(v, "append_timestamp()"); }
  // Float32Vector columns only: `count` floats, exactly the field's dimension
  // (else Error(InvalidArgument), the column unchanged).
  void append_vector(const float* values, size_t count);
  // Date32 columns only.
  void append_date32(int32_t days_since_epoch) {
    append_fixed<ColumnType::Date32>(days_since_epoch, "append_date32()");
  }
  // Decimal128 columns only. A decimal's unscaled value: 12.34 at scale 2 is 1234.
  void append_decimal(int64_t unscaled) {
    expect(ColumnType::Decimal128, "append_decimal()");
    if (has_validity_) cover_next_row();
    auto* at = reinterpret_cast<int64_t*>(data_.extend(16));
    at[0] = unscaled;
    at[1] = unscaled < 0 ? -1 : 0;  // two's complement sign extension, little-endian
    ++length_;
  }
  // Utf8 columns only. Also throws std::length_error if the column's strings
  // would exceed 2 GiB in one batch (the column unchanged).
  void append_string(std::string_view s) {
    expect(ColumnType::Utf8, "append_string()");
    append_bytes(s);
  }
  // Binary columns only: any bytes. Throws like append_string.
  void append_binary(std::string_view bytes) {
    expect(ColumnType::Binary, "append_binary()");
    append_bytes(bytes);
  }
  // Any column type; refused only while a string_space() is not committed.
  void append_null();

  // Writing a string in place (Utf8 and Binary columns): get room for up to
  // `max_bytes`, write there, then commit the bytes actually used (at most
  // `max_bytes`). Until the commit, every other call that changes the column
  // (appends, string_space, reserve, finish) is refused.
  char* string_space(size_t max_bytes) {
    if (__builtin_expect(accepts_ != static_cast<uint8_t>(ColumnType::Utf8) &&
                             accepts_ != static_cast<uint8_t>(ColumnType::Binary), 0)) {
      refuse_append("string_space()");
    }
    char* at = reinterpret_cast<char*>(data_.extend(max_bytes));
    reserved_ = max_bytes;
    accepts_ = kStringPending;
    return at;
  }
  // Throws Error(InvalidArgument) if no string_space() is outstanding, or if
  // `used` is more than it reserved: then the reserved bytes are given back, the
  // column as it was before string_space(). Throws std::length_error past 2 GiB
  // of strings in one batch, and std::bad_alloc, also giving the bytes back.
  void commit_string(size_t used) {
    if (__builtin_expect(accepts_ != kStringPending || used > reserved_, 0)) refuse_commit(used);
    commit_reserved(used);
  }

  size_t length() const noexcept { return length_; }
  // Room for `rows` values in all (and, for strings, `string_bytes` of text):
  // capacity, not more room beyond the rows already there.
  // Throws Error(InvalidArgument) while a string_space() is outstanding or for a
  // size no buffer can have, std::bad_alloc if the memory cannot be had; the
  // column keeps its rows either way.
  void reserve(size_t rows, size_t string_bytes = 0);

  // Moves the buffers into a new ArrowArray; the builder restarts empty.
  // Throws Error(InvalidArgument) if `out` is null or a string_space() is
  // outstanding, std::bad_alloc if memory runs out: then `out` is untouched and
  // the column keeps its rows.
  void finish(ArrowArray* out);

 private:
  friend class BatchBuilder;
  // What finish() allocates before it moves anything (defined in the .cpp).
  struct Handover;
  Handover prepare_finish() const;
  void complete_finish(Handover& handover, ArrowArray* out) noexcept;

  // accepts_ while a string_space() is outstanding: no ColumnType has this value.
  static constexpr uint8_t kStringPending = 0xFF;

  // The hot path's only check: one compare of a byte with a constant.
  void expect(ColumnType type, const char* function) const {
    if (__builtin_expect(accepts_ != static_cast<uint8_t>(type), 0)) refuse_append(function);
  }
  template <ColumnType kType, typename T>
  void append_fixed(T v, const char* function) {
    expect(kType, function);
    // The validity byte first: if the data buffer cannot grow, the row is not
    // counted, and its bit, set like every bit past the end, serves the next append.
    if (has_validity_) cover_next_row();
    *reinterpret_cast<T*>(data_.extend(sizeof(T))) = v;
    ++length_;
  }
  [[noreturn]] [[gnu::noinline, gnu::cold]] void refuse_append(const char* function) const;
  void append_bytes(std::string_view bytes) {
    char* at = string_space(bytes.size());
    if (!bytes.empty()) std::char_traits<char>::copy(at, bytes.data(), bytes.size());
    commit_reserved(bytes.size());
  }
  void append_bit(bool v);
  bool is_variable() const noexcept { return type_ == ColumnType::Utf8 || type_ == ColumnType::Binary; }
  [[noreturn]] [[gnu::noinline, gnu::cold]] void refuse_commit(size_t used);
  void check_finishable(const ArrowArray* out) const;
  void commit_reserved(size_t used);
  void cancel_reservation() noexcept;
  inline void push_offset(size_t end);  // defined in the .cpp, its only user
  // The validity bitmap keeps every bit past the last row set (new bytes are
  // 0xFF; only append_null clears a bit, its own row's): a row about to be
  // appended is valid once its byte exists, which this makes sure of.
  void cover_next_row() {
    if (__builtin_expect(length_ / 8 >= validity_.size(), 0)) *validity_.extend(1) = 0xFF;
  }
  void start_validity();

  std::string name_;  // for error messages
  ColumnType type_;
  // The type an append must be for, as a byte: type_, or kStringPending.
  uint8_t accepts_;
  size_t width_;  // bytes per value, 0 for strings, binaries and booleans (bits)
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
  // Throws Error(InvalidArgument) for a float32 vector field without a
  // dimension (one not made by Field::float32_vector), std::bad_alloc.
  explicit BatchBuilder(std::vector<Field> fields);

  const std::vector<Field>& fields() const noexcept { return fields_; }
  // Throws Error(InvalidArgument) if i >= num_columns().
  ColumnBuilder& column(size_t i) {
    if (__builtin_expect(i >= columns_.size(), 0)) refuse_column(i);
    return columns_[i];
  }
  size_t num_columns() const noexcept { return columns_.size(); }
  // Rows in the first column; finish() checks that every column agrees.
  size_t num_rows() const noexcept { return columns_.empty() ? 0 : columns_[0].length(); }
  // Room for `rows` rows in all in every column; throws like ColumnBuilder::reserve
  // (columns before the one that threw keep the extra room, all keep their rows).
  void reserve(size_t rows);

  // Moves everything built into `out` (a struct array) and restarts empty.
  // Throws Error(InvalidArgument) if `out` is null, if the columns have
  // different lengths or if a string_space() is outstanding; std::bad_alloc if
  // memory runs out. Whatever it throws, `out` is untouched and every column
  // keeps its rows: fix the cause and call finish() again.
  void finish(ArrowArray* out);
  // Throws std::bad_alloc only.
  void export_schema(ArrowSchema* out) const { lance_bridge::export_schema(fields_, out); }

 private:
  [[noreturn]] [[gnu::noinline, gnu::cold]] void refuse_column(size_t i) const;
  std::vector<Field> fields_;
  std::vector<ColumnBuilder> columns_;
};

}  // namespace lance_bridge
