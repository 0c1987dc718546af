// Checking what a write produced, from C++: a content checksum and a
// description (what lance-bridge-inspect and the tests use to compare a table
// read back with the data that was sent).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lance_bridge/common.h"

namespace lance_bridge {

// A table's rows and its content checksum: per column an FNV-1a 64 state fed
// value by value in row order (a null is the byte 0; a value is the byte 1,
// then its little-endian bytes; strings as a 4-byte length and the bytes), and
// FNV-1a 64 over the columns' final states. Batch boundaries do not matter.
// (The bridge binds to this definition: a change here is a change of
// bridge/src/ffi/inspect.rs.)
struct TableChecksum {
  uint64_t rows = 0;
  uint64_t checksum = 0;
};

// Reads every row of a Lance dataset or Parquet file and checksums it.
TableChecksum table_checksum(const std::string& uri, Format format = Format::Lance,
                             const StorageOptions& storage = {});

// One column's part of a TableChecksum: its name and its final FNV state.
struct ColumnChecksum {
  std::string column;
  uint64_t checksum = 0;
};

// A table's checksum and the column states it is made of, in schema order:
// two tables that differ say in which column.
struct ColumnChecksums {
  TableChecksum table;
  std::vector<ColumnChecksum> columns;
};

// The same read as table_checksum (one pass, one batch in memory at a time),
// with each column's checksum as well.
ColumnChecksums column_checksums(const std::string& uri, Format format = Format::Lance,
                                 const StorageOptions& storage = {});

// Rows, version, fragments and the schema of a Lance dataset, as readable text.
std::string describe_dataset(const std::string& uri, const StorageOptions& storage = {});

}  // namespace lance_bridge
