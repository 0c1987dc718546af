// lance_bridge::Writer: stream Arrow record batches into a Lance dataset (or a
// Parquet file) from C++.
//
//   lance_bridge::Writer writer = lance_bridge::Writer::open("out.lance", schema);
//   while (produce(&array, &schema)) writer.write(&array, &schema);   // takes ownership
//   lance_bridge::WriteSummary summary = writer.finish();
//
// Batches are handed over as Arrow C Data Interface structs, so any producer
// works: Arrow C++, nanoarrow, or lance_bridge::BatchBuilder. Each batch is queued
// and encoded while the caller produces the next; memory stays bounded by the
// queue depth. A Lance write is a lance transaction: nothing is visible until
// finish() commits it as a new version, and a writer that is aborted, fails or is
// destroyed before finish() commits nothing and removes only the files it wrote
// itself (never another writer's). prepare() instead of finish() leaves the write
// pending, for one commit of many writers' pieces (pending_write.h).
//
// The destination is a local path, a file:// URI or an s3://bucket/path URI
// (WriterOptions::storage_options: endpoint, region, credentials, ...).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "lance_bridge/arrow_c_abi.h"
#include "lance_bridge/common.h"
#include "lance_bridge/pending_write.h"

namespace lance_bridge {

// How batch buffers cross into Rust.
enum class Transfer : uint8_t {
  ZeroCopy,  // buffers are wrapped; the producer's release runs once they are encoded
  Copy,      // buffers are copied and released before write() returns
};

// Options of a writer. Zero or empty means "the library's default".
struct WriterOptions {
  Format format = Format::Lance;
  Mode mode = Mode::Create;
  Transfer transfer = Transfer::ZeroCopy;
  uint64_t max_rows_per_file = 0;    // Lance: rows per data file
  uint64_t max_bytes_per_file = 0;   // Lance: soft limit of bytes per data file
  // Lance: bytes of a column held before they are encoded as a page (default
  // 2 MiB). Less holds less memory; less than one batch's column makes each of
  // the caller's arrays a page of its own, encoded without being copied first.
  uint64_t page_bytes_per_column = 0;
  std::string data_storage_version;  // Lance file version: "2.0", "2.1", "stable", ...
  uint32_t queue_depth = 0;          // batches queued between caller and encoder
  uint64_t parquet_row_group_rows = 0;
  std::string parquet_compression;   // Parquet: "snappy" (default), "zstd", "lz4", "none"
  StorageOptions storage_options;    // for s3:// URIs (see common.h)
};

// What finish() reports. (The bridge binds to this definition: a change here
// is a change of bridge/src/ffi/writer.rs too.)
struct WriteSummary {
  uint64_t rows = 0;
  uint64_t batches = 0;
  uint64_t bytes_written = 0;  // size of the data files this write created
  uint64_t data_files = 0;
  uint64_t version = 0;        // committed Lance dataset version (0 for Parquet)
  double seconds = 0;          // open to finish
  double producer_blocked_seconds = 0;  // write() waiting on a full queue
  double writer_waiting_seconds = 0;    // encoder waiting for the next batch
  double commit_seconds = 0;            // Lance: the commit alone (within seconds)
  uint64_t bytes_copied = 0;  // copied at the boundary: 0 in zero-copy mode for aligned buffers
};

class Writer {
 public:
  // Opens a writer at `uri` (a directory for Lance, a file for Parquet). The
  // schema is read, not taken: the caller still releases it. Checks the mode
  // against what is on disk and that the destination is writable.
  static Writer open(const std::string& uri, const ArrowSchema& schema,
                     const WriterOptions& options = {});

  // The checks open() makes of a schema before it touches storage: every
  // column's type can be imported, and "lance-encoding:*" field metadata holds
  // keys and values lance can use (checked for Parquet output too, where lance
  // never reads them: a schema is refused or accepted whatever it is written
  // to). Throws Error (InvalidData, InvalidArgument); for refusing bad input
  // before creating anything (a folder, a cluster job).
  static void check_schema(const ArrowSchema& schema);

  // Every check open() makes before it writes anything, made without creating
  // anything: the options, the schema, whether the destination can be written
  // (a file in the way, a folder without write permission, an unreachable or
  // refusing object store), and the mode against what is there (create refuses
  // an existing dataset or file: AlreadyExists; append needs a Lance dataset
  // with these columns: NotFound, SchemaMismatch). For refusing a whole job
  // (many tables, many processes) before any of it starts. What is true now
  // may change before open(), which checks again.
  static void check_destination(const std::string& uri, const ArrowSchema& schema,
                                const WriterOptions& options = {});

  Writer(Writer&& other) noexcept;
  Writer& operator=(Writer&& other) noexcept;
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;
  // Aborts an unfinished write. Never throws.
  ~Writer();

  // Writes one record batch (a struct array whose children are the columns),
  // described by `schema`, which must name the writer's columns with the
  // writer's types (else SchemaMismatch). Always takes ownership of both, even
  // when it throws: the caller must not release them. Blocks while the queue is
  // full. A bad batch throws (InvalidData, SchemaMismatch, InvalidArgument for a
  // null pointer) and leaves the writer usable. What the import checks, and what
  // no consumer of an ArrowArray can check, is listed in arrow_c_abi.h.
  void write(ArrowArray* batch, ArrowSchema* schema);

  // Opt-in: writes a batch read with the writer's own schema, for producers that
  // build every batch against it (BatchBuilder, the TPC-H generator) and would
  // rather not export a schema per batch. An ArrowArray carries no types, so
  // they cannot be checked: an int32 column where the schema says int64 is read
  // as twice its size, past the end of its buffer. Buffer and child counts are
  // still checked. Takes ownership of `batch`, as write() does.
  void write_trusted(ArrowArray* batch);

  // Writes every batch of `stream`, then releases it.
  void write(ArrowArrayStream* stream);

  // Commits everything written and reports it. The writer is closed afterwards,
  // also when it throws (the write is then rolled back).
  // Concurrent appends by other writers (threads or processes) are fine: lance
  // rebases this commit on theirs. Create mode refuses a dataset that another
  // writer committed meanwhile (AlreadyExists); this write's files are removed.
  WriteSummary finish();

  // Lance only: writes everything but commits nothing, and returns the pending
  // write, to be committed with lance_bridge::commit() (here or in another
  // process, alone or with other writers' pieces) or removed with discard().
  // The writer is closed afterwards, whatever happens (a Parquet writer is
  // refused with InvalidArgument, and discarded).
  PendingWrite prepare();

  // Discards everything written so far. Safe to call at any time; never throws.
  void abort() noexcept;

  uint64_t rows_written() const;
  bool is_open() const noexcept { return impl_ != nullptr; }

 private:
  struct Impl;
  explicit Writer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace lance_bridge
