// Writes as lance transactions, through the C++ API: another writer's commit is
// never lost, concurrent appends all land, pieces commit as one version in the
// order given, and what killed writers leave behind is found and removed.

#include <thread>

#include "lance_bridge/pending_write.h"
#include "test_support.h"

namespace lance_bridge::testing {
namespace {

class Transactions : public ScratchDir {
 protected:
  static WriterOptions append() {
    WriterOptions o;
    o.mode = Mode::Append;
    return o;
  }
  // Rows [first, first + count) written by a new writer, left pending.
  static PendingWrite prepare_rows(const std::string& uri, const WriterOptions& o, int64_t first, int64_t count) {
    Writer w = open_sample_writer(uri, o);
    write_sample_batch(w, first, count);
    PendingWrite piece = w.prepare();
    EXPECT_FALSE(w.is_open());
    return piece;
  }
  static std::vector<std::vector<std::string>> concat(std::vector<std::vector<std::vector<std::string>>> parts) {
    std::vector<std::vector<std::string>> all = parts.at(0);
    for (size_t p = 1; p < parts.size(); ++p) {
      for (size_t c = 0; c < all.size(); ++c) all[c].insert(all[c].end(), parts[p][c].begin(), parts[p][c].end());
    }
    return all;
  }
};

// The scenario that lost data with the old rollback: A appends, B appends and
// commits, A is aborted. B's rows stay and the dataset reads.
TEST_F(Transactions, AbortedAppendKeepsWhatAnotherWriterCommitted) {
  std::string uri = path("d.lance");
  write_sample_rows(uri, {}, 0, 100);
  Writer a = open_sample_writer(uri, append());
  for (int i = 0; i < 6; ++i) {
    write_sample_batch(a, 10000 + i * 2000, 2000);
  }
  EXPECT_EQ(write_sample_rows(uri, append(), 100, 50).version, 2u);
  // Everything there now but A's own file in progress.
  std::vector<std::string> committed = list_files_but_in_progress(uri);
  a.abort();
  EXPECT_EQ(list_files(uri), committed);
  DatasetInfo info = dataset_info(uri);
  EXPECT_EQ(info.rows, 150u);
  EXPECT_EQ(info.version, 2u);
  EXPECT_EQ(read_table(uri).columns, expected_sample_columns(0, 150));
}

TEST_F(Transactions, FourThreadsAppendingAtOnceAllLand) {
  std::string uri = path("d.lance");
  write_sample_rows(uri, {}, 0, 10);
  std::vector<std::thread> threads;
  std::vector<uint64_t> versions(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] { versions[t] = write_sample_rows(uri, append(), 1000 * (t + 1), 300, 100).version; });
  }
  for (auto& t : threads) t.join();
  std::sort(versions.begin(), versions.end());
  EXPECT_EQ(versions, (std::vector<uint64_t>{2, 3, 4, 5}));
  DatasetInfo info = dataset_info(uri);
  EXPECT_EQ(info.rows, 10u + 4 * 300);
  EXPECT_EQ(info.version, 5u);
}

TEST_F(Transactions, PiecesCommitAsOneVersionInTheOrderGiven) {
  std::string uri = path("d.lance");
  std::vector<PendingWrite> pieces;
  for (int k = 0; k < 3; ++k) {
    PendingWrite piece = prepare_rows(uri, {}, k * 40, 40);
    // As if sent to another process: only the bytes travel.
    std::vector<uint8_t> bytes = piece.bytes();
    pieces.push_back(PendingWrite::from_bytes(std::move(bytes)));
    EXPECT_EQ(pieces.back().rows(), 40u);
    EXPECT_EQ(pieces.back().uri(), uri);
    EXPECT_EQ(pieces.back().mode(), Mode::Create);
    EXPECT_GE(pieces.back().data_files(), 1u);
  }
  EXPECT_EQ(kind_of_failure([&] { dataset_info(uri); }), ErrorKind::NotFound) << "nothing is committed yet";
  std::swap(pieces[0], pieces[2]);
  CommitSummary summary = commit(uri, pieces);
  EXPECT_EQ(summary.version, 1u);
  EXPECT_EQ(summary.rows, 120u);
  EXPECT_EQ(dataset_info(uri).version, 1u);
  EXPECT_EQ(read_table(uri).columns,
            concat({expected_sample_columns(80, 40), expected_sample_columns(40, 40), expected_sample_columns(0, 40)}));
}

// Two writers' pieces combined into one (as tpch-lance saves a part it wrote
// with two writers): a piece like any other, its rows in the order combined.
TEST_F(Transactions, CombinedPiecesCommitLikeThePieces) {
  std::string uri = path("d.lance");
  PendingWrite first = prepare_rows(uri, {}, 0, 30);
  PendingWrite second = prepare_rows(uri, {}, 30, 50);
  auto files = list_files(uri);
  PendingWrite both = combine({second, first});  // not the order written: the rows' order
  EXPECT_EQ(list_files(uri), files) << "combining writes nothing";
  EXPECT_EQ(both.rows(), 80u);
  EXPECT_EQ(both.mode(), Mode::Create);
  EXPECT_EQ(both.data_files(), first.data_files() + second.data_files());
  PendingWrite last = prepare_rows(uri, {}, 80, 20);
  EXPECT_EQ(commit(uri, {PendingWrite::from_bytes(both.bytes()), last}).rows, 100u);
  EXPECT_EQ(read_table(uri).columns,
            concat({expected_sample_columns(30, 50), expected_sample_columns(0, 30), expected_sample_columns(80, 20)}));
  EXPECT_EQ(kind_of_failure([&] { combine({}); }), ErrorKind::InvalidArgument);
  PendingWrite elsewhere = prepare_rows(path("e.lance"), {}, 0, 10);
  EXPECT_EQ(kind_of_failure([&] { combine({first, elsewhere}); }), ErrorKind::InvalidArgument);
}

TEST_F(Transactions, DiscardRemovesOnlyThePiecesFiles) {
  std::string uri = path("d.lance");
  write_sample_rows(uri, {}, 0, 10);
  auto before = list_files(uri);
  PendingWrite piece = prepare_rows(uri, append(), 10, 500);
  EXPECT_GT(list_files(uri).size(), before.size());
  EXPECT_EQ(discard(piece), piece.data_files());
  EXPECT_EQ(list_files(uri), before);
  EXPECT_EQ(read_table(uri).columns, expected_sample_columns(0, 10));
}

// A piece is committed once: committing it again (which would add its rows
// twice) and discarding it (which would delete the dataset's files) are refused.
TEST_F(Transactions, ACommittedPieceIsNeitherCommittedAgainNorDiscarded) {
  std::string uri = path("d.lance");
  write_sample_rows(uri, {}, 0, 10);
  PendingWrite piece = prepare_rows(uri, append(), 10, 20);
  EXPECT_FALSE(is_committed(piece));
  commit(uri, {piece});
  EXPECT_TRUE(is_committed(piece));
  auto files = list_files(uri);
  EXPECT_EQ(kind_of_failure([&] { commit(uri, {piece}); }), ErrorKind::AlreadyExists);
  EXPECT_EQ(kind_of_failure([&] { discard(piece); }), ErrorKind::InvalidState);
  EXPECT_EQ(list_files(uri), files);
  EXPECT_EQ(read_table(uri).columns, expected_sample_columns(0, 30));
}

// Two writers create one dataset: the second finish() is refused, removes its
// own files only, and leaves its writer closed.
TEST_F(Transactions, TheSecondOfTwoCreatesIsRefusedAndClosed) {
  std::string uri = path("d.lance");
  Writer first = open_sample_writer(uri);
  Writer second = open_sample_writer(uri);
  write_sample_batch(first, 0, 50);
  write_sample_batch(second, 500, 50);
  first.finish();
  EXPECT_EQ(kind_of_failure([&] { second.finish(); }), ErrorKind::AlreadyExists);
  EXPECT_FALSE(second.is_open());
  EXPECT_EQ(read_table(uri).columns, expected_sample_columns(0, 50));
}

TEST_F(Transactions, PathsThatAreNotUtf8AreBadArguments) {
  EXPECT_EQ(kind_of_failure([&] { open_sample_writer(path("bad-\xff.lance")); }), ErrorKind::InvalidArgument);
  EXPECT_EQ(kind_of_failure([&] { dataset_info(std::string("x\xfe")); }), ErrorKind::InvalidArgument);
}

TEST_F(Transactions, GarbageIsNotAPiece) {
  EXPECT_EQ(kind_of_failure([] { PendingWrite::from_bytes(std::string("{\"x\": 1}")); }), ErrorKind::InvalidData);
  EXPECT_EQ(kind_of_failure([] { PendingWrite::from_bytes(std::string("not json")); }), ErrorKind::InvalidData);
  EXPECT_EQ(kind_of_failure([&] { commit(path("d.lance"), {}); }), ErrorKind::InvalidArgument);
}

TEST_F(Transactions, ParquetWritersCannotPrepare) {
  WriterOptions parquet;
  parquet.format = Format::Parquet;
  Writer w = open_sample_writer(path("t.parquet"), parquet);
  EXPECT_EQ(kind_of_failure([&] { w.prepare(); }), ErrorKind::InvalidArgument);
}

// A piece neither committed nor discarded (its writer was killed, say): its
// files are orphans, found, never read as rows, and removed on request.
TEST_F(Transactions, OrphansAreFoundAndRemoved) {
  std::string uri = path("d.lance");
  write_sample_rows(uri, {}, 0, 10);
  auto before = list_files(uri);
  EXPECT_TRUE(find_orphans(uri).empty());
  PendingWrite forgotten = prepare_rows(uri, append(), 10, 300);
  EXPECT_TRUE(find_orphans(uri, {}, {forgotten}).empty()) << "a pending piece's files are not orphans";
  EXPECT_TRUE(remove_orphans(uri, 0, {}, {forgotten}).empty());
  std::vector<OrphanFile> orphans = find_orphans(uri);
  ASSERT_EQ(orphans.size(), forgotten.data_files());
  EXPECT_EQ(read_table(uri).columns, expected_sample_columns(0, 10));
  EXPECT_TRUE(remove_orphans(uri, 3600).empty()) << "too young to remove";
  EXPECT_EQ(remove_orphans(uri, 0).size(), orphans.size());
  EXPECT_EQ(list_files(uri), before);
  EXPECT_TRUE(find_orphans(uri).empty());
}

}  // namespace
}  // namespace lance_bridge::testing
