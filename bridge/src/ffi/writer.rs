//! lance_bridge::Writer (writer.h): stream record batches into a new version
//! of a Lance dataset, or into a Parquet file.

pub use bridge::*;

/// lance_bridge::WriteSummary as Rust sees it: the definition is C++'s (writer.h).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WriteSummary {
    pub rows: u64,
    pub batches: u64,
    pub bytes_written: u64,
    pub data_files: u64,
    pub version: u64,
    pub seconds: f64,
    pub producer_blocked_seconds: f64,
    pub writer_waiting_seconds: f64,
    pub commit_seconds: f64,
    pub bytes_copied: u64,
}

// SAFETY: the header's struct has exactly these fields, of these types, in this
// order (cpp/src/bridge_layout.cpp asserts it), and is trivially copyable.
unsafe impl cxx::ExternType for WriteSummary {
    type Id = cxx::type_id!("lance_bridge::WriteSummary");
    type Kind = cxx::kind::Trivial;
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

use crate::writer::{check_schema, open_writer, Writer};
