//! The consumer that streams queued batches into one Parquet file, row group by
//! row group, locally or on object storage; no half-written file is ever seen.
//!
//! Locally it writes a temporary file beside the destination, unique to this
//! writer, and moves it into place only when the write finishes (after fsync);
//! in create mode the move refuses, in one atomic step, a file that appeared
//! meanwhile. On object storage it streams a multipart upload, which becomes
//! the object only when completed at the end (and is aborted otherwise); create
//! mode checks that no object is there when the writer opens.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use arrow_schema::SchemaRef;
use lance_io::object_writer::ObjectWriter;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression as ParquetCompression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use tokio::io::AsyncWriteExt;
use tokio::runtime::Handle;

use crate::error::{Error, ErrorKind, Result};
use crate::options::{Compression, Mode, WriterOptions};
use crate::queue::{Next, Receiver};
use crate::runtime::runtime;
use crate::storage::{object_store, unique_suffix};

/// ~1 MiB pages: what parquet-rs and most writers default to.
const PAGE_BYTES: usize = 1024 * 1024;
/// Row groups close at this size even before they reach their row count.
const MAX_ROW_GROUP_BYTES: usize = 128 * 1024 * 1024;

/// An open Parquet write: the writer, and how its output becomes the file.
pub struct ParquetSink {
    writer: ArrowWriter<Output>,
    publish: Publish,
}

/// Where the bytes go while the file is written.
enum Output {
    File(File),
    Object(ObjectOutput),
}

/// How the finished output becomes the destination.
enum Publish {
    /// Move the temporary file `partial` to `path`.
    Local { path: PathBuf, partial: PathBuf, mode: Mode },
    /// Complete the multipart upload.
    Object,
}

pub fn writer_properties(options: &WriterOptions) -> WriterProperties {
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
pub fn open(path: &Path, schema: SchemaRef, options: &WriterOptions) -> Result<ParquetSink> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| Error::io(&format!("cannot create '{}'", parent.display()), e))?;
    }
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".partial-{}", unique_suffix()));
    let partial = path.with_file_name(name);
    let file = File::create_new(&partial)
        .map_err(|e| Error::io(&format!("cannot create '{}'", partial.display()), e))?;
    let publish = Publish::Local { path: path.to_path_buf(), partial: partial.clone(), mode: options.mode };
    ArrowWriter::try_new(Output::File(file), schema, Some(writer_properties(options)))
        .map(|writer| ParquetSink { writer, publish })
        .map_err(|e| {
            let _ = std::fs::remove_file(&partial);
            e.into()
        })
}

/// Opens a Parquet write to an object store URI (`s3://bucket/key.parquet`).
pub fn open_remote(uri: &str, schema: SchemaRef, options: &WriterOptions) -> Result<ParquetSink> {
    let rt = runtime()?;
    let object = rt.block_on(async {
        let (store, path) = object_store(uri, &options.storage_options).await?;
        if options.mode == Mode::Create && store.exists(&path).await? {
            return Err(Error::new(
                ErrorKind::AlreadyExists,
                format!("'{uri}' already exists (use overwrite mode to replace it)"),
            ));
        }
        ObjectWriter::new(&store, &path).await.map_err(|e| Error::from(e).context(format!("cannot write '{uri}'")))
    })?;
    let output = Output::Object(ObjectOutput { object, handle: rt.handle().clone(), uri: uri.to_string() });
    let writer = ArrowWriter::try_new(output, schema, Some(writer_properties(options)))?;
    Ok(ParquetSink { writer, publish: Publish::Object })
}

/// Runs on a blocking thread until the queue ends, then makes the output the
/// file. Returns the file's size. On any failure or abort, what this writer
/// made goes: its temporary file, or its unfinished upload.
pub fn run(sink: ParquetSink, mut receiver: Receiver) -> Result<u64> {
    let ParquetSink { mut writer, publish } = sink;
    if let Err(e) = write_batches(&mut writer, &mut receiver) {
        match writer.inner_mut() {
            Output::Object(object) => object.abort(),
            Output::File(_) => publish.remove_partial(),
        }
        return Err(e);
    }
    // The footer. Should it fail, an upload is dropped uncompleted: never visible.
    match writer.into_inner() {
        Ok(output) => output.publish(&publish),
        Err(e) => {
            publish.remove_partial();
            Err(e.into())
        }
    }
}

fn write_batches(writer: &mut ArrowWriter<Output>, receiver: &mut Receiver) -> Result<()> {
    loop {
        match receiver.blocking_next() {
            Next::Batch(batch) => writer.write(&batch)?,
            Next::End => return Ok(()),
            Next::Aborted => return Err(Error::new(ErrorKind::Aborted, "the write was aborted")),
        }
    }
}

impl Publish {
    fn remove_partial(&self) {
        if let Publish::Local { partial, .. } = self {
            let _ = std::fs::remove_file(partial);
        }
    }
}

impl Output {
    fn publish(self, publish: &Publish) -> Result<u64> {
        match (self, publish) {
            (Output::File(file), Publish::Local { path, partial, mode }) => {
                let finished = (|| {
                    file.sync_all().map_err(|e| Error::io(&format!("cannot flush '{}'", partial.display()), e))?;
                    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
                    move_into_place(partial, path, *mode)?;
                    Ok(size)
                })();
                if finished.is_err() {
                    publish.remove_partial();
                }
                finished
            }
            (Output::Object(object), _) => object.complete(),
            _ => Err(Error::internal("a Parquet output without its destination")),
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Output::File(file) => file.write(buf),
            Output::Object(object) => object.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Output::File(file) => file.flush(),
            // Parts are uploaded as they fill; completing happens at the end.
            Output::Object(_) => Ok(()),
        }
    }
}

/// A multipart upload driven from the blocking thread that runs the Parquet
/// writer (not a runtime worker, so it may block on the runtime).
struct ObjectOutput {
    object: ObjectWriter,
    handle: Handle,
    uri: String,
}

impl ObjectOutput {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.handle.block_on(self.object.write(buf))
    }

    fn complete(mut self) -> Result<u64> {
        let done = self.handle.block_on(lance_io::traits::Writer::shutdown(&mut self.object));
        done.map(|result| result.size as u64).map_err(|e| Error::from(e).context(format!("cannot finish '{}'", self.uri)))
    }

    fn abort(&mut self) {
        self.handle.block_on(self.object.abort());
    }
}

/// Moves the finished file into place. Create mode links it under the final
/// name, which fails if that name exists (no check-then-rename race), then
/// drops the temporary name; overwrite mode renames over what is there.
fn move_into_place(partial: &Path, path: &Path, mode: Mode) -> Result<()> {
    let appeared = || Error::new(ErrorKind::AlreadyExists, format!("'{}' appeared while it was being written", path.display()));
    if mode == Mode::Create {
        match std::fs::hard_link(partial, path) {
            Ok(()) => {
                let _ = std::fs::remove_file(partial);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(appeared()),
            // File systems without hard links: check, then rename (not one atomic step).
            Err(_) if !path.exists() => std::fs::rename(partial, path)
                .map_err(|e| Error::io(&format!("cannot move the finished file to '{}'", path.display()), e))?,
            Err(_) => return Err(appeared()),
        }
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
