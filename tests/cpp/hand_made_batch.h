// Batches assembled by hand, buffer by buffer, so tests can make them wrong:
// misaligned, released, with null buffers or broken offsets.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "lance_bridge/arrow_c_abi.h"
#include "lance_bridge/batch_builder.h"

namespace lance_bridge::testing {

// A two-column batch (id int64, name utf8) whose buffers live at chosen
// misalignments inside plain byte vectors. Its release callback counts calls.
class HandMadeBatch {
 public:
  HandMadeBatch(int64_t rows, size_t misalign_ids, size_t misalign_offsets);

  static std::vector<Field> fields() { return {Field::int64("id"), Field::utf8("name")}; }
  static std::string name_of(int64_t i) { return "n" + std::to_string(i * 13); }

  // Fills `out` with the batch. `released` counts the release calls made on it.
  void export_to(ArrowArray* out);

  int64_t* ids() { return ids_; }
  int32_t* offsets() { return offsets_; }
  const void** child_buffers(int child) { return state_->buffers[child + 1]; }
  ArrowArray* child(int i) { return &state_->children[i]; }

  std::shared_ptr<int> released = std::make_shared<int>(0);

 private:
  struct State {
    std::vector<uint8_t> id_bytes, offset_bytes, chars;
    const void* buffers[3][3] = {};
    ArrowArray children[2] = {};
    ArrowArray* child_pointers[2] = {};
    std::shared_ptr<int> released;
  };
  std::unique_ptr<State> state_;
  int64_t rows_;
  int64_t* ids_;
  int32_t* offsets_;
};

// A HandMadeBatch's schema for Writer::write, which takes it over; the struct
// lives until the end of the statement that made it.
class HandMadeSchema {
 public:
  HandMadeSchema() { export_schema(HandMadeBatch::fields(), &schema_); }
  ~HandMadeSchema() {
    if (schema_.release) schema_.release(&schema_);
  }
  HandMadeSchema(const HandMadeSchema&) = delete;
  HandMadeSchema& operator=(const HandMadeSchema&) = delete;
  ArrowSchema* get() { return &schema_; }

 private:
  ArrowSchema schema_{};
};

}  // namespace lance_bridge::testing
