// tpcds-lance: TPC-DS data, value-identical to dsdgen's, into Lance datasets
// (or Parquet, or .dat text). The program is benchmark-lance/ over TPC-DS.

#include "benchmark-lance/options.h"

int main(int argc, char** argv) {
  return benchmark_lance::run(lance_bridge::tools::tpcds_benchmark(), argc, argv);
}
