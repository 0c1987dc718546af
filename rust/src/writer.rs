//! The streaming writer: batches go into a bounded queue as they arrive and a
//! background consumer encodes them (Lance or Parquet). Nothing accumulates.

use std::sync::Arc;
use std::time::{Duration, Instant};

use arrow_array::RecordBatch;
use arrow_schema::{Schema, SchemaRef};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::error::{Error, ErrorKind, Result};
use crate::footprint::{check_creatable, local_path, Footprint};
use crate::options::{Format, Mode, WriteOptions};
use crate::queue::{self, Shared};
use crate::runtime::runtime;
use crate::schema_check::{check_batch, check_schema};
use crate::summary::WriteSummary;
use crate::{lance_sink, parquet_sink};

/// What the background consumer reports when it is done.
enum SinkOutcome {
    Lance { version: u64 },
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
/// full. `finish` commits; `abort` (or dropping an unfinished writer) discards
/// everything this writer wrote. A failed write also rolls back.
pub struct StreamWriter {
    uri: String,
    schema: SchemaRef,
    sender: Option<mpsc::Sender<RecordBatch>>,
    task: Option<JoinHandle<Result<SinkOutcome>>>,
    shared: Arc<Shared>,
    footprint: Option<Footprint>,
    state: State,
    started: Instant,
    rows: u64,
    batches: u64,
    producer_blocked: Duration,
}

impl StreamWriter {
    /// Opens a writer. Every check that can be made before data arrives is made
    /// here: options, mode against what is on disk, schema for appends, and
    /// whether the destination can be written.
    pub fn open(uri: &str, schema: SchemaRef, options: &WriteOptions) -> Result<Self> {
        options.validate()?;
        if uri.is_empty() {
            return Err(Error::invalid_argument("the destination URI is empty"));
        }
        if schema.fields().is_empty() {
            return Err(Error::invalid_argument("the schema has no columns"));
        }
        let started = Instant::now();
        let (sender, receiver, shared) = queue::channel(options.queue_depth as usize);
        let rt = runtime()?;
        let (task, footprint) = match options.format {
            Format::Lance => {
                if let Some(path) = local_path(uri) {
                    check_creatable(&path)?;
                }
                check_lance_destination(uri, &schema, options.mode)?;
                let params = lance_sink::write_params(options)?;
                let footprint = local_path(uri).map(|p| Footprint::take(&p)).transpose()?;
                let (uri, schema) = (uri.to_string(), schema.clone());
                let task = rt.spawn(async move {
                    let version = lance_sink::run(uri, schema, params, receiver).await?;
                    Ok(SinkOutcome::Lance { version })
                });
                (task, footprint)
            }
            Format::Parquet => {
                let path = local_path(uri).ok_or_else(|| {
                    Error::invalid_argument(format!("Parquet output needs a local path, got '{uri}'"))
                })?;
                if options.mode == Mode::Create && path.exists() {
                    return Err(Error::new(
                        ErrorKind::AlreadyExists,
                        format!("'{}' already exists (use overwrite mode to replace it)", path.display()),
                    ));
                }
                let writer = parquet_sink::open(&path, schema.clone(), options)?;
                let task = rt.spawn_blocking(move || {
                    let bytes = parquet_sink::run(path, writer, receiver)?;
                    Ok(SinkOutcome::Parquet { bytes })
                });
                (task, None)
            }
        };
        Ok(Self {
            uri: uri.to_string(),
            schema,
            sender: Some(sender),
            task: Some(task),
            shared,
            footprint,
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
        self.ensure_open()?;
        drop(self.sender.take());
        match self.join() {
            Ok(outcome) => {
                self.state = State::Finished;
                let (data_files, bytes_written, version) = match outcome {
                    SinkOutcome::Lance { version } => {
                        let (files, bytes) = self.footprint.as_ref().map(|f| f.written()).unwrap_or((0, 0));
                        (files, bytes, version)
                    }
                    SinkOutcome::Parquet { bytes } => (1, bytes, 0),
                };
                Ok(WriteSummary {
                    rows: self.rows,
                    batches: self.batches,
                    bytes_written,
                    data_files,
                    version,
                    seconds: self.started.elapsed().as_secs_f64(),
                    producer_blocked_seconds: self.producer_blocked.as_secs_f64(),
                    writer_waiting_seconds: self.shared.waiting().as_secs_f64(),
                })
            }
            Err(e) => {
                self.roll_back(State::Failed);
                Err(e)
            }
        }
    }

    /// Discards the write: nothing is committed and the files it wrote are removed.
    /// Does nothing on a writer that is already finished, aborted or failed.
    pub fn abort(&mut self) {
        if self.state != State::Open {
            return;
        }
        self.shared.abort();
        drop(self.sender.take());
        let _ = self.join();
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

    fn roll_back(&mut self, state: State) {
        self.state = state;
        if let Some(footprint) = &self.footprint {
            footprint.roll_back();
        }
    }
}

impl Drop for StreamWriter {
    fn drop(&mut self) {
        self.abort();
    }
}

/// Create refuses an existing dataset; append needs one with the same columns.
fn check_lance_destination(uri: &str, schema: &Schema, mode: Mode) -> Result<()> {
    let existing = runtime()?.block_on(lance_sink::open_existing(uri))?;
    match (mode, existing) {
        (Mode::Create, Some(_)) => Err(Error::new(
            ErrorKind::AlreadyExists,
            format!("a Lance dataset already exists at '{uri}' (use append or overwrite mode)"),
        )),
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
