// Indexes and searches through lance_bridge::Dataset, checked against answers
// computed here: exact nearest neighbours by brute force over the vectors this
// test wrote, full-text matches by looking for the word, filtered counts by
// counting. (The same indexes and searches are compared with pylance's in
// index_vs_pylance_test.py.)

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "lance_bridge/batch_builder.h"
#include "lance_bridge/dataset.h"
#include "lance_bridge/writer.h"
#include "read_back.h"
#include "test_support.h"

namespace lance_bridge::testing {
namespace {

constexpr int kDim = 8;
constexpr int64_t kRows = 3000;
const char* const kWords[] = {"apple", "banana", "cherry", "damson", "elder", "fig", "grape"};

// Rows: id, grp (id % 10), text (two of kWords), vec (kDim random floats).
class Indexes : public ScratchDir {
 protected:
  void SetUp() override {
    ScratchDir::SetUp();
    uri_ = path("items.lance");
    std::mt19937 random(7);
    std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
    vectors_.resize(kRows * kDim);
    for (float& v : vectors_) v = uniform(random);
    write_rows(0, kRows, WriterOptions{});
  }

  void write_rows(int64_t first, int64_t count, WriterOptions options) {
    BatchBuilder batch({Field::int64("id"), Field::int64("grp"), Field::utf8("text"),
                        Field::float32_vector("vec", kDim)});
    for (int64_t id = first; id < first + count; ++id) {
      batch.column(0).append_int64(id);
      batch.column(1).append_int64(id % 10);
      batch.column(2).append_string(text_of(id));
      batch.column(3).append_vector(&vectors_[(id % kRows) * kDim], kDim);
    }
    ArrowArray array;
    ArrowSchema schema, batch_schema;
    batch.finish(&array);
    batch.export_schema(&schema);
    batch.export_schema(&batch_schema);
    Writer writer = Writer::open(uri_, schema, options);  // reads `schema`
    schema.release(&schema);
    writer.write(&array, &batch_schema);                  // takes both
    writer.finish();
  }

  static std::string text_of(int64_t id) {
    return std::string(kWords[id % 7]) + " and " + kWords[(id / 7) % 7];
  }

  // Ids of the k rows nearest `query` by squared L2, nearest first, among rows passing `keep`.
  template <typename Keep>
  std::vector<int64_t> brute_force(const float* query, uint32_t k, Keep keep) const {
    std::vector<std::pair<double, int64_t>> all;
    for (int64_t id = 0; id < kRows; ++id) {
      if (!keep(id)) continue;
      double d = 0;
      for (int j = 0; j < kDim; ++j) d += std::pow(vectors_[id * kDim + j] - query[j], 2);
      all.emplace_back(d, id);
    }
    std::sort(all.begin(), all.end());
    std::vector<int64_t> ids;
    for (uint32_t i = 0; i < k && i < all.size(); ++i) ids.push_back(all[i].second);
    return ids;
  }

  Table search(const ScanOptions& options) const {
    ArrowArrayStream stream;
    Dataset::open(uri_).scan(options, &stream);
    return read_stream(&stream);
  }

  static std::vector<int64_t> ids_of(const Table& t) {
    size_t column = std::find(t.names.begin(), t.names.end(), "id") - t.names.begin();
    std::vector<int64_t> ids;
    for (const std::string& id : t.columns.at(column)) ids.push_back(std::stoll(id));
    return ids;
  }

  NearestQuery nearest_to(int64_t row, uint32_t k) const {
    NearestQuery q;
    q.column = "vec";
    // Not a stored vector: a point between two of them.
    for (int j = 0; j < kDim; ++j) q.vector.push_back(0.5f * (vectors_[row * kDim + j] + vectors_[(row + 1) * kDim + j]));
    q.k = k;
    return q;
  }

  std::string uri_;
  std::vector<float> vectors_;
};

double recall(const std::vector<int64_t>& found, const std::vector<int64_t>& truth) {
  std::set<int64_t> expected(truth.begin(), truth.end());
  size_t hits = std::count_if(found.begin(), found.end(), [&](int64_t id) { return expected.count(id) > 0; });
  return static_cast<double>(hits) / truth.size();
}

TEST_F(Indexes, ExactSearchIsBruteForce) {
  for (int64_t row : {0, 100, 2000}) {
    ScanOptions options;
    options.nearest = nearest_to(row, 10);
    options.columns = {"id", "_distance"};
    Table t = search(options);
    EXPECT_EQ(ids_of(t), brute_force(options.nearest->vector.data(), 10, [](int64_t) { return true; }));
    std::vector<std::string> distances = t.columns[1];
    EXPECT_TRUE(std::is_sorted(distances.begin(), distances.end(),
                               [](const std::string& a, const std::string& b) { return std::stod(a) < std::stod(b); }));
  }
}

TEST_F(Indexes, PrefilterSearchesOnlyRowsThatPass) {
  ScanOptions options;
  options.nearest = nearest_to(500, 10);
  options.filter = "grp = 3";
  options.prefilter = true;
  options.columns = {"id"};
  EXPECT_EQ(ids_of(search(options)),
            brute_force(options.nearest->vector.data(), 10, [](int64_t id) { return id % 10 == 3; }));
  // Postfilter: the filter applies to the 10 nearest of all rows.
  options.prefilter = false;
  std::vector<int64_t> all = brute_force(options.nearest->vector.data(), 10, [](int64_t) { return true; });
  std::vector<int64_t> expected;
  for (int64_t id : all) {
    if (id % 10 == 3) expected.push_back(id);
  }
  EXPECT_EQ(ids_of(search(options)), expected);
}

TEST_F(Indexes, IvfFlatWithEveryPartitionProbedIsExact) {
  IndexOptions options;
  options.type = IndexType::IvfFlat;
  options.partitions = 4;
  std::vector<std::string> stages;
  options.progress = [&](const IndexStage& s) {
    if (s.finished) stages.emplace_back(s.stage);
  };
  uint64_t before = Dataset::open(uri_).version();
  EXPECT_EQ(Dataset::open(uri_).create_index("vec", options), before + 1);
  EXPECT_FALSE(stages.empty()) << "the progress callback was never told a stage ended";
  std::vector<IndexInfo> indexes = Dataset::open(uri_).list_indices();
  ASSERT_EQ(indexes.size(), 1u);
  EXPECT_EQ(indexes[0].name, "vec_idx");
  EXPECT_EQ(indexes[0].columns, std::vector<std::string>{"vec"});
  EXPECT_EQ(indexes[0].type, "IVF_FLAT");
  EXPECT_EQ(indexes[0].rows_indexed, static_cast<uint64_t>(kRows));
  EXPECT_EQ(indexes[0].rows_unindexed, 0u);
  ScanOptions search_options;
  search_options.nearest = nearest_to(42, 10);
  search_options.nearest->nprobes = 4;
  search_options.columns = {"id"};
  EXPECT_EQ(ids_of(search(search_options)),
            brute_force(search_options.nearest->vector.data(), 10, [](int64_t) { return true; }));
}

TEST_F(Indexes, IvfPqAndIvfHnswSqFindMostTrueNeighbours) {
  IndexOptions pq;
  pq.type = IndexType::IvfPq;
  pq.partitions = 2;
  pq.sub_vectors = 4;
  pq.name = "pq";
  Dataset::open(uri_).create_index("vec", pq);
  IndexOptions hnsw;
  hnsw.type = IndexType::IvfHnswSq;
  hnsw.partitions = 2;
  hnsw.name = "hnsw";
  hnsw.replace = true;
  // Replacing an index by another on the same column: the search uses the newest.
  Dataset::open(uri_).create_index("vec", hnsw);
  std::vector<IndexInfo> indexes = Dataset::open(uri_).list_indices();
  std::set<std::string> types;
  for (const IndexInfo& i : indexes) types.insert(i.type);
  EXPECT_TRUE(types.count("IVF_HNSW_SQ")) << "indexes: " << indexes.size();
  double total = 0;
  for (int64_t row = 0; row < 2000; row += 100) {
    ScanOptions options;
    options.nearest = nearest_to(row, 10);
    options.nearest->nprobes = 2;
    options.nearest->refine_factor = 5;
    options.columns = {"id"};
    total += recall(ids_of(search(options)), brute_force(options.nearest->vector.data(), 10, [](int64_t) { return true; }));
  }
  EXPECT_GE(total / 20, 0.9);
}

TEST_F(Indexes, FullTextFindsTheRowsWithTheWord) {
  ScanOptions query;
  query.full_text = FullTextQuery{"cherry", {"text"}};
  query.columns = {"id", "_score"};
  std::set<int64_t> expected;
  for (int64_t id = 0; id < kRows; ++id) {
    if (text_of(id).find("cherry") != std::string::npos) expected.insert(id);
  }
  // Without an index lance searches every row; with one, the index.
  std::vector<int64_t> unindexed = ids_of(search(query));
  EXPECT_EQ(std::set<int64_t>(unindexed.begin(), unindexed.end()), expected);
  IndexOptions options;
  options.type = IndexType::Inverted;
  Dataset::open(uri_).create_index("text", options);
  query.full_text->columns.clear();  // every indexed column
  std::vector<int64_t> found = ids_of(search(query));
  EXPECT_EQ(std::set<int64_t>(found.begin(), found.end()), expected);
  EXPECT_EQ(found.size(), expected.size());
  // With a filter, prefiltered: the same rows of group 4.
  query.filter = "grp = 4";
  query.prefilter = true;
  std::set<int64_t> in_group;
  for (int64_t id : expected) {
    if (id % 10 == 4) in_group.insert(id);
  }
  found = ids_of(search(query));
  EXPECT_EQ(std::set<int64_t>(found.begin(), found.end()), in_group);
}

TEST_F(Indexes, ScalarIndexesKeepFilterResultsAndOptimizeCoversNewRows) {
  Dataset before = Dataset::open(uri_);
  uint64_t expected = before.count_rows("grp = 3");
  IndexOptions btree;
  btree.type = IndexType::BTree;
  Dataset::open(uri_).create_index("id", btree);
  IndexOptions bitmap;
  bitmap.type = IndexType::Bitmap;
  Dataset::open(uri_).create_index("grp", bitmap);
  EXPECT_EQ(Dataset::open(uri_).count_rows("grp = 3"), expected);
  EXPECT_EQ(Dataset::open(uri_).count_rows("id >= 100 AND id < 200"), 100u);
  // New rows: not indexed until optimize_indices.
  WriterOptions append;
  append.mode = Mode::Append;
  write_rows(kRows, 500, append);
  auto find = [&](const std::string& name) {
    for (const IndexInfo& i : Dataset::open(uri_).list_indices()) {
      if (i.name == name) return i;
    }
    ADD_FAILURE() << "no index " << name;
    return IndexInfo{};
  };
  EXPECT_EQ(find("grp_idx").rows_unindexed, 500u);
  EXPECT_EQ(Dataset::open(uri_).count_rows("grp = 3"), expected + 50);
  Dataset::open(uri_).optimize_indices({"grp_idx"});
  EXPECT_EQ(find("grp_idx").rows_unindexed, 0u);
  EXPECT_EQ(find("id_idx").rows_unindexed, 500u);
  Dataset::open(uri_).optimize_indices();
  EXPECT_EQ(find("id_idx").rows_unindexed, 0u);
  EXPECT_EQ(Dataset::open(uri_).count_rows("grp = 3"), expected + 50);
  // Dropped: gone from the list, the rows still all there.
  Dataset::open(uri_).drop_index("id_idx");
  EXPECT_EQ(Dataset::open(uri_).list_indices().size(), 1u);
  EXPECT_EQ(Dataset::open(uri_).count_rows(), static_cast<uint64_t>(kRows + 500));
}

TEST_F(Indexes, BadRequestsAreRefusedAndCommitNothing) {
  Dataset dataset = Dataset::open(uri_);
  uint64_t version = dataset.version();
  auto kind_of = [](auto&& call) {
    try {
      call();
    } catch (const Error& e) {
      return e.kind();
    }
    return ErrorKind::Internal;  // not refused at all
  };
  IndexOptions pq;
  pq.type = IndexType::IvfPq;  // no sub_vectors
  EXPECT_EQ(kind_of([&] { dataset.create_index("vec", pq); }), ErrorKind::InvalidArgument);
  IndexOptions btree;
  EXPECT_EQ(kind_of([&] { dataset.create_index("nope", btree); }), ErrorKind::InvalidArgument);
  IndexOptions metric_on_scalar;
  metric_on_scalar.metric = Metric::Cosine;
  EXPECT_EQ(kind_of([&] { dataset.create_index("id", metric_on_scalar); }), ErrorKind::InvalidArgument);
  IndexOptions zero_partitions;
  zero_partitions.type = IndexType::IvfFlat;
  zero_partitions.partitions = 0;
  EXPECT_EQ(kind_of([&] { dataset.create_index("vec", zero_partitions); }), ErrorKind::InvalidArgument);
  IndexOptions iterations_on_scalar;
  iterations_on_scalar.max_iterations = 10;
  EXPECT_EQ(kind_of([&] { dataset.create_index("id", iterations_on_scalar); }), ErrorKind::InvalidArgument);
  EXPECT_EQ(kind_of([&] { dataset.drop_index("nope"); }), ErrorKind::NotFound);
  EXPECT_EQ(kind_of([&] { dataset.optimize_indices({"nope"}); }), ErrorKind::NotFound);
  // A progress callback that throws stops the build: Aborted, nothing committed.
  IndexOptions stopped;
  stopped.type = IndexType::IvfFlat;
  stopped.partitions = 2;
  stopped.progress = [](const IndexStage&) { throw std::runtime_error("enough"); };
  EXPECT_EQ(kind_of([&] { dataset.create_index("vec", stopped); }), ErrorKind::Aborted);
  // Also when what it throws is not a std::exception (cxx passes only those).
  stopped.progress = [](const IndexStage&) { throw 42; };
  EXPECT_EQ(kind_of([&] { dataset.create_index("vec", stopped); }), ErrorKind::Aborted);
  // A name taken: AlreadyExists unless replace.
  dataset.create_index("id", btree);
  EXPECT_EQ(kind_of([&] { dataset.create_index("id", btree); }), ErrorKind::AlreadyExists);
  EXPECT_EQ(Dataset::open(uri_).version(), version + 1);
  // Searches.
  auto search_kind = [&](ScanOptions options) {
    return kind_of([&] {
      ArrowArrayStream stream;
      dataset.scan(options, &stream);
      stream.release(&stream);
    });
  };
  ScanOptions zero_k;
  zero_k.nearest = nearest_to(0, 0);
  EXPECT_EQ(search_kind(zero_k), ErrorKind::InvalidArgument);
  ScanOptions wrong_dimension;
  wrong_dimension.nearest = nearest_to(0, 5);
  wrong_dimension.nearest->vector.pop_back();
  EXPECT_EQ(search_kind(wrong_dimension), ErrorKind::InvalidArgument);
  ScanOptions not_a_vector;
  not_a_vector.nearest = nearest_to(0, 5);
  not_a_vector.nearest->column = "text";
  EXPECT_EQ(search_kind(not_a_vector), ErrorKind::InvalidArgument);
  ScanOptions both;
  both.nearest = nearest_to(0, 5);
  both.full_text = FullTextQuery{"apple", {}};
  EXPECT_EQ(search_kind(both), ErrorKind::InvalidArgument);
  ScanOptions hamming;
  hamming.nearest = nearest_to(0, 5);
  hamming.nearest->metric = Metric::Hamming;
  EXPECT_EQ(search_kind(hamming), ErrorKind::InvalidArgument);
  ScanOptions empty_text;
  empty_text.full_text = FullTextQuery{" ", {}};
  EXPECT_EQ(search_kind(empty_text), ErrorKind::InvalidArgument);
}

TEST(IndexNames, ParseEverySpellingAndRefuseUnknownOnes) {
  EXPECT_EQ(parse_index_type("ivf_pq"), IndexType::IvfPq);
  EXPECT_EQ(parse_index_type("IVF_HNSW_SQ"), IndexType::IvfHnswSq);
  EXPECT_EQ(parse_index_type("LabelList"), IndexType::LabelList);
  EXPECT_EQ(parse_metric("cosine"), Metric::Cosine);
  EXPECT_STREQ(index_type_name(IndexType::Inverted), "Inverted");
  for (int i = 0; i <= static_cast<int>(IndexType::IvfHnswSq); ++i) {
    EXPECT_EQ(parse_index_type(index_type_name(static_cast<IndexType>(i))), static_cast<IndexType>(i));
  }
  EXPECT_THROW(parse_index_type("ivf_rq"), Error);
  EXPECT_THROW(parse_metric("manhattan"), Error);
}

}  // namespace
}  // namespace lance_bridge::testing
