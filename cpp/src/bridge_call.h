// Internal: calling the cxx-generated bridge from the public C++ API.
#pragma once

#include <cstring>

#include LANCE_BRIDGE_FFI_HEADER
#include "lance_bridge/common.h"
#include "rust/cxx.h"

namespace lance_bridge {
namespace detail {

// The Rust side prefixes every message with its kind ("schema_mismatch: ...").
inline ErrorKind kind_of(const char* message) {
  struct Prefix {
    const char* name;
    ErrorKind kind;
  };
  static const Prefix prefixes[] = {
      {"invalid_argument: ", ErrorKind::InvalidArgument},
      {"already_exists: ", ErrorKind::AlreadyExists},
      {"not_found: ", ErrorKind::NotFound},
      {"schema_mismatch: ", ErrorKind::SchemaMismatch},
      {"invalid_data: ", ErrorKind::InvalidData},
      {"invalid_state: ", ErrorKind::InvalidState},
      {"io: ", ErrorKind::Io},
      {"lance: ", ErrorKind::Lance},
      {"parquet: ", ErrorKind::Parquet},
      {"aborted: ", ErrorKind::Aborted},
  };
  for (const Prefix& p : prefixes) {
    if (std::strncmp(message, p.name, std::strlen(p.name)) == 0) return p.kind;
  }
  return ErrorKind::Internal;
}

// Runs a bridge call, turning rust::Error into lance_bridge::Error. cxx throws
// std::invalid_argument when a string it hands to Rust is not UTF-8 (a path,
// an option): that is the caller's bad argument too, reported the same way.
template <typename F>
auto call(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const rust::Error& e) {
    throw Error(kind_of(e.what()), e.what());
  } catch (const std::invalid_argument& e) {
    throw Error(ErrorKind::InvalidArgument, std::string("invalid_argument: not UTF-8: ") + e.what());
  }
}

inline ffi::Format to_ffi(Format format) {
  return format == Format::Lance ? ffi::Format::Lance : ffi::Format::Parquet;
}

inline ffi::Mode to_ffi(Mode mode) {
  switch (mode) {
    case Mode::Append: return ffi::Mode::Append;
    case Mode::Overwrite: return ffi::Mode::Overwrite;
    case Mode::Create: break;
  }
  return ffi::Mode::Create;
}

inline Mode from_ffi(ffi::Mode mode) {
  if (mode == ffi::Mode::Append) return Mode::Append;
  if (mode == ffi::Mode::Overwrite) return Mode::Overwrite;
  return Mode::Create;
}

inline rust::Vec<ffi::StorageOption> to_ffi(const StorageOptions& options) {
  rust::Vec<ffi::StorageOption> out;
  for (const auto& [key, value] : options) out.push_back(ffi::StorageOption{key, value});
  return out;
}

inline rust::Slice<const ffi::StorageOption> as_slice(const rust::Vec<ffi::StorageOption>& options) {
  return rust::Slice<const ffi::StorageOption>(options.data(), options.size());
}

}  // namespace detail
}  // namespace lance_bridge
