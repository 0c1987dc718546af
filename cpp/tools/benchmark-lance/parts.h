// The benchmark programs' commands: commit, discard, cleanup (parts.cpp).
#pragma once

#include <string>

#include "lance_bridge/pending_write.h"
#include "options.h"

namespace benchmark_lance {

// A piece file, read.
lance_bridge::PendingWrite read_piece(const Options& o, const std::string& uri);

// commit: every table's pending parts become one version each.
int commit(const Options& o);

// discard: pending part K of N goes, data files and piece.
int discard(const Options& o);

// cleanup: the orphaned data files of each table's dataset.
int cleanup(const Options& o);

}  // namespace benchmark_lance
