// lance_bridge::PendingWrite, commit() and discard() over the cxx-generated bridge.

#include "lance_bridge/pending_write.h"

#include <utility>

#include "bridge_call.h"

namespace lance_bridge {
namespace {

rust::Slice<const uint8_t> as_slice(const std::vector<uint8_t>& bytes) {
  return rust::Slice<const uint8_t>(bytes.data(), bytes.size());
}

std::vector<OrphanFile> from_ffi(const rust::Vec<ffi::OrphanFile>& orphans) {
  std::vector<OrphanFile> out;
  for (const ffi::OrphanFile& o : orphans) out.push_back(OrphanFile{std::string(o.path), o.bytes, o.age_seconds});
  return out;
}

}  // namespace

PendingWrite PendingWrite::from_bytes(std::vector<uint8_t> bytes) {
  ffi::PieceInfo info = detail::call([&] { return ffi::describe_piece(as_slice(bytes)); });
  PendingWrite piece;
  piece.bytes_ = std::move(bytes);
  piece.uri_ = std::string(info.uri);
  piece.mode_ = detail::from_ffi(info.mode);
  piece.rows_ = info.rows;
  piece.fragments_ = info.fragments;
  piece.data_files_ = info.data_files;
  piece.data_bytes_ = info.bytes;
  return piece;
}

PendingWrite PendingWrite::from_bytes(const std::string& bytes) {
  return from_bytes(std::vector<uint8_t>(bytes.begin(), bytes.end()));
}

namespace {

// Every piece's bytes one after the other, and each one's size.
struct Concatenated {
  explicit Concatenated(const std::vector<PendingWrite>& pieces) {
    for (const PendingWrite& piece : pieces) {
      bytes.insert(bytes.end(), piece.bytes().begin(), piece.bytes().end());
      sizes.push_back(piece.bytes().size());
    }
  }
  rust::Slice<const uint64_t> size_slice() const { return {sizes.data(), sizes.size()}; }
  std::vector<uint8_t> bytes;
  std::vector<uint64_t> sizes;
};

CommitSummary from_ffi(const ffi::CommitSummary& s) {
  return CommitSummary{s.version, s.rows, s.fragments, s.data_files, s.bytes};
}

}  // namespace

CommitSummary commit(const std::string& uri, const std::vector<PendingWrite>& pieces,
                     const StorageOptions& storage) {
  Concatenated all(pieces);
  auto options = detail::to_ffi(storage);
  return from_ffi(detail::call([&] {
    return ffi::commit_pieces(uri, as_slice(all.bytes), all.size_slice(), detail::as_slice(options));
  }));
}

CommitSummary commit(const std::string& uri, const std::vector<PendingWrite>& pieces, const StorageOptions& storage,
                     Mode mode) {
  Concatenated all(pieces);
  auto options = detail::to_ffi(storage);
  return from_ffi(detail::call([&] {
    return ffi::commit_pieces_as(uri, as_slice(all.bytes), all.size_slice(), detail::as_slice(options), detail::to_ffi(mode));
  }));
}

void check_commit(const std::string& uri, const std::vector<PendingWrite>& pieces, const StorageOptions& storage,
                  Mode mode) {
  Concatenated all(pieces);
  auto options = detail::to_ffi(storage);
  detail::call([&] {
    ffi::check_pieces_as(uri, as_slice(all.bytes), all.size_slice(), detail::as_slice(options), detail::to_ffi(mode));
  });
}

PendingWrite combine(const std::vector<PendingWrite>& pieces) {
  Concatenated all(pieces);
  rust::Vec<uint8_t> combined = detail::call([&] { return ffi::combine_pieces(as_slice(all.bytes), all.size_slice()); });
  return PendingWrite::from_bytes(std::vector<uint8_t>(combined.begin(), combined.end()));
}

uint64_t discard(const PendingWrite& piece, const StorageOptions& storage) {
  auto options = detail::to_ffi(storage);
  return detail::call([&] { return ffi::discard_piece(as_slice(piece.bytes()), detail::as_slice(options)); });
}

bool is_committed(const PendingWrite& piece, const StorageOptions& storage) {
  auto options = detail::to_ffi(storage);
  return detail::call([&] { return ffi::is_piece_committed(as_slice(piece.bytes()), detail::as_slice(options)); });
}

std::vector<OrphanFile> find_orphans(const std::string& uri, const StorageOptions& storage,
                                     const std::vector<PendingWrite>& pending) {
  Concatenated all(pending);
  auto options = detail::to_ffi(storage);
  return from_ffi(detail::call(
      [&] { return ffi::find_orphans(uri, detail::as_slice(options), as_slice(all.bytes), all.size_slice()); }));
}

std::vector<OrphanFile> remove_orphans(const std::string& uri, uint64_t min_age_seconds,
                                       const StorageOptions& storage, const std::vector<PendingWrite>& pending) {
  Concatenated all(pending);
  auto options = detail::to_ffi(storage);
  return from_ffi(detail::call([&] {
    return ffi::remove_orphans(uri, min_age_seconds, detail::as_slice(options), as_slice(all.bytes), all.size_slice());
  }));
}

}  // namespace lance_bridge
