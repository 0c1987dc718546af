// The reference generators' sums (tests/fixtures/tpch-reference, tpcds-reference).
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace lance_bridge::testing {

// A fixture listing one value per table file: "<md5>  <table>.<ext>" (an
// md5sum listing) or "<table>.<ext> <rows>", as a map from "<table>.<ext>" to
// the other field. `path` is relative to LANCE_BRIDGE_FIXTURES_DIR; a missing
// file fails the test that reads it.
std::map<std::string, std::string> reference_sums(const std::string& path, std::string_view extension);

}  // namespace lance_bridge::testing
