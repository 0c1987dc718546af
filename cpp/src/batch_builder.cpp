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

namespace lance_bridge {

// ---------------------------------------------------------------- Field

Field Field::int32(std::string name, bool nullable) { return {std::move(name), ColumnType::Int32, nullable}; }
Field Field::int64(std::string name, bool nullable) { return {std::move(name), ColumnType::Int64, nullable}; }
Field Field::float64(std::string name, bool nullable) { return {std::move(name), ColumnType::Float64, nullable}; }
Field Field::date32(std::string name, bool nullable) { return {std::move(name), ColumnType::Date32, nullable}; }
Field Field::utf8(std::string name, bool nullable) { return {std::move(name), ColumnType::Utf8, nullable}; }
Field Field::decimal128(std::string name, int32_t precision, int32_t scale, bool nullable) {
  return {std::move(name), ColumnType::Decimal128, nullable, precision, scale};
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
  }
  return "n";
}

// Owns the strings and child structs of one exported schema node.
struct SchemaData {
  std::string format;
  std::string name;
  std::vector<ArrowSchema> children;
  std::vector<ArrowSchema*> child_pointers;
};

void release_schema(ArrowSchema* schema) {
  auto* data = static_cast<SchemaData*>(schema->private_data);
  for (ArrowSchema* child : data->child_pointers) {
    if (child->release) child->release(child);
  }
  delete data;
  schema->release = nullptr;
}

void fill_schema(ArrowSchema* out, SchemaData* data, int64_t flags) {
  out->format = data->format.c_str();
  out->name = data->name.c_str();
  out->metadata = nullptr;
  out->flags = flags;
  out->n_children = static_cast<int64_t>(data->child_pointers.size());
  out->children = data->child_pointers.empty() ? nullptr : data->child_pointers.data();
  out->dictionary = nullptr;
  out->release = release_schema;
  out->private_data = data;
}

}  // namespace

void export_schema(const std::vector<Field>& fields, ArrowSchema* out) {
  auto* root = new SchemaData{"+s", "", std::vector<ArrowSchema>(fields.size()), {}};
  for (size_t i = 0; i < fields.size(); ++i) {
    auto* child = new SchemaData{format_of(fields[i]), fields[i].name, {}, {}};
    fill_schema(&root->children[i], child, fields[i].nullable ? ARROW_FLAG_NULLABLE : 0);
    root->child_pointers.push_back(&root->children[i]);
  }
  fill_schema(out, root, 0);
}

// ---------------------------------------------------------------- AlignedBuffer

namespace {

constexpr size_t kAlignment = 64;
constexpr size_t kMinCapacity = 4096;
// Blocks kept for reuse, at most: enough for a few batches in flight.
constexpr size_t kMaxPooledBytes = 128u << 20;

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

  void give(uint8_t* block, size_t capacity) {
    if (!block) return;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (pooled_bytes_ + capacity <= kMaxPooledBytes) {
        free_[class_of(capacity)].push_back(block);
        pooled_bytes_ += capacity;
        return;
      }
    }
    release_block(block, capacity);
  }

 private:
  // Large blocks are mapped and unmapped directly. From malloc's heap, blocks
  // freed on lance's threads in zero-copy mode (when the pool is full) left holes
  // that later blocks of other sizes could not use, and RSS crept up all run long.
  static constexpr size_t kMappedFrom = 1u << 20;

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

void AlignedBuffer::grow(size_t min_capacity) {
  size_t capacity = capacity_ ? capacity_ : kMinCapacity;
  while (capacity < min_capacity) capacity *= 2;
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

}  // namespace

ColumnBuilder::ColumnBuilder(const Field& field) : type_(field.type), width_(width_of(field.type)) {
  if (type_ == ColumnType::Utf8) *reinterpret_cast<int32_t*>(offsets_.extend(4)) = 0;
}

void ColumnBuilder::reserve(size_t rows, size_t string_bytes) {
  if (type_ == ColumnType::Utf8) {
    offsets_.reserve((rows + 1) * 4);
    data_.reserve(string_bytes);
  } else {
    data_.reserve(rows * width_);
  }
}

void ColumnBuilder::push_offset() {
  size_t end = data_.size();
  if (end > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    throw std::length_error("a utf8 column exceeds 2 GiB in one batch; use smaller batches");
  }
  *reinterpret_cast<int32_t*>(offsets_.extend(4)) = static_cast<int32_t>(end);
  note_valid();
}

void ColumnBuilder::start_validity() {
  has_validity_ = true;
  size_t bytes = (length_ + 8) / 8;
  std::memset(validity_.extend(bytes), 0xFF, bytes);
}

void ColumnBuilder::set_valid_bit(size_t i, bool valid) {
  size_t byte = i / 8;
  if (byte >= validity_.size()) *validity_.extend(1) = 0xFF;
  uint8_t mask = static_cast<uint8_t>(1u << (i % 8));
  if (valid) {
    validity_.data()[byte] |= mask;
  } else {
    validity_.data()[byte] &= static_cast<uint8_t>(~mask);
  }
}

void ColumnBuilder::append_null() {
  if (!has_validity_) start_validity();
  if (type_ == ColumnType::Utf8) {
    push_offset();  // an empty slot, marked valid, then cleared below
  } else {
    std::memset(data_.extend(width_), 0, width_);
    note_valid();
  }
  set_valid_bit(length_ - 1, false);
  ++null_count_;
}

void ColumnBuilder::finish(ArrowArray* out) {
  auto* data = new ArrayData();
  data->owned.reserve(3);
  data->owned.push_back(std::move(validity_));
  if (type_ == ColumnType::Utf8) data->owned.push_back(std::move(offsets_));
  data->owned.push_back(std::move(data_));
  data->buffers.push_back(has_validity_ ? data->owned[0].data() : nullptr);
  for (size_t i = 1; i < data->owned.size(); ++i) data->buffers.push_back(data->owned[i].data());
  fill_array(out, data, static_cast<int64_t>(length_), null_count_);

  // Restart empty, with room for a batch like the last one: batches of a table
  // are alike, and growing by doubling would copy each buffer several times.
  size_t last_rows = length_;
  size_t last_data = data->owned.back().size();
  validity_ = AlignedBuffer();
  offsets_ = AlignedBuffer();
  data_ = AlignedBuffer();
  if (type_ == ColumnType::Utf8) {
    offsets_.reserve((last_rows + 1) * 4);
    data_.reserve(last_data);
  } else {
    data_.reserve(last_data);
  }
  has_validity_ = false;
  length_ = 0;
  null_count_ = 0;
  if (type_ == ColumnType::Utf8) *reinterpret_cast<int32_t*>(offsets_.extend(4)) = 0;
}

// ---------------------------------------------------------------- BatchBuilder

BatchBuilder::BatchBuilder(std::vector<Field> fields) : fields_(std::move(fields)) {
  columns_.reserve(fields_.size());
  for (const Field& f : fields_) columns_.emplace_back(f);
}

void BatchBuilder::reserve(size_t rows) {
  for (ColumnBuilder& c : columns_) c.reserve(rows);
}

void BatchBuilder::finish(ArrowArray* out) {
  size_t rows = num_rows();
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].length() != rows) {
      throw std::logic_error("column '" + fields_[i].name + "' has " +
                             std::to_string(columns_[i].length()) + " rows, expected " +
                             std::to_string(rows));
    }
  }
  auto* data = new ArrayData();
  data->buffers.push_back(nullptr);  // a batch has no top-level nulls
  data->children.resize(columns_.size());
  for (size_t i = 0; i < columns_.size(); ++i) {
    columns_[i].finish(&data->children[i]);
    data->child_pointers.push_back(&data->children[i]);
  }
  fill_array(out, data, static_cast<int64_t>(rows), 0);
}

}  // namespace lance_bridge
