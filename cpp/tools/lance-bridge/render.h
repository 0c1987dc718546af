// Rows of an Arrow C stream as tab-separated text, for people and scripts.
#pragma once

#include <cstdint>
#include <cstdio>

#include "lance_bridge/arrow_c_abi.h"

namespace lance_bridge_cli {

// Writes a header line of column names, then one line per row, to `out`;
// releases `stream` however it ends. Numbers print as C++ prints them (floats
// with 9 significant digits, doubles 17: they read back exactly), dates as
// YYYY-MM-DD, strings as they are (a tab, newline, return, NUL or backslash in
// one as \t, \n, \r, \0, \\), nulls as NULL, vectors as [a,b,...], other
// types (and dictionary-encoded columns) as <format> or <dictionary>. Returns the rows written.
uint64_t write_tsv(ArrowArrayStream* stream, std::FILE* out);

}  // namespace lance_bridge_cli
