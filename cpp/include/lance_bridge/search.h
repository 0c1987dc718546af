// Searching a Lance dataset from C++: the k nearest vectors to a query, and
// full-text matches. A search is part of a scan (ScanOptions::nearest,
// ScanOptions::full_text in dataset.h), so it combines with the scan's filter,
// columns, limit and version:
//
//   lance_bridge::ScanOptions options;
//   options.nearest = lance_bridge::NearestQuery{"embedding", query_vector, 10};
//   options.filter = "category = 'shoes'";
//   options.prefilter = true;       // 10 shoes, not the shoes among the 10 nearest
//   dataset.scan(options, &stream);  // with a "_distance" column, nearest first
//
// Indexes (index.h) make searches fast; without one, a vector search is exact
// (every vector compared) and a full-text search is refused.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lance_bridge {

// How vector distances are measured. (The bridge binds to this definition:
// a change here is a change of bridge/src/ffi/types.rs.)
enum class Metric : uint8_t {
  L2,       // squared Euclidean distance
  Cosine,   // 1 - cosine similarity
  Dot,      // 1 - dot product (smaller is nearer)
  Hamming,  // differing bits of uint8 vectors: indexes only (NearestQuery
            // carries float values: a Hamming search is InvalidArgument)
};

// The k rows whose `column` vectors are nearest `vector`; the scan adds their
// distance as "_distance" (float32), nearest first.
struct NearestQuery {
  std::string column;          // a fixed-size list of floats
  std::vector<float> vector;   // as many values as the column's vectors have
  uint32_t k = 10;
  // IVF partitions searched (more: better recall, slower). Unset: lance's
  // adaptive default.
  std::optional<uint32_t> nprobes;
  // Re-rank k * refine_factor candidates by their exact distance (IVF_PQ,
  // IVF_HNSW_SQ: better recall and exact distances).
  std::optional<uint32_t> refine_factor;
  // Unset: the index's metric; L2 when no index is used (none, or
  // use_index = false). A metric other than the index's makes lance search
  // exactly, without the index.
  std::optional<Metric> metric;
  // IVF_HNSW_SQ: candidates kept while searching the graph (at least k).
  std::optional<uint32_t> ef;
  // false: exact search, ignoring any index (the reference for recall; give
  // the index's metric if it is not L2).
  bool use_index = true;
};

// Rows whose text matches `query` (any of its terms, tokenised as the index
// tokenises text), best first; the scan adds their BM25 score as "_score".
// Needs an INVERTED index on each column searched.
struct FullTextQuery {
  std::string query;
  std::vector<std::string> columns;  // empty: every column with an INVERTED index
};

}  // namespace lance_bridge
