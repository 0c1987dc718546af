//! Secondary indexes on a Lance dataset: scalar (BTREE, BITMAP, LABEL_LIST),
//! full-text (INVERTED) and vector (IVF_FLAT, IVF_PQ, IVF_HNSW_SQ) indexes,
//! created, listed, brought up to date with new rows, and dropped. Each change
//! is one lance transaction, a new version on top of the latest.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use lance::index::vector::VectorIndexParams;
use lance::index::{DatasetIndexExt, IndexBuildProgress};
use lance_index::optimize::OptimizeOptions;
use lance_index::scalar::{BuiltinIndexType, InvertedIndexParams, ScalarIndexParams};
use lance_index::vector::hnsw::builder::HnswBuildParams;
use lance_index::vector::ivf::IvfBuildParams;
use lance_index::vector::pq::PQBuildParams;
use lance_index::vector::sq::builder::SQBuildParams;
use lance_index::{IndexParams, IndexType};
use lance_linalg::distance::DistanceType;

use crate::dataset::Dataset;
use crate::error::{Error, ErrorKind, Result};
use crate::runtime::{run_on_workers, runtime};

/// The kinds of index lance-bridge builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexKind {
    /// Ordered values: ranges and equality on any scalar column.
    BTree,
    /// A bitmap per distinct value: equality on a column with few values.
    Bitmap,
    /// `array_has_any` / `array_has_all` on a list column.
    LabelList,
    /// Full-text search on a string column.
    Inverted,
    /// Vector search: IVF partitions of the raw vectors.
    IvfFlat,
    /// Vector search: IVF partitions of product-quantised vectors.
    IvfPq,
    /// Vector search: an HNSW graph per IVF partition of scalar-quantised vectors.
    IvfHnswSq,
}

/// How vector distances are measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Metric {
    #[default]
    L2,
    Cosine,
    Dot,
    Hamming,
}

impl Metric {
    pub(crate) fn to_lance(self) -> DistanceType {
        match self {
            Metric::L2 => DistanceType::L2,
            Metric::Cosine => DistanceType::Cosine,
            Metric::Dot => DistanceType::Dot,
            Metric::Hamming => DistanceType::Hamming,
        }
    }
}

/// How a full-text index splits text into terms (lance's defaults otherwise).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextOptions {
    /// "simple" (words, punctuation dropped), "whitespace", "raw" (no splitting).
    pub base_tokenizer: String,
    /// The language of stemming and stop words ("English").
    pub language: String,
    pub lower_case: bool,
    pub stem: bool,
    pub remove_stop_words: bool,
    pub ascii_folding: bool,
    /// Keeps term positions, which phrase queries need.
    pub with_position: bool,
    /// Longer terms are left out of the index (None: no limit).
    pub max_token_length: Option<u32>,
}

impl Default for TextOptions {
    /// pylance's defaults (`create_scalar_index(..., "INVERTED")`).
    fn default() -> Self {
        Self {
            base_tokenizer: "simple".into(),
            language: "English".into(),
            lower_case: true,
            stem: true,
            remove_stop_words: true,
            ascii_folding: true,
            with_position: false,
            max_token_length: Some(40),
        }
    }
}

/// A stage of an index build: `completed` of `total` units (None: not known).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexStage<'a> {
    pub stage: &'a str,
    pub unit: &'a str,
    pub completed: u64,
    pub total: Option<u64>,
    pub finished: bool,
}

/// Told how an index build goes; an error it returns stops the build, and
/// create_index then fails with that error.
pub trait IndexProgress: Send + Sync {
    fn report(&self, stage: &IndexStage<'_>) -> Result<()>;
}

/// What to build, and how. Zero / None values are lance's defaults.
#[derive(Clone)]
pub struct IndexOptions {
    pub kind: IndexKind,
    /// None: lance's name, `<column>_idx`.
    pub name: Option<String>,
    /// Replace an index of the same name (otherwise that is AlreadyExists).
    pub replace: bool,
    /// Vector indexes: the distance the index is built for.
    pub metric: Metric,
    /// IVF partitions (None: lance picks from the row count).
    pub partitions: Option<u32>,
    /// IVF_PQ: sub-vectors per vector (the dimension must divide by it); required.
    pub sub_vectors: Option<u32>,
    /// IVF_PQ: bits per code (lance: 8); IVF_HNSW_SQ: bits per value (8).
    pub bits: Option<u32>,
    /// k-means iterations when training (None: lance's 50).
    pub max_iterations: Option<u32>,
    /// IVF_HNSW_SQ: edges per node (lance: 20) and the candidate list while
    /// building (lance: 150).
    pub hnsw_edges: Option<u32>,
    pub hnsw_ef_construction: Option<u32>,
    /// INVERTED: tokenising.
    pub text: TextOptions,
    pub progress: Option<Arc<dyn IndexProgress>>,
}

impl IndexOptions {
    pub fn new(kind: IndexKind) -> Self {
        Self {
            kind,
            name: None,
            replace: false,
            metric: Metric::L2,
            partitions: None,
            sub_vectors: None,
            bits: None,
            max_iterations: None,
            hnsw_edges: None,
            hnsw_ef_construction: None,
            text: TextOptions::default(),
            progress: None,
        }
    }
}

/// An index of a dataset version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexInfo {
    pub name: String,
    pub columns: Vec<String>,
    /// lance's name for its type: "BTree", "Bitmap", "LabelList", "Inverted",
    /// "IVF_FLAT", "IVF_PQ", "IVF_HNSW_SQ", ...
    pub index_type: String,
    /// Rows the index covers (deleted rows may still be counted).
    pub rows_indexed: u64,
    /// Rows added since, which searches read without the index until
    /// optimize_indices covers them.
    pub rows_unindexed: u64,
    /// Pieces the index is made of (optimize_indices may add or merge them).
    pub segments: u64,
}

impl Dataset {
    /// Builds an index on `column` over the latest version; returns the dataset
    /// at the version that added it.
    pub fn create_index(&self, column: &str, options: &IndexOptions) -> Result<Dataset> {
        let params = index_params(options)?;
        let listener = options.progress.clone().map(|sink| Arc::new(ProgressAdapter::new(sink)));
        let mut target = self.latest()?;
        if target.schema().field(column).is_none() {
            return Err(Error::invalid_argument(format!("'{}' has no column '{column}' to index", self.uri())));
        }
        // The task owns what it uses: it runs on a worker while this thread waits.
        let kind = lance_type(options.kind);
        let (replace, name, progress) = (options.replace, options.name.clone(), listener.clone());
        let owned_column = column.to_string();
        let (target, built) = run_on_workers(async move {
            let columns = [owned_column.as_str()];
            let mut builder = target.create_index_builder(&columns, kind, params.as_ref()).replace(replace);
            if let Some(name) = name {
                builder = builder.name(name);
            }
            if let Some(progress) = progress {
                builder = builder.progress(progress);
            }
            let built = builder.await;
            (target, built)
        })?;
        if let Some(stopped) = listener.and_then(|l| l.stopped()) {
            return Err(stopped);
        }
        built.map_err(|e| index_error(e, &format!("cannot index '{column}' of '{}'", self.uri())))?;
        Ok(self.with_lance(target.into()))
    }

    /// The indexes of this version, sorted by name.
    pub fn list_indices(&self) -> Result<Vec<IndexInfo>> {
        let rt = runtime()?;
        let what = || format!("cannot list the indexes of '{}'", self.uri());
        let descriptions = rt.block_on(self.lance().describe_indices(None)).map_err(|e| index_error(e, &what()))?;
        let schema = self.lance().schema();
        let mut indexes = Vec::with_capacity(descriptions.len());
        for description in descriptions {
            let columns = description
                .field_ids()
                .iter()
                .map(|&id| schema.field_path(id as i32).unwrap_or_else(|_| format!("<field {id}>")))
                .collect();
            let statistics = rt
                .block_on(self.lance().index_statistics(description.name()))
                .map_err(|e| index_error(e, &what()))?;
            indexes.push(IndexInfo {
                name: description.name().to_string(),
                columns,
                index_type: description.index_type().to_string(),
                rows_indexed: description.rows_indexed(),
                rows_unindexed: unindexed_rows(&statistics),
                segments: description.segments().len() as u64,
            });
        }
        indexes.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(indexes)
    }

    /// Brings the named indexes (none named: all) up to date with the rows
    /// added since they were built; returns the dataset at the new version.
    pub fn optimize_indices(&self, names: &[String]) -> Result<Dataset> {
        let mut target = self.latest()?;
        let mut options = OptimizeOptions::default();
        if !names.is_empty() {
            // lance skips a name it does not know, silently: refuse it instead.
            let known = runtime()?
                .block_on(target.describe_indices(None))
                .map_err(|e| index_error(e, &format!("cannot list the indexes of '{}'", self.uri())))?;
            if let Some(unknown) = names.iter().find(|name| !known.iter().any(|index| index.name() == name.as_str())) {
                return Err(Error::new(ErrorKind::NotFound, format!("'{}' has no index '{unknown}'", self.uri())));
            }
            options.index_names = Some(names.to_vec());
        }
        let (target, optimized) = run_on_workers(async move {
            let optimized = target.optimize_indices(&options).await;
            (target, optimized)
        })?;
        optimized.map_err(|e| index_error(e, &format!("cannot optimize the indexes of '{}'", self.uri())))?;
        Ok(self.with_lance(target.into()))
    }

    /// Drops the index `name` (NotFound if there is none); returns the dataset
    /// at the new version. The index files stay until cleanup_old_versions.
    pub fn drop_index(&self, name: &str) -> Result<Dataset> {
        let mut target = self.latest()?;
        runtime()?
            .block_on(target.drop_index(name))
            .map_err(|e| index_error(e, &format!("cannot drop index '{name}' of '{}'", self.uri())))?;
        Ok(self.with_lance(target.into()))
    }
}

fn lance_type(kind: IndexKind) -> IndexType {
    match kind {
        IndexKind::BTree => IndexType::BTree,
        IndexKind::Bitmap => IndexType::Bitmap,
        IndexKind::LabelList => IndexType::LabelList,
        IndexKind::Inverted => IndexType::Inverted,
        IndexKind::IvfFlat => IndexType::IvfFlat,
        IndexKind::IvfPq => IndexType::IvfPq,
        IndexKind::IvfHnswSq => IndexType::IvfHnswSq,
    }
}

/// lance's parameters for `options`; a parameter the kind does not take, or
/// one out of range, is InvalidArgument here rather than deep in the build.
fn index_params(options: &IndexOptions) -> Result<Box<dyn IndexParams>> {
    let vector = matches!(options.kind, IndexKind::IvfFlat | IndexKind::IvfPq | IndexKind::IvfHnswSq);
    let refuse = |what: &str| Err(Error::invalid_argument(format!("{what} does not apply to a {:?} index", options.kind)));
    if !vector {
        if options.partitions.is_some() {
            return refuse("partitions");
        }
        if options.metric != Metric::L2 {
            return refuse("a metric");
        }
    }
    if !vector && options.max_iterations.is_some() {
        return refuse("max_iterations");
    }
    if options.kind != IndexKind::IvfPq && options.sub_vectors.is_some() {
        return refuse("sub_vectors");
    }
    if options.kind != IndexKind::IvfHnswSq && (options.hnsw_edges.is_some() || options.hnsw_ef_construction.is_some()) {
        return refuse("HNSW parameters");
    }
    if !matches!(options.kind, IndexKind::IvfPq | IndexKind::IvfHnswSq) && options.bits.is_some() {
        return refuse("bits");
    }
    if let Some(0) = options.partitions {
        return Err(Error::invalid_argument("partitions must be at least 1"));
    }
    let mut ivf = match options.partitions {
        Some(partitions) => IvfBuildParams::new(partitions as usize),
        None => IvfBuildParams::default(),
    };
    if let Some(iterations) = options.max_iterations {
        ivf.max_iters = iterations as usize;
    }
    let metric = options.metric.to_lance();
    Ok(match options.kind {
        IndexKind::BTree => Box::new(ScalarIndexParams::for_builtin(BuiltinIndexType::BTree)),
        IndexKind::Bitmap => Box::new(ScalarIndexParams::for_builtin(BuiltinIndexType::Bitmap)),
        IndexKind::LabelList => Box::new(ScalarIndexParams::for_builtin(BuiltinIndexType::LabelList)),
        IndexKind::Inverted => Box::new(text_params(&options.text)?),
        IndexKind::IvfFlat => Box::new(VectorIndexParams::with_ivf_flat_params(metric, ivf)),
        IndexKind::IvfPq => {
            let sub_vectors = options
                .sub_vectors
                .filter(|&n| n > 0)
                .ok_or_else(|| Error::invalid_argument("an IVF_PQ index needs sub_vectors (the dimension must divide by it)"))?;
            let mut pq = PQBuildParams { num_sub_vectors: sub_vectors as usize, ..Default::default() };
            if let Some(bits) = options.bits {
                pq.num_bits = bits as usize;
            }
            if let Some(iterations) = options.max_iterations {
                pq.max_iters = iterations as usize;
            }
            Box::new(VectorIndexParams::with_ivf_pq_params(metric, ivf, pq))
        }
        IndexKind::IvfHnswSq => {
            let mut hnsw = HnswBuildParams::default();
            if let Some(edges) = options.hnsw_edges {
                hnsw = hnsw.num_edges(edges as usize);
            }
            if let Some(ef) = options.hnsw_ef_construction {
                hnsw = hnsw.ef_construction(ef as usize);
            }
            let mut sq = SQBuildParams::default();
            if let Some(bits) = options.bits {
                sq.num_bits = u16::try_from(bits).map_err(|_| Error::invalid_argument(format!("{bits} bits is too many")))?;
            }
            Box::new(VectorIndexParams::with_ivf_hnsw_sq_params(metric, ivf, hnsw, sq))
        }
    })
}

fn text_params(text: &TextOptions) -> Result<InvertedIndexParams> {
    let params = InvertedIndexParams::default()
        .base_tokenizer(text.base_tokenizer.clone())
        .language(&text.language)
        .map_err(|e| Error::invalid_argument(format!("language '{}': {e}", text.language)))?
        .lower_case(text.lower_case)
        .stem(text.stem)
        .remove_stop_words(text.remove_stop_words)
        .ascii_folding(text.ascii_folding)
        .with_position(text.with_position)
        .max_token_length(text.max_token_length.map(|n| n as usize));
    Ok(params)
}

/// lance's statistics are JSON; the unindexed row count is in it.
fn unindexed_rows(statistics: &str) -> u64 {
    serde_json::from_str::<serde_json::Value>(statistics)
        .ok()
        .and_then(|v| v.get("num_unindexed_rows").and_then(serde_json::Value::as_u64))
        .unwrap_or(0)
}

/// An index lance cannot find is NotFound; one whose name is taken
/// AlreadyExists; a column or parameter lance refuses InvalidArgument.
fn index_error(err: lance::Error, context: &str) -> Error {
    let text = err.to_string();
    let kind = match &err {
        lance::Error::IndexNotFound { .. } | lance::Error::NotFound { .. } => ErrorKind::NotFound,
        lance::Error::InvalidInput { .. } | lance::Error::Schema { .. } | lance::Error::FieldNotFound { .. } => {
            ErrorKind::InvalidArgument
        }
        lance::Error::Index { .. } if text.contains("already exists") => ErrorKind::AlreadyExists,
        _ => Error::from(err).kind(),
    };
    Error::new(kind, format!("{context}: {text}"))
}

/// lance's progress calls, passed on as IndexStages; the first error the sink
/// returns is kept, so that create_index reports it rather than lance's
/// rewording of it.
#[derive(Debug)]
struct ProgressAdapter {
    sink: SinkHandle,
    totals: Mutex<HashMap<String, (Option<u64>, String)>>,
    stopped: Mutex<Option<Error>>,
}

struct SinkHandle(Arc<dyn IndexProgress>);

impl std::fmt::Debug for SinkHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IndexProgress")
    }
}

impl ProgressAdapter {
    fn new(sink: Arc<dyn IndexProgress>) -> Self {
        Self { sink: SinkHandle(sink), totals: Mutex::default(), stopped: Mutex::default() }
    }

    fn stopped(&self) -> Option<Error> {
        self.stopped.lock().ok()?.take()
    }

    fn report(&self, stage: &str, completed: Option<u64>, finished: bool) -> lance::Result<()> {
        let (total, unit) = self
            .totals
            .lock()
            .ok()
            .and_then(|totals| totals.get(stage).cloned())
            .unwrap_or((None, String::new()));
        let completed = completed.or(if finished { total } else { None }).unwrap_or(0);
        let event = IndexStage { stage, unit: &unit, completed, total, finished };
        self.sink.0.report(&event).map_err(|err| {
            let message = err.message().to_string();
            if let Ok(mut stopped) = self.stopped.lock() {
                stopped.get_or_insert(err);
            }
            lance::Error::io(format!("index build stopped by its progress callback: {message}"))
        })
    }
}

#[async_trait]
impl IndexBuildProgress for ProgressAdapter {
    async fn stage_start(&self, stage: &str, total: Option<u64>, unit: &str) -> lance::Result<()> {
        if let Ok(mut totals) = self.totals.lock() {
            totals.insert(stage.to_string(), (total, unit.to_string()));
        }
        self.report(stage, Some(0), false)
    }

    async fn stage_progress(&self, stage: &str, completed: u64) -> lance::Result<()> {
        self.report(stage, Some(completed), false)
    }

    async fn stage_complete(&self, stage: &str) -> lance::Result<()> {
        self.report(stage, None, true)
    }
}
