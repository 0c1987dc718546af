// Bad input gets a clear error and loses nothing.

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "hand_made_batch.h"
#include "test_support.h"

namespace lance_bridge::testing {
namespace {

// Read while this program is being initialised, before main and before any
// writer exists: a shared library's constructors run before the program's.
const std::string kEncodingThreadsAtStartup =
    std::getenv("LANCE_CPU_THREADS") ? std::getenv("LANCE_CPU_THREADS") : "";

// lance's encoder gets a thread per core, set when the library is loaded (a
// setenv later, while other threads may read the environment, is undefined).
TEST(EncodingThreads, AreChosenBeforeMain) {
  ASSERT_FALSE(kEncodingThreadsAtStartup.empty());
  int threads = std::stoi(kEncodingThreadsAtStartup);
  EXPECT_GE(threads, 1);
  EXPECT_LE(threads, static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
}

// A connection an object store resets mid-upload must not end the program:
// the library ignores SIGPIPE when it loads, if the program left it at its
// default (as this test program does), and a write to a closed pipe then fails
// with EPIPE instead of killing the process.
TEST(BrokenPipe, IsAnErrorNotTheEndOfTheProgram) {
  struct sigaction current {};
  ASSERT_EQ(sigaction(SIGPIPE, nullptr, &current), 0);
  EXPECT_EQ(current.sa_handler, SIG_IGN);
  int ends[2];
  ASSERT_EQ(pipe(ends), 0);
  close(ends[0]);
  errno = 0;
  EXPECT_EQ(write(ends[1], "x", 1), -1);
  EXPECT_EQ(errno, EPIPE);
  close(ends[1]);
}

class WriterErrors : public ScratchDir {
 protected:
  // A committed dataset with rows [0, 100).
  std::string committed_dataset() {
    std::string uri = path("base.lance");
    Writer w = open_sample_writer(uri, {});
    write_sample_batch(w, 0, 100);
    w.finish();
    return uri;
  }
};

TEST_F(WriterErrors, MismatchedBatchIsRefusedAndTheWriterGoesOn) {
  std::string uri = path("m.lance");
  Writer w = open_sample_writer(uri, {});

  // A batch that says its third column is int64.
  std::vector<Field> wrong = sample_fields();
  wrong[2] = Field::int64("price");
  BatchBuilder builder(wrong);
  for (int i = 0; i < 3; ++i) {
    builder.column(0).append_int64(i);
    builder.column(1).append_int32(i);
    builder.column(2).append_int64(i);
    builder.column(3).append_date32(i);
    builder.column(4).append_string("x");
    builder.column(5).append_int64(i);
    builder.column(6).append_decimal(i);
    builder.column(7).append_string("y");
  }
  ArrowArray batch;
  ArrowSchema schema;
  builder.finish(&batch);
  builder.export_schema(&schema);
  try {
    w.write(&batch, &schema);
    FAIL() << "a mismatched batch must be refused";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::SchemaMismatch);
    EXPECT_NE(std::string(e.what()).find("price"), std::string::npos) << e.what();
  }
  EXPECT_EQ(batch.release, nullptr) << "ownership is taken even on failure";
  EXPECT_EQ(schema.release, nullptr);

  // A batch with fewer columns than the writer's schema, sent as trusted.
  BatchBuilder narrow({Field::int64("id")});
  narrow.column(0).append_int64(1);
  narrow.finish(&batch);
  EXPECT_EQ(kind_of_failure([&] { w.write_trusted(&batch); }), ErrorKind::InvalidData);
  EXPECT_EQ(batch.release, nullptr);

  // A batch without its schema is refused by write() (and still taken).
  make_sample_batch(0, 1, &batch);
  EXPECT_EQ(kind_of_failure([&] { w.write(&batch, nullptr); }), ErrorKind::InvalidArgument);
  EXPECT_EQ(batch.release, nullptr);

  write_sample_batch(w, 0, 50);
  EXPECT_EQ(w.finish().rows, 50u);
  EXPECT_EQ(read_table(uri).columns, expected_sample_columns(0, 50));
}

TEST_F(WriterErrors, NullsInANonNullableColumnAreRefusedAndTheWriterGoesOn) {
  std::string uri = path("nn.lance");
  ArrowSchema schema;
  export_schema(HandMadeBatch::fields(), &schema);  // id int64 NOT NULL, name utf8
  Writer w = Writer::open(uri, schema, {});
  schema.release(&schema);

  // The same columns, but the batch says id may be null, and one is.
  std::vector<Field> nullable = {Field::int64("id", true), Field::utf8("name")};
  BatchBuilder b(nullable);
  b.column(0).append_int64(1);
  b.column(0).append_null();
  b.column(1).append_string("a");
  b.column(1).append_string("b");
  ArrowArray array;
  b.finish(&array);
  export_schema(nullable, &schema);
  try {
    w.write(&array, &schema);
    FAIL() << "nulls in a non-nullable column must be refused";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::SchemaMismatch);
    EXPECT_NE(std::string(e.what()).find("not nullable"), std::string::npos) << e.what();
  }
  // A batch that says id is not nullable (as the writer does) but has a null, written
  // with its schema and as trusted: the same refusal, naming the column.
  for (bool trusted : {false, true}) {
    BatchBuilder strict(HandMadeBatch::fields());
    strict.column(0).append_null();
    strict.column(1).append_string("c");
    strict.finish(&array);
    try {
      if (trusted) {
        w.write_trusted(&array);
      } else {
        w.write(&array, HandMadeSchema().get());
      }
      FAIL() << "nulls in a non-nullable column must be refused";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::SchemaMismatch) << e.what();
      EXPECT_NE(std::string(e.what()).find("'id' is not nullable"), std::string::npos) << e.what();
    }
  }
  HandMadeBatch good(3, 0, 0);
  good.export_to(&array);
  w.write(&array, HandMadeSchema().get());
  EXPECT_EQ(w.finish().rows, 3u);
  EXPECT_EQ(dataset_info(uri).rows, 3u) << "only the good batch landed";
}

TEST_F(WriterErrors, InvalidArraysAreRefused) {
  std::string uri = path("inv.lance");
  ArrowSchema schema;
  export_schema(HandMadeBatch::fields(), &schema);
  Writer w = Writer::open(uri, schema, {});
  schema.release(&schema);

  ArrowArray array;
  {  // Already released.
    HandMadeBatch b(4, 0, 0);
    b.export_to(&array);
    array.release(&array);
    EXPECT_EQ(kind_of_failure([&] { w.write_trusted(&array); }), ErrorKind::InvalidData);
  }
  {  // A null data buffer.
    HandMadeBatch b(4, 0, 0);
    b.child_buffers(0)[1] = nullptr;
    b.export_to(&array);
    EXPECT_EQ(kind_of_failure([&] { w.write_trusted(&array); }), ErrorKind::InvalidData);
    EXPECT_EQ(*b.released, 1);
  }
  {  // Offsets going backwards.
    HandMadeBatch b(4, 0, 0);
    b.offsets()[2] = 100;
    b.export_to(&array);
    EXPECT_EQ(kind_of_failure([&] { w.write_trusted(&array); }), ErrorKind::InvalidData);
  }
  {  // Negative last offset.
    HandMadeBatch b(4, 0, 0);
    b.offsets()[4] = -5;
    b.export_to(&array);
    EXPECT_EQ(kind_of_failure([&] { w.write_trusted(&array); }), ErrorKind::InvalidData);
  }
  {  // Wrong buffer count.
    HandMadeBatch b(4, 0, 0);
    b.child(1)->n_buffers = 2;
    b.export_to(&array);
    EXPECT_EQ(kind_of_failure([&] { w.write_trusted(&array); }), ErrorKind::InvalidData);
  }
  {  // Nulls claimed without a validity buffer.
    HandMadeBatch b(4, 0, 0);
    b.child(0)->null_count = 2;
    b.export_to(&array);
    EXPECT_EQ(kind_of_failure([&] { w.write_trusted(&array); }), ErrorKind::InvalidData);
  }
  {  // A null pointer instead of an array.
    EXPECT_EQ(kind_of_failure([&] { w.write_trusted(nullptr); }),
              ErrorKind::InvalidArgument);
  }
  {  // Invalid UTF-8.
    BatchBuilder bad(HandMadeBatch::fields());
    bad.column(0).append_int64(1);
    bad.column(1).append_string(std::string("\xff\xfe", 2));
    bad.finish(&array);
    EXPECT_EQ(kind_of_failure([&] { w.write_trusted(&array); }), ErrorKind::InvalidData);
  }
  // Nothing bad got in; the writer still works.
  HandMadeBatch good(10, 0, 0);
  good.export_to(&array);
  w.write_trusted(&array);
  EXPECT_EQ(w.finish().rows, 10u);
  EXPECT_EQ(dataset_info(uri).rows, 10u);
}

// Enums and text C++ hands over are checked, not trusted: a value the header
// does not define (a cast integer) or an option that is not UTF-8 is the
// caller's bad argument, refused before anything is created.
TEST_F(WriterErrors, OptionsOutsideTheirRangeAreBadArguments) {
  auto refused = [&](WriterOptions o) {
    EXPECT_EQ(kind_of_failure([&] { open_sample_writer(path("d.lance"), o); }), ErrorKind::InvalidArgument);
    EXPECT_FALSE(std::filesystem::exists(path("d.lance")));
  };
  WriterOptions o;
  o.format = static_cast<Format>(7);
  refused(o);
  o = {};
  o.mode = static_cast<Mode>(9);
  refused(o);
  o = {};
  o.transfer = static_cast<Transfer>(200);
  refused(o);
  o = {};
  o.data_storage_version = "2.\xff";
  refused(o);
  o = {};
  o.parquet_compression = "zst\xfe";
  o.format = Format::Parquet;
  refused(o);
  EXPECT_EQ(kind_of_failure([] { parse_mode("Create"); }), ErrorKind::InvalidArgument);
  EXPECT_EQ(parse_mode("append"), Mode::Append);
  EXPECT_STREQ(error_kind_name(ErrorKind::AlreadyExists), "already_exists");
}

TEST_F(WriterErrors, UnwritablePath) {
  std::string file = path("plain_file");
  std::ofstream(file) << "not a directory";
  EXPECT_EQ(kind_of_failure([&] { open_sample_writer(file + "/x.lance", {}); }), ErrorKind::Io);
  WriterOptions parquet;
  parquet.format = Format::Parquet;
  EXPECT_EQ(kind_of_failure([&] { open_sample_writer(file + "/x.parquet", parquet); }), ErrorKind::Io);
  EXPECT_EQ(list_files(dir_.string()), std::vector<std::string>{"plain_file"});
}

TEST_F(WriterErrors, CreateOverAnExistingDatasetChangesNothing) {
  std::string uri = committed_dataset();
  auto before = list_files(uri);
  EXPECT_EQ(kind_of_failure([&] { open_sample_writer(uri, {}); }), ErrorKind::AlreadyExists);
  EXPECT_EQ(list_files(uri), before);
  EXPECT_EQ(read_table(uri).columns, expected_sample_columns(0, 100));

  std::string parquet = path("p.parquet");
  std::ofstream(parquet) << "existing";
  WriterOptions o;
  o.format = Format::Parquet;
  EXPECT_EQ(kind_of_failure([&] { open_sample_writer(parquet, o); }), ErrorKind::AlreadyExists);
}

TEST_F(WriterErrors, AppendNeedsADatasetWithTheSameColumns) {
  WriterOptions append;
  append.mode = Mode::Append;
  EXPECT_EQ(kind_of_failure([&] { open_sample_writer(path("none.lance"), append); }), ErrorKind::NotFound);
  EXPECT_FALSE(std::filesystem::exists(path("none.lance")));

  std::string uri = committed_dataset();
  auto before = list_files(uri);
  ArrowSchema other;
  export_schema(HandMadeBatch::fields(), &other);
  EXPECT_EQ(kind_of_failure([&] { Writer::open(uri, other, append); }), ErrorKind::SchemaMismatch);
  other.release(&other);
  EXPECT_EQ(list_files(uri), before);
}

TEST_F(WriterErrors, AbandonedAppendLeavesThePreviousVersionIntact) {
  std::string uri = committed_dataset();
  auto before = list_files(uri);
  {
    WriterOptions append;
    append.mode = Mode::Append;
    Writer w = open_sample_writer(uri, append);
    for (int i = 0; i < 5; ++i) {
      write_sample_batch(w, 1000 + i * 500, 500);
    }
    // No finish(): the destructor aborts.
  }
  EXPECT_EQ(list_files(uri), before);
  DatasetInfo info = dataset_info(uri);
  EXPECT_EQ(info.version, 1u);
  EXPECT_EQ(read_table(uri).columns, expected_sample_columns(0, 100));
}

TEST_F(WriterErrors, AbandonedCreateLeavesNoDataset) {
  std::string uri = path("abandoned.lance");
  std::string parquet = path("abandoned.parquet");
  {
    Writer w = open_sample_writer(uri, {});
    WriterOptions o;
    o.format = Format::Parquet;
    Writer p = open_sample_writer(parquet, o);
    for (int i = 0; i < 3; ++i) {
      write_sample_batch(w, i * 100, 100);
      write_sample_batch(p, i * 100, 100);
    }
    w.abort();
    EXPECT_FALSE(w.is_open());
  }
  EXPECT_FALSE(std::filesystem::exists(uri));
  EXPECT_EQ(list_files(dir_.string()), std::vector<std::string>{});
  EXPECT_EQ(kind_of_failure([&] { dataset_info(uri); }), ErrorKind::NotFound);
}

TEST_F(WriterErrors, BadOptionsAndClosedWriters) {
  WriterOptions version;
  version.data_storage_version = "9.9";
  EXPECT_EQ(kind_of_failure([&] { open_sample_writer(path("v.lance"), version); }), ErrorKind::InvalidArgument);
  WriterOptions parquet_append;
  parquet_append.format = Format::Parquet;
  parquet_append.mode = Mode::Append;
  EXPECT_EQ(kind_of_failure([&] { open_sample_writer(path("a.parquet"), parquet_append); }),
            ErrorKind::InvalidArgument);
  WriterOptions compression;
  compression.format = Format::Parquet;
  compression.parquet_compression = "brotli9";
  EXPECT_EQ(kind_of_failure([&] { open_sample_writer(path("c.parquet"), compression); }),
            ErrorKind::InvalidArgument);

  Writer w = open_sample_writer(path("closed.lance"), {});
  w.finish();
  ArrowArray batch;
  ArrowSchema schema;
  make_sample_batch(0, 1, &batch);
  export_schema(sample_fields(), &schema);
  EXPECT_EQ(kind_of_failure([&] { w.write(&batch, &schema); }), ErrorKind::InvalidState);
  EXPECT_EQ(batch.release, nullptr);
  EXPECT_EQ(schema.release, nullptr);
  make_sample_batch(0, 1, &batch);
  EXPECT_EQ(kind_of_failure([&] { w.write_trusted(&batch); }), ErrorKind::InvalidState);
  EXPECT_EQ(batch.release, nullptr);
  EXPECT_EQ(kind_of_failure([&] { w.finish(); }), ErrorKind::InvalidState);
}

}  // namespace
}  // namespace lance_bridge::testing
