//! The consumer that streams queued batches into one Parquet file, row group by
//! row group. It writes a temporary file beside the destination, unique to this
//! writer, and moves it into place only when the write finishes (after fsync),
//! so no half-written file is ever seen. In create mode the move refuses, in one
//! atomic step, a file that appeared meanwhile.

use std::fs::File;
use std::path::{Path, PathBuf};

use arrow_schema::SchemaRef;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression as ParquetCompression, ZstdLevel};
use parquet::file::properties::WriterProperties;

use crate::error::{Error, ErrorKind, Result};
use crate::options::{Compression, Mode, WriteOptions};
use crate::queue::{Next, Receiver};
use crate::storage::unique_suffix;

/// ~1 MiB pages: what parquet-rs and most writers default to.
const PAGE_BYTES: usize = 1024 * 1024;
/// Row groups close at this size even before they reach their row count.
const MAX_ROW_GROUP_BYTES: usize = 128 * 1024 * 1024;

/// An open Parquet write: the writer over the temporary file, and where it goes.
pub struct ParquetSink {
    path: PathBuf,
    partial: PathBuf,
    mode: Mode,
    writer: ArrowWriter<File>,
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
pub fn open(path: &Path, schema: SchemaRef, options: &WriteOptions) -> Result<ParquetSink> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| Error::io(&format!("cannot create '{}'", parent.display()), e))?;
    }
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".partial-{}", unique_suffix()));
    let partial = path.with_file_name(name);
    let file = File::create_new(&partial)
        .map_err(|e| Error::io(&format!("cannot create '{}'", partial.display()), e))?;
    match ArrowWriter::try_new(file, schema, Some(writer_properties(options))) {
        Ok(writer) => Ok(ParquetSink { path: path.to_path_buf(), partial, mode: options.mode, writer }),
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e.into())
        }
    }
}

/// Runs on a blocking thread until the queue ends, then moves the file into
/// place. Returns the file's size. On any failure or abort the temporary file
/// (this writer's own) is removed.
pub fn run(sink: ParquetSink, mut receiver: Receiver) -> Result<u64> {
    let ParquetSink { path, partial, mode, writer } = sink;
    let finished = write_all(writer, &mut receiver).and_then(|file| {
        file.sync_all().map_err(|e| Error::io(&format!("cannot flush '{}'", partial.display()), e))?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        publish(&partial, &path, mode)?;
        Ok(size)
    });
    if finished.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    finished
}

fn write_all(mut writer: ArrowWriter<File>, receiver: &mut Receiver) -> Result<File> {
    loop {
        match receiver.blocking_next() {
            Next::Batch(batch) => writer.write(&batch)?,
            Next::End => break,
            Next::Aborted => return Err(Error::new(ErrorKind::Aborted, "the write was aborted")),
        }
    }
    Ok(writer.into_inner()?)
}

/// Moves the finished file into place. Create mode links it under the final
/// name, which fails if that name exists (no check-then-rename race), then
/// drops the temporary name; overwrite mode renames over what is there.
fn publish(partial: &Path, path: &Path, mode: Mode) -> Result<()> {
    if mode == Mode::Create {
        std::fs::hard_link(partial, path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Error::new(ErrorKind::AlreadyExists, format!("'{}' appeared while it was being written", path.display()))
            } else {
                Error::io(&format!("cannot move the finished file to '{}'", path.display()), e)
            }
        })?;
        let _ = std::fs::remove_file(partial);
    } else {
        std::fs::rename(partial, path)
            .map_err(|e| Error::io(&format!("cannot move the finished file to '{}'", path.display()), e))?;
    }
    // The new name is durable once the directory is.
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Ok(dir) = File::open(dir) {
            let _ = dir.sync_all();
        }
    }
    Ok(())
}
