// tpch-lance's commands: commit, discard, cleanup (parts.cpp).
#pragma once

#include <string>

#include "lance_bridge/pending_write.h"
#include "options.h"

namespace tpch_lance {

// A piece file, read.
lance_bridge::PendingWrite read_piece(const Options& o, const std::string& uri);

// tpch-lance commit: every table's pending parts become one version each.
int commit(const Options& o);

// tpch-lance discard: pending part K of N goes, data files and piece.
int discard(const Options& o);

// tpch-lance cleanup: the orphaned data files of each table's dataset.
int cleanup(const Options& o);

}  // namespace tpch_lance
