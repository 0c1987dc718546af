//! The C++ face of lance-bridge: a `#[cxx::bridge]` interface and the thin layer
//! that turns Arrow C Data Interface pointers into record batches for the core.

mod c_data;
mod c_stream;
mod dataset;
mod guard;
#[cfg(test)]
mod import_fuzz;
mod inspect;
mod options;
mod pending;
mod reader;
#[cfg(test)]
mod round_trip_tests;
mod writer;

use dataset::LanceDataset;
use writer::LanceWriter;

#[cxx::bridge(namespace = "lance_bridge::ffi")]
mod ffi {
    // --- Options and results ---------------------------------------------

    /// The file format to write.
    enum Format {
        Lance,
        Parquet,
    }

    /// What to do with data already at the destination.
    enum Mode {
        /// Refuse if a dataset (or file) is there.
        Create,
        /// Add rows to an existing Lance dataset with the same columns.
        Append,
        /// Replace it (for Lance: a new version).
        Overwrite,
    }

    /// Everything a writer can be told. `default_writer_options()` fills it in.
    struct WriterOptions {
        format: Format,
        mode: Mode,
        /// true: buffers are wrapped and released when encoded (no copy).
        /// false: buffers are copied and released before `write_batch` returns.
        zero_copy: bool,
        /// Lance: rows per data file (0 = lance's default).
        max_rows_per_file: u64,
        /// Lance: soft limit of bytes per data file (0 = lance's default).
        max_bytes_per_file: u64,
        /// Lance file format version, e.g. "2.0", "2.1", "stable" ("" = lance's stable).
        data_storage_version: String,
        /// Batches queued between the producer and the encoder.
        queue_depth: u32,
        /// Parquet: rows per row group.
        parquet_row_group_rows: u64,
        /// Parquet: "snappy", "zstd", "lz4" or "none".
        parquet_compression: String,
        /// Object store settings (s3:// URIs): aws_endpoint, aws_region, allow_http, ...
        storage_options: Vec<StorageOption>,
    }

    /// One object store setting.
    struct StorageOption {
        key: String,
        value: String,
    }

    /// What a commit made.
    struct CommitSummary {
        version: u64,
        rows: u64,
        fragments: u64,
        data_files: u64,
        bytes: u64,
    }

    /// A data file no version of a dataset refers to.
    struct OrphanFile {
        path: String,
        bytes: u64,
        age_seconds: u64,
    }

    /// What a pending write holds.
    struct PieceInfo {
        uri: String,
        mode: Mode,
        rows: u64,
        fragments: u64,
        data_files: u64,
        bytes: u64,
    }

    /// What `finish` reports.
    struct WriteSummary {
        rows: u64,
        batches: u64,
        bytes_written: u64,
        data_files: u64,
        version: u64,
        seconds: f64,
        producer_blocked_seconds: f64,
        writer_waiting_seconds: f64,
        /// Lance: the commit alone, within `seconds`.
        commit_seconds: f64,
        /// Bytes copied at the boundary: 0 in zero-copy mode unless buffers were misaligned.
        bytes_copied: u64,
    }

    /// Facts about a Lance dataset on disk.
    struct DatasetInfo {
        rows: u64,
        version: u64,
        fragments: u64,
    }

    /// Rows and content checksum of a table (see the core's `checksum` module).
    struct TableChecksum {
        rows: u64,
        checksum: u64,
    }

    /// Why a call failed (lance_bridge::ErrorKind in C++; documented there).
    enum ErrorKind {
        InvalidArgument,
        AlreadyExists,
        NotFound,
        SchemaMismatch,
        InvalidData,
        InvalidState,
        Io,
        Lance,
        Parquet,
        Aborted,
        Internal,
    }

    /// What `LanceDataset::scan` reads. cxx shared structs hold no Option, so
    /// optional values come with a flag or an empty default, as noted.
    struct ScanOptions {
        /// The columns to read, in this order; empty: all, in the dataset's order.
        columns: Vec<String>,
        /// A SQL predicate over the columns; "": every row.
        filter: String,
        /// When false, `limit` is ignored and every row (after the offset) is read.
        has_limit: bool,
        limit: u64,
        /// Rows skipped first, after the filter.
        offset: u64,
        /// When false, `batch_size` is ignored (lance's default, batches may be shorter).
        has_batch_size: bool,
        /// Rows per batch: every batch but the last has exactly this many.
        batch_size: u64,
        /// Adds lance's `_rowid` column (uint64) after the others.
        with_row_id: bool,
    }

    /// A version of a dataset and when it was committed.
    struct VersionInfo {
        version: u64,
        /// Milliseconds since the Unix epoch (UTC).
        timestamp_ms: i64,
    }

    // --- The Arrow C Data Interface, defined by the Arrow spec ------------

    #[namespace = ""]
    unsafe extern "C++" {
        include!("lance_bridge/arrow_c_abi.h");
        type ArrowArray;
        type ArrowSchema;
        type ArrowArrayStream;
    }

    // --- Errors ---------------------------------------------------------------

    extern "Rust" {
        /// The kind of the error the last failing call returned on this
        /// thread: C++ asks right after catching it.
        fn last_error_kind() -> ErrorKind;
    }

    // --- The writer ---------------------------------------------------------

    extern "Rust" {
        type LanceWriter;

        fn default_writer_options() -> WriterOptions;

        /// The checks open_writer makes of a schema before it touches storage.
        /// The schema is borrowed.
        unsafe fn check_writer_schema(schema: *const ArrowSchema) -> Result<()>;

        /// Opens a writer at `uri`. The schema is borrowed (copied, not released).
        unsafe fn open_writer(
            uri: &str,
            schema: *const ArrowSchema,
            options: &WriterOptions,
        ) -> Result<Box<LanceWriter>>;

        /// Writes one record batch (a struct array) described by `schema`, which
        /// must match the writer's. Always takes ownership of both, even when it fails.
        unsafe fn write_batch(
            self: &mut LanceWriter,
            array: *mut ArrowArray,
            schema: *mut ArrowSchema,
        ) -> Result<()>;

        /// Writes one record batch read with the writer's own schema, trusting
        /// that its columns have those types (an ArrowArray carries none).
        /// Always takes ownership of `array`.
        unsafe fn write_batch_trusted(self: &mut LanceWriter, array: *mut ArrowArray) -> Result<()>;

        /// Writes every batch of a stream, then releases it.
        unsafe fn write_stream(self: &mut LanceWriter, stream: *mut ArrowArrayStream) -> Result<()>;

        /// Commits and reports what was written.
        fn finish(self: &mut LanceWriter) -> Result<WriteSummary>;

        /// Writes everything, commits nothing: the pending write, serialised.
        fn prepare(self: &mut LanceWriter) -> Result<Vec<u8>>;

        /// Discards everything this writer wrote. Never fails.
        fn abort(self: &mut LanceWriter);

        fn rows_written(self: &LanceWriter) -> u64;
    }

    // --- Pending writes: commit many as one version, or discard ----------

    extern "Rust" {
        /// Commits the pieces (serialised pending writes, concatenated;
        /// `sizes` gives each one's length) as one new version of `uri`.
        fn commit_pieces(
            uri: &str,
            pieces: &[u8],
            sizes: &[u64],
            storage: &[StorageOption],
        ) -> Result<CommitSummary>;

        /// The same, committed in `mode` whatever mode the pieces were written in
        /// (replacing pieces: create or overwrite; appending pieces: append).
        fn commit_pieces_as(
            uri: &str,
            pieces: &[u8],
            sizes: &[u64],
            storage: &[StorageOption],
            mode: Mode,
        ) -> Result<CommitSummary>;

        /// Every check commit_pieces_as makes, without committing.
        fn check_pieces_as(
            uri: &str,
            pieces: &[u8],
            sizes: &[u64],
            storage: &[StorageOption],
            mode: Mode,
        ) -> Result<()>;

        /// One piece (serialised) holding the pieces' fragments in order.
        fn combine_pieces(pieces: &[u8], sizes: &[u64]) -> Result<Vec<u8>>;

        /// Removes a pending write's data files; returns how many were removed.
        fn discard_piece(piece: &[u8], storage: &[StorageOption]) -> Result<u64>;

        fn describe_piece(piece: &[u8]) -> Result<PieceInfo>;

        /// Whether the dataset's latest version refers to the piece's files.
        fn is_piece_committed(piece: &[u8], storage: &[StorageOption]) -> Result<bool>;

        /// Data files no version refers to (left by killed writers), but for
        /// those of the pending pieces given (concatenated, as for commit).
        fn find_orphans(uri: &str, storage: &[StorageOption], pieces: &[u8], sizes: &[u64]) -> Result<Vec<OrphanFile>>;

        /// Removes the orphans at least `min_age_seconds` old; returns them.
        fn remove_orphans(
            uri: &str,
            min_age_seconds: u64,
            storage: &[StorageOption],
            pieces: &[u8],
            sizes: &[u64],
        ) -> Result<Vec<OrphanFile>>;
    }

    // --- Small files by URI, local or on object storage ---------------------

    extern "Rust" {
        /// Writes `bytes` to `uri` atomically (whole or not at all).
        fn write_object(uri: &str, bytes: &[u8], storage: &[StorageOption]) -> Result<()>;
        fn read_object(uri: &str, storage: &[StorageOption]) -> Result<Vec<u8>>;
        /// Names of the files in the folder `uri`, sorted (none if it is missing).
        fn list_objects(uri: &str, storage: &[StorageOption]) -> Result<Vec<String>>;
        fn delete_object(uri: &str, storage: &[StorageOption]) -> Result<()>;
    }

    // --- Reading back -------------------------------------------------------

    extern "Rust" {
        /// Exports all rows of a dataset (or Parquet file) as a stream into `out`.
        unsafe fn scan(
            uri: &str,
            format: Format,
            storage: &[StorageOption],
            out: *mut ArrowArrayStream,
        ) -> Result<()>;

        fn dataset_info(uri: &str, storage: &[StorageOption]) -> Result<DatasetInfo>;
    }

    // --- A dataset, read -----------------------------------------------------

    extern "Rust" {
        /// One version of a Lance dataset; every method reads that version.
        type LanceDataset;

        /// The latest version of the dataset at `uri` (NotFound if there is none).
        fn open_dataset(uri: &str, storage: &[StorageOption]) -> Result<Box<LanceDataset>>;

        /// The same dataset at `version` (NotFound if it has no such version).
        fn checkout(self: &LanceDataset, version: u64) -> Result<Box<LanceDataset>>;

        fn version(self: &LanceDataset) -> Result<u64>;

        /// Every version, oldest first.
        fn versions(self: &LanceDataset) -> Result<Vec<VersionInfo>>;

        /// Exports the dataset's schema into `out`, which the caller releases.
        unsafe fn schema(self: &LanceDataset, out: *mut ArrowSchema) -> Result<()>;

        /// Rows for which the SQL `filter` is true ("": all rows).
        fn count_rows(self: &LanceDataset, filter: &str) -> Result<u64>;

        /// Exports the rows `options` selects as a stream into `out`. A bad
        /// filter or an unknown column fails here, before any batch.
        unsafe fn scan(self: &LanceDataset, options: &ScanOptions, out: *mut ArrowArrayStream) -> Result<()>;

        /// Exports the rows at these positions, in this order, with `columns`
        /// (empty: all), as a stream of one batch into `out`.
        unsafe fn take(
            self: &LanceDataset,
            rows: &[u64],
            columns: &[String],
            out: *mut ArrowArrayStream,
        ) -> Result<()>;
    }

    // --- Checking what was written (lance-bridge-inspect, the tests) ------

    extern "Rust" {
        fn table_checksum(uri: &str, format: Format, storage: &[StorageOption]) -> Result<TableChecksum>;

        /// Writes up to `limit` rows as dbgen .tbl lines to the file `out` ("-": stdout).
        fn dump_tbl(uri: &str, format: Format, storage: &[StorageOption], out: &str, limit: u64) -> Result<()>;

        /// Rows, version, fragments and schema of a Lance dataset, as text.
        fn describe_dataset(uri: &str, storage: &[StorageOption]) -> Result<String>;
    }
}

use guard::last_error_kind;
use dataset::open_dataset;
use inspect::{describe_dataset, dump_tbl, table_checksum};
use options::default_writer_options;
use pending::{
    check_pieces_as, combine_pieces, commit_pieces, commit_pieces_as, describe_piece, discard_piece, find_orphans, is_piece_committed,
    remove_orphans,
};
use reader::{delete_object, list_objects, read_object, write_object};
use reader::{dataset_info, scan};
use writer::{check_writer_schema, open_writer};
