//! Looking at what a write produced, for lance-bridge-inspect and the tests:
//! a content checksum, the rows as dbgen .tbl text, and a description.

use std::fs::File;
use std::io::{BufWriter, Write};

use lance_bridge_core::{lance_dataset_info, scan, tbl::write_tbl, Error};

use crate::ffi;
use crate::guard::guarded;
use crate::options::{format_from_ffi, storage_from_ffi};

pub fn table_checksum(
    uri: &str,
    format: ffi::Format,
    storage: &[ffi::StorageOption],
) -> Result<ffi::TableChecksum, Error> {
    guarded(|| {
        let reader = scan(uri, format_from_ffi(format)?, &storage_from_ffi(storage)?)?;
        let (rows, checksum) = lance_bridge_core::table_checksum(reader)?;
        Ok(ffi::TableChecksum { rows, checksum })
    })
}

/// `out` is a file path, or "-" for standard output.
pub fn dump_tbl(
    uri: &str,
    format: ffi::Format,
    storage: &[ffi::StorageOption],
    out: &str,
    limit: u64,
) -> Result<(), Error> {
    guarded(|| {
        let reader = scan(uri, format_from_ffi(format)?, &storage_from_ffi(storage)?)?;
        let sink: Box<dyn Write> = if out == "-" {
            Box::new(std::io::stdout().lock())
        } else {
            Box::new(File::create(out).map_err(|e| Error::io(&format!("cannot create '{out}'"), e))?)
        };
        let mut sink = BufWriter::with_capacity(1 << 20, sink);
        write_tbl(reader, &mut sink, limit)?;
        sink.flush().map_err(|e| Error::io(&format!("cannot write '{out}'"), e))
    })
}

pub fn describe_dataset(uri: &str, storage: &[ffi::StorageOption]) -> Result<String, Error> {
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
