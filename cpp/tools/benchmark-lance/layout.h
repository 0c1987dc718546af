// Where a benchmark program puts things: each table's output, the pending parts of
// Lance tables, and the names of the parts' piece files.
#pragma once

#include <string>

#include "options.h"

namespace benchmark_lance {

// `name` inside the folder or prefix `dir`.
std::string join(const std::string& dir, const std::string& name);

inline bool writing_parts(const Options& o) { return o.parts > 1; }
// Lance parts are saved as pending pieces for `<program> commit`, not committed.
inline bool saving_pieces(const Options& o) { return writing_parts(o) && o.format == OutputFormat::Lance; }

// DIR/<table>.lance, DIR/<table>.parquet or DIR/<table>.tbl (.dat), or a part's name.
std::string output_path(const Options& o, const std::string& table);

// Where pending Lance parts of a table wait for `<program> commit`.
std::string pending_dir(const Options& o, const std::string& table);

// This run's part: part-K-of-N.sf<SF>.piece.
std::string piece_name(const Options& o);

// One pending part, as named by the part that wrote it.
struct PendingPart {
  int part = 0, parts = 0;
  std::string scale_factor, file;
};

// Reads "part-K-of-N.sf<SF>.piece"; false for any other name.
bool parse_piece_name(const std::string& name, PendingPart* out);

}  // namespace benchmark_lance
