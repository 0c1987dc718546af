//! The streaming writer: batches go into a bounded queue as they arrive and a
//! background consumer encodes them (Lance or Parquet). Nothing accumulates.
//!
//! A Lance write is a lance transaction: the consumer writes data files and
//! yields the transaction that would add them; `finish` commits it, `prepare`
//! hands it out as a `PendingWrite` for a commit elsewhere. An aborted or failed
//! write commits nothing and removes only what it made itself: lance deletes the
//! data files of a failed stream, a failed commit discards the transaction's
//! own files, and directories are removed only if this write created them and
//! they are empty.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use arrow_array::RecordBatch;
use arrow_schema::{Schema, SchemaRef};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use lance::dataset::transaction::Transaction;

use crate::commit::{commit, dataset_exists, discard};
use crate::encoding_metadata::check_encoding_metadata;
use crate::error::{Error, ErrorKind, Result};
use crate::options::{Format, Mode, WriterOptions};
use crate::pending::PendingWrite;
use crate::queue::{self, Shared};
use crate::runtime::runtime;
use crate::schema_check::{check_batch, check_schema};
use crate::storage::{
    check_local_destination, local_path, missing_dataset_directories, missing_directories, normalize_uri, open_dataset, remove_empty_directories,
};
use crate::summary::WriteSummary;
use crate::{lance_sink, parquet_sink};

/// What the background consumer reports when it is done.
enum SinkOutcome {
    Lance(Transaction),
    Parquet { bytes: u64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Open,
    Finished,
    Aborted,
    Failed,
}

/// Writes one dataset (or Parquet file) from a stream of record batches.
///
/// `write` returns as soon as the batch is queued and blocks while the queue is
/// full. `finish` commits; `prepare` writes everything and returns the
/// uncommitted `PendingWrite`; `abort` (or dropping an unfinished writer)
/// discards everything this writer wrote. A failed write also rolls back.
pub struct StreamWriter {
    uri: String,
    options: WriterOptions,
    schema: SchemaRef,
    sender: Option<mpsc::Sender<RecordBatch>>,
    task: Option<JoinHandle<Result<SinkOutcome>>>,
    shared: Arc<Shared>,
    /// Local directories that did not exist when the writer opened.
    created_dirs: Vec<PathBuf>,
    state: State,
    started: Instant,
    rows: u64,
    batches: u64,
    producer_blocked: Duration,
}

/// The checks of a schema `StreamWriter::open` makes before it touches storage:
/// at least one column, and `lance-encoding:*` field metadata lance can use.
pub fn check_write_schema(schema: &Schema) -> Result<()> {
    if schema.fields().is_empty() {
        return Err(Error::invalid_argument("the schema has no columns"));
    }
    check_encoding_metadata(schema)
}

/// The local directory a write goes into (a Lance dataset, or a Parquet
/// file's folder); `None` on object storage.
fn destination_dir(uri: &str, format: Format) -> Option<PathBuf> {
    let local = local_path(uri)?;
    Some(match format {
        Format::Lance => local,
        Format::Parquet => local.parent().map(Path::to_path_buf).unwrap_or(local),
    })
}

/// Every check `StreamWriter::open` makes before it writes anything, made
/// without creating anything: the options, the schema, whether the
/// destination can be written, and the mode against what is there (create
/// refuses a dataset or file, append needs a dataset with these columns).
pub fn check_destination(uri: &str, schema: &Schema, options: &WriterOptions) -> Result<()> {
    options.validate()?;
    if uri.is_empty() {
        return Err(Error::invalid_argument("the destination URI is empty"));
    }
    check_write_schema(schema)?;
    if let Some(dir) = destination_dir(uri, options.format) {
        check_local_destination(&dir, options.format == Format::Lance)?;
    }
    match (options.format, local_path(uri)) {
        (Format::Lance, _) => check_lance_destination(uri, schema, options),
        (Format::Parquet, Some(path)) if options.mode == Mode::Create && path.exists() => Err(Error::new(
            ErrorKind::AlreadyExists,
            format!("'{}' already exists (use overwrite mode to replace it)", path.display()),
        )),
        // On object storage the Parquet writer refuses an existing object when it opens.
        (Format::Parquet, _) => Ok(()),
    }
}

/// The local directories a Lance write to `uri` would create (none on object
/// storage), in the order they would be made: what a group of writers
/// removes, if still empty, when its write fails.
pub fn directories_to_create(uri: &str) -> Vec<PathBuf> {
    local_path(uri).as_deref().map(missing_dataset_directories).unwrap_or_default()
}

impl StreamWriter {
    /// Opens a writer. Every check that can be made before data arrives is made
    /// here: options, mode against what is on disk, schema for appends, and
    /// whether the destination can be written.
    pub fn open(uri: &str, schema: SchemaRef, options: &WriterOptions) -> Result<Self> {
        check_destination(uri, &schema, options)?;
        let started = Instant::now();
        let (sender, receiver, shared) = queue::channel(options.queue_depth as usize);
        let rt = runtime()?;
        let local = local_path(uri);
        let local_dir = destination_dir(uri, options.format);
        let created_dirs = match (options.format, local_dir.as_deref()) {
            (Format::Lance, Some(dir)) => missing_dataset_directories(dir),
            (Format::Parquet, Some(dir)) => missing_directories(dir),
            (_, None) => Vec::new(),
        };
        let task = match options.format {
            Format::Lance => {
                let params = lance_sink::write_params(options, schema.fields().len())?;
                let (uri, schema) = (uri.to_string(), schema.clone());
                rt.spawn(async move { Ok(SinkOutcome::Lance(lance_sink::run(uri, schema, params, receiver).await?)) })
            }
            Format::Parquet => {
                let sink = match &local {
                    Some(path) => parquet_sink::open(path, schema.clone(), options)?,
                    None => parquet_sink::open_remote(uri, schema.clone(), options)?,
                };
                rt.spawn_blocking(move || Ok(SinkOutcome::Parquet { bytes: parquet_sink::run(sink, receiver)? }))
            }
        };
        Ok(Self {
            uri: uri.to_string(),
            options: options.clone(),
            schema,
            sender: Some(sender),
            task: Some(task),
            shared,
            created_dirs,
            state: State::Open,
            started,
            rows: 0,
            batches: 0,
            producer_blocked: Duration::ZERO,
        })
    }

    pub fn schema(&self) -> &SchemaRef {
        &self.schema
    }

    pub fn uri(&self) -> &str {
        &self.uri
    }

    /// Rows accepted so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Batches accepted so far.
    pub fn batches(&self) -> u64 {
        self.batches
    }

    /// Queues one batch. A batch that does not fit the schema is refused and the
    /// writer stays usable; an error from the encoder ends the write.
    pub fn write(&mut self, batch: RecordBatch) -> Result<()> {
        self.ensure_open()?;
        check_batch(&self.schema, &batch).map_err(|e| e.context(format!("batch {}", self.batches)))?;
        if batch.num_rows() == 0 {
            return Ok(());
        }
        // Re-label with the writer's schema so field metadata and nullability are its own.
        let batch = if batch.schema_ref() == &self.schema {
            batch
        } else {
            RecordBatch::try_new(self.schema.clone(), batch.columns().to_vec())?
        };
        let rows = batch.num_rows() as u64;
        let start = Instant::now();
        let sent = self.sender.as_ref().expect("open writer has a sender").blocking_send(batch);
        self.producer_blocked += start.elapsed();
        if sent.is_err() {
            // The consumer stopped: it failed, and its error says why.
            return Err(self.fail_from_consumer());
        }
        self.rows += rows;
        self.batches += 1;
        Ok(())
    }

    /// Waits for every queued batch to be written and commits.
    pub fn finish(&mut self) -> Result<WriteSummary> {
        let outcome = self.complete()?;
        let commit_started = Instant::now();
        let (data_files, bytes_written, version) = match outcome {
            SinkOutcome::Parquet { bytes } => (1, bytes, 0),
            SinkOutcome::Lance(transaction) => {
                let piece = self.pending(transaction)?;
                match commit(&self.uri, std::slice::from_ref(&piece), &self.options.storage_options) {
                    Ok(committed) => (committed.data_files, committed.bytes, committed.version),
                    Err(e) => {
                        // This write's files go, and only they: discard refuses a
                        // piece the commit landed after all (a timeout after the
                        // manifest was written), or one it cannot tell about (its
                        // files then stay, as orphans for remove_orphans).
                        let _ = discard(&piece, &self.options.storage_options);
                        self.roll_back(State::Failed);
                        return Err(e);
                    }
                }
            }
        };
        self.state = State::Finished;
        let commit_seconds = if version > 0 { commit_started.elapsed().as_secs_f64() } else { 0.0 };
        Ok(self.summary(data_files, bytes_written, version, commit_seconds))
    }

    /// Waits for every queued batch to be written and returns the write
    /// uncommitted, for `commit` (here or in another process) or `discard`.
    /// Lance only: a Parquet writer refuses and stays open. A Lance writer is
    /// closed afterwards, whatever the outcome.
    pub fn prepare(&mut self) -> Result<PendingWrite> {
        self.ensure_open()?;
        if self.options.format != Format::Lance {
            return Err(Error::invalid_argument("prepare() is for Lance datasets; a Parquet write ends with finish()"));
        }
        match self.complete()? {
            SinkOutcome::Lance(transaction) => {
                let piece = self.pending(transaction)?;
                self.state = State::Finished;
                Ok(piece)
            }
            SinkOutcome::Parquet { .. } => Err(Error::internal("a Lance writer produced Parquet")),
        }
    }

    /// What a finished write reports.
    fn summary(&self, data_files: u64, bytes_written: u64, version: u64, commit_seconds: f64) -> WriteSummary {
        WriteSummary {
            rows: self.rows,
            batches: self.batches,
            bytes_written,
            data_files,
            version,
            seconds: self.started.elapsed().as_secs_f64(),
            producer_blocked_seconds: self.producer_blocked.as_secs_f64(),
            writer_waiting_seconds: self.shared.waiting().as_secs_f64(),
            commit_seconds,
        }
    }

    /// Ends the stream and waits for the encoder; on failure, rolls back.
    fn complete(&mut self) -> Result<SinkOutcome> {
        self.ensure_open()?;
        drop(self.sender.take());
        self.join().inspect_err(|_| self.roll_back(State::Failed))
    }

    /// The encoder's transaction as this write's pending write; on failure, rolls back.
    fn pending(&mut self, transaction: Transaction) -> Result<PendingWrite> {
        self.piece(transaction).inspect_err(|_| self.roll_back(State::Failed))
    }

    fn piece(&self, transaction: Transaction) -> Result<PendingWrite> {
        PendingWrite::new(normalize_uri(&self.uri), self.options.mode, self.rows, transaction)
    }

    /// Discards the write: nothing is committed and the files it wrote are removed.
    /// Does nothing on a writer that is already finished, aborted or failed.
    pub fn abort(&mut self) {
        if self.state != State::Open {
            return;
        }
        self.shared.abort();
        drop(self.sender.take());
        // The encoder turns the abort into an error, and lance removes the files
        // of the failed stream. Should it have finished first, its transaction's
        // files are this write's own: discard them.
        if let Ok(SinkOutcome::Lance(transaction)) = self.join() {
            if let Ok(piece) = self.piece(transaction) {
                let _ = discard(&piece, &self.options.storage_options);
            }
        }
        self.roll_back(State::Aborted);
    }

    fn ensure_open(&self) -> Result<()> {
        match self.state {
            State::Open => Ok(()),
            State::Finished => Err(Error::new(ErrorKind::InvalidState, "the writer is already finished")),
            State::Aborted => Err(Error::new(ErrorKind::InvalidState, "the writer was aborted")),
            State::Failed => Err(Error::new(
                ErrorKind::InvalidState,
                "the writer failed earlier and wrote nothing; open a new one",
            )),
        }
    }

    fn fail_from_consumer(&mut self) -> Error {
        drop(self.sender.take());
        let err = match self.join() {
            Err(e) => e,
            Ok(_) => Error::internal("the encoder stopped before the end of the data"),
        };
        self.roll_back(State::Failed);
        err
    }

    fn join(&mut self) -> Result<SinkOutcome> {
        let task = self.task.take().ok_or_else(|| Error::internal("the encoder is gone"))?;
        match runtime()?.block_on(task) {
            Ok(result) => result,
            Err(join_error) => Err(Error::internal(format!("the encoder panicked: {join_error}"))),
        }
    }

    /// The encoder has stopped and lance has removed the data files of the
    /// failed stream; what is left are directories this write created.
    fn roll_back(&mut self, state: State) {
        self.state = state;
        remove_empty_directories(&self.created_dirs);
    }
}

impl Drop for StreamWriter {
    fn drop(&mut self) {
        self.abort();
    }
}

/// Create refuses an existing dataset; append needs one with the same columns.
fn check_lance_destination(uri: &str, schema: &Schema, options: &WriterOptions) -> Result<()> {
    let existing = runtime()?.block_on(open_dataset(uri, &options.storage_options))?;
    match (options.mode, existing) {
        (Mode::Create, Some(_)) => Err(dataset_exists(uri)),
        (Mode::Append, None) => Err(Error::new(
            ErrorKind::NotFound,
            format!("there is no Lance dataset at '{uri}' to append to"),
        )),
        (Mode::Append, Some(dataset)) => {
            let existing = Schema::from(dataset.schema());
            check_schema(&existing, schema).map_err(|e| e.context("the schema differs from the dataset's"))
        }
        _ => Ok(()),
    }
}
