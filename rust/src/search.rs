//! Search within a scan: the k nearest vectors to a query (through a vector
//! index if the column has one, exactly otherwise) and full-text matches
//! (through an INVERTED index), combined with the scan's filter and projection.

use arrow_array::Float32Array;
use lance::dataset::scanner::Scanner;
use lance_index::scalar::FullTextSearchQuery;

use crate::error::{Error, Result};
use crate::index::Metric;

/// The `k` rows whose `column` vectors are nearest `vector`; the scan adds
/// their `_distance` (smallest first).
#[derive(Debug, Clone, PartialEq)]
pub struct NearestQuery {
    pub column: String,
    pub vector: Vec<f32>,
    pub k: u32,
    /// IVF partitions searched (None: lance's adaptive default).
    pub nprobes: Option<u32>,
    /// Re-rank `k * refine_factor` candidates by their exact distance.
    pub refine_factor: Option<u32>,
    /// None: the index's metric (L2 without an index).
    pub metric: Option<Metric>,
    /// HNSW: the candidate list while searching.
    pub ef: Option<u32>,
    /// false: exact search, whatever indexes there are.
    pub use_index: bool,
}

/// Rows whose text matches `query` (its terms, as the index tokenises them),
/// best first; the scan adds their `_score` (BM25).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FullTextQuery {
    pub query: String,
    /// The indexed columns to search; empty: every one with an INVERTED index.
    pub columns: Vec<String>,
}

/// Adds the scan's search, if it has one, to `scanner`. `prefilter`: the
/// filter is applied before the search (k results that all pass it) rather
/// than to its results (up to k).
pub(crate) fn add_search(
    scanner: &mut Scanner,
    nearest: Option<&NearestQuery>,
    full_text: Option<&FullTextQuery>,
    prefilter: bool,
) -> Result<()> {
    if nearest.is_some() && full_text.is_some() {
        return Err(Error::invalid_argument("a scan searches by vector or by text, not both"));
    }
    scanner.prefilter(prefilter);
    if let Some(query) = nearest {
        add_nearest(scanner, query)?;
    }
    if let Some(query) = full_text {
        if query.query.trim().is_empty() {
            return Err(Error::invalid_argument("the full-text query is empty"));
        }
        let mut search = FullTextSearchQuery::new(query.query.clone());
        if !query.columns.is_empty() {
            search = search.with_columns(&query.columns).map_err(crate::dataset::request_error)?;
        }
        scanner.full_text_search(search).map_err(crate::dataset::request_error)?;
    }
    Ok(())
}

fn add_nearest(scanner: &mut Scanner, query: &NearestQuery) -> Result<()> {
    if query.k == 0 {
        return Err(Error::invalid_argument("nearest: k must be at least 1"));
    }
    if query.vector.is_empty() {
        return Err(Error::invalid_argument("nearest: the query vector is empty"));
    }
    if query.metric == Some(Metric::Hamming) {
        return Err(Error::invalid_argument(
            "nearest: a Hamming search needs a uint8 query vector, which NearestQuery does not carry yet",
        ));
    }
    let vector = Float32Array::from(query.vector.clone());
    scanner.nearest(&query.column, &vector, query.k as usize).map_err(crate::dataset::request_error)?;
    if let Some(nprobes) = query.nprobes {
        if nprobes == 0 {
            return Err(Error::invalid_argument("nearest: nprobes must be at least 1"));
        }
        scanner.nprobes(nprobes as usize);
    }
    if let Some(factor) = query.refine_factor {
        scanner.refine(factor);
    }
    if let Some(metric) = query.metric {
        scanner.distance_metric(metric.to_lance());
    }
    if let Some(ef) = query.ef {
        scanner.ef(ef as usize);
    }
    scanner.use_index(query.use_index);
    Ok(())
}
