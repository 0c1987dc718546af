#include "reference_sums.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tpch/tpch.h"

namespace lance_bridge::testing {

std::map<std::string, std::string> reference_sums(const std::string& path, std::string_view extension) {
  std::ifstream in(std::string(LANCE_BRIDGE_FIXTURES_DIR) + "/" + path);
  EXPECT_TRUE(in.good()) << "missing fixture " << path;
  std::map<std::string, std::string> values;
  std::string first, second;
  while (in >> first >> second) {
    bool name_first = first.size() > extension.size() &&
                      first.compare(first.size() - extension.size(), extension.size(), extension) == 0;
    values[name_first ? first : second] = name_first ? second : first;
  }
  return values;
}

int64_t add_text(datagen::BatchStream& stream, Md5& md5) {
  int64_t rows = 0;
  std::string text;
  ArrowSchema schema;
  stream.export_schema(&schema);
  ArrowArray batch;
  while (stream.next(&batch)) {
    text.clear();
    tpch::append_tbl(schema, batch, text);
    md5.update(text);
    rows += batch.length;
    batch.release(&batch);
  }
  schema.release(&schema);
  return rows;
}

}  // namespace lance_bridge::testing
