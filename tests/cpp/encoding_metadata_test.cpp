// Field metadata: exported with the schema, kept by the dataset, obeyed by lance
// ("lance-encoding:*" keys change the files, never the values), and refused
// before anything is written when lance could not use it.

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <utility>
#include <vector>
#include <string>

#include "lance_bridge/dataset.h"
#include "read_back.h"
#include "test_support.h"

namespace lance_bridge::testing {
namespace {

// Decodes Arrow's C Data metadata layout (int32 count, then int32-length-prefixed
// keys and values), independently of the exporter, every entry in order.
std::vector<std::pair<std::string, std::string>> decode_metadata(const char* metadata) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!metadata) return out;
  auto read_int32 = [&metadata] {
    int32_t v;
    std::memcpy(&v, metadata, sizeof v);
    metadata += sizeof v;
    return v;
  };
  auto read_string = [&] {
    int32_t length = read_int32();
    std::string s(metadata, static_cast<size_t>(length));
    metadata += length;
    return s;
  };
  int32_t entries = read_int32();
  for (int32_t i = 0; i < entries; ++i) {
    std::string key = read_string();
    out.emplace_back(key, read_string());
  }
  return out;
}

std::string value_of(const char* metadata, const std::string& key) {
  for (const auto& [k, v] : decode_metadata(metadata)) {
    if (k == key) return v;
  }
  return "<absent>";
}

uint64_t bytes_under(const std::string& dir) {
  uint64_t total = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) total += entry.file_size();
  }
  return total;
}

// A long text, different in every row (no dictionary helps) but very repetitive
// (general compression shrinks it most).
std::string text_of(int64_t row) {
  std::string text = "row " + std::to_string(row) + ": ";
  while (text.size() < 200) text += "the same words again and again, ";
  return text;
}

class EncodingMetadata : public ScratchDir {
 protected:
  static constexpr int64_t kRows = 50000;

  // Writes kRows rows of (id int64, text utf8); `text_field` carries the metadata.
  std::string write_texts(const std::string& name, const Field& text_field) {
    std::string uri = path(name);
    std::vector<Field> fields = {Field::int64("id"), text_field};
    ArrowSchema schema;
    export_schema(fields, &schema);
    Writer writer = Writer::open(uri, schema, {});
    schema.release(&schema);
    BatchBuilder builder(fields);
    for (int64_t first = 0; first < kRows; first += 10000) {
      for (int64_t row = first; row < first + 10000; ++row) {
        builder.column(0).append_int64(row);
        builder.column(1).append_string(text_of(row));
      }
      ArrowArray batch;
      builder.finish(&batch);
      ArrowSchema batch_schema;
      builder.export_schema(&batch_schema);
      writer.write(&batch, &batch_schema);
    }
    writer.finish();
    return uri;
  }

  static void expect_texts(const std::string& uri) {
    Table table = read_table(uri);
    ASSERT_EQ(table.rows(), static_cast<size_t>(kRows));
    for (int64_t row = 0; row < kRows; ++row) {
      ASSERT_EQ(table.columns[0][row], std::to_string(row));
      ASSERT_EQ(table.columns[1][row], text_of(row)) << "row " << row;
    }
  }
};

TEST(FieldMetadataExport, IsArrowsLayoutAndALaterValueReplacesAnEarlierOne) {
  Field text = Field::utf8("text");
  text.with_metadata("lance-encoding:compression", "lz4")
      .with_metadata("owner", "")
      .with_metadata("lance-encoding:compression", "zstd");
  ArrowSchema schema;
  export_schema({Field::int64("id"), text}, &schema);
  EXPECT_EQ(schema.metadata, nullptr);
  EXPECT_EQ(schema.children[0]->metadata, nullptr);
  // One entry per key, in the order first set, the later value kept.
  std::vector<std::pair<std::string, std::string>> expected = {{"lance-encoding:compression", "zstd"},
                                                               {"owner", ""}};
  EXPECT_EQ(decode_metadata(schema.children[1]->metadata), expected);
  schema.release(&schema);
}

TEST_F(EncodingMetadata, CompressionChangesTheFilesNotTheValuesAndIsKeptInTheSchema) {
  std::string plain = write_texts("plain.lance", Field::utf8("text").with_metadata("lance-encoding:compression", "none"));
  std::string zstd = write_texts("zstd.lance", Field::utf8("text").with_metadata("lance-encoding:compression", "zstd"));
  expect_texts(plain);
  expect_texts(zstd);
  // 50,000 texts of ~200 bytes: ~10 MB stored as they are, a small fraction with zstd.
  uint64_t plain_bytes = bytes_under(plain), zstd_bytes = bytes_under(zstd);
  EXPECT_GT(plain_bytes, static_cast<uint64_t>(kRows) * 200);
  EXPECT_LT(zstd_bytes * 10, plain_bytes) << "zstd " << zstd_bytes << " bytes, none " << plain_bytes;

  ArrowSchema read;
  Dataset::open(zstd).schema(&read);
  ASSERT_EQ(read.n_children, 2);
  EXPECT_EQ(value_of(read.children[1]->metadata, "lance-encoding:compression"), "zstd");
  read.release(&read);
}

TEST_F(EncodingMetadata, ValuesLanceCanUsePassTheSchemaCheck) {
  ArrowSchema schema;
  export_schema({Field::int64("id").with_metadata("lance-encoding:dict-divisor", "4294967295"),
                 Field::utf8("text").with_metadata("lance-encoding:compression", "zstd")},
                &schema);
  EXPECT_NO_THROW(Writer::check_schema(schema));
  schema.release(&schema);
}

TEST_F(EncodingMetadata, ValuesLanceCannotUseAreRefusedBeforeAnythingIsWritten) {
  struct Case {
    std::string key, value, says;
  };
  for (const Case& c : std::vector<Case>{
           {"lance-encoding:dict-size-ratio", "2", "at most 1"},  // lance would panic while encoding
           {"lance-encoding:dict-max-size", "lots", "whole number"},  // lance would panic too
           {"lance-encoding:compression", "gzip", "one of none, fsst, zstd, lz4"},
           {"lance-encoding:dict-divisr", "4", "unknown field metadata key"},
       }) {
    std::string uri = path("refused.lance");
    ArrowSchema schema;
    export_schema({Field::int64("id"), Field::utf8("text").with_metadata(c.key, c.value)}, &schema);
    // The same check alone, as a tool makes it before it creates anything.
    EXPECT_EQ(kind_of_failure([&] { Writer::check_schema(schema); }), ErrorKind::InvalidArgument) << c.key;
    try {
      Writer::open(uri, schema, {});
      FAIL() << c.key << "=" << c.value << " was accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::InvalidArgument);
      EXPECT_NE(std::string(e.what()).find("column 'text'"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(c.says), std::string::npos) << e.what();
    }
    if (schema.release) schema.release(&schema);
    EXPECT_FALSE(std::filesystem::exists(uri)) << c.key;
  }
}

}  // namespace
}  // namespace lance_bridge::testing
