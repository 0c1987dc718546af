// Building record batches in C++ and exporting them through the C Data Interface.

#include "lance_bridge/batch_builder.h"

#include <sys/mman.h>

#include <cstdlib>
#include <cstring>
#include <limits>
#include <mutex>
#include <new>
#include <stdexcept>
#include <utility>

#include "bridge_call.h"

namespace lance_bridge {

// ---------------------------------------------------------------- Field

namespace {
Field field_of(std::string name, ColumnType type, bool nullable) {
  Field f;
  f.name = std::move(name);
  f.type = type;
  f.nullable = nullable;
  return f;
}
}  // namespace

Field Field::int32(std::string name, bool nullable) { return field_of(std::move(name), ColumnType::Int32, nullable); }
Field Field::int64(std::string name, bool nullable) { return field_of(std::move(name), ColumnType::Int64, nullable); }
Field Field::float64(std::string name, bool nullable) { return field_of(std::move(name), ColumnType::Float64, nullable); }
Field Field::date32(std::string name, bool nullable) { return field_of(std::move(name), ColumnType::Date32, nullable); }
Field Field::utf8(std::string name, bool nullable) { return field_of(std::move(name), ColumnType::Utf8, nullable); }
Field Field::boolean(std::string name, bool nullable) { return field_of(std::move(name), ColumnType::Boolean, nullable); }
Field Field::int8(std::string name, bool nullable) { return field_of(std::move(name), ColumnType::Int8, nullable); }
Field Field::int16(std::string name, bool nullable) { return field_of(std::move(name), ColumnType::Int16, nullable); }
Field Field::float32(std::string name, bool nullable) { return field_of(std::move(name), ColumnType::Float32, nullable); }
Field Field::binary(std::string name, bool nullable) { return field_of(std::move(name), ColumnType::Binary, nullable); }
Field Field::timestamp(std::string name, TimeUnit unit, std::string timezone, bool nullable) {
  Field f = field_of(std::move(name), ColumnType::Timestamp, nullable);
  f.unit = unit;
  f.timezone = std::move(timezone);
  return f;
}
Field Field::float32_vector(std::string name, int32_t dimension, bool nullable) {
  if (dimension < 1) {
    throw detail::error(ErrorKind::InvalidArgument, "float32_vector '" + name +
                                                        "' needs a dimension of at least 1, not " +
                                                        std::to_string(dimension));
  }
  Field f = field_of(std::move(name), ColumnType::Float32Vector, nullable);
  f.dimension = dimension;
  return f;
}
Field& Field::with_metadata(std::string key, std::string value) & {
  for (auto& [k, v] : metadata) {
    if (k == key) {
      v = std::move(value);
      return *this;
    }
  }
  metadata.emplace_back(std::move(key), std::move(value));
  return *this;
}

Field Field::with_metadata(std::string key, std::string value) && {
  with_metadata(std::move(key), std::move(value));
  return std::move(*this);
}

Field Field::decimal128(std::string name, int32_t precision, int32_t scale, bool nullable) {
  Field f = field_of(std::move(name), ColumnType::Decimal128, nullable);
  f.precision = precision;
  f.scale = scale;
  return f;
}

// ---------------------------------------------------------------- schema export

namespace {

std::string format_of(const Field& f) {
  switch (f.type) {
    case ColumnType::Int32: return "i";
    case ColumnType::Int64: return "l";
    case ColumnType::Float64: return "g";
    case ColumnType::Date32: return "tdD";
    case ColumnType::Utf8: return "u";
    case ColumnType::Decimal128:
      return "d:" + std::to_string(f.precision) + "," + std::to_string(f.scale);
    case ColumnType::Boolean: return "b";
    case ColumnType::Int8: return "c";
    case ColumnType::Int16: return "s";
    case ColumnType::Float32: return "f";
    case ColumnType::Binary: return "z";
    case ColumnType::Timestamp: {
      static const char units[] = {'s', 'm', 'u', 'n'};
      return std::string("ts") + units[static_cast<int>(f.unit) & 3] + ":" + f.timezone;
    }
    case ColumnType::Float32Vector: return "+w:" + std::to_string(f.dimension);
  }
  return "n";
}

// Owns the strings and child structs of one exported schema node; releases
// the children already filled in when it goes (exported, or on a failed export).
struct SchemaData {
  std::string format;
  std::string name;
  std::string metadata;  // Arrow's binary layout, empty for none
  std::vector<ArrowSchema> children;
  std::vector<ArrowSchema*> child_pointers;

  ~SchemaData() {
    for (ArrowSchema* child : child_pointers) {
      if (child && child->release) child->release(child);
    }
  }
};

void release_schema(ArrowSchema* schema) {
  delete static_cast<SchemaData*>(schema->private_data);
  schema->release = nullptr;
}

void fill_schema(ArrowSchema* out, SchemaData* data, int64_t flags) {
  out->format = data->format.c_str();
  out->name = data->name.c_str();
  out->metadata = data->metadata.empty() ? nullptr : data->metadata.data();
  out->flags = flags;
  out->n_children = static_cast<int64_t>(data->child_pointers.size());
  out->children = data->child_pointers.empty() ? nullptr : data->child_pointers.data();
  out->dictionary = nullptr;
  out->release = release_schema;
  out->private_data = data;
}

// Arrow's C Data metadata layout: an int32 count, then each key and value as an
// int32 length followed by its bytes (native byte order).
std::string encode_metadata(const std::vector<std::pair<std::string, std::string>>& entries) {
  if (entries.empty()) return {};
  auto put_int32 = [](std::string& out, size_t n) {
    if (n > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
      throw detail::error(ErrorKind::InvalidArgument, "field metadata larger than 2 GiB");
    }
    int32_t v = static_cast<int32_t>(n);
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
  };
  std::string out;
  put_int32(out, entries.size());
  for (const auto& [key, value] : entries) {
    put_int32(out, key.size());
    out += key;
    put_int32(out, value.size());
    out += value;
  }
  return out;
}

}  // namespace

void export_schema(const std::vector<Field>& fields, ArrowSchema* out) {
  // Everything is allocated first, so that nothing leaks if an allocation throws.
  auto root = std::make_unique<SchemaData>(
      SchemaData{"+s", "", "", std::vector<ArrowSchema>(fields.size()), std::vector<ArrowSchema*>(fields.size())});
  std::vector<std::unique_ptr<SchemaData>> children;
  children.reserve(fields.size());
  for (const Field& f : fields) {
    children.push_back(std::make_unique<SchemaData>(SchemaData{format_of(f), f.name, encode_metadata(f.metadata), {}, {}}));
    if (f.type == ColumnType::Float32Vector) {
      // The list's one child: the floats ("item", as Arrow names it).
      SchemaData& vector = *children.back();
      vector.children.resize(1);
      vector.child_pointers.resize(1);
      auto item = std::make_unique<SchemaData>(SchemaData{"f", "item", "", {}, {}});
      fill_schema(&vector.children[0], item.release(), ARROW_FLAG_NULLABLE);
      vector.child_pointers[0] = &vector.children[0];
    }
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    fill_schema(&root->children[i], children[i].release(), fields[i].nullable ? ARROW_FLAG_NULLABLE : 0);
    root->child_pointers[i] = &root->children[i];
  }
  fill_schema(out, root.release(), 0);
}

// ---------------------------------------------------------------- AlignedBuffer

namespace {

constexpr size_t kAlignment = 64;
constexpr size_t kMinCapacity = 4096;
// Blocks kept for reuse, at most. A batch of lineitem (128 Ki rows) takes ~36 MiB
// of blocks (powers of two, ~21 MiB of them touched): at 32 MiB the pool could not
// hold one batch, and blocks were unmapped and mapped (and faulted in) again every
// batch, in zero-copy and copy mode alike. 64 MiB: -0.18 s of system time, 5 %
// faster, +33 MiB peak RSS; 96 MiB was no faster and crossed 600 MiB, and a
// bound on all blocks mapped (in use or pooled) instead held more for no gain
// (benchmarks/README.md, "The block pool"). Measured with 128 Ki-row batches;
// tpch's 192 Ki-row batches since then fault less still (lineitem SF 1, one run
// each: 75 k faults against 111 k).
constexpr size_t kMaxPooledBytes = 64u << 20;

// Recycles freed buffer blocks. Fresh memory costs a page fault and the kernel's
// zeroing per 4 KiB; batches of the same table need the same sizes again and
// again, so blocks (powers of two) are kept, up to a bound, and handed out again.
// Buffers exported to Rust come back here when their release callback runs.
class BlockPool {
 public:
  static BlockPool& instance() {
    static BlockPool* pool = new BlockPool();  // never destroyed: exported buffers may outlive main
    return *pool;
  }

  uint8_t* take(size_t capacity) {
    int size_class = class_of(capacity);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto& blocks = free_[size_class];
      if (!blocks.empty()) {
        uint8_t* block = blocks.back();
        blocks.pop_back();
        pooled_bytes_ -= capacity;
        return block;
      }
    }
    return fresh_block(capacity);
  }

  // Runs in destructors: never throws (a block the pool has no room to note is
  // simply released).
  void give(uint8_t* block, size_t capacity) noexcept {
    if (!block) return;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (pooled_bytes_ + capacity <= kMaxPooledBytes) {
        try {
          free_[class_of(capacity)].push_back(block);
          pooled_bytes_ += capacity;
          return;
        } catch (const std::bad_alloc&) {
        }
      }
    }
    release_block(block, capacity);
  }

 private:
  // Blocks of 64 KiB and more are mapped and unmapped directly. From malloc's
  // heap, blocks freed on lance's threads in zero-copy mode (when the pool is
  // full) left holes that later blocks of other sizes could not use, and RSS
  // crept up all run long: with 1 MiB here, a 24-table TPC-DS run's heap grew
  // from 54 to 93 MiB, and SF 10 peaked at 437 MiB against SF 1's 394; with
  // 64 KiB, 404 against 392, at the same speed (256 KiB: 414; benchmarks/
  // README.md, "Batch blocks from 64 KiB mapped"). AddressSanitizer watches only
  // malloc's blocks, so sanitized builds keep mapping from 1 MiB: it sees the
  // blocks it always saw, and a request no process could hold is still refused
  // by mmap (std::bad_alloc) where ASan's malloc would abort.
#if defined(__SANITIZE_ADDRESS__)
  static constexpr size_t kMappedFrom = 1u << 20;
#else
  static constexpr size_t kMappedFrom = 64u << 10;
#endif

  static uint8_t* fresh_block(size_t capacity) {
    void* block = nullptr;
    if (capacity >= kMappedFrom) {
      block = mmap(nullptr, capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (block == MAP_FAILED) block = nullptr;
    } else {
      block = std::aligned_alloc(kAlignment, capacity);
    }
    if (!block) throw std::bad_alloc();
    return static_cast<uint8_t*>(block);
  }

  static void release_block(uint8_t* block, size_t capacity) {
    if (capacity >= kMappedFrom) {
      munmap(block, capacity);
    } else {
      std::free(block);
    }
  }

  static int class_of(size_t capacity) { return 63 - __builtin_clzll(capacity); }
  std::mutex mutex_;
  std::vector<uint8_t*> free_[64];
  size_t pooled_bytes_ = 0;
};

}  // namespace

AlignedBuffer::AlignedBuffer(AlignedBuffer&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      capacity_(std::exchange(other.capacity_, 0)) {}

AlignedBuffer& AlignedBuffer::operator=(AlignedBuffer&& other) noexcept {
  if (this != &other) {
    BlockPool::instance().give(data_, capacity_);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    capacity_ = std::exchange(other.capacity_, 0);
  }
  return *this;
}

AlignedBuffer::~AlignedBuffer() { BlockPool::instance().give(data_, capacity_); }

void AlignedBuffer::reserve(size_t bytes) {
  if (bytes > capacity_) grow(bytes);
}

void AlignedBuffer::grow_by(size_t bytes) {
  if (bytes > std::numeric_limits<size_t>::max() - size_) throw std::bad_alloc();
  grow(size_ + bytes);
}

void AlignedBuffer::grow(size_t min_capacity) {
  size_t capacity = capacity_ ? capacity_ : kMinCapacity;
  while (capacity < min_capacity) {
    if (capacity > std::numeric_limits<size_t>::max() / 2) throw std::bad_alloc();
    capacity *= 2;
  }
  uint8_t* fresh = BlockPool::instance().take(capacity);
  if (size_) std::memcpy(fresh, data_, size_);
  BlockPool::instance().give(data_, capacity_);
  data_ = fresh;
  capacity_ = capacity;
}

// ---------------------------------------------------------------- ColumnBuilder

namespace {

size_t width_of(ColumnType type) {
  switch (type) {
    case ColumnType::Int32: return 4;
    case ColumnType::Date32: return 4;
    case ColumnType::Int64: return 8;
    case ColumnType::Float64: return 8;
    case ColumnType::Decimal128: return 16;
    case ColumnType::Utf8: return 0;
    case ColumnType::Boolean: return 0;  // bits
    case ColumnType::Int8: return 1;
    case ColumnType::Int16: return 2;
    case ColumnType::Float32: return 4;
    case ColumnType::Timestamp: return 8;
    case ColumnType::Binary: return 0;
    case ColumnType::Float32Vector: return 0;  // set from the dimension
  }
  return 0;
}

// Owns the buffers of one exported array node (and its children, for structs).
struct ArrayData {
  std::vector<AlignedBuffer> owned;
  std::vector<const void*> buffers;
  std::vector<ArrowArray> children;
  std::vector<ArrowArray*> child_pointers;
};

void release_array(ArrowArray* array) {
  auto* data = static_cast<ArrayData*>(array->private_data);
  for (ArrowArray* child : data->child_pointers) {
    if (child->release) child->release(child);
  }
  delete data;
  array->release = nullptr;
}

void fill_array(ArrowArray* out, ArrayData* data, int64_t length, int64_t null_count) {
  out->length = length;
  out->null_count = null_count;
  out->offset = 0;
  out->n_buffers = static_cast<int64_t>(data->buffers.size());
  out->n_children = static_cast<int64_t>(data->child_pointers.size());
  out->buffers = data->buffers.data();
  out->children = data->child_pointers.empty() ? nullptr : data->child_pointers.data();
  out->dictionary = nullptr;
  out->release = release_array;
  out->private_data = data;
}

const char* type_name(ColumnType type) {
  switch (type) {
    case ColumnType::Int32: return "int32";
    case ColumnType::Int64: return "int64";
    case ColumnType::Float64: return "float64";
    case ColumnType::Decimal128: return "decimal128";
    case ColumnType::Date32: return "date32";
    case ColumnType::Utf8: return "utf8";
    case ColumnType::Boolean: return "bool";
    case ColumnType::Int8: return "int8";
    case ColumnType::Int16: return "int16";
    case ColumnType::Float32: return "float32";
    case ColumnType::Timestamp: return "timestamp";
    case ColumnType::Binary: return "binary";
    case ColumnType::Float32Vector: return "float32 vector";
  }
  return "?";
}

[[noreturn]] void invalid_argument(const std::string& message) {
  throw detail::error(ErrorKind::InvalidArgument, message);
}

// Bytes for `rows` values of `width` bytes plus `extra`; false if that overflows.
bool bytes_for(size_t rows, size_t width, size_t extra, size_t* bytes) {
  size_t product = 0;
  return !__builtin_mul_overflow(rows, width, &product) && !__builtin_add_overflow(product, extra, bytes);
}

}  // namespace

ColumnBuilder::ColumnBuilder(const Field& field)
    : name_(field.name),
      type_(field.type),
      accepts_(static_cast<uint8_t>(field.type)),
      width_(width_of(field.type)) {
  if (type_ == ColumnType::Float32Vector) {
    if (field.dimension < 1) invalid_argument("float32 vector column '" + name_ + "' without a dimension");
    width_ = 4 * static_cast<size_t>(field.dimension);
  }
  if (is_variable()) *reinterpret_cast<int32_t*>(offsets_.extend(4)) = 0;
}

void ColumnBuilder::append_bit(bool v) {
  // Room for the bit first: if it cannot be had, nothing changed.
  if (length_ % 8 == 0) *data_.extend(1) = 0;
  if (has_validity_) cover_next_row();
  uint8_t mask = static_cast<uint8_t>(1u << (length_ % 8));
  if (v) data_.data()[length_ / 8] |= mask;
  ++length_;
}

void ColumnBuilder::append_vector(const float* values, size_t count) {
  expect(ColumnType::Float32Vector, "append_vector()");
  if (count * 4 != width_ || (values == nullptr && count != 0)) {
    invalid_argument("append_vector() of " + std::to_string(count) + " floats on column '" + name_ +
                     "' of dimension " + std::to_string(width_ / 4));
  }
  if (has_validity_) cover_next_row();
  std::memcpy(data_.extend(width_), values, width_);
  ++length_;
}

void ColumnBuilder::refuse_append(const char* function) const {
  if (accepts_ == kStringPending) {
    invalid_argument(std::string(function) + " on column '" + name_ +
                     "' while a string_space() is not committed");
  }
  invalid_argument(std::string(function) + " on column '" + name_ + "' of type " + type_name(type_));
}

void ColumnBuilder::refuse_commit(size_t used) {
  if (accepts_ != kStringPending) {
    invalid_argument("commit_string() on column '" + name_ + "' without a string_space() before it");
  }
  size_t reserved = reserved_;
  cancel_reservation();
  invalid_argument("commit_string(" + std::to_string(used) + ") on column '" + name_ +
                   "' after string_space(" + std::to_string(reserved) + "); the string is dropped");
}

void ColumnBuilder::cancel_reservation() noexcept {
  data_.shrink_by(reserved_);
  reserved_ = 0;
  accepts_ = static_cast<uint8_t>(type_);
}

void ColumnBuilder::reserve(size_t rows, size_t string_bytes) {
  if (accepts_ == kStringPending) refuse_append("reserve()");
  bool utf8 = is_variable();
  size_t bytes = 0;
  if (type_ == ColumnType::Boolean) rows = rows / 8 + 1;  // bytes of bits
  if (!bytes_for(rows, utf8 ? 4 : (type_ == ColumnType::Boolean ? 1 : width_), utf8 ? 4 : 0, &bytes)) {
    invalid_argument("reserve(" + std::to_string(rows) + ") on column '" + name_ +
                     "': more bytes than a buffer can hold");
  }
  if (utf8) {
    offsets_.reserve(bytes);
    data_.reserve(string_bytes);
  } else {
    data_.reserve(bytes);
  }
}

// Appends a valid slot ending at `end` (a string column's offset). Throws before
// it changes anything but, at worst, a validity bit past the end. Inlined: it is
// on the path of every string.
[[gnu::always_inline]] inline void ColumnBuilder::push_offset(size_t end) {
  if (end > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    throw std::length_error("a utf8 column exceeds 2 GiB in one batch; use smaller batches");
  }
  if (has_validity_) cover_next_row();
  *reinterpret_cast<int32_t*>(offsets_.extend(4)) = static_cast<int32_t>(end);
  ++length_;
}

void ColumnBuilder::commit_reserved(size_t used) {
  size_t unused = reserved_ - used;
  try {
    push_offset(data_.size() - unused);
  } catch (...) {
    cancel_reservation();
    throw;
  }
  data_.shrink_by(unused);
  reserved_ = 0;
  accepts_ = static_cast<uint8_t>(type_);
}

void ColumnBuilder::start_validity() {
  size_t bytes = (length_ + 8) / 8;
  std::memset(validity_.extend(bytes), 0xFF, bytes);
  has_validity_ = true;  // only once the bytes are there
}

void ColumnBuilder::append_null() {
  if (accepts_ == kStringPending) refuse_append("append_null()");
  if (!has_validity_) start_validity();
  if (is_variable()) {
    push_offset(data_.size());  // an empty slot, marked valid, then cleared below
  } else if (type_ == ColumnType::Boolean) {
    append_bit(false);
  } else {
    cover_next_row();
    std::memset(data_.extend(width_), 0, width_);
    ++length_;
  }
  // Its byte is there already (cover_next_row): nothing here can throw.
  validity_.data()[(length_ - 1) / 8] &= static_cast<uint8_t>(~(1u << ((length_ - 1) % 8)));
  ++null_count_;
}

// finish() in two steps: prepare_finish() allocates everything (the exported
// node, the next batch's buffers) and may throw, complete_finish() only moves.
struct ColumnBuilder::Handover {
  std::unique_ptr<ArrayData> node;
  std::unique_ptr<ArrayData> values;  // a vector column's child: the floats
  AlignedBuffer next_offsets;
  AlignedBuffer next_data;
};

ColumnBuilder::Handover ColumnBuilder::prepare_finish() const {
  Handover h;
  h.node = std::make_unique<ArrayData>();
  bool vector = type_ == ColumnType::Float32Vector;
  size_t buffers = is_variable() ? 3 : vector ? 1 : 2;
  h.node->owned.resize(buffers);
  h.node->buffers.resize(buffers);
  if (vector) {
    h.node->children.resize(1);
    h.node->child_pointers.resize(1);
    h.values = std::make_unique<ArrayData>();
    h.values->owned.resize(2);
    h.values->buffers.resize(2);
  }
  // Restart empty, with room for a batch like the last one: batches of a table
  // are alike, and growing by doubling would copy each buffer several times.
  if (is_variable()) {
    h.next_offsets.reserve((length_ + 1) * 4);
    *reinterpret_cast<int32_t*>(h.next_offsets.extend(4)) = 0;
  }
  h.next_data.reserve(data_.size());
  return h;
}

void ColumnBuilder::complete_finish(Handover& h, ArrowArray* out) noexcept {
  ArrayData* node = h.node.release();
  node->owned[0] = std::move(validity_);
  node->buffers[0] = has_validity_ ? node->owned[0].data() : nullptr;
  if (type_ == ColumnType::Float32Vector) {
    // The floats are the child's values: length x dimension of them, no nulls.
    ArrayData* values = h.values.release();
    values->owned[1] = std::move(data_);
    values->buffers[0] = nullptr;
    values->buffers[1] = values->owned[1].data();
    fill_array(&node->children[0], values, static_cast<int64_t>(length_ * (width_ / 4)), 0);
    node->child_pointers[0] = &node->children[0];
  } else {
    size_t k = 1;
    if (is_variable()) node->owned[k++] = std::move(offsets_);
    node->owned[k++] = std::move(data_);
    for (size_t i = 1; i < k; ++i) node->buffers[i] = node->owned[i].data();
  }
  fill_array(out, node, static_cast<int64_t>(length_), null_count_);

  offsets_ = std::move(h.next_offsets);
  data_ = std::move(h.next_data);
  has_validity_ = false;
  length_ = 0;
  null_count_ = 0;
}

void ColumnBuilder::check_finishable(const ArrowArray* out) const {
  if (out == nullptr) invalid_argument("finish() needs an ArrowArray to fill, not nullptr");
  if (accepts_ == kStringPending) {
    invalid_argument("finish() while column '" + name_ + "' has a string_space() that is not committed");
  }
}

void ColumnBuilder::finish(ArrowArray* out) {
  check_finishable(out);
  Handover h = prepare_finish();
  complete_finish(h, out);
}

// ---------------------------------------------------------------- BatchBuilder

BatchBuilder::BatchBuilder(std::vector<Field> fields) : fields_(std::move(fields)) {
  columns_.reserve(fields_.size());
  for (const Field& f : fields_) columns_.emplace_back(f);
}

void BatchBuilder::refuse_column(size_t i) const {
  invalid_argument("column(" + std::to_string(i) + ") of a batch with " + std::to_string(columns_.size()) +
                   " columns");
}

void BatchBuilder::reserve(size_t rows) {
  for (ColumnBuilder& c : columns_) c.reserve(rows);
}

void BatchBuilder::finish(ArrowArray* out) {
  size_t rows = num_rows();
  if (out == nullptr) invalid_argument("finish() needs an ArrowArray to fill, not nullptr");
  for (size_t i = 0; i < columns_.size(); ++i) {
    columns_[i].check_finishable(out);
    if (columns_[i].length() != rows) {
      invalid_argument("column '" + fields_[i].name + "' has " + std::to_string(columns_[i].length()) +
                       " rows, expected " + std::to_string(rows));
    }
  }
  // First everything that allocates (and may throw: then it is all freed, and
  // the columns and `out` are untouched)...
  auto root = std::make_unique<ArrayData>();
  root->buffers.push_back(nullptr);  // a batch has no top-level nulls
  root->children.resize(columns_.size());
  root->child_pointers.resize(columns_.size());
  std::vector<ColumnBuilder::Handover> handovers;
  handovers.reserve(columns_.size());
  for (const ColumnBuilder& c : columns_) handovers.push_back(c.prepare_finish());
  // ...then only moves, which cannot throw.
  for (size_t i = 0; i < columns_.size(); ++i) {
    columns_[i].complete_finish(handovers[i], &root->children[i]);
    root->child_pointers[i] = &root->children[i];
  }
  fill_array(out, root.release(), static_cast<int64_t>(rows), 0);
}

}  // namespace lance_bridge
