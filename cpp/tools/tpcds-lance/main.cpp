// tpcds-lance: TPC-DS data, value-identical to dsdgen's, into Lance datasets
// (or Parquet, or .dat text). The program is benchmark-lance/ over TPC-DS.

#include <cstdlib>
#include <cstring>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "benchmark-lance/options.h"

namespace {

// glibc gives threads that allocate at once arenas of their own (up to eight
// per core). Over a long TPC-DS run (24 tables, each with generator threads and
// lance's writer threads) they fragment: all tables at SF 10 peaked at 474 MiB
// with glibc's default on 2 cores, 414-429 MiB with one arena, which was no
// slower (benchmarks/README.md, "One malloc arena for tpcds-lance"). Only this
// program: for tpch-lance's lineitem one arena cost time. A user's own setting
// wins.
void use_one_malloc_arena() {
#if defined(__GLIBC__)
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  const bool user_chose = std::getenv("MALLOC_ARENA_MAX") != nullptr ||
                          (tunables != nullptr && std::strstr(tunables, "arena_max") != nullptr);
  if (!user_chose) mallopt(M_ARENA_MAX, 1);
#endif
}

}  // namespace

int main(int argc, char** argv) {
  use_one_malloc_arena();
  return benchmark_lance::run(lance_bridge::tools::tpcds_benchmark(), argc, argv);
}
