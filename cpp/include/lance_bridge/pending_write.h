// Pending writes: data on storage, not yet committed. Many writers (threads,
// processes, machines) each write a piece with Writer::prepare(); one commit()
// makes all pieces a single new version of the dataset, their rows in the
// order the pieces are given.
//
//   // in each worker
//   lance_bridge::PendingWrite piece = writer.prepare();
//   save(piece.bytes());                                  // a file, a message, ...
//   // in the coordinator
//   std::vector<lance_bridge::PendingWrite> pieces;
//   for (auto& bytes : load_all()) pieces.push_back(lance_bridge::PendingWrite::from_bytes(bytes));
//   lance_bridge::commit("s3://bucket/table.lance", pieces, storage_options);
//
// The bytes are a JSON document: lance's transaction for the piece, and its
// fragments in the JSON pylance's FragmentMetadata.from_json reads, so Python
// can commit a piece too (lance.LanceOperation.Append / Overwrite).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lance_bridge/common.h"

namespace lance_bridge {

class PendingWrite {
 public:
  // Reads a piece saved from bytes(); throws Error (InvalidData) if they are
  // not one.
  static PendingWrite from_bytes(std::vector<uint8_t> bytes);
  static PendingWrite from_bytes(const std::string& bytes);

  // The serialised piece, to save or send.
  const std::vector<uint8_t>& bytes() const noexcept { return bytes_; }

  const std::string& uri() const noexcept { return uri_; }  // where its files are
  Mode mode() const noexcept { return mode_; }
  uint64_t rows() const noexcept { return rows_; }
  uint64_t fragments() const noexcept { return fragments_; }
  uint64_t data_files() const noexcept { return data_files_; }
  uint64_t data_bytes() const noexcept { return data_bytes_; }

 private:
  PendingWrite() = default;
  std::vector<uint8_t> bytes_;
  std::string uri_;
  Mode mode_ = Mode::Create;
  uint64_t rows_ = 0, fragments_ = 0, data_files_ = 0, data_bytes_ = 0;
};

// What a commit made. (The bridge binds to this definition: a change here is
// a change of bridge/src/ffi/pending.rs.)
struct CommitSummary {
  uint64_t version = 0;  // the new dataset version
  uint64_t rows = 0;
  uint64_t fragments = 0;
  uint64_t data_files = 0;
  uint64_t bytes = 0;
};

// Commits every piece as one new version of the dataset at `uri`, fragments in
// the order given. The pieces must all have been written for `uri` in the same
// mode (create, append or overwrite). Appends racing with other appends land;
// create refuses a dataset that exists; a piece the dataset already refers to
// (committed before) is refused, so no rows are ever added twice. If it throws,
// nothing was committed, but for one case: an error after lance wrote the new
// version (a timeout, say): is_committed() tells.
CommitSummary commit(const std::string& uri, const std::vector<PendingWrite>& pieces,
                     const StorageOptions& storage = {});

// The same, in `mode` whatever mode the pieces were written in: pieces written
// to replace (create or overwrite mode) commit as a create (refused if the
// dataset exists) or an overwrite; appending pieces only as an append. For
// workers that cannot know what will be at the destination when they commit.
CommitSummary commit(const std::string& uri, const std::vector<PendingWrite>& pieces, const StorageOptions& storage,
                     Mode mode);

// Every check commit(uri, pieces, storage, mode) makes, without committing:
// throws what that commit would throw before it writes anything.
void check_commit(const std::string& uri, const std::vector<PendingWrite>& pieces, const StorageOptions& storage,
                  Mode mode);

// One piece holding every piece's fragments, in the order given, to save or
// send as one: for a worker that wrote its share with several writers at once.
// The pieces must belong together as for commit() (dataset, mode, schema);
// throws Error otherwise. Nothing on storage changes.
PendingWrite combine(const std::vector<PendingWrite>& pieces);
// Removes the data files of a piece that will not be committed. A committed
// piece is refused (InvalidState): its files are the dataset's. Returns how
// many files were removed; files already gone are not an error.
uint64_t discard(const PendingWrite& piece, const StorageOptions& storage = {});

// Whether the latest version of the piece's dataset refers to its files.
bool is_committed(const PendingWrite& piece, const StorageOptions& storage = {});

// A data file that no version of a dataset refers to: what a writer that was
// killed (or a piece never committed nor discarded) left behind. Never visible
// as rows; only space.
struct OrphanFile {
  std::string path;  // relative to the dataset's root: data/<name>.lance
  uint64_t bytes = 0;
  uint64_t age_seconds = 0;  // since it was last written
};

// Lists the orphans of the dataset at `uri`. The files of the `pending` pieces
// given are not orphans. A writer still running, or a pending piece not given,
// has such files too: only their age tells them apart.
std::vector<OrphanFile> find_orphans(const std::string& uri, const StorageOptions& storage = {},
                                     const std::vector<PendingWrite>& pending = {});

// Removes the orphans at least `min_age_seconds` old and returns them. Give
// every pending piece of the dataset, and choose an age longer than any write
// may take (an hour is safe for most): a younger file may be a running write's.
std::vector<OrphanFile> remove_orphans(const std::string& uri, uint64_t min_age_seconds,
                                       const StorageOptions& storage = {},
                                       const std::vector<PendingWrite>& pending = {});

}  // namespace lance_bridge
