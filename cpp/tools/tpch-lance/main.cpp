// tpch-lance: TPC-H data, byte-identical to dbgen's, into Lance datasets (or
// Parquet, or .tbl text). The program is benchmark-lance/ over TPC-H.

#include "benchmark-lance/options.h"

int main(int argc, char** argv) {
  return benchmark_lance::run(lance_bridge::tools::tpch_benchmark(), argc, argv);
}
