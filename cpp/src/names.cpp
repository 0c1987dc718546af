// The names of common.h's enums: they come from the Rust core, which uses
// them too (in front of its messages, in pending writes), so both sides spell
// them alike.
#include "bridge_call.h"

namespace lance_bridge {

const char* error_kind_name(ErrorKind kind) noexcept {
  // The names are 'static, ASCII and short: a fixed table built once holds them
  // NUL-terminated (rust::Str is not).
  static const std::string* names = [] {
    static std::string table[256];
    for (int value = 0; value < 256; ++value) {
      rust::Str name = ffi::error_kind_name(static_cast<ErrorKind>(value));
      table[value] = std::string(name.data(), name.size());
    }
    return table;
  }();
  return names[static_cast<uint8_t>(kind)].c_str();
}

Mode parse_mode(const std::string& name) {
  return detail::call([&] { return ffi::parse_mode(name); });
}

}  // namespace lance_bridge
