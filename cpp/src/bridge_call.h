// Internal: calling the cxx-generated bridges from the public C++ API.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "lance-bridge/src/ffi/types.rs.h"
#include "lance_bridge/common.h"
#include "rust/cxx.h"

namespace lance_bridge {
namespace detail {

// An Error whose message starts with its kind's name, as the Rust side's do.
inline Error error(ErrorKind kind, const std::string& message) {
  return Error(kind, std::string(error_kind_name(kind)) + ": " + message);
}

// An optional count set to 0: on the wire 0 means "lance's default", so an
// explicit 0 is refused here (InvalidArgument "<what> must be at least 1").
inline void check_not_zero(const std::optional<uint32_t>& value, const std::string& what) {
  if (value && *value == 0) throw error(ErrorKind::InvalidArgument, what + " must be at least 1");
}

// Runs a bridge call, turning rust::Error into lance_bridge::Error (its kind
// asked on the same thread right after: no parsing of the message). cxx throws
// std::invalid_argument when a string it hands to Rust is not UTF-8 (a path,
// an option): that is the caller's bad argument too, reported the same way.
template <typename F>
auto call(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const rust::Error& e) {
    throw Error(ffi::last_error_kind(), e.what());
  } catch (const std::invalid_argument& e) {
    throw error(ErrorKind::InvalidArgument, std::string("not UTF-8: ") + e.what());
  }
}

// Storage options as the bridges take them. Text that is not UTF-8 (which cxx
// refuses with std::invalid_argument) is the caller's bad argument.
inline rust::Vec<ffi::StorageOption> to_ffi(const StorageOptions& options) {
  rust::Vec<ffi::StorageOption> out;
  for (const auto& [key, value] : options) {
    try {
      out.push_back(ffi::StorageOption{key, value});
    } catch (const std::invalid_argument&) {
      throw error(ErrorKind::InvalidArgument, "the storage option '" + key + "' is not UTF-8");
    }
  }
  return out;
}

inline rust::Slice<const ffi::StorageOption> as_slice(const rust::Vec<ffi::StorageOption>& options) {
  return rust::Slice<const ffi::StorageOption>(options.data(), options.size());
}

// Bytes lent to Rust for the call.
inline rust::Slice<const uint8_t> as_slice(const std::vector<uint8_t>& bytes) {
  return rust::Slice<const uint8_t>(bytes.data(), bytes.size());
}

}  // namespace detail
}  // namespace lance_bridge
