//! Converting the bridge's options and results to and from the core's.

use lance_bridge_core::{Compression, Error, Format, Mode, StorageOptions, WriteOptions, WriteSummary};

use crate::ffi;

pub fn default_writer_options() -> ffi::WriterOptions {
    let core = WriteOptions::default();
    ffi::WriterOptions {
        format: ffi::Format::Lance,
        mode: ffi::Mode::Create,
        zero_copy: true,
        max_rows_per_file: core.max_rows_per_file,
        max_bytes_per_file: core.max_bytes_per_file,
        data_storage_version: core.data_storage_version.into(),
        queue_depth: core.queue_depth,
        parquet_row_group_rows: core.parquet_row_group_rows,
        parquet_compression: "snappy".into(),
        storage_options: Vec::new(),
    }
}

/// Key/value pairs from C++; a key given twice keeps its last value.
pub fn storage_from_ffi(options: &[ffi::StorageOption]) -> Result<StorageOptions, Error> {
    let mut map = StorageOptions::new();
    for option in options {
        if option.key.is_empty() {
            return Err(Error::invalid_argument("a storage option has an empty key"));
        }
        map.insert(option.key.to_string(), option.value.to_string());
    }
    Ok(map)
}

pub fn mode_from_ffi(mode: ffi::Mode) -> Result<Mode, Error> {
    match mode {
        ffi::Mode::Create => Ok(Mode::Create),
        ffi::Mode::Append => Ok(Mode::Append),
        ffi::Mode::Overwrite => Ok(Mode::Overwrite),
        other => Err(Error::invalid_argument(format!("unknown mode value {}", other.repr))),
    }
}

pub fn mode_to_ffi(mode: Mode) -> ffi::Mode {
    match mode {
        Mode::Create => ffi::Mode::Create,
        Mode::Append => ffi::Mode::Append,
        Mode::Overwrite => ffi::Mode::Overwrite,
    }
}

pub fn format_from_ffi(format: ffi::Format) -> Result<Format, Error> {
    match format {
        ffi::Format::Lance => Ok(Format::Lance),
        ffi::Format::Parquet => Ok(Format::Parquet),
        _ => Err(Error::invalid_argument(format!("unknown format value {}", format.repr))),
    }
}

pub fn to_core(options: &ffi::WriterOptions) -> Result<WriteOptions, Error> {
    Ok(WriteOptions {
        format: format_from_ffi(options.format)?,
        mode: mode_from_ffi(options.mode)?,
        max_rows_per_file: options.max_rows_per_file,
        max_bytes_per_file: options.max_bytes_per_file,
        data_storage_version: options.data_storage_version.to_string(),
        queue_depth: options.queue_depth,
        parquet_row_group_rows: options.parquet_row_group_rows,
        parquet_compression: Compression::parse(&options.parquet_compression)?,
        storage_options: storage_from_ffi(&options.storage_options)?,
    })
}

pub fn summary_to_ffi(summary: WriteSummary) -> ffi::WriteSummary {
    ffi::WriteSummary {
        rows: summary.rows,
        batches: summary.batches,
        bytes_written: summary.bytes_written,
        data_files: summary.data_files,
        version: summary.version,
        seconds: summary.seconds,
        producer_blocked_seconds: summary.producer_blocked_seconds,
        writer_waiting_seconds: summary.writer_waiting_seconds,
        commit_seconds: summary.commit_seconds,
        bytes_copied: 0,
    }
}
