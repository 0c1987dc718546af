//! The bridge's vocabulary to and from the core's: options, modes, formats.

use lance_bridge_core::{Compression, Error, Format, Metric, Mode, StorageOptions, WriterOptions};

use crate::ffi::types::{self, StorageOption};
use crate::ffi::writer as ffi;

/// Key/value pairs from C++; a key given twice keeps its last value.
pub fn storage_from_ffi(options: &[StorageOption]) -> Result<StorageOptions, Error> {
    let mut map = StorageOptions::new();
    for option in options {
        if option.key.is_empty() {
            return Err(Error::invalid_argument("a storage option has an empty key"));
        }
        map.insert(option.key.to_string(), option.value.to_string());
    }
    Ok(map)
}

pub fn mode_from_ffi(mode: types::Mode) -> Result<Mode, Error> {
    match mode {
        types::Mode::Create => Ok(Mode::Create),
        types::Mode::Append => Ok(Mode::Append),
        types::Mode::Overwrite => Ok(Mode::Overwrite),
        other => Err(Error::invalid_argument(format!("unknown mode value {}", other.repr))),
    }
}

pub fn mode_to_ffi(mode: Mode) -> types::Mode {
    match mode {
        Mode::Create => types::Mode::Create,
        Mode::Append => types::Mode::Append,
        Mode::Overwrite => types::Mode::Overwrite,
    }
}

pub fn parse_mode(name: &str) -> Result<types::Mode, Error> {
    crate::guard::guarded(|| Mode::parse(name).map(mode_to_ffi))
}

pub fn format_from_ffi(format: types::Format) -> Result<Format, Error> {
    match format {
        types::Format::Lance => Ok(Format::Lance),
        types::Format::Parquet => Ok(Format::Parquet),
        _ => Err(Error::invalid_argument(format!("unknown format value {}", format.repr))),
    }
}

pub fn metric_from_ffi(metric: types::Metric) -> Result<Metric, Error> {
    match metric {
        types::Metric::L2 => Ok(Metric::L2),
        types::Metric::Cosine => Ok(Metric::Cosine),
        types::Metric::Dot => Ok(Metric::Dot),
        types::Metric::Hamming => Ok(Metric::Hamming),
        _ => Err(Error::invalid_argument(format!("unknown metric value {}", metric.repr))),
    }
}

/// C++'s options as the core's. Zero or empty keeps the core's default, the
/// only place the defaults are written.
pub fn to_core(options: &ffi::WriterOptions) -> Result<WriterOptions, Error> {
    let defaults = WriterOptions::default();
    let or_default = |value: u64, default: u64| if value == 0 { default } else { value };
    if options.transfer != ffi::Transfer::ZeroCopy && options.transfer != ffi::Transfer::Copy {
        return Err(Error::invalid_argument(format!("unknown transfer value {}", options.transfer.repr)));
    }
    Ok(WriterOptions {
        format: format_from_ffi(options.format)?,
        mode: mode_from_ffi(options.mode)?,
        max_rows_per_file: or_default(options.max_rows_per_file, defaults.max_rows_per_file),
        max_bytes_per_file: or_default(options.max_bytes_per_file, defaults.max_bytes_per_file),
        page_bytes_per_column: or_default(options.page_bytes_per_column, defaults.page_bytes_per_column),
        data_storage_version: if options.data_storage_version.is_empty() {
            defaults.data_storage_version
        } else {
            options.data_storage_version.to_string()
        },
        queue_depth: if options.queue_depth == 0 { defaults.queue_depth } else { options.queue_depth },
        parquet_row_group_rows: or_default(options.parquet_row_group_rows, defaults.parquet_row_group_rows),
        parquet_compression: Compression::parse(&options.parquet_compression)?,
        storage_options: storage_from_ffi(&options.storage_options)?,
    })
}

pub fn summary_to_ffi(summary: lance_bridge_core::WriteSummary, bytes_copied: u64) -> ffi::WriteSummary {
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
        bytes_copied,
    }
}

/// Options as C++ sends them when the caller set nothing: zeros and empties.
#[cfg(test)]
pub(crate) fn unset_writer_options() -> ffi::WriterOptions {
    ffi::WriterOptions {
        format: types::Format::Lance,
        mode: types::Mode::Create,
        transfer: ffi::Transfer::ZeroCopy,
        max_rows_per_file: 0,
        max_bytes_per_file: 0,
        page_bytes_per_column: 0,
        data_storage_version: String::new(),
        queue_depth: 0,
        parquet_row_group_rows: 0,
        parquet_compression: String::new(),
        storage_options: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_is_the_cores_default_and_a_value_crosses_as_given() {
        assert_eq!(to_core(&unset_writer_options()).unwrap(), WriterOptions::default());
        let set = ffi::WriterOptions {
            page_bytes_per_column: 512 * 1024,
            max_rows_per_file: 7,
            queue_depth: 3,
            ..unset_writer_options()
        };
        let core = to_core(&set).unwrap();
        assert_eq!((core.page_bytes_per_column, core.max_rows_per_file, core.queue_depth), (512 * 1024, 7, 3));
    }
}
