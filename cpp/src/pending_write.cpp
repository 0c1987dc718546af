// lance_bridge::PendingWrite, commit() and discard() over the cxx-generated bridge.

#include "lance_bridge/pending_write.h"

#include <utility>

#include "bridge_call.h"
#include "lance-bridge/src/ffi/pending.rs.h"

namespace lance_bridge {
namespace {

using detail::as_slice;
using detail::call;

// The pieces as they cross: each one's serialised bytes, borrowed for the call.
struct Pieces {
  explicit Pieces(const std::vector<PendingWrite>& pieces) {
    all.reserve(pieces.size());
    for (const PendingWrite& piece : pieces) all.push_back(ffi::PendingWriteBytes{as_slice(piece.bytes())});
  }
  rust::Slice<const ffi::PendingWriteBytes> slice() const { return {all.data(), all.size()}; }
  std::vector<ffi::PendingWriteBytes> all;
};

std::vector<OrphanFile> from_ffi(const rust::Vec<ffi::OrphanFile>& orphans) {
  std::vector<OrphanFile> out;
  for (const ffi::OrphanFile& o : orphans) out.push_back(OrphanFile{std::string(o.path), o.bytes, o.age_seconds});
  return out;
}

}  // namespace

PendingWrite PendingWrite::from_bytes(std::vector<uint8_t> bytes) {
  ffi::PendingWriteInfo info = call([&] { return ffi::describe_pending_write(as_slice(bytes)); });
  PendingWrite piece;
  piece.bytes_ = std::move(bytes);
  piece.uri_ = std::string(info.uri);
  piece.mode_ = info.mode;
  piece.rows_ = info.rows;
  piece.fragments_ = info.fragments;
  piece.data_files_ = info.data_files;
  piece.data_bytes_ = info.bytes;
  return piece;
}

PendingWrite PendingWrite::from_bytes(const std::string& bytes) {
  return from_bytes(std::vector<uint8_t>(bytes.begin(), bytes.end()));
}

CommitSummary commit(const std::string& uri, const std::vector<PendingWrite>& pieces,
                     const StorageOptions& storage) {
  Pieces all(pieces);
  auto options = detail::to_ffi(storage);
  return call([&] { return ffi::commit(uri, all.slice(), as_slice(options)); });
}

CommitSummary commit(const std::string& uri, const std::vector<PendingWrite>& pieces, const StorageOptions& storage,
                     Mode mode) {
  Pieces all(pieces);
  auto options = detail::to_ffi(storage);
  return call([&] { return ffi::commit_as(uri, all.slice(), as_slice(options), mode); });
}

void check_commit(const std::string& uri, const std::vector<PendingWrite>& pieces, const StorageOptions& storage,
                  Mode mode) {
  Pieces all(pieces);
  auto options = detail::to_ffi(storage);
  call([&] { ffi::check_commit(uri, all.slice(), as_slice(options), mode); });
}

PendingWrite combine(const std::vector<PendingWrite>& pieces) {
  Pieces all(pieces);
  rust::Vec<uint8_t> combined = call([&] { return ffi::combine(all.slice()); });
  return PendingWrite::from_bytes(std::vector<uint8_t>(combined.begin(), combined.end()));
}

uint64_t discard(const PendingWrite& piece, const StorageOptions& storage) {
  auto options = detail::to_ffi(storage);
  return call([&] { return ffi::discard(as_slice(piece.bytes()), as_slice(options)); });
}

bool is_committed(const PendingWrite& piece, const StorageOptions& storage) {
  auto options = detail::to_ffi(storage);
  return call([&] { return ffi::is_committed(as_slice(piece.bytes()), as_slice(options)); });
}

std::vector<OrphanFile> find_orphans(const std::string& uri, const StorageOptions& storage,
                                     const std::vector<PendingWrite>& pending) {
  Pieces all(pending);
  auto options = detail::to_ffi(storage);
  return from_ffi(call([&] { return ffi::find_orphans(uri, as_slice(options), all.slice()); }));
}

std::vector<OrphanFile> remove_orphans(const std::string& uri, uint64_t min_age_seconds,
                                       const StorageOptions& storage, const std::vector<PendingWrite>& pending) {
  Pieces all(pending);
  auto options = detail::to_ffi(storage);
  return from_ffi(
      call([&] { return ffi::remove_orphans(uri, min_age_seconds, as_slice(options), all.slice()); }));
}

}  // namespace lance_bridge
