// BatchBuilder exports what the C Data Interface specifies.

#include <gtest/gtest.h>

#include <cstring>
#include <stdexcept>

#include "lance_bridge/batch_builder.h"
#include "read_back.h"

namespace lance_bridge::testing {
namespace {

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
  ArrowArray batch;
  EXPECT_THROW(b.finish(&batch), std::logic_error);
}

}  // namespace
}  // namespace lance_bridge::testing
