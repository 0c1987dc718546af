#include "hand_made_batch.h"

namespace lance_bridge::testing {
namespace {

void release_child(ArrowArray* a) { a->release = nullptr; }

void release_parent(ArrowArray* a) {
  for (int64_t i = 0; i < a->n_children; ++i) {
    if (a->children[i]->release) a->children[i]->release(a->children[i]);
  }
  auto* state = static_cast<std::shared_ptr<int>*>(a->private_data);
  ++**state;
  a->release = nullptr;
}

}  // namespace

HandMadeBatch::HandMadeBatch(int64_t rows, size_t misalign_ids, size_t misalign_offsets)
    : state_(std::make_unique<State>()), rows_(rows) {
  State& s = *state_;
  // Over-allocate so that data can start at any offset from a 64-byte boundary.
  s.id_bytes.resize(rows * 8 + 128);
  s.offset_bytes.resize((rows + 1) * 4 + 128);
  auto align = [](uint8_t* p, size_t skew) {
    auto addr = reinterpret_cast<uintptr_t>(p);
    return reinterpret_cast<uint8_t*>((addr + 63) / 64 * 64 + skew);
  };
  ids_ = reinterpret_cast<int64_t*>(align(s.id_bytes.data(), misalign_ids));
  offsets_ = reinterpret_cast<int32_t*>(align(s.offset_bytes.data(), misalign_offsets));
  int32_t end = 0;
  for (int64_t i = 0; i < rows; ++i) {
    int64_t id = i * 1000003;
    std::memcpy(ids_ + i, &id, 8);
    std::memcpy(offsets_ + i, &end, 4);
    std::string name = name_of(i);
    s.chars.insert(s.chars.end(), name.begin(), name.end());
    end += static_cast<int32_t>(name.size());
  }
  std::memcpy(offsets_ + rows, &end, 4);
  s.chars.push_back(0);  // never empty, so the data pointer is valid

  s.buffers[1][0] = nullptr;
  s.buffers[1][1] = ids_;
  s.buffers[2][0] = nullptr;
  s.buffers[2][1] = offsets_;
  s.buffers[2][2] = s.chars.data();
  for (int c = 0; c < 2; ++c) {
    ArrowArray& child = s.children[c];
    child = ArrowArray{};
    child.length = rows;
    child.n_buffers = c == 0 ? 2 : 3;
    child.buffers = s.buffers[c + 1];
    child.release = release_child;
    s.child_pointers[c] = &child;
  }
}

void HandMadeBatch::export_to(ArrowArray* out) {
  *out = ArrowArray{};
  out->length = rows_;
  out->n_buffers = 1;
  out->buffers = state_->buffers[0];
  out->n_children = 2;
  out->children = state_->child_pointers;
  out->release = release_parent;
  out->private_data = &released;
}

}  // namespace lance_bridge::testing
