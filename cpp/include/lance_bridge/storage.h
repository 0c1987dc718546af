// Small files by URI, on local disk or object storage (s3://...), with the
// same storage options as the writer: how workers hand pending writes to the
// process that commits them, on a shared disk or a bucket alike.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lance_bridge/common.h"

namespace lance_bridge {

// Writes `bytes` to `uri`, atomically: a reader sees the whole file or none
// (a local file is written beside and renamed; an object is one PUT).
void write_file(const std::string& uri, const std::vector<uint8_t>& bytes, const StorageOptions& storage = {});

// Reads a whole file; throws Error (NotFound) if there is none.
std::vector<uint8_t> read_file(const std::string& uri, const StorageOptions& storage = {});

// The names of the files directly in the folder (or under the prefix) `uri`,
// sorted; empty when it does not exist.
std::vector<std::string> list_files(const std::string& uri, const StorageOptions& storage = {});

// Removes a file; one that is already gone is not an error.
void remove_file(const std::string& uri, const StorageOptions& storage = {});

}  // namespace lance_bridge
