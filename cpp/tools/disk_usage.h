// Bytes a file, or a directory with everything below it, takes.
#pragma once

#include <cstdint>
#include <string>

namespace lance_bridge::tools {

uint64_t size_on_disk(const std::string& path);

}  // namespace lance_bridge::tools
