// lance_bridge::Dataset's index methods over the index bridge.

#include <cctype>
#include <string>
#include <vector>

#include "bridge_call.h"
#include "dataset_impl.h"
#include "lance-bridge/src/ffi/index.rs.h"
#include "lance_bridge/detail/index_progress_sink.h"
#include "lance_bridge/index.h"

namespace lance_bridge {
namespace {
using detail::call;
using detail::check_not_zero;

ffi::IndexOptions to_ffi(const IndexOptions& o) {
  ffi::IndexOptions out;
  out.index_type = o.type;
  out.name = o.name;
  out.replace = o.replace;
  out.metric = o.metric;
  out.partitions = o.partitions.value_or(0);
  out.sub_vectors = o.sub_vectors.value_or(0);
  out.bits = o.bits.value_or(0);
  out.max_iterations = o.max_iterations.value_or(0);
  out.hnsw_edges = o.hnsw_edges.value_or(0);
  out.hnsw_ef_construction = o.hnsw_ef_construction.value_or(0);
  out.text.base_tokenizer = o.text.base_tokenizer;
  out.text.language = o.text.language;
  out.text.lower_case = o.text.lower_case;
  out.text.stem = o.text.stem;
  out.text.remove_stop_words = o.text.remove_stop_words;
  out.text.ascii_folding = o.text.ascii_folding;
  out.text.with_position = o.text.with_position;
  out.text.max_token_length = o.text.max_token_length.value_or(0);
  return out;
}

}  // namespace

uint64_t Dataset::create_index(const std::string& column, const IndexOptions& options) const {
  check_not_zero(options.partitions, "partitions");
  check_not_zero(options.sub_vectors, "sub_vectors");
  check_not_zero(options.bits, "bits");
  check_not_zero(options.max_iterations, "max_iterations");
  check_not_zero(options.hnsw_edges, "hnsw_edges");
  check_not_zero(options.hnsw_ef_construction, "hnsw_ef_construction");
  check_not_zero(options.text.max_token_length, "max_token_length");
  ffi::IndexProgressSink sink(options.progress);
  return call([&] {
    return ffi::create_index(*impl_->rust, column, to_ffi(options), sink, static_cast<bool>(options.progress));
  });
}

std::vector<IndexInfo> Dataset::list_indices() const {
  rust::Vec<ffi::IndexInfo> found = call([&] { return ffi::list_indices(*impl_->rust); });
  std::vector<IndexInfo> out;
  for (const ffi::IndexInfo& index : found) {
    IndexInfo info;
    info.name = std::string(index.name);
    for (const rust::String& column : index.columns) info.columns.emplace_back(column);
    info.type = std::string(index.index_type);
    info.rows_indexed = index.rows_indexed;
    info.rows_unindexed = index.rows_unindexed;
    info.segments = index.segments;
    out.push_back(std::move(info));
  }
  return out;
}

uint64_t Dataset::optimize_indices(const std::vector<std::string>& names) const {
  return call([&] {
    std::vector<rust::String> wire(names.begin(), names.end());
    return ffi::optimize_indices(*impl_->rust, rust::Slice<const rust::String>(wire.data(), wire.size()));
  });
}

uint64_t Dataset::drop_index(const std::string& name) const {
  return call([&] { return ffi::drop_index(*impl_->rust, name); });
}

// Names ---------------------------------------------------------------------

namespace {

constexpr const char* kIndexTypeNames[] = {"BTree", "Bitmap", "LabelList", "Inverted", "IvfFlat", "IvfPq", "IvfHnswSq"};
constexpr const char* kMetricNames[] = {"L2", "Cosine", "Dot", "Hamming"};

// "IVF_PQ", "ivf-pq" and "IvfPq" all read as "ivfpq".
std::string folded(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (c != '_' && c != '-') out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

template <typename Enum, size_t N>
Enum parse_name(const std::string& name, const char* const (&names)[N], const char* what) {
  for (size_t i = 0; i < N; ++i) {
    if (folded(name) == folded(names[i])) return static_cast<Enum>(i);
  }
  std::string known;
  for (size_t i = 0; i < N; ++i) known += std::string(i ? ", " : "") + names[i];
  throw detail::error(ErrorKind::InvalidArgument, "unknown " + std::string(what) + " '" + name + "' (known: " + known + ")");
}

}  // namespace

const char* index_type_name(IndexType type) {
  auto i = static_cast<size_t>(type);
  return i < std::size(kIndexTypeNames) ? kIndexTypeNames[i] : "unknown";
}

IndexType parse_index_type(const std::string& name) {
  return parse_name<IndexType>(name, kIndexTypeNames, "index type");
}

const char* metric_name(Metric metric) {
  auto i = static_cast<size_t>(metric);
  return i < std::size(kMetricNames) ? kMetricNames[i] : "unknown";
}

Metric parse_metric(const std::string& name) { return parse_name<Metric>(name, kMetricNames, "metric"); }

}  // namespace lance_bridge
