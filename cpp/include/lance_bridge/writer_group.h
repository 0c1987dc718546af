// lance_bridge::WriterGroup: several writers filling one Lance dataset in
// parallel, committed as one version (or left pending as one piece).
//
//   lance_bridge::WriterGroup group = lance_bridge::WriterGroup::open("t.lance", schema, 4);
//   // thread i: group.writer(i).write(&batch, &schema) ... (each writer from one thread)
//   lance_bridge::CommitSummary summary = group.commit();   // rows in writer order
//
// Each writer encodes on its own, so a producer that can split its rows into
// slices keeps several cores busy; the commit makes the slices one version, in
// writer order. A group that fails (a writer, the commit), is aborted or is
// destroyed before commit() or prepare() leaves nothing behind: every writer's
// files are discarded, and the local folders the group's write created are
// removed if nothing else is in them. Other writers' data is never touched.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "lance_bridge/arrow_c_abi.h"
#include "lance_bridge/common.h"
#include "lance_bridge/pending_write.h"
#include "lance_bridge/writer.h"

namespace lance_bridge {

class WriterGroup {
 public:
  // Opens `count` (at least 1) Lance writers at `uri`, each with `schema`
  // (borrowed) and `options`, as Writer::open does; if one cannot open, those
  // opened are aborted and the error is thrown. Parquet is refused
  // (InvalidArgument): a Parquet file has one writer.
  static WriterGroup open(const std::string& uri, const ArrowSchema& schema, size_t count,
                          const WriterOptions& options = {});

  WriterGroup(WriterGroup&& other) noexcept;
  WriterGroup& operator=(WriterGroup&& other) noexcept;
  WriterGroup(const WriterGroup&) = delete;
  WriterGroup& operator=(const WriterGroup&) = delete;
  // Aborts an uncommitted group. Never throws.
  ~WriterGroup();

  size_t size() const noexcept { return writers_.size(); }
  // Writer `index` (0 to size() - 1): write to it as to any Writer; don't
  // finish, prepare or abort it (the group does). Throws InvalidArgument for an
  // index out of range, InvalidState once the group is closed.
  Writer& writer(size_t index);

  // Commits every writer's rows as one new version, in writer order (mode:
  // the options'). The group is closed afterwards. If it throws, nothing was
  // committed and everything the group wrote is gone (but see commit() in
  // pending_write.h for an error after lance wrote the version).
  CommitSummary commit();

  // Writes everything, commits nothing: the writers' pieces as one pending
  // write (in writer order), for commit() in pending_write.h, here or
  // elsewhere. The group is closed afterwards; if it throws, nothing is left.
  PendingWrite prepare();

  // The same, handing the pending write to `keep` (which saves it somewhere:
  // a file, a message to the process that commits) before the group lets go
  // of it: if `keep` throws, the write is discarded as if prepare() had failed,
  // folders included, and the exception is rethrown.
  PendingWrite prepare(const std::function<void(const PendingWrite&)>& keep);

  // Discards everything the group wrote. Safe at any time; never throws.
  void abort() noexcept;

 private:
  WriterGroup() = default;
  // Every writer's write, uncommitted, in order; on a failure, what the group
  // wrote is discarded and the error rethrown.
  std::vector<PendingWrite> prepare_all();
  // Removes the pieces' files and the folders the group created (best effort).
  void discard(const std::vector<PendingWrite>& pieces) noexcept;

  std::string uri_;
  StorageOptions storage_;
  std::vector<Writer> writers_;
  std::vector<std::string> created_directories_;
};

}  // namespace lance_bridge
