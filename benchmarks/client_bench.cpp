// client_bench: one operation of the C++ client, timed inside the process
// (wall and CPU of the operation alone, without start-up), for
// compare_client.py, which runs benchmarks/client_bench_pylance.py doing the
// same with pylance beside it.
//
//   client_bench search URI COLUMN QUERIES.f32 DIM K NPROBES REFINE IDS_OUT
//   client_bench index  URI COLUMN TYPE PARTITIONS SUB_VECTORS
//   client_bench merge  URI SOURCE_URI KEY[,KEY...]
//   client_bench compact URI
//
// QUERIES.f32: query vectors, DIM float32 each, back to back. IDS_OUT: the
// ids each search found, a line per query (for recall). Prints one JSON object:
// {"op_wall": s, "op_cpu": s, ...}. REFINE 0: none.

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <stdexcept>
#include <vector>

#include "lance_bridge/dataset.h"

namespace {

// What the process has used so far: CPU seconds (user, sys), page faults and
// context switches, so an operation's share of each can be told apart.
struct Usage {
  double user = 0, sys = 0;
  long minor_faults = 0, voluntary_switches = 0, involuntary_switches = 0;
  static Usage now() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
    return {seconds(usage.ru_utime), seconds(usage.ru_stime), usage.ru_minflt, usage.ru_nvcsw, usage.ru_nivcsw};
  }
};

struct Timer {
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  Usage start = Usage::now();
  void print(const std::string& extra) const {
    double w = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
    Usage end = Usage::now();
    std::printf("{\"op_wall\": %.4f, \"op_cpu\": %.4f, \"op_user\": %.4f, \"op_sys\": %.4f, "
                "\"op_minflt\": %ld, \"op_nvcsw\": %ld, \"op_nivcsw\": %ld%s}\n",
                w, end.user + end.sys - start.user - start.sys, end.user - start.user, end.sys - start.sys,
                end.minor_faults - start.minor_faults, end.voluntary_switches - start.voluntary_switches,
                end.involuntary_switches - start.involuntary_switches, extra.c_str());
  }
};

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t at; (at = text.find(',', start)) != std::string::npos; start = at + 1) parts.push_back(text.substr(start, at - start));
  parts.push_back(text.substr(start));
  return parts;
}

// The int64 ids of a one-column result stream.
std::vector<int64_t> read_ids(ArrowArrayStream& stream) {
  std::vector<int64_t> ids;
  ArrowSchema schema;
  stream.get_schema(&stream, &schema);
  schema.release(&schema);
  for (;;) {
    ArrowArray batch;
    if (stream.get_next(&stream, &batch) != 0) throw std::runtime_error("search failed while reading");
    if (!batch.release) break;
    const ArrowArray& column = *batch.children[0];
    const auto* values = static_cast<const int64_t*>(column.buffers[1]);
    for (int64_t i = 0; i < column.length; ++i) ids.push_back(values[column.offset + i]);
    batch.release(&batch);
  }
  stream.release(&stream);
  return ids;
}

int search(char** argv) {
  lance_bridge::Dataset dataset = lance_bridge::Dataset::open(argv[2]);
  int dim = std::atoi(argv[5]);
  std::vector<float> queries;
  {
    std::ifstream raw(argv[4], std::ios::binary | std::ios::ate);
    std::streamsize bytes = raw.tellg();
    raw.seekg(0);
    queries.resize(bytes / sizeof(float));
    raw.read(reinterpret_cast<char*>(queries.data()), bytes);
  }
  size_t count = queries.size() / dim;
  lance_bridge::ScanOptions options;
  options.columns = {"id"};
  lance_bridge::NearestQuery q;
  q.column = argv[3];
  q.k = static_cast<uint32_t>(std::atoi(argv[6]));
  q.nprobes = static_cast<uint32_t>(std::atoi(argv[7]));
  if (int refine = std::atoi(argv[8])) q.refine_factor = refine;
  std::ofstream ids_out(argv[9]);
  Timer timer;
  for (size_t i = 0; i < count; ++i) {
    q.vector.assign(queries.begin() + i * dim, queries.begin() + (i + 1) * dim);
    options.nearest = q;
    ArrowArrayStream stream;
    dataset.scan(options, &stream);
    for (int64_t id : read_ids(stream)) ids_out << id << ' ';
    ids_out << '\n';
  }
  timer.print(", \"queries\": " + std::to_string(count));
  return 0;
}

int index(char** argv) {
  lance_bridge::IndexOptions options;
  options.type = lance_bridge::parse_index_type(argv[4]);
  options.partitions = static_cast<uint32_t>(std::atoi(argv[5]));
  if (int sub = std::atoi(argv[6])) options.sub_vectors = sub;
  options.replace = true;
  Timer timer;
  lance_bridge::Dataset::open(argv[2]).create_index(argv[3], options);
  timer.print("");
  return 0;
}

int merge(char** argv) {
  lance_bridge::MergeInsertOptions options;
  options.on = split(argv[4]);
  Timer timer;
  ArrowArrayStream source;
  lance_bridge::scan(argv[3], lance_bridge::Format::Lance, &source);
  lance_bridge::ChangeSummary s = lance_bridge::Dataset::open(argv[2]).merge_insert(&source, options);
  timer.print(", \"updated\": " + std::to_string(s.updated) + ", \"inserted\": " + std::to_string(s.inserted));
  return 0;
}

int compact(char** argv) {
  Timer timer;
  lance_bridge::CompactionSummary s = lance_bridge::Dataset::open(argv[2]).compact_files();
  timer.print(", \"fragments_removed\": " + std::to_string(s.fragments_removed));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string op = argc > 1 ? argv[1] : "";
  try {
    if (op == "search" && argc == 10) return search(argv);
    if (op == "index" && argc == 7) return index(argv);
    if (op == "merge" && argc == 5) return merge(argv);
    if (op == "compact" && argc == 3) return compact(argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "client_bench: %s\n", e.what());
    return 1;
  }
  std::fprintf(stderr, "usage: see benchmarks/client_bench.cpp\n");
  return 2;
}
