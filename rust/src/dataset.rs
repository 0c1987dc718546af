//! Reading a Lance dataset: one version of it, opened once, then scanned with a
//! projection, a filter, limit and offset, counted, or taken from by row index.
//! Every call blocks on the shared runtime, as the rest of the core does.

use std::sync::Arc;

use arrow_array::{RecordBatch, RecordBatchReader};
use arrow_schema::{ArrowError, Schema, SchemaRef};
use futures::StreamExt;
use lance::dataset::scanner::DatasetRecordBatchStream;
use lance::dataset::ProjectionRequest;
use lance::io::RecordBatchStream;

use crate::error::{Error, ErrorKind, Result};
use crate::runtime::runtime;
use crate::search::{add_search, FullTextQuery, NearestQuery};
use crate::storage::{open_existing_dataset, StorageOptions};

/// One version of a Lance dataset. Cheap to clone; every method reads that
/// version, whatever was committed since.
#[derive(Clone)]
pub struct Dataset {
    inner: Arc<lance::Dataset>,
    uri: String,
}

/// A version of a dataset and when it was committed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Version {
    pub version: u64,
    /// Milliseconds since the Unix epoch (UTC).
    pub timestamp_ms: i64,
}

/// What a scan reads. The default reads every row of every column.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScanOptions {
    /// The columns to read, in this order; empty: all, in the dataset's order.
    pub columns: Vec<String>,
    /// A SQL predicate (`l_quantity > 45 AND l_shipmode = 'AIR'`); rows for which
    /// it is not true are left out.
    pub filter: Option<String>,
    /// At most this many rows (after the filter and the offset).
    pub limit: Option<u64>,
    /// Rows skipped first (after the filter).
    pub offset: u64,
    /// Rows per batch: every batch but the last has exactly this many.
    /// None: lance's default, and batches may be shorter.
    pub batch_size: Option<u64>,
    /// Adds lance's `_rowid` column (UInt64) after the others.
    pub with_row_id: bool,
    /// A vector search: the k nearest rows, with `_distance`.
    pub nearest: Option<NearestQuery>,
    /// A full-text search: the matching rows, with `_score`.
    pub full_text: Option<FullTextQuery>,
    /// With a search: filter before searching rather than the results.
    pub prefilter: bool,
}

impl Dataset {
    /// Opens the dataset at `uri`: its latest version, or `version`.
    /// A missing dataset or version is `NotFound`.
    pub fn open(uri: &str, options: &StorageOptions, version: Option<u64>) -> Result<Dataset> {
        let latest = runtime()?.block_on(open_existing_dataset(uri, options))?;
        let dataset = Dataset { inner: Arc::new(latest), uri: uri.to_string() };
        match version {
            Some(version) => dataset.checkout(version),
            None => Ok(dataset),
        }
    }

    /// The same dataset at another version (older or newer than this one).
    pub fn checkout(&self, version: u64) -> Result<Dataset> {
        // The dataset is there (it is open): whatever lance says is not found is the version.
        let checked_out = runtime()?.block_on(self.inner.checkout_version(version)).map_err(|e| match e {
            lance::Error::VersionNotFound { .. }
            | lance::Error::DatasetNotFound { .. }
            | lance::Error::NotFound { .. } => Error::new(
                ErrorKind::NotFound,
                format!("'{}' has no version {version} (latest: {})", self.uri, self.latest_version_hint()),
            ),
            other => Error::from(other).context(format!("cannot check out version {version} of '{}'", self.uri)),
        })?;
        Ok(Dataset { inner: Arc::new(checked_out), uri: self.uri.clone() })
    }

    /// For error messages only: the latest version, or "?" if that fails too.
    fn latest_version_hint(&self) -> String {
        runtime()
            .ok()
            .and_then(|rt| rt.block_on(self.inner.latest_version_id()).ok())
            .map_or_else(|| "?".to_string(), |v| v.to_string())
    }

    /// Another version of the same dataset (what a change committed).
    pub(crate) fn with_lance(&self, inner: Arc<lance::Dataset>) -> Dataset {
        Dataset { inner, uri: self.uri.clone() }
    }

    pub(crate) fn lance(&self) -> &Arc<lance::Dataset> {
        &self.inner
    }

    pub(crate) fn uri(&self) -> &str {
        &self.uri
    }

    /// The version this handle reads.
    pub fn version(&self) -> u64 {
        self.inner.version().version
    }

    /// Every version of the dataset, oldest first.
    pub fn versions(&self) -> Result<Vec<Version>> {
        let versions = runtime()?
            .block_on(self.inner.versions())
            .map_err(|e| Error::from(e).context(format!("cannot list the versions of '{}'", self.uri)))?;
        Ok(versions
            .iter()
            .map(|v| Version { version: v.version, timestamp_ms: v.timestamp.timestamp_millis() })
            .collect())
    }

    /// The columns of this version, as Arrow fields.
    pub fn schema(&self) -> SchemaRef {
        Arc::new(Schema::from(self.inner.schema()))
    }

    /// Rows of this version, or those for which `filter` (SQL) is true.
    pub fn count_rows(&self, filter: Option<&str>) -> Result<u64> {
        let count = runtime()?
            .block_on(self.inner.count_rows(filter.map(str::to_string)))
            .map_err(|e| request_error(e).context(format!("cannot count the rows of '{}'", self.uri)))?;
        Ok(count as u64)
    }

    /// The rows `options` selects, batch by batch, in the dataset's order.
    /// A bad filter, an unknown column or a batch size of 0 is `InvalidArgument`,
    /// reported here rather than by the first batch.
    pub fn scan(&self, options: &ScanOptions) -> Result<Box<dyn RecordBatchReader + Send>> {
        let mut scanner = self.inner.scan();
        if !options.columns.is_empty() {
            scanner.project(&options.columns).map_err(|e| self.bad_request(e))?;
        }
        if let Some(filter) = &options.filter {
            scanner.filter(filter).map_err(|e| self.bad_request(e))?;
        }
        if options.limit.is_some() || options.offset > 0 {
            let limit = options.limit.map(|limit| as_i64(limit, "limit")).transpose()?;
            let offset = as_i64(options.offset, "offset")?;
            scanner.limit(limit, Some(offset)).map_err(|e| self.bad_request(e))?;
        }
        if let Some(batch_size) = options.batch_size {
            if batch_size == 0 || batch_size > u64::from(u32::MAX) {
                return Err(Error::invalid_argument(format!(
                    "the batch size is {batch_size}: it must be between 1 and {}",
                    u32::MAX
                )));
            }
            scanner.batch_size(batch_size as usize).strict_batch_size(true);
        }
        if options.with_row_id {
            scanner.with_row_id();
        }
        add_search(&mut scanner, options.nearest.as_ref(), options.full_text.as_ref(), options.prefilter)
            .map_err(|e| e.context(format!("cannot search '{}'", self.uri)))?;
        // Planning the scan parses the filter and resolves its columns: a bad one fails here.
        let stream = runtime()?.block_on(scanner.try_into_stream()).map_err(|e| self.bad_request(e))?;
        Ok(Box::new(LanceBatches::new(stream)))
    }

    /// The rows at these positions (0 = the first row of this version), in the
    /// order given, repeated as often as given, with `columns` (empty: all).
    /// A position past the last row is `InvalidArgument`.
    pub fn take(&self, rows: &[u64], columns: &[String]) -> Result<RecordBatch> {
        let rt = runtime()?;
        let row_count = rt.block_on(self.inner.count_rows(None))? as u64;
        if let Some(past_the_end) = rows.iter().find(|&&row| row >= row_count) {
            return Err(Error::invalid_argument(format!(
                "row {past_the_end} does not exist: version {} of '{}' has {row_count} rows",
                self.version(),
                self.uri
            )));
        }
        let projection = if columns.is_empty() {
            self.inner.schema().clone()
        } else {
            self.inner.schema().project(columns).map_err(|e| self.bad_request(e))?
        };
        rt.block_on(self.inner.take(rows, ProjectionRequest::from_schema(projection)))
            .map_err(|e| Error::from(e).context(format!("cannot take rows of '{}'", self.uri)))
    }

    /// An error in what the caller asked for (a column, a filter), with where.
    fn bad_request(&self, err: lance::Error) -> Error {
        request_error(err).context(format!("cannot scan '{}'", self.uri))
    }
}

/// lance reports an unknown column as `FieldNotFound` or a schema error, and a
/// malformed filter as invalid input: all the caller's doing.
pub(crate) fn request_error(err: lance::Error) -> Error {
    match err {
        lance::Error::FieldNotFound { .. } | lance::Error::Schema { .. } => {
            Error::invalid_argument(err.to_string())
        }
        other => Error::from(other),
    }
}

fn as_i64(value: u64, what: &str) -> Result<i64> {
    i64::try_from(value).map_err(|_| Error::invalid_argument(format!("the {what} {value} is too large")))
}

/// A blocking iterator over a lance scan, driven on the shared runtime.
struct LanceBatches {
    stream: DatasetRecordBatchStream,
    schema: SchemaRef,
}

impl LanceBatches {
    fn new(stream: DatasetRecordBatchStream) -> Self {
        let schema = stream.schema();
        Self { stream, schema }
    }
}

impl Iterator for LanceBatches {
    type Item = std::result::Result<RecordBatch, ArrowError>;

    fn next(&mut self) -> Option<Self::Item> {
        let rt = match runtime() {
            Ok(rt) => rt,
            Err(e) => return Some(Err(ArrowError::ExternalError(Box::new(e)))),
        };
        rt.block_on(self.stream.next())
            .map(|item| item.map_err(|e| ArrowError::ExternalError(Box::new(e))))
    }
}

impl RecordBatchReader for LanceBatches {
    fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }
}
