//! The index bridge's functions: C++'s IndexOptions as the core's, its
//! progress callback as the core's IndexProgress, and the core's IndexInfo
//! back.

use std::sync::{Arc, Mutex};

use lance_bridge_core::{Error, ErrorKind, IndexKind, IndexOptions, IndexProgress, IndexStage, TextOptions};

use crate::dataset::Dataset;
use crate::ffi::index as ffi;
use crate::guard::guarded;
use crate::options::metric_from_ffi;

pub fn create_index(
    dataset: &Dataset,
    column: &str,
    options: &ffi::IndexOptions,
    progress: &ffi::IndexProgressSink,
    with_progress: bool,
) -> Result<u64, Error> {
    guarded(|| {
        let mut core = index_options_from_ffi(options)?;
        // lance hands the callback to tasks of its own, which may outlive this
        // call (after a panic, say): the sink is lent only until `_revoke`
        // drops, on every way out of this closure, unwinding included.
        let sink = Arc::new(CallbackSink { lent: Mutex::new(Some(progress as *const ffi::IndexProgressSink)) });
        let _revoke = Revoke(sink.clone());
        if with_progress {
            core.progress = Some(sink);
        }
        let indexed = dataset.core().create_index(column, &core)?;
        Ok(indexed.version())
    })
}

pub fn list_indices(dataset: &Dataset) -> Result<Vec<ffi::IndexInfo>, Error> {
    guarded(|| {
        Ok(dataset
            .core()
            .list_indices()?
            .into_iter()
            .map(|index| ffi::IndexInfo {
                name: index.name,
                columns: index.columns,
                index_type: index.index_type,
                rows_indexed: index.rows_indexed,
                rows_unindexed: index.rows_unindexed,
                segments: index.segments,
            })
            .collect())
    })
}

pub fn optimize_indices(dataset: &Dataset, names: &[String]) -> Result<u64, Error> {
    guarded(|| Ok(dataset.core().optimize_indices(names)?.version()))
}

pub fn drop_index(dataset: &Dataset, name: &str) -> Result<u64, Error> {
    guarded(|| Ok(dataset.core().drop_index(name)?.version()))
}

fn index_options_from_ffi(options: &ffi::IndexOptions) -> Result<IndexOptions, Error> {
    let kind = match options.index_type {
        ffi::IndexType::BTree => IndexKind::BTree,
        ffi::IndexType::Bitmap => IndexKind::Bitmap,
        ffi::IndexType::LabelList => IndexKind::LabelList,
        ffi::IndexType::Inverted => IndexKind::Inverted,
        ffi::IndexType::IvfFlat => IndexKind::IvfFlat,
        ffi::IndexType::IvfPq => IndexKind::IvfPq,
        ffi::IndexType::IvfHnswSq => IndexKind::IvfHnswSq,
        other => return Err(Error::invalid_argument(format!("unknown index type value {}", other.repr))),
    };
    let set = |value: u32| (value != 0).then_some(value);
    let mut core = IndexOptions::new(kind);
    core.name = (!options.name.is_empty()).then(|| options.name.clone());
    core.replace = options.replace;
    core.metric = metric_from_ffi(options.metric)?;
    core.partitions = set(options.partitions);
    core.sub_vectors = set(options.sub_vectors);
    core.bits = set(options.bits);
    core.max_iterations = set(options.max_iterations);
    core.hnsw_edges = set(options.hnsw_edges);
    core.hnsw_ef_construction = set(options.hnsw_ef_construction);
    let text = &options.text;
    core.text = TextOptions {
        base_tokenizer: text.base_tokenizer.clone(),
        language: text.language.clone(),
        lower_case: text.lower_case,
        stem: text.stem,
        remove_stop_words: text.remove_stop_words,
        ascii_folding: text.ascii_folding,
        with_position: text.with_position,
        max_token_length: set(text.max_token_length),
    };
    Ok(core)
}

/// C++'s progress callback, reached through the sink C++ lent for one
/// create_index call; None once that call has returned.
struct CallbackSink {
    lent: Mutex<Option<*const ffi::IndexProgressSink>>,
}

// SAFETY: the pointer is only followed while the mutex is held and the loan
// still stands (the lending call has not returned: `Revoke` clears it first,
// waiting for a call in progress); the C++ sink serialises its callback, so
// calls from lance's worker threads are sound.
unsafe impl Send for CallbackSink {}
// SAFETY: as above.
unsafe impl Sync for CallbackSink {}

/// Ends the loan of the C++ sink when create_index returns or unwinds.
struct Revoke(Arc<CallbackSink>);

impl Drop for Revoke {
    fn drop(&mut self) {
        let mut lent = self.0.lent.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *lent = None;
    }
}

impl IndexProgress for CallbackSink {
    fn report(&self, stage: &IndexStage<'_>) -> lance_bridge_core::Result<()> {
        let lent = self.lent.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let Some(sink) = *lent else {
            return Err(Error::new(ErrorKind::Aborted, "index build outlived its create_index call"));
        };
        // SAFETY: the loan stands while `lent` is held (see CallbackSink).
        let sink = unsafe { &*sink };
        sink.report(stage.stage, stage.unit, stage.completed, stage.total.unwrap_or(u64::MAX), stage.finished)
            .map_err(|e| Error::new(ErrorKind::Aborted, format!("index build stopped by its progress callback: {}", e.what())))
    }
}
