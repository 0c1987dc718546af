// lance_bridge::Dataset over the cxx-generated bridge.

#include "lance_bridge/dataset.h"

#include <utility>

#include "bridge_call.h"
#include "lance-bridge/src/ffi/dataset.rs.h"

namespace lance_bridge {
namespace {
using detail::call;

ffi::ScanOptions to_ffi(const ScanOptions& o) {
  ffi::ScanOptions out;
  for (const std::string& column : o.columns) out.columns.push_back(column);
  out.filter = o.filter;
  out.has_limit = o.limit.has_value();
  out.limit = o.limit.value_or(0);
  out.offset = o.offset;
  out.has_batch_size = o.batch_size.has_value();
  out.batch_size = o.batch_size.value_or(0);
  out.with_row_id = o.with_row_id;
  return out;
}

}  // namespace

struct Dataset::Impl {
  rust::Box<ffi::Dataset> rust;
};

Dataset::Dataset(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

Dataset Dataset::open(const std::string& uri, const StorageOptions& storage) {
  auto options = detail::to_ffi(storage);
  return call([&] {
    return Dataset(std::make_shared<const Impl>(Impl{ffi::open_dataset(uri, detail::as_slice(options))}));
  });
}

Dataset Dataset::checkout(uint64_t version) const {
  return call([&] { return Dataset(std::make_shared<const Impl>(Impl{impl_->rust->checkout(version)})); });
}

uint64_t Dataset::version() const {
  return call([&] { return impl_->rust->version(); });
}

std::vector<Version> Dataset::versions() const {
  rust::Vec<Version> found = call([&] { return impl_->rust->versions(); });
  return std::vector<Version>(found.begin(), found.end());
}

void Dataset::schema(ArrowSchema* out) const {
  call([&] { impl_->rust->schema(out); });
}

uint64_t Dataset::count_rows(const std::string& filter) const {
  return call([&] { return impl_->rust->count_rows(filter); });
}

void Dataset::scan(const ScanOptions& options, ArrowArrayStream* out) const {
  if (options.version && *options.version != version()) {
    ScanOptions same_but_here = options;
    same_but_here.version.reset();
    checkout(*options.version).scan(same_but_here, out);
    return;
  }
  // Inside call(): rust::String refuses non-UTF-8 with std::invalid_argument.
  call([&] { impl_->rust->scan(to_ffi(options), out); });
}

void Dataset::take(const std::vector<uint64_t>& rows, const std::vector<std::string>& columns,
                   ArrowArrayStream* out) const {
  std::vector<rust::String> names;
  names.reserve(columns.size());
  call([&] {
    // rust::String checks UTF-8 (std::invalid_argument): inside call() it is InvalidArgument.
    for (const std::string& column : columns) names.emplace_back(column);
    impl_->rust->take(rust::Slice<const uint64_t>(rows.data(), rows.size()),
                      rust::Slice<const rust::String>(names.data(), names.size()), out);
  });
}

ChangeSummary Dataset::merge_insert(ArrowArrayStream* source, const MergeInsertOptions& o) const {
  return call([&] {
    ffi::MergeInsertOptions options{{}, o.when_matched, o.when_matched_if, o.insert_not_matched,
                                    o.delete_not_matched_by_source};
    for (const std::string& column : o.on) options.on.push_back(column);
    return impl_->rust->merge_insert(source, options);
  });
}

ChangeSummary Dataset::delete_rows(const std::string& predicate) const {
  return call([&] { return impl_->rust->delete_rows(predicate); });
}

ChangeSummary Dataset::update(const std::vector<std::pair<std::string, std::string>>& set,
                              const std::string& predicate) const {
  return call([&] {
    std::vector<ffi::ColumnValue> values;
    for (const auto& [column, expression] : set) values.push_back(ffi::ColumnValue{column, expression});
    return impl_->rust->update(rust::Slice<const ffi::ColumnValue>(values.data(), values.size()), predicate);
  });
}

void scan(const std::string& uri, Format format, ArrowArrayStream* out) { scan(uri, format, {}, out); }

void scan(const std::string& uri, Format format, const StorageOptions& storage, ArrowArrayStream* out) {
  auto options = detail::to_ffi(storage);
  call([&] { ffi::scan(uri, format, detail::as_slice(options), out); });
}

DatasetInfo dataset_info(const std::string& uri, const StorageOptions& storage) {
  auto options = detail::to_ffi(storage);
  return call([&] { return ffi::dataset_info(uri, detail::as_slice(options)); });
}

}  // namespace lance_bridge
