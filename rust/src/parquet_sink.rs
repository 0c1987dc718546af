//! The consumer that streams queued batches into one Parquet file, row group by
//! row group. It writes to a temporary file beside the destination and renames it
//! into place only when the write finishes, so no half-written file is ever seen.

use std::fs::File;
use std::path::{Path, PathBuf};

use arrow_schema::SchemaRef;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression as ParquetCompression, ZstdLevel};
use parquet::file::properties::WriterProperties;

use crate::error::{Error, ErrorKind, Result};
use crate::options::{Compression, WriteOptions};
use crate::queue::{Next, Receiver};

/// ~1 MiB pages: what parquet-rs and most writers default to.
const PAGE_BYTES: usize = 1024 * 1024;
/// Row groups close at this size even before they reach their row count.
const MAX_ROW_GROUP_BYTES: usize = 128 * 1024 * 1024;

/// Where the bytes go until the write is finished.
pub fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".partial-{}", std::process::id()));
    path.with_file_name(name)
}

pub fn writer_properties(options: &WriteOptions) -> WriterProperties {
    let compression = match options.parquet_compression {
        Compression::None => ParquetCompression::UNCOMPRESSED,
        Compression::Snappy => ParquetCompression::SNAPPY,
        Compression::Zstd => ParquetCompression::ZSTD(ZstdLevel::default()),
        Compression::Lz4 => ParquetCompression::LZ4_RAW,
    };
    WriterProperties::builder()
        .set_compression(compression)
        .set_data_page_size_limit(PAGE_BYTES)
        .set_max_row_group_row_count(Some(options.parquet_row_group_rows as usize))
        .set_max_row_group_bytes(Some(MAX_ROW_GROUP_BYTES))
        .build()
}

/// Creates the temporary file and the Parquet writer over it, so that an
/// unwritable destination or an unsupported schema fails when the writer opens.
pub fn open(path: &Path, schema: SchemaRef, options: &WriteOptions) -> Result<ArrowWriter<File>> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| Error::io(&format!("cannot create '{}'", parent.display()), e))?;
    }
    let partial = partial_path(path);
    let file = File::create(&partial)
        .map_err(|e| Error::io(&format!("cannot create '{}'", partial.display()), e))?;
    ArrowWriter::try_new(file, schema, Some(writer_properties(options))).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        Error::from(e)
    })
}

/// Runs on a blocking thread until the queue ends, then renames the file into
/// place. Returns the file's size. On any failure or abort the file is removed.
pub fn run(path: PathBuf, writer: ArrowWriter<File>, mut receiver: Receiver) -> Result<u64> {
    let partial = partial_path(&path);
    let finished = write_all(writer, &mut receiver).and_then(|()| {
        std::fs::rename(&partial, &path).map_err(|e| {
            Error::io(&format!("cannot move the finished file to '{}'", path.display()), e)
        })
    });
    match finished {
        Ok(()) => Ok(std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0)),
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
    }
}

fn write_all(mut writer: ArrowWriter<File>, receiver: &mut Receiver) -> Result<()> {
    loop {
        match receiver.blocking_next() {
            Next::Batch(batch) => writer.write(&batch)?,
            Next::End => break,
            Next::Aborted => return Err(Error::new(ErrorKind::Aborted, "the write was aborted")),
        }
    }
    writer.close()?;
    Ok(())
}
