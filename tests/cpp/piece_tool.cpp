// piece_tool: writes and commits the test's sample rows from separate processes,
// so that the tests can prepare a piece in one process and commit it in another.
//
//   piece_tool write   URI FIRST COUNT [create|append]       commit at once
//   piece_tool prepare URI FIRST COUNT PIECE [create|append|overwrite]   leave pending, save the piece
//   piece_tool commit  URI PIECE...                          commit the pieces as one version
//   piece_tool discard URI PIECE                             remove a piece's files
//   piece_tool abort   URI FIRST COUNT [parquet]             append batches (or write a new
//                                                            Parquet file), then abort
// Object storage settings come from the AWS_* environment variables.

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "lance_bridge/pending_write.h"
#include "test_support.h"

using namespace lance_bridge;

namespace {

WriterOptions options_for(int argc, char** argv, int at) {
  WriterOptions o;
  if (argc > at && std::string(argv[at]) == "append") o.mode = Mode::Append;
  if (argc > at && std::string(argv[at]) == "overwrite") o.mode = Mode::Overwrite;
  return o;
}

int run(int argc, char** argv) {
  std::string command = argc > 2 ? argv[1] : "";
  if (command == "write" && argc >= 5) {
    WriteSummary s = lance_bridge::testing::write_sample_rows(argv[2], options_for(argc, argv, 5), std::stoll(argv[3]),
                                                std::stoll(argv[4]));
    std::printf("version=%llu rows=%llu\n", (unsigned long long)s.version, (unsigned long long)s.rows);
    return 0;
  }
  if (command == "prepare" && argc >= 6) {
    Writer w = lance_bridge::testing::open_sample_writer(argv[2], options_for(argc, argv, 6));
    lance_bridge::testing::write_sample_batch(w, std::stoll(argv[3]), std::stoll(argv[4]));
    PendingWrite piece = w.prepare();
    std::ofstream(argv[5], std::ios::binary)
        .write(reinterpret_cast<const char*>(piece.bytes().data()), static_cast<std::streamsize>(piece.bytes().size()));
    std::printf("rows=%llu files=%llu\n", (unsigned long long)piece.rows(), (unsigned long long)piece.data_files());
    return 0;
  }
  if (command == "commit" && argc >= 4) {
    std::vector<PendingWrite> pieces;
    for (int i = 3; i < argc; ++i) {
      std::ifstream in(argv[i], std::ios::binary);
      pieces.push_back(PendingWrite::from_bytes(std::string(std::istreambuf_iterator<char>(in), {})));
    }
    CommitSummary s = commit(argv[2], pieces);
    std::printf("version=%llu rows=%llu\n", (unsigned long long)s.version, (unsigned long long)s.rows);
    return 0;
  }
  if (command == "discard" && argc == 4) {
    std::ifstream in(argv[3], std::ios::binary);
    uint64_t removed = discard(PendingWrite::from_bytes(std::string(std::istreambuf_iterator<char>(in), {})));
    std::printf("removed=%llu\n", (unsigned long long)removed);
    return 0;
  }
  if (command == "abort" && (argc == 5 || argc == 6)) {
    WriterOptions o;
    o.mode = Mode::Append;
    if (argc == 6 && std::string(argv[5]) == "parquet") {
      o.format = Format::Parquet;
      o.mode = Mode::Create;
      o.parquet_row_group_rows = 20000;  // row groups leave for storage as they fill
    }
    Writer w = lance_bridge::testing::open_sample_writer(argv[2], o);
    int64_t first = std::stoll(argv[3]), count = std::stoll(argv[4]);
    for (int64_t start = first; start < first + count; start += 1000) {
      lance_bridge::testing::write_sample_batch(w, start, std::min<int64_t>(1000, first + count - start));
    }
    w.abort();
    std::printf("aborted\n");
    return 0;
  }
  std::fprintf(stderr, "usage: piece_tool write|prepare|commit ... (see the source)\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const Error& e) {
    std::fprintf(stderr, "piece_tool: %s\n", e.what());
    return 1;
  }
}
