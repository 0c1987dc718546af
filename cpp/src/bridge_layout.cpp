// The structs the bridges bind to (bridge/src/ffi: WriteSummary, CommitSummary,
// DatasetInfo, Version, TableChecksum) are defined once, in the public
// headers. cxx checks an enum's values against its header, but for a struct it
// trusts the binding: the Rust declaration must list the same fields, of the
// same types, in the same order. These assertions catch a header edited alone:
// every field at the place the Rust declaration puts it.
#include <cstddef>
#include <type_traits>

#include "lance_bridge/dataset.h"
#include "lance_bridge/inspect.h"
#include "lance_bridge/pending_write.h"
#include "lance_bridge/writer.h"

namespace lance_bridge {
namespace {

// Fields laid out one after the other, 8 bytes each, as Rust's repr(C) does
// for these u64/i64/f64 fields.
template <typename T>
constexpr bool packed_words(std::size_t fields) {
  return std::is_standard_layout<T>::value && std::is_trivially_copyable<T>::value && sizeof(T) == 8 * fields;
}

static_assert(packed_words<WriteSummary>(10), "WriteSummary: see bridge/src/ffi/writer.rs");
static_assert(offsetof(WriteSummary, rows) == 0 && offsetof(WriteSummary, batches) == 8 &&
                  offsetof(WriteSummary, bytes_written) == 16 && offsetof(WriteSummary, data_files) == 24 &&
                  offsetof(WriteSummary, version) == 32 && offsetof(WriteSummary, seconds) == 40 &&
                  offsetof(WriteSummary, producer_blocked_seconds) == 48 &&
                  offsetof(WriteSummary, writer_waiting_seconds) == 56 &&
                  offsetof(WriteSummary, commit_seconds) == 64 && offsetof(WriteSummary, bytes_copied) == 72,
              "WriteSummary: see bridge/src/ffi/writer.rs");
static_assert(std::is_same<decltype(WriteSummary::seconds), double>::value &&
                  std::is_same<decltype(WriteSummary::commit_seconds), double>::value &&
                  std::is_same<decltype(WriteSummary::bytes_copied), uint64_t>::value,
              "WriteSummary: see bridge/src/ffi/writer.rs");

static_assert(packed_words<CommitSummary>(5), "CommitSummary: see bridge/src/ffi/pending.rs");
static_assert(offsetof(CommitSummary, version) == 0 && offsetof(CommitSummary, rows) == 8 &&
                  offsetof(CommitSummary, fragments) == 16 && offsetof(CommitSummary, data_files) == 24 &&
                  offsetof(CommitSummary, bytes) == 32,
              "CommitSummary: see bridge/src/ffi/pending.rs");

static_assert(packed_words<DatasetInfo>(3), "DatasetInfo: see bridge/src/ffi/dataset.rs");
static_assert(offsetof(DatasetInfo, rows) == 0 && offsetof(DatasetInfo, version) == 8 &&
                  offsetof(DatasetInfo, fragments) == 16,
              "DatasetInfo: see bridge/src/ffi/dataset.rs");

static_assert(packed_words<Version>(2), "Version: see bridge/src/ffi/dataset.rs");
static_assert(offsetof(Version, version) == 0 && offsetof(Version, timestamp_ms) == 8 &&
                  std::is_same<decltype(Version::timestamp_ms), int64_t>::value,
              "Version: see bridge/src/ffi/dataset.rs");

static_assert(packed_words<TableChecksum>(2), "TableChecksum: see bridge/src/ffi/inspect.rs");
static_assert(offsetof(TableChecksum, rows) == 0 && offsetof(TableChecksum, checksum) == 8,
              "TableChecksum: see bridge/src/ffi/inspect.rs");

}  // namespace
}  // namespace lance_bridge
