// Writer groups and Writer::check_destination, on real datasets: a group's
// slices commit as one version in writer order, a failed or aborted group
// leaves nothing (files or folders it made) and touches nothing it did not
// make, and check_destination refuses what open() would, creating nothing.

#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>

#include "lance_bridge/writer_group.h"
#include "test_support.h"

namespace lance_bridge::testing {
namespace {

namespace fs = std::filesystem;

// The sample schema, exported for one call and released after it.
template <typename F>
void with_sample_schema(F&& f) {
  ArrowSchema schema;
  export_schema(sample_fields(), &schema);
  try {
    f(schema);
  } catch (...) {
    schema.release(&schema);
    throw;
  }
  schema.release(&schema);
}

WriterGroup open_group(const std::string& uri, size_t count, const WriterOptions& options = {}) {
  std::optional<WriterGroup> group;
  with_sample_schema([&](const ArrowSchema& schema) { group.emplace(WriterGroup::open(uri, schema, count, options)); });
  return std::move(*group);
}

class WriterGroups : public ScratchDir {};

TEST_F(WriterGroups, SlicesCommitAsOneVersionInWriterOrder) {
  std::string uri = path("d.lance");
  WriterGroup group = open_group(uri, 3);
  ASSERT_EQ(group.size(), 3u);
  // Filled out of order: the rows still land in writer order.
  write_sample_batch(group.writer(2), 200, 50);
  write_sample_batch(group.writer(0), 0, 100);
  write_sample_batch(group.writer(1), 100, 60);
  write_sample_batch(group.writer(1), 160, 40);
  CommitSummary summary = group.commit();
  EXPECT_EQ(summary.version, 1u);
  EXPECT_EQ(summary.rows, 250u);
  EXPECT_EQ(summary.fragments, 3u);
  EXPECT_EQ(dataset_info(uri).rows, 250u);
  EXPECT_EQ(read_table(uri).columns, expected_sample_columns(0, 250));
  EXPECT_EQ(kind_of_failure([&] { group.writer(0); }), ErrorKind::InvalidState);
}

TEST_F(WriterGroups, AnAbortedGroupLeavesNothingItMadeAndKeepsWhatWasThere) {
  fs::create_directories(path("out"));
  std::string uri = path("out/new/d.lance");
  {
    WriterGroup group = open_group(uri, 2);
    write_sample_batch(group.writer(0), 0, 100);
    write_sample_batch(group.writer(1), 100, 100);
  }  // destroyed uncommitted
  EXPECT_FALSE(fs::exists(path("out/new"))) << "the folders the group made are gone";
  EXPECT_TRUE(fs::exists(path("out"))) << "a folder that was there stays";

  // On an existing dataset: an aborted append leaves it as it was.
  std::string existing = path("e.lance");
  write_sample_rows(existing, {}, 0, 30);
  std::vector<std::string> before = list_files(existing);
  WriterOptions append;
  append.mode = Mode::Append;
  WriterGroup group = open_group(existing, 2, append);
  write_sample_batch(group.writer(0), 30, 100);
  group.abort();
  EXPECT_EQ(list_files(existing), before);
  EXPECT_EQ(read_table(existing).columns, expected_sample_columns(0, 30));
}

TEST_F(WriterGroups, AFailedCommitDiscardsEverySlice) {
  std::string uri = path("d.lance");
  WriterGroup group = open_group(uri, 2);
  write_sample_batch(group.writer(0), 0, 100);
  write_sample_batch(group.writer(1), 100, 100);
  // Another writer creates the dataset first: this create must lose, cleanly.
  write_sample_rows(uri, {}, 0, 10);
  std::vector<std::string> theirs = list_files_but_in_progress(uri);
  EXPECT_EQ(kind_of_failure([&] { group.commit(); }), ErrorKind::AlreadyExists);
  EXPECT_EQ(list_files(uri), theirs) << "the slices' files are discarded, theirs kept";
  EXPECT_EQ(read_table(uri).columns, expected_sample_columns(0, 10));
}

TEST_F(WriterGroups, PrepareHandsOverOnePendingWriteOrDiscardsIt) {
  std::string uri = path("d.lance");
  WriterGroup kept = open_group(uri, 2);
  write_sample_batch(kept.writer(0), 0, 70);
  write_sample_batch(kept.writer(1), 70, 30);
  std::vector<uint8_t> saved;
  PendingWrite piece = kept.prepare([&](const PendingWrite& p) { saved = p.bytes(); });
  EXPECT_EQ(piece.rows(), 100u);
  EXPECT_EQ(saved, piece.bytes());
  EXPECT_FALSE(fs::exists(fs::path(uri) / "_versions")) << "nothing committed yet";
  EXPECT_EQ(commit(uri, {PendingWrite::from_bytes(saved)}).rows, 100u);
  EXPECT_EQ(read_table(uri).columns, expected_sample_columns(0, 100));

  std::string other = path("o.lance");
  WriterGroup lost = open_group(other, 2);
  write_sample_batch(lost.writer(0), 0, 10);
  write_sample_batch(lost.writer(1), 10, 10);
  EXPECT_THROW(lost.prepare([](const PendingWrite&) { throw std::runtime_error("disk full"); }), std::runtime_error);
  EXPECT_FALSE(fs::exists(other)) << "the write's files and folders went with the failure";
}

TEST_F(WriterGroups, BadGroupsAreRefused) {
  EXPECT_EQ(kind_of_failure([&] { open_group(path("d.lance"), 0); }), ErrorKind::InvalidArgument);
  WriterOptions parquet;
  parquet.format = Format::Parquet;
  EXPECT_EQ(kind_of_failure([&] { open_group(path("d.parquet"), 2, parquet); }), ErrorKind::InvalidArgument);
  WriterGroup group = open_group(path("d.lance"), 2);
  EXPECT_EQ(kind_of_failure([&] { group.writer(2); }), ErrorKind::InvalidArgument);
}

class CheckDestination : public ScratchDir {
 protected:
  ErrorKind check(const std::string& uri, const WriterOptions& options = {}) {
    return kind_of_failure([&] {
      with_sample_schema([&](const ArrowSchema& schema) { Writer::check_destination(uri, schema, options); });
    });
  }
  void accept(const std::string& uri, const WriterOptions& options = {}) {
    with_sample_schema([&](const ArrowSchema& schema) {
      EXPECT_NO_THROW(Writer::check_destination(uri, schema, options)) << uri;
    });
  }
};

TEST_F(CheckDestination, RefusesWhatOpenWouldAndCreatesNothing) {
  std::string uri = path("a/b/d.lance");
  accept(uri);
  EXPECT_FALSE(fs::exists(path("a"))) << "a check creates nothing";

  std::string existing = path("e.lance");
  write_sample_rows(existing, {}, 0, 10);
  EXPECT_EQ(check(existing), ErrorKind::AlreadyExists);
  WriterOptions append;
  append.mode = Mode::Append;
  accept(existing, append);
  EXPECT_EQ(check(path("missing.lance"), append), ErrorKind::NotFound);

  std::string parquet_file = path("t.parquet");
  WriterOptions parquet;
  parquet.format = Format::Parquet;
  write_sample_rows(parquet_file, parquet, 0, 10);
  EXPECT_EQ(check(parquet_file, parquet), ErrorKind::AlreadyExists);
  parquet.mode = Mode::Overwrite;
  accept(parquet_file, parquet);

  // A file where a folder would have to be.
  { std::ofstream(path("file")) << "x"; }
  EXPECT_EQ(check(path("file/d.lance")), ErrorKind::Io);
  WriterOptions bad;
  bad.data_storage_version = "9.9";
  EXPECT_EQ(check(path("x.lance"), bad), ErrorKind::InvalidArgument);
}

}  // namespace
}  // namespace lance_bridge::testing
