// BatchBuilder exports what the C Data Interface specifies.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <new>
#include <string>
#include <vector>

#include "failing_allocation.h"  // replaces operator new: this program's only include of it
#include "lance_bridge/batch_builder.h"
#include "read_back.h"

namespace lance_bridge::testing {
namespace {

// Runs `f`, which must throw Error(InvalidArgument) with a what() that starts
// "invalid_argument: ", and returns what() (empty, and a test failure, if not).
std::string invalid_argument_from(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::InvalidArgument) << e.what();
    EXPECT_EQ(std::string(e.what()).rfind("invalid_argument: ", 0), 0u) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "expected lance_bridge::Error (InvalidArgument)";
  return "";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The values of an exported batch, one string per column ("1,2,<null>").
std::vector<std::string> render_batch(const ArrowSchema& schema, const ArrowArray& batch) {
  std::vector<std::string> columns(static_cast<size_t>(batch.n_children));
  for (int64_t c = 0; c < batch.n_children; ++c) {
    for (int64_t r = 0; r < batch.length; ++r) {
      if (r) columns[c] += ",";
      columns[c] += render_value(*schema.children[c], *batch.children[c], r);
    }
  }
  return columns;
}

// Finishes `b` and renders its values.
std::vector<std::string> finish_and_render(BatchBuilder& b) {
  ArrowArray batch;
  ArrowSchema schema;
  b.finish(&batch);
  b.export_schema(&schema);
  std::vector<std::string> columns = render_batch(schema, batch);
  batch.release(&batch);
  schema.release(&schema);
  return columns;
}

// An ArrowArray with recognisable contents, to see that a failed finish()
// did not touch it.
ArrowArray untouched_array() {
  ArrowArray a;
  std::memset(&a, 0, sizeof a);
  a.length = -7;
  return a;
}

TEST(BatchBuilder, SchemaFormatsAndFlags) {
  ArrowSchema schema;
  export_schema({Field::int32("a"), Field::int64("b", true), Field::decimal128("c", 15, 2),
                 Field::date32("d"), Field::utf8("e"), Field::float64("f")},
                &schema);
  EXPECT_STREQ(schema.format, "+s");
  ASSERT_EQ(schema.n_children, 6);
  const char* formats[] = {"i", "l", "d:15,2", "tdD", "u", "g"};
  for (int i = 0; i < 6; ++i) EXPECT_STREQ(schema.children[i]->format, formats[i]);
  EXPECT_STREQ(schema.children[1]->name, "b");
  EXPECT_EQ(schema.children[1]->flags, ARROW_FLAG_NULLABLE);
  EXPECT_EQ(schema.children[0]->flags, 0);
  schema.release(&schema);
  EXPECT_EQ(schema.release, nullptr);
}

TEST(BatchBuilder, BuffersHoldTheValues) {
  BatchBuilder b({Field::int64("id", true), Field::decimal128("m", 15, 2), Field::utf8("s", true)});
  for (int i = 0; i < 20; ++i) {
    if (i % 3 == 0) {
      b.column(0).append_null();
      b.column(2).append_null();
    } else {
      b.column(0).append_int64(i);
      char* at = b.column(2).string_space(16);
      int used = std::snprintf(at, 16, "v%d", i);
      b.column(2).commit_string(static_cast<size_t>(used));
    }
    b.column(1).append_decimal(-i * 101);
  }
  ArrowArray batch;
  ArrowSchema schema;
  b.finish(&batch);
  b.export_schema(&schema);
  EXPECT_EQ(b.num_rows(), 0u) << "the builder restarts empty";
  ASSERT_EQ(batch.length, 20);
  ASSERT_EQ(batch.n_children, 3);
  EXPECT_EQ(batch.children[0]->null_count, 7);
  EXPECT_EQ(batch.children[1]->null_count, 0);
  EXPECT_EQ(batch.children[1]->buffers[0], nullptr) << "no validity buffer without nulls";
  for (int c = 0; c < 3; ++c) {
    for (int64_t k = 0; k < batch.children[c]->n_buffers; ++k) {
      auto addr = reinterpret_cast<uintptr_t>(batch.children[c]->buffers[k]);
      EXPECT_EQ(addr % 64, 0u) << "buffers are 64-byte aligned";
    }
  }
  EXPECT_EQ(render_value(*schema.children[0], *batch.children[0], 0), "<null>");
  EXPECT_EQ(render_value(*schema.children[0], *batch.children[0], 4), "4");
  EXPECT_EQ(render_value(*schema.children[1], *batch.children[1], 5), "-5.05");
  EXPECT_EQ(render_value(*schema.children[1], *batch.children[1], 0), "0.00");
  EXPECT_EQ(render_value(*schema.children[2], *batch.children[2], 3), "<null>");
  EXPECT_EQ(render_value(*schema.children[2], *batch.children[2], 19), "v19");
  batch.release(&batch);
  schema.release(&schema);
  EXPECT_EQ(batch.release, nullptr);
}

TEST(BatchBuilder, UnevenColumnsAreRefused) {
  BatchBuilder b({Field::int64("a"), Field::int64("b")});
  b.column(0).append_int64(1);
  ArrowArray batch = untouched_array();
  std::string what = invalid_argument_from([&] { b.finish(&batch); });
  EXPECT_TRUE(contains(what, "column 'b' has 0 rows, expected 1")) << what;
  EXPECT_EQ(batch.length, -7) << "out is untouched";
  EXPECT_EQ(batch.release, nullptr);
  EXPECT_EQ(b.column(0).length(), 1u) << "the rows are kept";

  // With the lengths fixed, the same builder finishes, nothing lost.
  b.column(1).append_int64(2);
  EXPECT_EQ(finish_and_render(b), (std::vector<std::string>{"1", "2"}));
  b.column(0).append_int64(3);
  b.column(1).append_int64(4);
  EXPECT_EQ(finish_and_render(b), (std::vector<std::string>{"3", "4"})) << "and goes on";
}

TEST(BatchBuilder, FinishIntoNullIsRefused) {
  BatchBuilder b({Field::int64("a")});
  b.column(0).append_int64(1);
  invalid_argument_from([&] { b.finish(nullptr); });
  invalid_argument_from([&] { b.column(0).finish(nullptr); });
  EXPECT_EQ(finish_and_render(b), (std::vector<std::string>{"1"}));
}

// Tries append `a` on every column but `fits(a)`: each is refused, naming the
// append, the column and its type (`names[a]`, `types[c]`), and adds no row.
void expect_refused_elsewhere(BatchBuilder& b, const std::vector<std::function<void(ColumnBuilder&)>>& appends,
                              const char* const* names, const char* const* types,
                              const std::function<size_t(size_t)>& fits) {
  for (size_t a = 0; a < appends.size(); ++a) {
    for (size_t c = 0; c < b.num_columns(); ++c) {
      if (c == fits(a)) continue;
      std::string what = invalid_argument_from([&] { appends[a](b.column(c)); });
      EXPECT_TRUE(contains(what, names[a])) << what;
      EXPECT_TRUE(contains(what, "'" + b.fields()[c].name + "' of type " + types[c])) << what;
      EXPECT_EQ(b.column(c).length(), 0u) << what;
    }
  }
}

TEST(BatchBuilder, AppendsOfTheWrongTypeAreRefused) {
  BatchBuilder b({Field::int32("i32"), Field::int64("i64"), Field::float64("f64"), Field::date32("day"),
                  Field::decimal128("money", 15, 2), Field::utf8("text")});
  // Append k fits column k; string_space (the last) fits the utf8 column too.
  std::vector<std::function<void(ColumnBuilder&)>> appends = {
      [](ColumnBuilder& c) { c.append_int32(-32); },
      [](ColumnBuilder& c) { c.append_int64(-64); },
      [](ColumnBuilder& c) { c.append_double(2.5); },
      [](ColumnBuilder& c) { c.append_date32(19000); },
      [](ColumnBuilder& c) { c.append_decimal(-1234); },
      [](ColumnBuilder& c) { c.append_string("text"); },
      [](ColumnBuilder& c) { c.string_space(8); },
  };
  const char* names[] = {"append_int32", "append_int64", "append_double", "append_date32",
                         "append_decimal", "append_string", "string_space"};
  const char* types[] = {"int32", "int64", "float64", "date32", "decimal128", "utf8"};
  expect_refused_elsewhere(b, appends, names, types, [](size_t a) { return std::min<size_t>(a, 5); });
  // Nothing of the refused appends got in: the right ones land at row 0.
  for (size_t c = 0; c < b.num_columns(); ++c) appends[c](b.column(c));
  EXPECT_EQ(finish_and_render(b), (std::vector<std::string>{"-32", "-64", std::to_string(2.5), "19000",
                                                            "-12.34", "text"}));
}

TEST(BatchBuilder, TheNewerTypesRefuseEveryOtherAppend) {
  BatchBuilder b({Field::boolean("flag"), Field::int8("i8"), Field::int16("i16"), Field::float32("f32"),
                  Field::timestamp("at"), Field::binary("blob"), Field::float32_vector("vec", 2),
                  Field::utf8("text")});
  const float vector[2] = {1, 2};
  // Append k fits column k only.
  std::vector<std::function<void(ColumnBuilder&)>> appends = {
      [](ColumnBuilder& c) { c.append_bool(true); },
      [](ColumnBuilder& c) { c.append_int8(-8); },
      [](ColumnBuilder& c) { c.append_int16(-16); },
      [](ColumnBuilder& c) { c.append_float(2.5f); },
      [](ColumnBuilder& c) { c.append_timestamp(123); },
      [](ColumnBuilder& c) { c.append_binary(std::string("b\0n", 3)); },
      [&](ColumnBuilder& c) { c.append_vector(vector, 2); },
      [](ColumnBuilder& c) { c.append_string("text"); },
  };
  const char* names[] = {"append_bool", "append_int8", "append_int16", "append_float",
                         "append_timestamp", "append_binary", "append_vector", "append_string"};
  const char* types[] = {"bool", "int8", "int16", "float32", "timestamp", "binary", "float32 vector", "utf8"};
  expect_refused_elsewhere(b, appends, names, types, [](size_t a) { return a; });
  for (size_t c = 0; c < b.num_columns(); ++c) appends[c](b.column(c));
  EXPECT_EQ(finish_and_render(b),
            (std::vector<std::string>{"true", "-8", "-16", std::to_string(2.5f), "123", std::string("b\0n", 3),
                                      "[" + std::to_string(1.0f) + ", " + std::to_string(2.0f) + "]", "text"}));
}

TEST(BatchBuilder, ACommitBeyondTheStringSpaceIsRefused) {
  BatchBuilder b({Field::utf8("s")});
  ColumnBuilder& s = b.column(0);
  s.append_string("one");
  std::string what = invalid_argument_from([&] { s.commit_string(0); });
  EXPECT_TRUE(contains(what, "without a string_space()")) << what;
  EXPECT_EQ(s.length(), 1u);

  char* at = s.string_space(4);
  std::memcpy(at, "four", 4);
  what = invalid_argument_from([&] { s.commit_string(5); });
  EXPECT_TRUE(contains(what, "commit_string(5)")) << what;
  EXPECT_TRUE(contains(what, "string_space(4)")) << what;
  EXPECT_EQ(s.length(), 1u);
  invalid_argument_from([&] { s.commit_string(4); });  // the space was given back: nothing to commit

  // The reserved bytes are gone: the next strings follow "one" directly.
  s.append_string("two");
  at = s.string_space(8);
  std::memcpy(at, "three", 5);
  s.commit_string(5);
  at = s.string_space(0);
  s.commit_string(0);
  EXPECT_EQ(finish_and_render(b), (std::vector<std::string>{"one,two,three,"}));
}

TEST(BatchBuilder, NothingElseWhileAStringSpaceIsOutstanding) {
  BatchBuilder b({Field::utf8("s", true), Field::int64("n")});
  ColumnBuilder& s = b.column(0);
  char* at = s.string_space(3);
  std::memcpy(at, "abc", 3);
  ArrowArray batch = untouched_array();
  std::vector<std::function<void()>> refused = {
      [&] { s.append_string("x"); },
      [&] { s.string_space(1); },
      [&] { s.append_null(); },
      [&] { s.append_int64(1); },
      [&] { s.reserve(10, 100); },
      [&] { b.reserve(10); },
      [&] { s.finish(&batch); },
      [&] { b.finish(&batch); },
  };
  for (auto& f : refused) {
    std::string what = invalid_argument_from(f);
    EXPECT_TRUE(contains(what, "is not committed")) << what;
    EXPECT_EQ(s.length(), 0u);
  }
  EXPECT_EQ(batch.length, -7) << "out is untouched";
  EXPECT_EQ(batch.release, nullptr);
  s.commit_string(3);  // the space is still there, and `at` still points to it
  s.append_null();
  b.column(1).append_int64(1);
  b.column(1).append_int64(2);
  EXPECT_EQ(finish_and_render(b), (std::vector<std::string>{"abc,<null>", "1,2"}));
}

TEST(BatchBuilder, AColumnOutOfRangeIsRefused) {
  BatchBuilder b({Field::int64("a"), Field::int64("b")});
  std::string what = invalid_argument_from([&] { b.column(2); });
  EXPECT_TRUE(contains(what, "column(2) of a batch with 2 columns")) << what;
  invalid_argument_from([&] { b.column(SIZE_MAX); });
  BatchBuilder none(std::vector<Field>{});
  invalid_argument_from([&] { none.column(0); });
}

TEST(BatchBuilder, AFailedReserveKeepsTheRows) {
  BatchBuilder b({Field::int64("a"), Field::utf8("s")});
  b.column(0).append_int64(7);
  b.column(1).append_string("seven");
  // 2^61 bytes: more than any process's address space, so the pool's mmap is
  // refused at once (nothing is mapped) and reserve() throws std::bad_alloc.
  EXPECT_THROW(b.column(0).reserve(size_t{1} << 58), std::bad_alloc);
  EXPECT_THROW(b.column(1).reserve(1, size_t{1} << 61), std::bad_alloc);
  // A size that does not even fit a size_t is a caller mistake.
  std::string what = invalid_argument_from([&] { b.reserve(SIZE_MAX / 2); });
  EXPECT_TRUE(contains(what, "reserve(")) << what;
  b.column(0).append_int64(8);
  b.column(1).append_string("eight");
  EXPECT_EQ(finish_and_render(b), (std::vector<std::string>{"7,8", "seven,eight"}));
}

TEST(BatchBuilder, AFailedAllocationInFinishLosesNothing) {
  BatchBuilder b({Field::int64("id", true), Field::utf8("s"), Field::decimal128("m", 15, 2)});
  auto fill = [&](int rows) {
    for (int i = 0; i < rows; ++i) {
      if (i % 4 == 1) {
        b.column(0).append_null();
      } else {
        b.column(0).append_int64(i);
      }
      b.column(1).append_string("v" + std::to_string(i));
      b.column(2).append_decimal(i * 3);
    }
  };
  ArrowSchema schema;
  b.export_schema(&schema);
  fill(100);
  ArrowArray batch;
  b.finish(&batch);
  const std::vector<std::string> expected = render_batch(schema, batch);
  batch.release(&batch);  // its buffers go back to the pool, as in a real run
  fill(100);

  // Fail finish()'s first allocation, then its second, ... until it succeeds.
  int failures = 0;
  for (long fail_at = 0;; ++fail_at) {
    bool threw = false;
    bool failed = false;
    long leaked = 0;
    // Twice: the first time the pool's free lists may grow to take back the
    // blocks finish() got from the pool; the second count is exact.
    for (int round = 0; round < 2 && (round == 0 || threw); ++round) {
      batch = untouched_array();
      threw = false;
      FailingAllocation inject(fail_at);
      try {
        b.finish(&batch);
      } catch (const std::bad_alloc&) {
        threw = true;
      }
      failed = inject.failed();
      leaked = inject.net();
    }
    if (!threw) {
      EXPECT_FALSE(failed) << "an allocation failed, yet finish() did not throw";
      break;
    }
    ++failures;
    EXPECT_EQ(leaked, 0) << "allocation " << fail_at << ": finish() freed what it had allocated";
    EXPECT_EQ(batch.length, -7) << "out is untouched";
    EXPECT_EQ(batch.release, nullptr);
    for (size_t c = 0; c < b.num_columns(); ++c) EXPECT_EQ(b.column(c).length(), 100u) << "rows are kept";
  }
  EXPECT_GE(failures, 4) << "the batch's node and each column's were made to fail";
  ASSERT_NE(batch.release, nullptr);
  EXPECT_EQ(render_batch(schema, batch), expected) << "every row is there";
  batch.release(&batch);
  EXPECT_EQ(b.num_rows(), 0u);
  schema.release(&schema);
}

}  // namespace
}  // namespace lance_bridge::testing
