// The structs the bridges bind to (bridge/src/ffi: WriteSummary, CommitSummary,
// DatasetInfo, Version, TableChecksum) are defined once, in the public
// headers. cxx checks an enum's values against its header, but for a struct it
// trusts the binding: the Rust mirror must have the same fields, of the same
// types, at the same places. The mirrors assert their offsets in Rust; these
// assert the same of the headers, so neither side can change alone.
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "lance_bridge/dataset.h"
#include "lance_bridge/inspect.h"
#include "lance_bridge/pending_write.h"
#include "lance_bridge/writer.h"

namespace lance_bridge {
namespace {

template <typename T>
constexpr bool plain(std::size_t size) {
  return std::is_standard_layout<T>::value && std::is_trivially_copyable<T>::value && sizeof(T) == size;
}

#define LANCE_BRIDGE_FIELD(Struct, field, Type, offset)                                                  \
  static_assert(std::is_same<decltype(Struct::field), Type>::value && offsetof(Struct, field) == offset, \
                #Struct "::" #field " is bound by bridge/src/ffi: change both")

static_assert(plain<WriteSummary>(80), "WriteSummary is bound by bridge/src/ffi/writer.rs: change both");
LANCE_BRIDGE_FIELD(WriteSummary, rows, uint64_t, 0);
LANCE_BRIDGE_FIELD(WriteSummary, batches, uint64_t, 8);
LANCE_BRIDGE_FIELD(WriteSummary, bytes_written, uint64_t, 16);
LANCE_BRIDGE_FIELD(WriteSummary, data_files, uint64_t, 24);
LANCE_BRIDGE_FIELD(WriteSummary, version, uint64_t, 32);
LANCE_BRIDGE_FIELD(WriteSummary, seconds, double, 40);
LANCE_BRIDGE_FIELD(WriteSummary, producer_blocked_seconds, double, 48);
LANCE_BRIDGE_FIELD(WriteSummary, writer_waiting_seconds, double, 56);
LANCE_BRIDGE_FIELD(WriteSummary, commit_seconds, double, 64);
LANCE_BRIDGE_FIELD(WriteSummary, bytes_copied, uint64_t, 72);

static_assert(plain<CommitSummary>(40), "CommitSummary is bound by bridge/src/ffi/pending.rs: change both");
LANCE_BRIDGE_FIELD(CommitSummary, version, uint64_t, 0);
LANCE_BRIDGE_FIELD(CommitSummary, rows, uint64_t, 8);
LANCE_BRIDGE_FIELD(CommitSummary, fragments, uint64_t, 16);
LANCE_BRIDGE_FIELD(CommitSummary, data_files, uint64_t, 24);
LANCE_BRIDGE_FIELD(CommitSummary, bytes, uint64_t, 32);

static_assert(plain<DatasetInfo>(24), "DatasetInfo is bound by bridge/src/ffi/dataset.rs: change both");
LANCE_BRIDGE_FIELD(DatasetInfo, rows, uint64_t, 0);
LANCE_BRIDGE_FIELD(DatasetInfo, version, uint64_t, 8);
LANCE_BRIDGE_FIELD(DatasetInfo, fragments, uint64_t, 16);

static_assert(plain<Version>(16), "Version is bound by bridge/src/ffi/dataset.rs: change both");
LANCE_BRIDGE_FIELD(Version, version, uint64_t, 0);
LANCE_BRIDGE_FIELD(Version, timestamp_ms, int64_t, 8);

static_assert(plain<TableChecksum>(16), "TableChecksum is bound by bridge/src/ffi/inspect.rs: change both");
LANCE_BRIDGE_FIELD(TableChecksum, rows, uint64_t, 0);
LANCE_BRIDGE_FIELD(TableChecksum, checksum, uint64_t, 8);

static_assert(plain<ChangeSummary>(32), "ChangeSummary is bound by bridge/src/ffi/dataset.rs: change both");
LANCE_BRIDGE_FIELD(ChangeSummary, inserted, uint64_t, 0);
LANCE_BRIDGE_FIELD(ChangeSummary, updated, uint64_t, 8);
LANCE_BRIDGE_FIELD(ChangeSummary, deleted, uint64_t, 16);
LANCE_BRIDGE_FIELD(ChangeSummary, version, uint64_t, 24);

static_assert(plain<CompactionSummary>(40), "CompactionSummary is bound by bridge/src/ffi/dataset.rs: change both");
LANCE_BRIDGE_FIELD(CompactionSummary, fragments_removed, uint64_t, 0);
LANCE_BRIDGE_FIELD(CompactionSummary, fragments_added, uint64_t, 8);
LANCE_BRIDGE_FIELD(CompactionSummary, files_removed, uint64_t, 16);
LANCE_BRIDGE_FIELD(CompactionSummary, files_added, uint64_t, 24);
LANCE_BRIDGE_FIELD(CompactionSummary, version, uint64_t, 32);

static_assert(plain<CleanupSummary>(24), "CleanupSummary is bound by bridge/src/ffi/dataset.rs: change both");
LANCE_BRIDGE_FIELD(CleanupSummary, old_versions, uint64_t, 0);
LANCE_BRIDGE_FIELD(CleanupSummary, bytes_removed, uint64_t, 8);
LANCE_BRIDGE_FIELD(CleanupSummary, data_files_removed, uint64_t, 16);

#undef LANCE_BRIDGE_FIELD

}  // namespace
}  // namespace lance_bridge
