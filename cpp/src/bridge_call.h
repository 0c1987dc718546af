// Internal: calling the cxx-generated bridge from the public C++ API.
#pragma once

#include <stdexcept>
#include <string>

#include LANCE_BRIDGE_FFI_HEADER
#include "lance_bridge/common.h"
#include "rust/cxx.h"

namespace lance_bridge {
namespace detail {

// The kind of the error a bridge call just failed with (asked on the same
// thread right after catching it: no parsing of the message).
inline ErrorKind last_error_kind() {
  switch (ffi::last_error_kind()) {
    case ffi::ErrorKind::InvalidArgument: return ErrorKind::InvalidArgument;
    case ffi::ErrorKind::AlreadyExists: return ErrorKind::AlreadyExists;
    case ffi::ErrorKind::NotFound: return ErrorKind::NotFound;
    case ffi::ErrorKind::SchemaMismatch: return ErrorKind::SchemaMismatch;
    case ffi::ErrorKind::InvalidData: return ErrorKind::InvalidData;
    case ffi::ErrorKind::InvalidState: return ErrorKind::InvalidState;
    case ffi::ErrorKind::Io: return ErrorKind::Io;
    case ffi::ErrorKind::Lance: return ErrorKind::Lance;
    case ffi::ErrorKind::Parquet: return ErrorKind::Parquet;
    case ffi::ErrorKind::Aborted: return ErrorKind::Aborted;
    case ffi::ErrorKind::Internal: break;
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
    throw Error(last_error_kind(), e.what());
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

// Storage options as the bridge takes them. Text that is not UTF-8 (which cxx
// refuses with std::invalid_argument) is the caller's bad argument.
inline rust::Vec<ffi::StorageOption> to_ffi(const StorageOptions& options) {
  rust::Vec<ffi::StorageOption> out;
  for (const auto& [key, value] : options) {
    try {
      out.push_back(ffi::StorageOption{key, value});
    } catch (const std::invalid_argument&) {
      throw Error(ErrorKind::InvalidArgument, "invalid_argument: the storage option '" + key + "' is not UTF-8");
    }
  }
  return out;
}

inline rust::Slice<const ffi::StorageOption> as_slice(const rust::Vec<ffi::StorageOption>& options) {
  return rust::Slice<const ffi::StorageOption>(options.data(), options.size());
}

}  // namespace detail
}  // namespace lance_bridge
