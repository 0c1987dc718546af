// lance_bridge::table_checksum and friends over the cxx-generated bridge.

#include "lance_bridge/inspect.h"

#include "bridge_call.h"

namespace lance_bridge {

TableChecksum table_checksum(const std::string& uri, Format format, const StorageOptions& storage) {
  auto options = detail::to_ffi(storage);
  ffi::TableChecksum sum = detail::call(
      [&] { return ffi::table_checksum(uri, detail::to_ffi(format), detail::as_slice(options)); });
  return TableChecksum{sum.rows, sum.checksum};
}

void dump_tbl(const std::string& uri, Format format, const std::string& out, uint64_t limit,
              const StorageOptions& storage) {
  auto options = detail::to_ffi(storage);
  detail::call([&] { ffi::dump_tbl(uri, detail::to_ffi(format), detail::as_slice(options), out, limit); });
}

std::string describe_dataset(const std::string& uri, const StorageOptions& storage) {
  auto options = detail::to_ffi(storage);
  return std::string(detail::call([&] { return ffi::describe_dataset(uri, detail::as_slice(options)); }));
}

}  // namespace lance_bridge
