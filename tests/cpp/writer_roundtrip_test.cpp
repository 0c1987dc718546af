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
