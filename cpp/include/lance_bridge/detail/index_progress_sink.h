// Not API: how the bridge (bridge/src/ffi/index.rs) reaches an
// IndexOptions::progress callback. Rust calls report() for every stage event;
// an exception from the callback goes back to Rust as an error (cxx catches
// it), which stops the build.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "lance_bridge/index.h"
#include "rust/cxx.h"

namespace lance_bridge {
namespace ffi {

class IndexProgressSink {
 public:
  explicit IndexProgressSink(const std::function<void(const IndexStage&)>& callback) : callback_(callback) {}

  // total: u64::MAX when unknown. One call at a time, whatever thread lance
  // reports from.
  void report(rust::Str stage, rust::Str unit, uint64_t completed, uint64_t total, bool finished) const {
    if (!callback_) return;
    IndexStage event;
    event.stage = std::string_view(stage.data(), stage.size());
    event.unit = std::string_view(unit.data(), unit.size());
    event.completed = completed;
    if (total != UINT64_MAX) event.total = total;
    event.finished = finished;
    std::lock_guard<std::mutex> one_at_a_time(mutex_);
    try {
      callback_(event);
    } catch (const std::exception&) {
      throw;  // cxx carries its what() back to Rust
    } catch (...) {
      // cxx lets only std::exception through its noexcept glue.
      throw std::runtime_error("the progress callback threw something that is not a std::exception");
    }
  }

 private:
  const std::function<void(const IndexStage&)>& callback_;
  mutable std::mutex mutex_;
};

}  // namespace ffi
}  // namespace lance_bridge
