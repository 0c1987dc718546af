// lance_bridge::table_checksum and friends over the cxx-generated bridge.

#include "lance_bridge/inspect.h"

#include "bridge_call.h"
#include "lance-bridge/src/ffi/inspect.rs.h"

namespace lance_bridge {

TableChecksum table_checksum(const std::string& uri, Format format, const StorageOptions& storage) {
  auto options = detail::to_ffi(storage);
  return detail::call([&] { return ffi::table_checksum(uri, format, detail::as_slice(options)); });
}

ColumnChecksums column_checksums(const std::string& uri, Format format, const StorageOptions& storage) {
  auto options = detail::to_ffi(storage);
  ffi::ColumnChecksums sums =
      detail::call([&] { return ffi::column_checksums(uri, format, detail::as_slice(options)); });
  ColumnChecksums result{sums.table, {}};
  result.columns.reserve(sums.columns.size());
  for (const ffi::ColumnChecksum& column : sums.columns) {
    result.columns.push_back({std::string(column.column), column.checksum});
  }
  return result;
}

std::string describe_dataset(const std::string& uri, const StorageOptions& storage) {
  auto options = detail::to_ffi(storage);
  return std::string(detail::call([&] { return ffi::describe_dataset(uri, detail::as_slice(options)); }));
}

}  // namespace lance_bridge
