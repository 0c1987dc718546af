// Indexes on a Lance dataset from C++: scalar (BTree, Bitmap, LabelList) to
// speed up filters, full-text (Inverted) for FullTextQuery, and vector
// (IvfFlat, IvfPq, IvfHnswSq) for NearestQuery (search.h). Built, listed,
// brought up to date and dropped through lance_bridge::Dataset (dataset.h):
//
//   lance_bridge::IndexOptions options{lance_bridge::IndexType::IvfPq};
//   options.metric = lance_bridge::Metric::Cosine;
//   options.partitions = 256;
//   options.sub_vectors = 16;   // the dimension must divide by it
//   options.progress = [](const lance_bridge::IndexStage& s) { ... };
//   uint64_t version = dataset.create_index("embedding", options);
//
// Each is one lance transaction, committed as a new version on top of the
// latest; the Dataset it was called on keeps reading its own version.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lance_bridge/search.h"

namespace lance_bridge {

// The kinds of index. (The bridge binds to this definition: a change here is a
// change of bridge/src/ffi/index.rs.)
enum class IndexType : uint8_t {
  BTree,      // ordered values: ranges and equality on any scalar column
  Bitmap,     // a bitmap per value: equality on a column with few values
  LabelList,  // array_has_any / array_has_all on a list column
  Inverted,   // full-text search on a string column
  IvfFlat,    // vectors: IVF partitions of the raw vectors (exact distances)
  IvfPq,      // vectors: IVF partitions of product-quantised vectors (small, fast)
  IvfHnswSq,  // vectors: an HNSW graph per partition of scalar-quantised vectors
};

// How an Inverted index splits text into terms. The defaults are pylance's.
struct TextOptions {
  std::string base_tokenizer = "simple";  // words; "whitespace"; "raw": no splitting
  std::string language = "English";       // for stemming and stop words
  bool lower_case = true;
  bool stem = true;
  bool remove_stop_words = true;
  bool ascii_folding = true;              // "café" is found by "cafe"
  bool with_position = false;             // keep term positions
  std::optional<uint32_t> max_token_length = 40;  // longer terms are not indexed
};

// A stage of an index build, as IndexOptions::progress is told it.
struct IndexStage {
  std::string_view stage;   // lance's name: "train_ivf", "shuffle", "load_data", ...
  std::string_view unit;    // what is counted: "partitions", "rows", ... ("" if nothing)
  uint64_t completed = 0;
  std::optional<uint64_t> total;  // unset: not known
  bool finished = false;          // the stage has ended
};

// What to build. Unset values are lance's defaults.
struct IndexOptions {
  IndexType type = IndexType::BTree;
  std::string name;      // "": lance's "<column>_idx"
  bool replace = false;  // replace an index of the same name; false: AlreadyExists
  // Vector indexes only:
  Metric metric = Metric::L2;            // the distance searches will use
  std::optional<uint32_t> partitions;    // IVF partitions (unset: from the row count)
  std::optional<uint32_t> sub_vectors;   // IvfPq, required: the dimension must divide by it
  std::optional<uint32_t> bits;          // IvfPq: bits per code (8); IvfHnswSq: per value (8)
  std::optional<uint32_t> max_iterations;  // k-means training (50)
  std::optional<uint32_t> hnsw_edges;      // IvfHnswSq: edges per node (20)
  std::optional<uint32_t> hnsw_ef_construction;  // IvfHnswSq: candidates while building (150)
  // Inverted only:
  TextOptions text;
  // Called (from lance's worker threads, one call at a time per build) as the
  // build goes; an exception it throws stops the build, and create_index
  // throws an Error of kind Aborted with its message, having committed
  // nothing. It must not call lance_bridge itself (that call would fail).
  // Called only while create_index runs.
  std::function<void(const IndexStage&)> progress;
};

// An index of a dataset version.
struct IndexInfo {
  std::string name;
  std::vector<std::string> columns;
  std::string type;          // lance's name: "BTree", "Inverted", "IVF_PQ", ...
  uint64_t rows_indexed = 0;    // may still count deleted rows
  uint64_t rows_unindexed = 0;  // added since; Dataset::optimize_indices covers them
  uint64_t segments = 0;        // pieces the index is made of
};

// "BTree", "IvfPq", ...: the spelling of IndexType and Metric values in this
// header; parse_* take any case and '_' ("ivf_pq", "IVF_PQ") and throw
// InvalidArgument for an unknown name.
const char* index_type_name(IndexType type);
IndexType parse_index_type(const std::string& name);
const char* metric_name(Metric metric);
Metric parse_metric(const std::string& name);

}  // namespace lance_bridge
