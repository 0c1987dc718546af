//! Looking at what a write produced, for lance-bridge-inspect and the tests:
//! a content checksum and a description.

use lance_bridge_core::{lance_dataset_info, scan, Error};

use crate::ffi::inspect as ffi;
use crate::ffi::types::{Format, StorageOption};
use crate::guard::guarded;
use crate::options::{format_from_ffi, storage_from_ffi};

pub fn table_checksum(
    uri: &str,
    format: Format,
    storage: &[StorageOption],
) -> Result<ffi::TableChecksum, Error> {
    // The same single pass; the column names it also collects cost nothing next to the read.
    column_checksums(uri, format, storage).map(|sums| sums.table)
}

pub fn column_checksums(
    uri: &str,
    format: Format,
    storage: &[StorageOption],
) -> Result<ffi::ColumnChecksums, Error> {
    guarded(|| {
        let reader = scan(uri, format_from_ffi(format)?, &storage_from_ffi(storage)?)?;
        let sums = lance_bridge_core::column_checksums(reader)?;
        Ok(ffi::ColumnChecksums {
            table: ffi::TableChecksum { rows: sums.rows, checksum: sums.table },
            columns: sums
                .columns
                .into_iter()
                .map(|(column, checksum)| ffi::ColumnChecksum { column, checksum })
                .collect(),
        })
    })
}

pub fn describe_dataset(uri: &str, storage: &[StorageOption]) -> Result<String, Error> {
    guarded(|| {
        let info = lance_dataset_info(uri, &storage_from_ffi(storage)?)?;
        let mut text = format!("rows: {}\nversion: {}\nfragments: {}\n", info.rows, info.version, info.fragments);
        for field in info.schema.fields() {
            let null = if field.is_nullable() { " (nullable)" } else { "" };
            text += &format!("  {}: {}{null}\n", field.name(), field.data_type());
        }
        Ok(text)
    })
}
