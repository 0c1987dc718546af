// lance_bridge::WriterGroup over Writer, commit(), combine() and discard().

#include "lance_bridge/writer_group.h"

#include <utility>

#include "bridge_call.h"
#include "lance-bridge/src/ffi/writer.rs.h"

namespace lance_bridge {

WriterGroup WriterGroup::open(const std::string& uri, const ArrowSchema& schema, size_t count,
                              const WriterOptions& options) {
  if (count == 0) throw detail::error(ErrorKind::InvalidArgument, "a writer group needs at least one writer");
  if (options.format != Format::Lance) {
    throw detail::error(ErrorKind::InvalidArgument, "a writer group writes Lance (a Parquet file has one writer)");
  }
  WriterGroup group;
  group.uri_ = uri;
  group.storage_ = options.storage_options;
  // Noted before the first writer opens: afterwards they exist.
  for (const rust::String& dir : detail::call([&] { return ffi::directories_to_create(uri); })) {
    group.created_directories_.emplace_back(dir);
  }
  group.writers_.reserve(count);
  try {
    for (size_t i = 0; i < count; ++i) group.writers_.push_back(Writer::open(uri, schema, options));
  } catch (...) {
    group.abort();
    throw;
  }
  return group;
}

WriterGroup::WriterGroup(WriterGroup&& other) noexcept = default;

WriterGroup& WriterGroup::operator=(WriterGroup&& other) noexcept {
  if (this != &other) {
    abort();
    uri_ = std::move(other.uri_);
    storage_ = std::move(other.storage_);
    writers_ = std::move(other.writers_);
    created_directories_ = std::move(other.created_directories_);
  }
  return *this;
}

WriterGroup::~WriterGroup() { abort(); }

Writer& WriterGroup::writer(size_t index) {
  if (writers_.empty()) throw detail::error(ErrorKind::InvalidState, "the writer group is closed");
  if (index >= writers_.size()) {
    throw detail::error(ErrorKind::InvalidArgument, "writer " + std::to_string(index) + " of a group of " +
                                                        std::to_string(writers_.size()));
  }
  return writers_[index];
}

std::vector<PendingWrite> WriterGroup::prepare_all() {
  if (writers_.empty()) throw detail::error(ErrorKind::InvalidState, "the writer group is closed");
  std::vector<Writer> writers = std::move(writers_);
  writers_.clear();
  std::vector<PendingWrite> pieces;
  try {
    for (Writer& writer : writers) pieces.push_back(writer.prepare());
  } catch (...) {
    // The failed writer has rolled back; those after it are aborted as they go.
    writers.clear();
    discard(pieces);
    throw;
  }
  return pieces;
}

CommitSummary WriterGroup::commit() {
  std::vector<PendingWrite> pieces = prepare_all();
  try {
    CommitSummary summary = lance_bridge::commit(uri_, pieces, storage_);
    created_directories_.clear();  // they hold the new version
    return summary;
  } catch (...) {
    // discard() refuses a piece the commit landed after all (a timeout after
    // the manifest was written): committed data is never removed.
    discard(pieces);
    throw;
  }
}

PendingWrite WriterGroup::prepare() {
  return prepare([](const PendingWrite&) {});
}

PendingWrite WriterGroup::prepare(const std::function<void(const PendingWrite&)>& keep) {
  std::vector<PendingWrite> pieces = prepare_all();
  try {
    PendingWrite piece = pieces.size() == 1 ? pieces.front() : combine(pieces);
    keep(piece);
    created_directories_.clear();  // they hold the pending write's files now
    return piece;
  } catch (...) {
    discard(pieces);
    throw;
  }
}

void WriterGroup::abort() noexcept {
  if (writers_.empty() && created_directories_.empty()) return;
  for (Writer& writer : writers_) writer.abort();
  writers_.clear();
  discard({});
}

void WriterGroup::discard(const std::vector<PendingWrite>& pieces) noexcept {
  for (const PendingWrite& piece : pieces) {
    try {
      lance_bridge::discard(piece, storage_);
    } catch (...) {
      // Best effort: the error being reported is the one that matters; what
      // is left is an orphan that find_orphans()/remove_orphans() find.
    }
  }
  try {
    rust::Vec<rust::String> dirs;
    for (const std::string& dir : created_directories_) dirs.push_back(dir);
    ffi::remove_empty_directories(rust::Slice<const rust::String>(dirs.data(), dirs.size()));
  } catch (...) {
  }
  created_directories_.clear();
}

}  // namespace lance_bridge
