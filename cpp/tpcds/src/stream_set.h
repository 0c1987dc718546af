// All the streams of a table, positioned at one of its rows (or orders).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <vector>

#include "random.h"

namespace tpcds {

class StreamSet {
 public:
  // The table's columns are numbered from `first_column` on, with these draws
  // per row (dsdgen's column list); every stream starts at row `row`.
  StreamSet(int first_column, std::initializer_list<int> draws_per_row, int64_t row) : first_(first_column) {
    int column = first_column;
    streams_.reserve(draws_per_row.size());
    for (int draws : draws_per_row) streams_.emplace_back(column++, draws, row);
  }

  Stream& operator[](int column) { return streams_[static_cast<size_t>(column - first_)]; }

  // The row's end: every stream at the start of the next row.
  void finish_row() {
    for (Stream& s : streams_) s.finish_row();
  }

 private:
  int first_;
  std::vector<Stream> streams_;
};

}  // namespace tpcds
