// lance_bridge::write_file and friends over the cxx-generated bridge.

#include "lance_bridge/storage.h"

#include "bridge_call.h"
#include "lance-bridge/src/ffi/storage.rs.h"

namespace lance_bridge {

void write_file(const std::string& uri, const std::vector<uint8_t>& bytes, const StorageOptions& storage) {
  auto options = detail::to_ffi(storage);
  detail::call([&] {
    ffi::write_file(uri, detail::as_slice(bytes), detail::as_slice(options));
  });
}

std::vector<uint8_t> read_file(const std::string& uri, const StorageOptions& storage) {
  auto options = detail::to_ffi(storage);
  rust::Vec<uint8_t> bytes = detail::call([&] { return ffi::read_file(uri, detail::as_slice(options)); });
  return std::vector<uint8_t>(bytes.begin(), bytes.end());
}

std::vector<std::string> list_files(const std::string& uri, const StorageOptions& storage) {
  auto options = detail::to_ffi(storage);
  rust::Vec<rust::String> names = detail::call([&] { return ffi::list_files(uri, detail::as_slice(options)); });
  std::vector<std::string> out;
  for (const rust::String& name : names) out.emplace_back(name);
  return out;
}

void remove_file(const std::string& uri, const StorageOptions& storage) {
  auto options = detail::to_ffi(storage);
  detail::call([&] { ffi::remove_file(uri, detail::as_slice(options)); });
}

}  // namespace lance_bridge
