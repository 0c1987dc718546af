//! lance_bridge::Writer (writer.h): stream record batches into a new version
//! of a Lance dataset, or into a Parquet file.

pub use bridge::*;

header_struct! {
    /// lance_bridge::WriteSummary as Rust sees it: the definition is C++'s (writer.h).
    WriteSummary = "lance_bridge::WriteSummary" {
        rows: u64,
        batches: u64,
        bytes_written: u64,
        data_files: u64,
        version: u64,
        seconds: f64,
        producer_blocked_seconds: f64,
        writer_waiting_seconds: f64,
        commit_seconds: f64,
        bytes_copied: u64,
    }
}

#[cxx::bridge(namespace = "lance_bridge::ffi")]
mod bridge {
    /// lance_bridge::WriterOptions on the wire: the same fields, with storage
    /// options as a list. Zero or empty means the library's default (the
    /// core's `WriterOptions::default()`).
    struct WriterOptions {
        format: Format,
        mode: Mode,
        transfer: Transfer,
        max_rows_per_file: u64,
        max_bytes_per_file: u64,
        page_bytes_per_column: u64,
        data_storage_version: String,
        queue_depth: u32,
        parquet_row_group_rows: u64,
        parquet_compression: String,
        storage_options: Vec<StorageOption>,
    }

    // Defined in lance_bridge/writer.h (documented there).
    #[namespace = "lance_bridge"]
    #[repr(u8)]
    enum Transfer {
        ZeroCopy,
        Copy,
    }

    #[namespace = "lance_bridge"]
    unsafe extern "C++" {
        include!("lance_bridge/writer.h");
        type Transfer;
        type WriteSummary = super::WriteSummary;
        type Format = crate::ffi::types::Format;
        type Mode = crate::ffi::types::Mode;
    }

    unsafe extern "C++" {
        include!("lance-bridge/src/ffi/types.rs.h");
        type StorageOption = crate::ffi::types::StorageOption;
        #[namespace = ""]
        type ArrowArray = crate::ffi::types::ArrowArray;
        #[namespace = ""]
        type ArrowSchema = crate::ffi::types::ArrowSchema;
        #[namespace = ""]
        type ArrowArrayStream = crate::ffi::types::ArrowArrayStream;
    }

    extern "Rust" {
        type Writer;

        /// Writer::check_schema: the checks `open_writer` makes of a schema
        /// before it touches storage. The schema is borrowed.
        unsafe fn check_schema(schema: *const ArrowSchema) -> Result<()>;

        /// Writer::check_destination: every check `open_writer` makes before it
        /// writes anything, made without creating anything. The schema is borrowed.
        unsafe fn check_destination(uri: &str, schema: *const ArrowSchema, options: &WriterOptions) -> Result<()>;

        /// The local directories a write to `uri` would create (none on object
        /// storage): a WriterGroup notes them before its writers open...
        fn directories_to_create(uri: &str) -> Vec<String>;

        /// ...and removes them, each only if empty, when its write fails.
        fn remove_empty_directories(directories: &[String]);

        /// Writer::open. The schema is borrowed (copied, not released).
        unsafe fn open_writer(uri: &str, schema: *const ArrowSchema, options: &WriterOptions) -> Result<Box<Writer>>;

        /// Writes one record batch (a struct array) described by `schema`, which
        /// must match the writer's. Always takes ownership of both, even when it fails.
        unsafe fn write(self: &mut Writer, array: *mut ArrowArray, schema: *mut ArrowSchema) -> Result<()>;

        /// Writes one record batch read with the writer's own schema, trusting
        /// that its columns have those types. Always takes ownership of `array`.
        unsafe fn write_trusted(self: &mut Writer, array: *mut ArrowArray) -> Result<()>;

        /// Writer::write(ArrowArrayStream*): every batch of a stream, then releases it.
        unsafe fn write_stream(self: &mut Writer, stream: *mut ArrowArrayStream) -> Result<()>;

        /// Commits and reports what was written.
        fn finish(self: &mut Writer) -> Result<WriteSummary>;

        /// Writes everything, commits nothing: the pending write, serialised.
        fn prepare(self: &mut Writer) -> Result<Vec<u8>>;

        /// Discards everything this writer wrote. Never fails.
        fn abort(self: &mut Writer);

        fn rows_written(self: &Writer) -> u64;
    }
}

use crate::writer::{
    check_destination, check_schema, directories_to_create, open_writer, remove_empty_directories, Writer,
};
