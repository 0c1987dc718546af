// commit_scaling: how long one commit of P pending writes takes (P = 1, 10,
// 100, 1000 by default), the cost a coordinator pays to make P workers' parts
// one version. Each piece holds `--rows` rows in one data file, prepared by its
// own writer in this process; only lance_bridge::commit() is timed (it parses
// the pieces' bytes, builds one transaction and writes one manifest).
//
//   commit_scaling [--pieces 1,10,100,1000] [--rows 1000] [--dir /tmp/commit-scaling] [--repeat 3]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "lance_bridge/batch_builder.h"
#include "lance_bridge/pending_write.h"
#include "lance_bridge/writer.h"

namespace {

lance_bridge::PendingWrite prepare_piece(const std::string& uri, int64_t first, int64_t rows) {
  lance_bridge::BatchBuilder batch({lance_bridge::Field::int64("id"), lance_bridge::Field::utf8("name")});
  for (int64_t i = first; i < first + rows; ++i) {
    batch.column(0).append_int64(i);
    batch.column(1).append_string("row " + std::to_string(i));
  }
  ArrowSchema schema;
  batch.export_schema(&schema);
  lance_bridge::WriterOptions options;
  options.mode = lance_bridge::Mode::Overwrite;
  lance_bridge::Writer writer = [&] {
    try {
      return lance_bridge::Writer::open(uri, schema, options);
    } catch (...) {
      schema.release(&schema);
      throw;
    }
  }();
  ArrowArray array;
  batch.finish(&array);
  writer.write(&array, &schema);  // takes the schema too
  return writer.prepare();
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> counts = {1, 10, 100, 1000};
  int64_t rows = 1000;
  int repeat = 3;
  std::string dir = "/tmp/commit-scaling";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--pieces") {
      counts.clear();
      std::stringstream list(value);
      for (std::string n; std::getline(list, n, ',');) counts.push_back(std::stoi(n));
    } else if (flag == "--rows") {
      rows = std::stoll(value);
    } else if (flag == "--repeat") {
      repeat = std::stoi(value);
    } else if (flag == "--dir") {
      dir = value;
    } else {
      std::fprintf(stderr, "usage: commit_scaling [--pieces 1,10,100,1000] [--rows N] [--repeat N] [--dir DIR]\n");
      return 2;
    }
  }
  std::printf("| pieces | rows | commit seconds (median of %d) | per 100 pieces |\n| ---: | ---: | ---: | ---: |\n",
              repeat);
  for (int count : counts) {
    std::vector<double> seconds;
    for (int r = 0; r < repeat; ++r) {
      std::filesystem::remove_all(dir);
      std::string uri = dir + "/t.lance";
      std::vector<lance_bridge::PendingWrite> pieces;
      for (int k = 0; k < count; ++k) pieces.push_back(prepare_piece(uri, k * rows, rows));
      auto start = std::chrono::steady_clock::now();
      lance_bridge::CommitSummary done = lance_bridge::commit(uri, pieces, {}, lance_bridge::Mode::Create);
      seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      if (done.rows != static_cast<uint64_t>(count * rows) || done.version != 1) {
        std::fprintf(stderr, "commit_scaling: committed %llu rows as version %llu\n",
                     static_cast<unsigned long long>(done.rows), static_cast<unsigned long long>(done.version));
        return 1;
      }
    }
    std::sort(seconds.begin(), seconds.end());
    double median = seconds[seconds.size() / 2];
    std::printf("| %d | %lld | %.4f | %.4f |\n", count, static_cast<long long>(count * rows), median,
                median / count * 100);
    std::fflush(stdout);
  }
  std::filesystem::remove_all(dir);
  return 0;
}
