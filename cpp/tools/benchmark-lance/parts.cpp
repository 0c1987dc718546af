// The commands over pending parts and datasets: commit (the N parts of each
// table, one version), discard (one part) and cleanup (orphaned data files).

#include "parts.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "exit_status.h"
#include "layout.h"
#include "lance_bridge/pending_write.h"
#include "lance_bridge/storage.h"
#include "preflight.h"
#include "progress.h"
#include "write.h"

namespace benchmark_lance {

using lance_bridge::tools::exit_status;
using lance_bridge::tools::human_bytes;
using lance_bridge::tools::with_commas;

lance_bridge::PendingWrite read_piece(const Options& o, const std::string& uri) {
  return lance_bridge::PendingWrite::from_bytes(lance_bridge::read_file(uri, o.storage));
}

namespace {

// The pending parts of a table, in part order; exits 2 (nothing committed) when
// they disagree. Whether all N are there is for the caller (leftovers of a
// commit that landed need not be).
std::vector<PendingPart> pending_parts(const Options& o, const std::string& table) {
  const std::string& table_name = table;
  std::vector<PendingPart> parts;
  for (const std::string& name : lance_bridge::list_files(pending_dir(o, table), o.storage)) {
    PendingPart part;
    if (!parse_piece_name(name, &part)) {
      usage_error("unexpected file '" + join(pending_dir(o, table), name) + "' among the pending parts of " + table_name);
    }
    parts.push_back(part);
  }
  if (parts.empty()) return parts;
  for (const PendingPart& p : parts) {
    if (p.parts != parts[0].parts || p.scale_factor != parts[0].scale_factor) {
      usage_error("the pending parts of " + table_name + " disagree: " + parts[0].file + " and " + p.file +
                  " (number of parts or scale factor)");
    }
  }
  std::sort(parts.begin(), parts.end(), [](const PendingPart& a, const PendingPart& b) { return a.part < b.part; });
  return parts;
}

// Exits 2 (nothing committed) unless `parts` are all N parts, once each.
void require_every_part(const std::vector<PendingPart>& parts, const std::string& table) {
  if (parts.empty()) return;
  const std::string& table_name = table;
  std::string missing;
  for (int k = 1, i = 0; k <= parts[0].parts; ++k) {
    if (i < static_cast<int>(parts.size()) && parts[i].part == k) {
      ++i;
    } else {
      missing += (missing.empty() ? "" : ", ") + std::to_string(k);
    }
  }
  if (!missing.empty() || static_cast<int>(parts.size()) != parts[0].parts) {
    usage_error(table_name + ": " + (missing.empty() ? "part numbers repeat" : "missing part(s) " + missing) +
                " of " + std::to_string(parts[0].parts) + ": nothing committed");
  }
}

// A table's pending parts, read: the piece of each part, in part order.
struct TablePieces {
  std::string table;
  std::vector<PendingPart> parts;
  std::vector<lance_bridge::PendingWrite> pieces;
  bool already_committed = false;  // an earlier commit landed; only its piece files were left
};

}  // namespace

int commit(const Options& o) {
  // First every check, for every table: nothing is committed unless all can be.
  std::vector<TablePieces> work;
  try {
    for (const std::string& table : o.tables) {
      TablePieces t{table, pending_parts(o, table), {}, false};
      for (const PendingPart& part : t.parts) {
        t.pieces.push_back(read_piece(o, join(pending_dir(o, table), part.file)));
      }
      // The parts commit as one transaction: one of them committed means the
      // commit landed, and those still here are what its clean-up left (some
      // may be gone already: an interrupted removal).
      t.already_committed = !t.pieces.empty() && lance_bridge::is_committed(t.pieces.front(), o.storage);
      if (!t.already_committed) require_every_part(t.parts, table);
      // Everything the commit would refuse (schemas that differ, a dataset a
      // create finds there), refused now, before any table is committed.
      if (!t.pieces.empty() && !t.already_committed) {
        lance_bridge::check_commit(output_path(o, table), t.pieces, o.storage, o.mode);
      }
      work.push_back(std::move(t));
    }
  } catch (const lance_bridge::Error& e) {
    usage_error(std::string("the pending parts cannot be committed: ") + e.what() + ": nothing committed");
  }
  int width = table_name_width(o);
  if (!o.quiet) std::printf("%-*s %6s %14s %8s %9s\n", width, "table", "parts", "rows", "version", "seconds");
  bool changed_anything = false;  // a version committed or pending files removed
  for (const TablePieces& t : work) {
    const std::string& name = t.table;
    if (t.parts.empty()) {
      if (!o.quiet) std::printf("%-*s %6s  nothing pending\n", width, name.c_str(), "-");
      continue;
    }
    auto start = std::chrono::steady_clock::now();
    try {
      if (!t.already_committed) {
        lance_bridge::CommitSummary done = lance_bridge::commit(output_path(o, t.table), t.pieces, o.storage, o.mode);
        changed_anything = true;
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (!o.quiet) {
          std::printf("%-*s %6zu %14s %8llu %9.2f\n", width, name.c_str(), t.parts.size(),
                      with_commas(static_cast<int64_t>(done.rows)).c_str(),
                      static_cast<unsigned long long>(done.version), seconds);
        }
      } else if (!o.quiet) {
        std::printf("%-*s %6zu  committed before: removing its pending files\n", width, name.c_str(),
                    t.parts.size());
      }
    } catch (const lance_bridge::Error& e) {
      std::fprintf(stderr, "%s: %s: %s\n", o.benchmark->program().c_str(), name.c_str(), e.what());
      // Exit status 2 promises nothing on disk changed: not so after an earlier table.
      int status = exit_status(e);
      return status == 2 && changed_anything ? 1 : status;
    }
    // Committed: the piece files have done their job. Should removing one
    // fail, the next commit sees the pieces are committed and only removes them.
    try {
      for (const PendingPart& part : t.parts) lance_bridge::remove_file(join(pending_dir(o, t.table), part.file), o.storage);
    } catch (const lance_bridge::Error& e) {
      const std::string program = o.benchmark->program();
      std::fprintf(stderr,
                   "%s: %s: committed, but removing its pending files failed: %s (run `%s commit` "
                   "again to remove them: it adds nothing)\n",
                   program.c_str(), name.c_str(), e.what(), program.c_str());
      return 1;
    }
    changed_anything = true;
  }
  return 0;
}

// (A part's piece of whatever scale factor it was written at.)
int discard(const Options& o) {
  uint64_t files = 0;
  for (const std::string& table : o.tables) {
    std::string dir = pending_dir(o, table);
    try {
      for (const std::string& name : lance_bridge::list_files(dir, o.storage)) {
        PendingPart part;
        if (!parse_piece_name(name, &part) || part.part != o.part || part.parts != o.parts) continue;
        std::string piece_uri = join(dir, name);
        auto piece = read_piece(o, piece_uri);
        // The piece file first: should the rest fail, its data files are
        // orphans (cleanup removes them), never a piece pointing at nothing.
        lance_bridge::remove_file(piece_uri, o.storage);
        files += lance_bridge::discard(piece, o.storage);
      }
    } catch (const lance_bridge::Error& e) {
      std::fprintf(stderr, "%s: %s: %s\n", o.benchmark->program().c_str(), dir.c_str(), e.what());
      return 1;
    }
  }
  if (!o.quiet) std::printf("discarded part %d of %d: %llu data files removed\n", o.part, o.parts,
                            static_cast<unsigned long long>(files));
  return 0;
}

int cleanup(const Options& o) {
  uint64_t files = 0, bytes = 0;
  for (const std::string& table : o.tables) {
    std::string uri = output_path(o, table);
    if (!lance_dataset_exists(o, uri)) continue;
    try {
      // The files of parts waiting for `<program> commit` are not orphans.
      std::vector<lance_bridge::PendingWrite> pending;
      for (const std::string& name : lance_bridge::list_files(pending_dir(o, table), o.storage)) {
        pending.push_back(read_piece(o, join(pending_dir(o, table), name)));
      }
      std::vector<lance_bridge::OrphanFile> orphans = o.dry_run
          ? lance_bridge::find_orphans(uri, o.storage, pending)
          : lance_bridge::remove_orphans(uri, o.older_than, o.storage, pending);
      for (const auto& orphan : orphans) {
        if (o.dry_run && orphan.age_seconds < o.older_than) continue;
        if (!o.quiet) {
          std::printf("%s %s/%s (%s, %llu s old)\n", o.dry_run ? "would remove" : "removed", uri.c_str(),
                      orphan.path.c_str(), human_bytes(orphan.bytes).c_str(),
                      static_cast<unsigned long long>(orphan.age_seconds));
        }
        files += 1;
        bytes += orphan.bytes;
      }
    } catch (const lance_bridge::Error& e) {
      std::fprintf(stderr, "%s: %s: %s\n", o.benchmark->program().c_str(), uri.c_str(), e.what());
      return 1;
    }
  }
  if (!o.quiet) {
    std::printf("%s %llu orphaned data files (%s) older than %llu s\n", o.dry_run ? "found" : "removed",
                static_cast<unsigned long long>(files), human_bytes(bytes).c_str(),
                static_cast<unsigned long long>(o.older_than));
  }
  return 0;
}

}  // namespace benchmark_lance
