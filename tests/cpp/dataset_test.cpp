// lance_bridge::Dataset: every scan option, versions, count_rows, take and the
// schema, checked against the sample rows as test_support renders them from
// their formulas (expected_sample_columns), not by the code under test.

#include "lance_bridge/dataset.h"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <thread>

#include "test_support.h"

namespace lance_bridge::testing {
namespace {

// The sample table's columns, by position in sample_fields().
enum Column { kId, kSmall, kPrice, kDay, kText, kMaybeInt, kMaybePrice, kMaybeText };
const char* const kNames[] = {"id", "small", "price", "day", "text", "maybe_int", "maybe_price", "maybe_text"};

// The sample rows `ids`, with `columns`, rendered as read_stream renders them.
Table expected_rows(const std::vector<int64_t>& ids, const std::vector<Column>& columns) {
  Table table;
  table.columns.resize(columns.size());
  for (Column c : columns) table.names.push_back(kNames[c]);
  for (int64_t id : ids) {
    std::vector<std::vector<std::string>> row = expected_sample_columns(id, 1);
    for (size_t c = 0; c < columns.size(); ++c) table.columns[c].push_back(row[columns[c]][0]);
  }
  return table;
}

std::vector<int64_t> ids_where(int64_t count, const std::function<bool(int64_t)>& keep) {
  std::vector<int64_t> ids;
  for (int64_t i = 0; i < count; ++i) {
    if (keep(i)) ids.push_back(i);
  }
  return ids;
}

std::vector<int64_t> range(int64_t first, int64_t end) {
  return ids_where(end, [first](int64_t i) { return i >= first; });
}

const std::vector<Column> kAllColumns = {kId, kSmall, kPrice, kDay, kText, kMaybeInt, kMaybePrice, kMaybeText};

class DatasetTest : public ScratchDir {
 protected:
  // The sample rows [0, count) in one version; `rows_per_file` makes fragments.
  std::string write_rows(int64_t count, uint64_t rows_per_file = 0) {
    std::string uri = path("sample.lance");
    WriterOptions options;
    options.max_rows_per_file = rows_per_file;
    write_sample_rows(uri, options, 0, count, 700);
    return uri;
  }

  static Table scan_table(const Dataset& dataset, const ScanOptions& options) {
    ArrowArrayStream stream;
    dataset.scan(options, &stream);
    return read_stream(&stream);
  }
};

void expect_rows(const Table& actual, const Table& expected) {
  EXPECT_EQ(actual.names, expected.names);
  ASSERT_EQ(actual.columns.size(), expected.columns.size());
  for (size_t c = 0; c < expected.columns.size(); ++c) {
    EXPECT_EQ(actual.columns[c], expected.columns[c]) << "column " << expected.names[c];
  }
}

TEST_F(DatasetTest, DefaultScanReadsEveryRowOfEveryColumn) {
  Dataset dataset = Dataset::open(write_rows(1500));
  Table table = scan_table(dataset, {});
  expect_rows(table, expected_rows(range(0, 1500), kAllColumns));
  EXPECT_EQ(table.formats, (std::vector<std::string>{"l", "i", "d:15,2", "tdD", "u", "l", "d:15,2", "u"}));
}

TEST_F(DatasetTest, ProjectionReadsTheColumnsAskedForInThatOrder) {
  Dataset dataset = Dataset::open(write_rows(1000));
  ScanOptions options;
  options.columns = {"maybe_text", "id", "price"};
  expect_rows(scan_table(dataset, options), expected_rows(range(0, 1000), {kMaybeText, kId, kPrice}));
}

TEST_F(DatasetTest, FiltersOnIntegersStringsDatesAndNulls) {
  const int64_t rows = 3000;
  Dataset dataset = Dataset::open(write_rows(rows));
  struct Case {
    std::string filter;
    std::function<bool(int64_t)> keep;  // the same predicate, on the row's formulas
  };
  const std::vector<Case> cases = {
      // small is i % 1000 - 500
      {"id >= 100 AND id < 2500 AND small < -300", [](int64_t i) { return i >= 100 && i < 2500 && i % 1000 < 200; }},
      // text is "row <i>" followed by i % 5 x's
      {"text = 'row 12xx' OR text = 'row 2999xxxx'", [](int64_t i) { return i == 12 || i == 2999; }},
      {"text LIKE 'row 7%' AND id < 1000", [](int64_t i) { return i < 1000 && std::to_string(i)[0] == '7'; }},
      // price is (i * 7919) % 10000000 - 5000000 hundredths
      {"price >= CAST('49000.50' AS DECIMAL(15,2))",
       [](int64_t i) { return (i * 7919) % 10000000 - 5000000 >= 4900050; }},
      // day is 1992-01-01 (day 8035) + i % 2557
      {"day < date '1992-01-11'", [](int64_t i) { return i % 2557 < 10; }},
      // every 7th row, from row 3, has nulls
      {"maybe_int IS NULL", [](int64_t i) { return i % 7 == 3; }},
      {"maybe_int > -20", [](int64_t i) { return i % 7 != 3 && -i > -20; }},
      {"id < 0", [](int64_t) { return false; }},
  };
  for (const Case& c : cases) {
    ScanOptions options;
    options.filter = c.filter;
    options.columns = {"id", "text"};
    std::vector<int64_t> ids = ids_where(rows, c.keep);
    expect_rows(scan_table(dataset, options), expected_rows(ids, {kId, kText}));
    EXPECT_EQ(dataset.count_rows(c.filter), ids.size()) << c.filter;
  }
  EXPECT_EQ(dataset.count_rows(), static_cast<uint64_t>(rows));
}

TEST_F(DatasetTest, LimitAndOffsetCountAfterTheFilter) {
  Dataset dataset = Dataset::open(write_rows(2000, 700));
  auto ids_of = [&](std::optional<uint64_t> limit, uint64_t offset, const std::string& filter) {
    ScanOptions options;
    options.columns = {"id"};
    options.limit = limit;
    options.offset = offset;
    options.filter = filter;
    return scan_table(dataset, options).columns[0];
  };
  auto as_text = [](const std::vector<int64_t>& ids) { return expected_rows(ids, {kId}).columns[0]; };
  EXPECT_EQ(ids_of(10, 0, ""), as_text(range(0, 10)));
  EXPECT_EQ(ids_of(10, 695, ""), as_text(range(695, 705))) << "across a fragment boundary";
  EXPECT_EQ(ids_of(std::nullopt, 1990, ""), as_text(range(1990, 2000)));
  EXPECT_EQ(ids_of(50, 1995, ""), as_text(range(1995, 2000)));
  EXPECT_EQ(ids_of(0, 0, ""), as_text({}));
  EXPECT_EQ(ids_of(5, 3000, ""), as_text({}));
  std::vector<int64_t> nulls = ids_where(2000, [](int64_t i) { return i % 7 == 3; });
  EXPECT_EQ(ids_of(4, 100, "maybe_text IS NULL"), as_text({nulls.begin() + 100, nulls.begin() + 104}));
}

TEST_F(DatasetTest, BatchSizeMakesEveryBatchButTheLastThatLong) {
  // Fragments of 1000, 1000 and 500 rows: batches span their boundaries.
  Dataset dataset = Dataset::open(write_rows(2500, 1000));
  ScanOptions options;
  options.batch_size = 300;
  Table table = scan_table(dataset, options);
  std::vector<int64_t> expected(2500 / 300, 300);
  expected.push_back(2500 % 300);
  EXPECT_EQ(table.batch_rows, expected);
  expect_rows(table, expected_rows(range(0, 2500), kAllColumns));

  options.filter = "maybe_int IS NOT NULL";
  options.batch_size = 1000;
  int64_t kept = static_cast<int64_t>(ids_where(2500, [](int64_t i) { return i % 7 != 3; }).size());
  EXPECT_EQ(scan_table(dataset, options).batch_rows, (std::vector<int64_t>{1000, 1000, kept - 2000}));
}

TEST_F(DatasetTest, WithRowIdAddsTheRowIdColumn) {
  std::string uri = write_rows(300);
  WriterOptions append;
  append.mode = Mode::Append;
  write_sample_rows(uri, append, 300, 200);
  ScanOptions options;
  options.columns = {"id"};
  options.with_row_id = true;
  Table table = scan_table(Dataset::open(uri), options);
  EXPECT_EQ(table.names, (std::vector<std::string>{"id", "_rowid"}));
  EXPECT_EQ(table.formats[1], "L");
  // Without stable row ids a row id is the row's address: fragment << 32 | offset.
  std::vector<std::string> expected;
  for (uint64_t offset = 0; offset < 300; ++offset) expected.push_back(std::to_string(offset));
  for (uint64_t offset = 0; offset < 200; ++offset) expected.push_back(std::to_string((uint64_t{1} << 32) | offset));
  EXPECT_EQ(table.columns[1], expected);
  EXPECT_EQ(table.columns[0], expected_rows(range(0, 500), {kId}).columns[0]);
}

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

TEST_F(DatasetTest, VersionsCheckoutAndTimeTravel) {
  int64_t before = now_ms();
  std::string uri = write_rows(300);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  WriterOptions append;
  append.mode = Mode::Append;
  write_sample_rows(uri, append, 300, 200);
  int64_t after = now_ms();

  Dataset latest = Dataset::open(uri);
  EXPECT_EQ(latest.version(), 2u);
  std::vector<Version> versions = latest.versions();
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].version, 1u);
  EXPECT_EQ(versions[1].version, 2u);
  EXPECT_LT(versions[0].timestamp_ms, versions[1].timestamp_ms);
  EXPECT_LE(before, versions[0].timestamp_ms);
  EXPECT_LE(versions[1].timestamp_ms, after);

  // Time travel in a scan: version 1 has the first write's rows only.
  ScanOptions options;
  options.version = 1;
  expect_rows(scan_table(latest, options), expected_rows(range(0, 300), kAllColumns));
  EXPECT_EQ(latest.version(), 2u) << "the scan's version does not change the handle";

  Dataset first = latest.checkout(1);
  EXPECT_EQ(first.version(), 1u);
  EXPECT_EQ(first.count_rows(), 300u);
  expect_rows(scan_table(first, {}), expected_rows(range(0, 300), kAllColumns));
  EXPECT_EQ(first.versions().size(), 2u) << "an old version still lists every version";
  Dataset again = first.checkout(2);
  EXPECT_EQ(again.count_rows(), 500u);
  options.version = 2;
  EXPECT_EQ(scan_table(first, options).rows(), 500u);

  // A handle keeps reading its version after a newer one is committed.
  write_sample_rows(uri, append, 500, 10);
  EXPECT_EQ(latest.count_rows(), 500u);
  EXPECT_EQ(Dataset::open(uri).count_rows(), 510u);
}

TEST_F(DatasetTest, TakeReturnsRowsInTheOrderAskedDuplicatesIncluded) {
  Dataset dataset = Dataset::open(write_rows(2000, 700));
  const std::vector<uint64_t> rows = {1999, 5, 0, 5, 700, 699, 1400};
  std::vector<int64_t> ids(rows.begin(), rows.end());
  ArrowArrayStream stream;
  dataset.take(rows, {"text", "id"}, &stream);
  Table taken = read_stream(&stream);
  expect_rows(taken, expected_rows(ids, {kText, kId}));
  EXPECT_EQ(taken.batch_rows, (std::vector<int64_t>{7}));

  dataset.take({3, 1}, {}, &stream);
  expect_rows(read_stream(&stream), expected_rows({3, 1}, kAllColumns));

  dataset.take({}, {"id"}, &stream);
  EXPECT_EQ(read_stream(&stream).rows(), 0u);
}

TEST_F(DatasetTest, SchemaIsTheWrittenOne) {
  Dataset dataset = Dataset::open(write_rows(10));
  ArrowSchema read;
  dataset.schema(&read);
  ArrowSchema written;
  export_schema(sample_fields(), &written);
  EXPECT_STREQ(read.format, "+s");
  ASSERT_EQ(read.n_children, written.n_children);
  for (int64_t c = 0; c < written.n_children; ++c) {
    EXPECT_STREQ(read.children[c]->name, written.children[c]->name);
    EXPECT_STREQ(read.children[c]->format, written.children[c]->format) << written.children[c]->name;
    EXPECT_EQ(read.children[c]->flags & ARROW_FLAG_NULLABLE, written.children[c]->flags & ARROW_FLAG_NULLABLE)
        << written.children[c]->name;
  }
  read.release(&read);
  written.release(&written);
}

TEST_F(DatasetTest, StreamOutlivesTheDataset) {
  std::string uri = write_rows(1000);
  ArrowArrayStream stream;
  {
    Dataset dataset = Dataset::open(uri);
    ScanOptions options;
    options.batch_size = 100;
    dataset.scan(options, &stream);
  }
  Table table = read_stream(&stream);
  expect_rows(table, expected_rows(range(0, 1000), kAllColumns));
  EXPECT_EQ(table.batch_rows.size(), 10u);
}

TEST_F(DatasetTest, ReleasingAStreamEarlyIsFine) {
  Dataset dataset = Dataset::open(write_rows(3000));
  ScanOptions options;
  options.batch_size = 10;
  ArrowArrayStream stream;
  dataset.scan(options, &stream);
  ArrowArray batch;
  ASSERT_EQ(stream.get_next(&stream, &batch), 0);
  EXPECT_EQ(batch.length, 10);
  batch.release(&batch);
  stream.release(&stream);
  EXPECT_EQ(dataset.count_rows(), 3000u);
}

TEST_F(DatasetTest, OneHandleServesManyThreads) {
  const Dataset dataset = Dataset::open(write_rows(2000, 700));
  const std::vector<int64_t> expected_ids = ids_where(2000, [](int64_t i) { return i % 1000 < 200; });
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round) {
        ScanOptions options;
        options.columns = {"id"};
        options.filter = "small < -300";
        options.batch_size = 64 + t;
        try {
          Table table = scan_table(dataset, options);
          if (table.columns[0] != expected_rows(expected_ids, {kId}).columns[0]) ++failures[t];
          if (dataset.count_rows(options.filter) != expected_ids.size()) ++failures[t];
        } catch (const std::exception&) {
          ++failures[t];  // a test thread must not throw (std::terminate)
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

TEST_F(DatasetTest, BadRequestsAreInvalidArgument) {
  Dataset dataset = Dataset::open(write_rows(100));
  ArrowArrayStream stream;
  for (std::string filter : {"id >>> 3", "no_such_column > 1", "id >", "text = 'unterminated"}) {
    ScanOptions options;
    options.filter = filter;
    EXPECT_EQ(kind_of_failure([&] { dataset.scan(options, &stream); }), ErrorKind::InvalidArgument) << filter;
    EXPECT_EQ(kind_of_failure([&] { dataset.count_rows(filter); }), ErrorKind::InvalidArgument) << filter;
  }
  ScanOptions unknown_column;
  unknown_column.columns = {"id", "no_such_column"};
  EXPECT_EQ(kind_of_failure([&] { dataset.scan(unknown_column, &stream); }), ErrorKind::InvalidArgument);
  ScanOptions no_batch;
  no_batch.batch_size = 0;
  EXPECT_EQ(kind_of_failure([&] { dataset.scan(no_batch, &stream); }), ErrorKind::InvalidArgument);
  ScanOptions not_utf8;
  not_utf8.filter = "text = '\xff'";
  EXPECT_EQ(kind_of_failure([&] { dataset.scan(not_utf8, &stream); }), ErrorKind::InvalidArgument);

  EXPECT_EQ(kind_of_failure([&] { dataset.take({0, 100}, {}, &stream); }), ErrorKind::InvalidArgument);
  EXPECT_EQ(kind_of_failure([&] { dataset.take({0}, {"no_such_column"}, &stream); }), ErrorKind::InvalidArgument);

  EXPECT_EQ(kind_of_failure([&] { dataset.scan({}, nullptr); }), ErrorKind::InvalidArgument);
  EXPECT_EQ(kind_of_failure([&] { dataset.take({0}, {}, nullptr); }), ErrorKind::InvalidArgument);
  EXPECT_EQ(kind_of_failure([&] { dataset.schema(nullptr); }), ErrorKind::InvalidArgument);
}

TEST_F(DatasetTest, MissingDatasetsAndVersionsAreNotFound) {
  std::string uri = write_rows(10);
  EXPECT_EQ(kind_of_failure([&] { Dataset::open(path("missing.lance")); }), ErrorKind::NotFound);
  Dataset dataset = Dataset::open(uri);
  EXPECT_EQ(kind_of_failure([&] { dataset.checkout(2); }), ErrorKind::NotFound);
  EXPECT_EQ(kind_of_failure([&] { dataset.checkout(0); }), ErrorKind::NotFound);
  ScanOptions options;
  options.version = 5;
  ArrowArrayStream stream;
  try {
    dataset.scan(options, &stream);
    ADD_FAILURE() << "version 5 was scanned";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::NotFound);
    EXPECT_NE(std::string(e.what()).find("has no version 5 (latest: 1)"), std::string::npos) << e.what();
  }
}

TEST_F(DatasetTest, TheFreeScanStillReadsEverything) {
  std::string uri = write_rows(1200);
  Table table = read_table(uri);
  expect_rows(table, expected_rows(range(0, 1200), kAllColumns));
  DatasetInfo info = dataset_info(uri);
  EXPECT_EQ(info.rows, 1200u);
  EXPECT_EQ(info.version, 1u);
}

}  // namespace
}  // namespace lance_bridge::testing
