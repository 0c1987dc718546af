// Splitting a range of units into batches and generating them on several
// threads, while handing them out in order.

#include "datagen/batch_stream.h"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>

namespace datagen {

int default_threads(bool encoded) {
  int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return encoded ? std::max(1, cores / 2) : cores;
}

UnitRange slice_range(UnitRange range, int slices, int slice) {
  if (slices < 1 || slice < 1 || slice > slices) {
    throw std::invalid_argument("slice " + std::to_string(slice) + " of " + std::to_string(slices) +
                                " does not exist (slices >= 1, 1 <= slice <= slices)");
  }
  int64_t per_slice = range.count / slices;
  UnitRange out{range.first + per_slice * (slice - 1), per_slice};
  if (slice == slices) out.count += range.count % slices;
  return out;
}

struct BatchStream::State {
  std::vector<lance_bridge::Field> fields;
  UnitRange range;
  GenerateUnits generate_units;
  int64_t units_per_batch;
  int64_t batches;
  int64_t rows_hint;

  // Shared with the workers, under `mutex`.
  std::mutex mutex;
  std::condition_variable changed;
  std::map<int64_t, ArrowArray> ready;  // finished batches not yet handed out
  int64_t next_to_claim = 0;
  int64_t next_to_emit = 0;
  int64_t window = 1;  // batches that may be generated ahead of the consumer
  bool stopping = false;
  std::exception_ptr error;
  std::vector<std::thread> workers;
  // Without workers, batches are generated on the caller's thread with this
  // builder, which keeps its buffers' sizes from batch to batch.
  std::optional<lance_bridge::BatchBuilder> inline_builder;

  UnitRange batch_range(int64_t index) const {
    int64_t first = range.first + index * units_per_batch;
    return {first, std::min(units_per_batch, range.first + range.count - first)};
  }

  void generate(int64_t index, lance_bridge::BatchBuilder& builder, ArrowArray* out) const {
    UnitRange r = batch_range(index);
    builder.reserve(static_cast<size_t>(rows_hint));
    generate_units(r.first, r.count, builder);
    builder.finish(out);
  }

  void work() {
    lance_bridge::BatchBuilder builder(fields);
    while (true) {
      int64_t index;
      {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] {
          return stopping || next_to_claim >= batches || next_to_claim < next_to_emit + window;
        });
        if (stopping || next_to_claim >= batches) return;
        index = next_to_claim++;
      }
      ArrowArray batch;
      try {
        generate(index, builder, &batch);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!error) error = std::current_exception();
        stopping = true;
        changed.notify_all();
        return;
      }
      std::lock_guard<std::mutex> lock(mutex);
      ready.emplace(index, batch);
      changed.notify_all();
    }
  }

  // Tells the workers to stop, waits for them, and releases the batches they
  // generated that nobody took.
  void shut_down() noexcept {
    {
      std::lock_guard<std::mutex> lock(mutex);
      stopping = true;
    }
    changed.notify_all();
    for (std::thread& t : workers) {
      if (t.joinable()) t.join();
    }
    for (auto& [index, batch] : ready) {
      if (batch.release) batch.release(&batch);
    }
    ready.clear();
  }

  // Starts `threads` workers. If one cannot be started, those that were are
  // stopped and joined before the error propagates: a std::system_error saying
  // how many could be started, or (from the thread's allocation) std::bad_alloc.
  void start_workers(int threads) {
    workers.reserve(static_cast<size_t>(threads));
    try {
      for (int i = 0; i < threads; ++i) workers.emplace_back([this] { work(); });
    } catch (const std::system_error& e) {
      size_t started = workers.size();
      shut_down();
      throw std::system_error(e.code(), "could start only " + std::to_string(started) + " of " +
                                            std::to_string(threads) +
                                            " generator threads (ask for fewer threads)");
    } catch (...) {
      shut_down();
      throw;
    }
  }
};

BatchStream::BatchStream(std::vector<lance_bridge::Field> fields, UnitRange range, int64_t rows_per_unit,
                         GenerateUnits generate, const GenerateOptions& options)
    : state_(std::make_unique<State>()) {
  if (options.batch_rows < 1) throw std::invalid_argument("batch_rows must be at least 1");
  State& s = *state_;
  s.fields = with_metadata(std::move(fields), options.column_metadata);
  s.range = range;
  s.generate_units = std::move(generate);
  s.units_per_batch = std::max<int64_t>(1, options.batch_rows / rows_per_unit);
  s.batches = (s.range.count + s.units_per_batch - 1) / s.units_per_batch;
  s.rows_hint = std::min(s.units_per_batch, std::max<int64_t>(s.range.count, 1)) * rows_per_unit;
  int threads = std::max(1, options.threads);
  if ((threads > 1 || options.background) && s.batches > 1) {
    s.window = 2 * threads;
    s.start_workers(threads);
  }
}

BatchStream::~BatchStream() { state_->shut_down(); }

void BatchStream::export_schema(ArrowSchema* out) const { lance_bridge::export_schema(state_->fields, out); }

bool BatchStream::next(ArrowArray* out) {
  State& s = *state_;
  if (s.workers.empty()) {
    if (s.next_to_emit >= s.batches) return false;
    if (!s.inline_builder) s.inline_builder.emplace(s.fields);
    s.generate(s.next_to_emit++, *s.inline_builder, out);
    return true;
  }
  std::unique_lock<std::mutex> lock(s.mutex);
  s.changed.wait(lock, [&] { return s.error || s.next_to_emit >= s.batches || s.ready.count(s.next_to_emit); });
  if (s.error) std::rethrow_exception(s.error);
  if (s.next_to_emit >= s.batches) return false;
  auto it = s.ready.find(s.next_to_emit);
  *out = it->second;
  s.ready.erase(it);
  ++s.next_to_emit;
  s.changed.notify_all();
  return true;
}

int64_t BatchStream::units_done() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return std::min(state_->range.count, state_->next_to_emit * state_->units_per_batch);
}

int64_t BatchStream::units_total() const { return state_->range.count; }

}  // namespace datagen
