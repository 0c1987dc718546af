//! The C++ face of lance-bridge: a `#[cxx::bridge]` interface and the thin layer
//! that turns Arrow C Data Interface pointers into record batches for the core.

mod c_data;
mod c_stream;
mod guard;
mod options;
mod reader;
mod writer;

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
        /// Bytes copied at the boundary: 0 in zero-copy mode unless buffers were misaligned.
        bytes_copied: u64,
    }

    /// Facts about a Lance dataset on disk.
    struct DatasetInfo {
        rows: u64,
        version: u64,
        fragments: u64,
    }

    // --- The Arrow C Data Interface, defined by the Arrow spec ------------

    #[namespace = ""]
    unsafe extern "C++" {
        include!("lance_bridge/arrow_c_abi.h");
        type ArrowArray;
        type ArrowSchema;
        type ArrowArrayStream;
    }

    // --- The writer ---------------------------------------------------------

    extern "Rust" {
        type LanceWriter;

        fn default_writer_options() -> WriterOptions;

        /// Opens a writer at `uri`. The schema is borrowed (copied, not released).
        unsafe fn open_writer(
            uri: &str,
            schema: *const ArrowSchema,
            options: &WriterOptions,
        ) -> Result<Box<LanceWriter>>;

        /// Writes one record batch (a struct array). Always takes ownership of
        /// `array`, and of `schema` when not null, even when it fails.
        unsafe fn write_batch(
            self: &mut LanceWriter,
            array: *mut ArrowArray,
            schema: *mut ArrowSchema,
        ) -> Result<()>;

        /// Writes every batch of a stream, then releases it.
        unsafe fn write_stream(self: &mut LanceWriter, stream: *mut ArrowArrayStream) -> Result<()>;

        /// Commits and reports what was written.
        fn finish(self: &mut LanceWriter) -> Result<WriteSummary>;

        /// Discards everything this writer wrote. Never fails.
        fn abort(self: &mut LanceWriter);

        fn rows_written(self: &LanceWriter) -> u64;
    }

    // --- Reading back -------------------------------------------------------

    extern "Rust" {
        /// Exports all rows of a dataset (or Parquet file) as a stream into `out`.
        unsafe fn scan(uri: &str, format: Format, out: *mut ArrowArrayStream) -> Result<()>;

        fn dataset_info(uri: &str) -> Result<DatasetInfo>;
    }
}

use options::default_writer_options;
use reader::{dataset_info, scan};
use writer::open_writer;
