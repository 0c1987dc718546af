// Writes a tiny dataset through lance_bridge::Writer and checks its row count.
#include <cstdio>
#include <filesystem>

#include "lance_bridge/batch_builder.h"
#include "lance_bridge/dataset.h"
#include "lance_bridge/writer.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: consumer_app DATASET\n");
    return 2;
  }
  std::filesystem::remove_all(argv[1]);
  lance_bridge::BatchBuilder batch({lance_bridge::Field::int64("id"), lance_bridge::Field::utf8("name")});
  for (int i = 0; i < 3; ++i) {
    batch.column(0).append_int64(i);
    batch.column(1).append_string(i == 1 ? "one" : "other");
  }
  ArrowSchema schema;
  batch.export_schema(&schema);
  lance_bridge::Writer writer = lance_bridge::Writer::open(argv[1], schema);
  ArrowArray array;
  batch.finish(&array);
  writer.write(&array, &schema);  // takes the schema too
  lance_bridge::WriteSummary summary = writer.finish();
  uint64_t rows = lance_bridge::dataset_info(argv[1]).rows;
  std::printf("wrote %llu rows, read back %llu\n", static_cast<unsigned long long>(summary.rows),
              static_cast<unsigned long long>(rows));
  return rows == 3 ? 0 : 1;
}
