// lance_bridge::Writer over the cxx-generated bridge.

#include "lance_bridge/writer.h"

#include <utility>

#include "bridge_call.h"
#include "lance-bridge/src/ffi/writer.rs.h"

namespace lance_bridge {
namespace {

using detail::call;

// The options as they cross; zero and empty stay so: the core fills in its defaults.
// (Field by field, by name: several are integers of one type, which a positional
// list could swap without a compiler noticing.)
ffi::WriterOptions to_ffi(const WriterOptions& o) {
  ffi::WriterOptions f{};
  f.format = o.format;
  f.mode = o.mode;
  f.transfer = o.transfer;
  f.max_rows_per_file = o.max_rows_per_file;
  f.max_bytes_per_file = o.max_bytes_per_file;
  f.page_bytes_per_column = o.page_bytes_per_column;
  f.data_storage_version = o.data_storage_version;
  f.queue_depth = o.queue_depth;
  f.parquet_row_group_rows = o.parquet_row_group_rows;
  f.parquet_compression = o.parquet_compression;
  f.storage_options = detail::to_ffi(o.storage_options);
  return f;
}

Error closed() { return detail::error(ErrorKind::InvalidState, "the writer is closed"); }

}  // namespace

struct Writer::Impl {
  rust::Box<ffi::Writer> rust;
};

Writer::Writer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Writer::Writer(Writer&& other) noexcept = default;

Writer& Writer::operator=(Writer&& other) noexcept {
  if (this != &other) {
    abort();
    impl_ = std::move(other.impl_);
  }
  return *this;
}

Writer::~Writer() { abort(); }

Writer Writer::open(const std::string& uri, const ArrowSchema& schema, const WriterOptions& options) {
  return call([&] {
    return Writer(std::make_unique<Impl>(Impl{ffi::open_writer(uri, &schema, to_ffi(options))}));
  });
}

void Writer::check_schema(const ArrowSchema& schema) {
  call([&] { ffi::check_schema(&schema); });
}

void Writer::check_destination(const std::string& uri, const ArrowSchema& schema, const WriterOptions& options) {
  call([&] { ffi::check_destination(uri, &schema, to_ffi(options)); });
}

void Writer::write(ArrowArray* batch, ArrowSchema* schema) {
  if (!impl_) {
    // Keep the ownership promise even on a closed writer.
    if (batch && batch->release) batch->release(batch);
    if (schema && schema->release) schema->release(schema);
    throw closed();
  }
  call([&] { impl_->rust->write(batch, schema); });
}

void Writer::write_trusted(ArrowArray* batch) {
  if (!impl_) {
    if (batch && batch->release) batch->release(batch);
    throw closed();
  }
  call([&] { impl_->rust->write_trusted(batch); });
}

void Writer::write(ArrowArrayStream* stream) {
  if (!impl_) {
    if (stream && stream->release) stream->release(stream);
    throw closed();
  }
  call([&] { impl_->rust->write_stream(stream); });
}

WriteSummary Writer::finish() {
  if (!impl_) throw closed();
  try {
    WriteSummary summary = call([&] { return impl_->rust->finish(); });
    impl_.reset();
    return summary;
  } catch (...) {
    impl_.reset();  // a failed finish has rolled back: the writer is closed
    throw;
  }
}

PendingWrite Writer::prepare() {
  if (!impl_) throw closed();
  rust::Vec<uint8_t> bytes;
  try {
    bytes = call([&] { return impl_->rust->prepare(); });
  } catch (...) {
    impl_.reset();  // closed whatever the outcome
    throw;
  }
  impl_.reset();
  return PendingWrite::from_bytes(std::vector<uint8_t>(bytes.begin(), bytes.end()));
}

void Writer::abort() noexcept {
  if (!impl_) return;
  impl_->rust->abort();
  impl_.reset();
}

uint64_t Writer::rows_written() const { return impl_ ? impl_->rust->rows_written() : 0; }

}  // namespace lance_bridge
