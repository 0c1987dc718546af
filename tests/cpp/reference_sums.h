// The reference generators' sums (tests/fixtures/tpch-reference, tpcds-reference),
// and the sum of a generator's text to compare with them.
#pragma once

#include <cstdint>

#include <map>
#include <string>
#include <string_view>

#include "datagen/batch_stream.h"
#include "md5.h"

namespace lance_bridge::testing {

// A fixture listing one value per table file: "<md5>  <table>.<ext>" (an
// md5sum listing) or "<table>.<ext> <rows>", as a map from "<table>.<ext>" to
// the other field. `path` is relative to LANCE_BRIDGE_FIXTURES_DIR; a missing
// file fails the test that reads it.
std::map<std::string, std::string> reference_sums(const std::string& path, std::string_view extension);

// Adds the reference generator's text of every batch of `stream` (dbgen's
// .tbl lines, which are dsdgen's .dat lines: tpch::append_tbl) to `md5`;
// returns the rows.
int64_t add_text(datagen::BatchStream& stream, Md5& md5);

}  // namespace lance_bridge::testing
