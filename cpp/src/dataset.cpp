// lance_bridge::Dataset over the cxx-generated bridge.

#include "lance_bridge/dataset.h"

#include <utility>

#include "bridge_call.h"
#include "dataset_impl.h"
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
  out.has_nearest = o.nearest.has_value();
  if (o.nearest) {
    const NearestQuery& q = *o.nearest;
    detail::check_not_zero(q.nprobes, "nearest: nprobes");
    detail::check_not_zero(q.refine_factor, "nearest: refine_factor");
    detail::check_not_zero(q.ef, "nearest: ef");
    out.nearest.column = q.column;
    for (float value : q.vector) out.nearest.vector.push_back(value);
    out.nearest.k = q.k;
    out.nearest.nprobes = q.nprobes.value_or(0);
    out.nearest.refine_factor = q.refine_factor.value_or(0);
    out.nearest.has_metric = q.metric.has_value();
    out.nearest.metric = q.metric.value_or(Metric::L2);
    out.nearest.ef = q.ef.value_or(0);
    out.nearest.use_index = q.use_index;
  }
  out.has_full_text = o.full_text.has_value();
  if (o.full_text) {
    out.full_text.query = o.full_text->query;
    for (const std::string& column : o.full_text->columns) out.full_text.columns.push_back(column);
  }
  out.prefilter = o.prefilter;
  return out;
}

}  // namespace

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

CompactionSummary Dataset::compact_files(uint64_t target_rows_per_fragment) const {
  return call([&] { return impl_->rust->compact_files(target_rows_per_fragment); });
}

CleanupSummary Dataset::cleanup_old_versions(std::chrono::seconds older_than, bool error_if_tagged_old_versions) const {
  if (older_than.count() < 0) throw detail::error(ErrorKind::InvalidArgument, "older_than is negative");
  return call([&] {
    return impl_->rust->cleanup_old_versions(static_cast<uint64_t>(older_than.count()), error_if_tagged_old_versions);
  });
}

void Dataset::create_tag(const std::string& tag, uint64_t version) const {
  call([&] { impl_->rust->create_tag(tag, version); });
}

void Dataset::delete_tag(const std::string& tag) const {
  call([&] { impl_->rust->delete_tag(tag); });
}

std::vector<Tag> Dataset::tags() const {
  rust::Vec<ffi::Tag> found = call([&] { return impl_->rust->tags(); });
  std::vector<Tag> out;
  for (const ffi::Tag& tag : found) out.push_back(Tag{std::string(tag.name), tag.version});
  return out;
}

Dataset Dataset::checkout_tag(const std::string& tag) const {
  return call([&] { return Dataset(std::make_shared<const Impl>(Impl{impl_->rust->checkout_tag(tag)})); });
}

uint64_t Dataset::add_columns(const std::vector<std::pair<std::string, std::string>>& columns) const {
  return call([&] {
    std::vector<ffi::ColumnValue> values;
    for (const auto& [name, expression] : columns) values.push_back(ffi::ColumnValue{name, expression});
    return impl_->rust->add_columns(rust::Slice<const ffi::ColumnValue>(values.data(), values.size()));
  });
}

uint64_t Dataset::drop_columns(const std::vector<std::string>& columns) const {
  return call([&] {
    std::vector<rust::String> names(columns.begin(), columns.end());
    return impl_->rust->drop_columns(rust::Slice<const rust::String>(names.data(), names.size()));
  });
}

uint64_t Dataset::alter_columns(const std::vector<ColumnChange>& changes) const {
  return call([&] {
    std::vector<ffi::ColumnChange> wire;
    for (const ColumnChange& c : changes) {
      wire.push_back(ffi::ColumnChange{c.column, c.new_name, c.nullable.has_value(), c.nullable.value_or(false)});
    }
    return impl_->rust->alter_columns(rust::Slice<const ffi::ColumnChange>(wire.data(), wire.size()));
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
