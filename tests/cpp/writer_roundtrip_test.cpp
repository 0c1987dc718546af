// Round trips through the bridge: write with lance_bridge::Writer, read back, compare.

#include <filesystem>
#include <tuple>

#include "test_support.h"

namespace lance_bridge::testing {
namespace {

struct Case {
  Format format;
  Transfer transfer;
};

std::string name_of(const ::testing::TestParamInfo<Case>& info) {
  return std::string(info.param.format == Format::Lance ? "Lance" : "Parquet") +
         (info.param.transfer == Transfer::ZeroCopy ? "ZeroCopy" : "Copy");
}

class RoundTrip : public ScratchDir, public ::testing::WithParamInterface<Case> {
 protected:
  std::string destination() const {
    return path(GetParam().format == Format::Lance ? "t.lance" : "t.parquet");
  }
  WriterOptions options(Mode mode = Mode::Create) const {
    WriterOptions o;
    o.format = GetParam().format;
    o.transfer = GetParam().transfer;
    o.mode = mode;
    return o;
  }
  Writer open(Mode mode = Mode::Create) const {
    ArrowSchema schema;
    export_schema(sample_fields(), &schema);
    Writer w = Writer::open(destination(), schema, options(mode));
    schema.release(&schema);
    return w;
  }
};

TEST_P(RoundTrip, EveryTpchTypeWithNullsReadsBackValueForValue) {
  Writer writer = open();
  // Uneven batch sizes, including a one-row batch.
  int64_t row = 0;
  for (int64_t size : {1000, 1, 4093, 2500}) {
    ArrowArray batch;
    ArrowSchema schema;
    make_sample_batch(row, size, &batch);
    export_schema(sample_fields(), &schema);
    writer.write(&batch, &schema);
    EXPECT_EQ(batch.release, nullptr) << "write() must take ownership";
    EXPECT_EQ(schema.release, nullptr);
    row += size;
  }
  WriteSummary summary = writer.finish();
  EXPECT_FALSE(writer.is_open());
  EXPECT_EQ(summary.rows, static_cast<uint64_t>(row));
  EXPECT_EQ(summary.batches, 4u);
  EXPECT_GT(summary.bytes_written, 0u);
  EXPECT_GE(summary.data_files, 1u);

  Table table = read_table(destination(), GetParam().format);
  ASSERT_EQ(table.names.size(), 8u);
  EXPECT_EQ(table.names[0], "id");
  EXPECT_EQ(table.names[7], "maybe_text");
  EXPECT_EQ(table.columns, expected_sample_columns(0, row));
}

TEST_P(RoundTrip, BatchCarryingItsOwnSchema) {
  Writer writer = open();
  BatchBuilder builder(sample_fields());
  build_sample_rows(builder, 0, 10);
  ArrowArray batch;
  ArrowSchema schema;
  builder.finish(&batch);
  builder.export_schema(&schema);
  writer.write(&batch, &schema);
  EXPECT_EQ(schema.release, nullptr) << "write() takes the schema too";
  writer.finish();
  EXPECT_EQ(read_table(destination(), GetParam().format).columns, expected_sample_columns(0, 10));
}

TEST_P(RoundTrip, Overwrite) {
  {
    Writer writer = open();
    write_sample_batch(writer, 0, 100);
    writer.finish();
  }
  Writer writer = open(Mode::Overwrite);
  write_sample_batch(writer, 500, 30);
  WriteSummary summary = writer.finish();
  if (GetParam().format == Format::Lance) {
    EXPECT_EQ(summary.version, 2u);
  }
  EXPECT_EQ(read_table(destination(), GetParam().format).columns, expected_sample_columns(500, 30));
}

INSTANTIATE_TEST_SUITE_P(Writer, RoundTrip,
                         ::testing::Values(Case{Format::Lance, Transfer::ZeroCopy},
                                           Case{Format::Lance, Transfer::Copy},
                                           Case{Format::Parquet, Transfer::ZeroCopy},
                                           Case{Format::Parquet, Transfer::Copy}),
                         name_of);

class LanceOnly : public ScratchDir {};

TEST_F(LanceOnly, AppendAddsRowsAndAVersion) {
  std::string uri = path("a.lance");
  ArrowSchema schema;
  export_schema(sample_fields(), &schema);
  for (int i = 0; i < 3; ++i) {
    WriterOptions o;
    o.mode = i == 0 ? Mode::Create : Mode::Append;
    o.transfer = i % 2 ? Transfer::Copy : Transfer::ZeroCopy;
    Writer writer = Writer::open(uri, schema, o);
    write_sample_batch(writer, i * 200, 200);
    EXPECT_EQ(writer.finish().version, static_cast<uint64_t>(i + 1));
  }
  schema.release(&schema);
  DatasetInfo info = dataset_info(uri);
  EXPECT_EQ(info.rows, 600u);
  EXPECT_EQ(info.version, 3u);
  EXPECT_EQ(read_table(uri).columns, expected_sample_columns(0, 600));
}

TEST_F(LanceOnly, SmallFilesWhenAskedAndStreamInput) {
  std::string uri = path("files.lance");
  ArrowSchema schema;
  export_schema(sample_fields(), &schema);
  WriterOptions o;
  o.max_rows_per_file = 1000;
  Writer writer = Writer::open(uri, schema, o);
  schema.release(&schema);
  for (int i = 0; i < 5; ++i) {
    write_sample_batch(writer, i * 1000, 1000);
  }
  WriteSummary summary = writer.finish();
  EXPECT_EQ(summary.data_files, 5u);
  EXPECT_EQ(dataset_info(uri).fragments, 5u);

  // The Lance dataset, scanned as a stream, feeds another writer as is.
  std::string copy = path("copy.lance");
  ArrowArrayStream stream;
  scan(uri, Format::Lance, &stream);
  ArrowSchema stream_schema;
  ASSERT_EQ(stream.get_schema(&stream, &stream_schema), 0);
  Writer second = Writer::open(copy, stream_schema, {});
  stream_schema.release(&stream_schema);
  second.write(&stream);
  EXPECT_EQ(stream.release, nullptr);
  EXPECT_EQ(second.finish().rows, 5000u);
  EXPECT_EQ(read_table(copy).columns, expected_sample_columns(0, 5000));
}

TEST_F(LanceOnly, EmptyWriteCommitsAnEmptyDataset) {
  std::string uri = path("empty.lance");
  ArrowSchema schema;
  export_schema(sample_fields(), &schema);
  Writer writer = Writer::open(uri, schema, {});
  schema.release(&schema);
  WriteSummary summary = writer.finish();
  EXPECT_EQ(summary.rows, 0u);
  EXPECT_EQ(dataset_info(uri).rows, 0u);
  EXPECT_EQ(read_table(uri).names.size(), 8u);
}

}  // namespace
}  // namespace lance_bridge::testing

namespace lance_bridge::testing {
namespace {

// The types BatchBuilder gained for producers without Arrow C++, written with
// nulls through both formats and both transfer modes and read back. Expected
// text is computed here from the row number, not by the code under test.
class BuilderTypes : public ScratchDir,
                     public ::testing::WithParamInterface<std::tuple<Format, Transfer>> {};

std::vector<Field> builder_type_fields() {
  return {Field::boolean("flag", true), Field::int8("tiny"), Field::int16("small", true),
          Field::float32("ratio", true), Field::timestamp("at", TimeUnit::Microsecond, "UTC", true),
          Field::binary("blob", true), Field::float32_vector("embedding", 3, true)};
}

void build_typed_rows(BatchBuilder& b, int64_t first, int64_t count) {
  for (int64_t i = first; i < first + count; ++i) {
    bool null_row = i % 5 == 4;
    if (null_row) b.column(0).append_null(); else b.column(0).append_bool(i % 3 == 0);
    b.column(1).append_int8(static_cast<int8_t>(i * 7));
    if (null_row) b.column(2).append_null(); else b.column(2).append_int16(static_cast<int16_t>(i * 301));
    if (null_row) b.column(3).append_null(); else b.column(3).append_float(static_cast<float>(i) / 4);
    if (null_row) b.column(4).append_null(); else b.column(4).append_timestamp(1'700'000'000'000'000 + i);
    if (null_row) b.column(5).append_null(); else b.column(5).append_binary(std::string("\0b", 2) + std::to_string(i));
    float v[3] = {static_cast<float>(i), 0.5f, -static_cast<float>(i)};
    if (null_row) b.column(6).append_null(); else b.column(6).append_vector(v, 3);
  }
}

std::vector<std::vector<std::string>> expected_typed_columns(int64_t count) {
  std::vector<std::vector<std::string>> c(7);
  for (int64_t i = 0; i < count; ++i) {
    bool null_row = i % 5 == 4;
    auto or_null = [&](std::string s) { return null_row ? std::string("<null>") : s; };
    c[0].push_back(or_null(i % 3 == 0 ? "true" : "false"));
    c[1].push_back(std::to_string(static_cast<int8_t>(i * 7)));
    c[2].push_back(or_null(std::to_string(static_cast<int16_t>(i * 301))));
    c[3].push_back(or_null(std::to_string(static_cast<float>(i) / 4)));
    c[4].push_back(or_null(std::to_string(1'700'000'000'000'000 + i)));
    c[5].push_back(or_null(std::string("\0b", 2) + std::to_string(i)));
    c[6].push_back(or_null("[" + std::to_string(static_cast<float>(i)) + ", " + std::to_string(0.5f) + ", " +
                           std::to_string(-static_cast<float>(i)) + "]"));
  }
  return c;
}

TEST_P(BuilderTypes, ReadBackValueForValue) {
  auto [format, transfer] = GetParam();
  std::string uri = path(format == Format::Lance ? "t.lance" : "t.parquet");
  ArrowSchema schema;
  export_schema(builder_type_fields(), &schema);
  WriterOptions o;
  o.format = format;
  o.transfer = transfer;
  Writer w = Writer::open(uri, schema, o);
  schema.release(&schema);
  BatchBuilder b(builder_type_fields());
  for (int64_t first : {0, 700, 701}) {  // batches of 700, 1 and 299 rows
    build_typed_rows(b, first, first == 0 ? 700 : first == 700 ? 1 : 299);
    ArrowArray batch;
    b.finish(&batch);
    b.export_schema(&schema);
    w.write(&batch, &schema);
  }
  EXPECT_EQ(w.finish().rows, 1000u);
  Table t = read_table(uri, format);
  EXPECT_EQ(t.formats, (std::vector<std::string>{"b", "c", "s", "f", "tsu:UTC", "z", "+w:3"}));
  EXPECT_EQ(t.columns, expected_typed_columns(1000));
}

INSTANTIATE_TEST_SUITE_P(Writer, BuilderTypes,
                         ::testing::Combine(::testing::Values(Format::Lance, Format::Parquet),
                                            ::testing::Values(Transfer::ZeroCopy, Transfer::Copy)));

TEST(BuilderTypes, AVectorOfTheWrongDimensionIsRefused) {
  BatchBuilder b({Field::float32_vector("v", 4)});
  float v[3] = {1, 2, 3};
  EXPECT_EQ(kind_of_failure([&] { b.column(0).append_vector(v, 3); }), ErrorKind::InvalidArgument);
  EXPECT_EQ(b.num_rows(), 0u);
  EXPECT_EQ(kind_of_failure([&] { Field::float32_vector("w", 0); }), ErrorKind::InvalidArgument);
  EXPECT_EQ(kind_of_failure([&] { b.column(0).append_float(1); }), ErrorKind::InvalidArgument);
}

}  // namespace
}  // namespace lance_bridge::testing
