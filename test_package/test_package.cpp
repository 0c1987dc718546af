// Found through Conan: writes 1,000 rows with lance_bridge::Writer, then opens
// the dataset and counts them back, all of them and those a filter keeps.
#include <cstdio>
#include <filesystem>

#include "lance_bridge/batch_builder.h"
#include "lance_bridge/dataset.h"
#include "lance_bridge/writer.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: test_package DATASET\n");
    return 2;
  }
  const int64_t rows = 1000;
  std::filesystem::remove_all(argv[1]);
  lance_bridge::BatchBuilder batch({lance_bridge::Field::int64("id")});
  for (int64_t id = 0; id < rows; ++id) batch.column(0).append_int64(id);
  ArrowSchema schema;
  batch.export_schema(&schema);
  lance_bridge::Writer writer = lance_bridge::Writer::open(argv[1], schema);
  ArrowArray array;
  batch.finish(&array);
  writer.write(&array, &schema);
  writer.finish();

  lance_bridge::Dataset dataset = lance_bridge::Dataset::open(argv[1]);
  uint64_t all = dataset.count_rows();
  uint64_t small = dataset.count_rows("id < 250");
  std::printf("test_package: %llu rows, %llu with id < 250\n", static_cast<unsigned long long>(all),
              static_cast<unsigned long long>(small));
  return all == rows && small == 250 ? 0 : 1;
}
