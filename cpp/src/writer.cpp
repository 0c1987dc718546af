// lance_bridge::Writer over the cxx-generated bridge.

#include "lance_bridge/writer.h"

#include <utility>

#include "bridge_call.h"

namespace lance_bridge {
namespace {
using detail::call;
using detail::to_ffi;

ffi::WriterOptions to_ffi(const WriterOptions& o) {
  ffi::WriterOptions out = ffi::default_writer_options();
  out.format = to_ffi(o.format);
  out.mode = to_ffi(o.mode);
  out.zero_copy = o.transfer == Transfer::ZeroCopy;
  if (o.max_rows_per_file) out.max_rows_per_file = o.max_rows_per_file;
  if (o.max_bytes_per_file) out.max_bytes_per_file = o.max_bytes_per_file;
  if (!o.data_storage_version.empty()) out.data_storage_version = o.data_storage_version;
  if (o.queue_depth) out.queue_depth = o.queue_depth;
  if (o.parquet_row_group_rows) out.parquet_row_group_rows = o.parquet_row_group_rows;
  if (!o.parquet_compression.empty()) out.parquet_compression = o.parquet_compression;
  out.storage_options = to_ffi(o.storage_options);
  return out;
}

}  // namespace

struct Writer::Impl {
  rust::Box<ffi::LanceWriter> rust;
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
  ffi::WriterOptions ffi_options = to_ffi(options);
  return call([&] {
    return Writer(std::make_unique<Impl>(Impl{ffi::open_writer(uri, &schema, ffi_options)}));
  });
}

void Writer::check_schema(const ArrowSchema& schema) {
  call([&] { ffi::check_writer_schema(&schema); });
}

void Writer::write(ArrowArray* batch, ArrowSchema* schema) {
  if (!impl_) {
    // Keep the ownership promise even on a closed writer.
    if (batch && batch->release) batch->release(batch);
    if (schema && schema->release) schema->release(schema);
    throw Error(ErrorKind::InvalidState, "invalid_state: the writer is closed");
  }
  call([&] { impl_->rust->write_batch(batch, schema); });
}

void Writer::write_trusted(ArrowArray* batch) {
  if (!impl_) {
    if (batch && batch->release) batch->release(batch);
    throw Error(ErrorKind::InvalidState, "invalid_state: the writer is closed");
  }
  call([&] { impl_->rust->write_batch_trusted(batch); });
}

void Writer::write(ArrowArrayStream* stream) {
  if (!impl_) {
    if (stream && stream->release) stream->release(stream);
    throw Error(ErrorKind::InvalidState, "invalid_state: the writer is closed");
  }
  call([&] { impl_->rust->write_stream(stream); });
}

WriteSummary Writer::finish() {
  if (!impl_) throw Error(ErrorKind::InvalidState, "invalid_state: the writer is closed");
  ffi::WriteSummary s;
  try {
    s = call([&] { return impl_->rust->finish(); });
  } catch (...) {
    impl_.reset();  // a failed finish has rolled back: the writer is closed
    throw;
  }
  impl_.reset();
  WriteSummary summary;
  summary.rows = s.rows;
  summary.batches = s.batches;
  summary.bytes_written = s.bytes_written;
  summary.data_files = s.data_files;
  summary.version = s.version;
  summary.seconds = s.seconds;
  summary.producer_blocked_seconds = s.producer_blocked_seconds;
  summary.writer_waiting_seconds = s.writer_waiting_seconds;
  summary.commit_seconds = s.commit_seconds;
  summary.bytes_copied = s.bytes_copied;
  return summary;
}

PendingWrite Writer::prepare() {
  if (!impl_) throw Error(ErrorKind::InvalidState, "invalid_state: the writer is closed");
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

void scan(const std::string& uri, Format format, ArrowArrayStream* out) { scan(uri, format, {}, out); }

void scan(const std::string& uri, Format format, const StorageOptions& storage, ArrowArrayStream* out) {
  auto options = to_ffi(storage);
  call([&] { ffi::scan(uri, to_ffi(format), detail::as_slice(options), out); });
}

DatasetInfo dataset_info(const std::string& uri, const StorageOptions& storage) {
  auto options = to_ffi(storage);
  ffi::DatasetInfo info = call([&] { return ffi::dataset_info(uri, detail::as_slice(options)); });
  return DatasetInfo{info.rows, info.version, info.fragments};
}

}  // namespace lance_bridge
