//! index.h: building, listing, updating and dropping the indexes of a dataset.

pub use bridge::*;

#[cxx::bridge(namespace = "lance_bridge::ffi")]
mod bridge {
    /// lance_bridge::TextOptions on the wire; max_token_length 0: no limit.
    struct TextOptions {
        base_tokenizer: String,
        language: String,
        lower_case: bool,
        stem: bool,
        remove_stop_words: bool,
        ascii_folding: bool,
        with_position: bool,
        max_token_length: u32,
    }

    /// lance_bridge::IndexOptions on the wire: 0 (and "") is lance's default;
    /// the progress callback is passed beside it.
    struct IndexOptions {
        index_type: IndexType,
        name: String,
        replace: bool,
        metric: Metric,
        partitions: u32,
        sub_vectors: u32,
        bits: u32,
        max_iterations: u32,
        hnsw_edges: u32,
        hnsw_ef_construction: u32,
        text: TextOptions,
    }

    /// lance_bridge::IndexInfo (which holds std::strings).
    struct IndexInfo {
        name: String,
        columns: Vec<String>,
        index_type: String,
        rows_indexed: u64,
        rows_unindexed: u64,
        segments: u64,
    }

    // Defined in lance_bridge/index.h (documented there).
    #[namespace = "lance_bridge"]
    #[repr(u8)]
    enum IndexType {
        BTree,
        Bitmap,
        LabelList,
        Inverted,
        IvfFlat,
        IvfPq,
        IvfHnswSq,
    }

    #[namespace = "lance_bridge"]
    unsafe extern "C++" {
        include!("lance_bridge/index.h");
        type IndexType;
        type Metric = crate::ffi::types::Metric;
    }

    unsafe extern "C++" {
        include!("lance-bridge/src/ffi/dataset.rs.h");
        /// The dataset bridge's Dataset (an opaque Rust type; see crate::dataset).
        type Dataset = crate::dataset::Dataset;
    }

    unsafe extern "C++" {
        include!("lance_bridge/detail/index_progress_sink.h");
        /// IndexOptions::progress, called for every stage event; total is
        /// u64::MAX when unknown. What it throws comes back as an Err.
        type IndexProgressSink;
        fn report(
            self: &IndexProgressSink,
            stage: &str,
            unit: &str,
            completed: u64,
            total: u64,
            finished: bool,
        ) -> Result<()>;
    }

    extern "Rust" {
        /// Builds an index on `column` as a new version (returned). `progress`
        /// is called only when `with_progress`.
        fn create_index(
            dataset: &Dataset,
            column: &str,
            options: &IndexOptions,
            progress: &IndexProgressSink,
            with_progress: bool,
        ) -> Result<u64>;

        /// The indexes of the dataset's version, sorted by name.
        fn list_indices(dataset: &Dataset) -> Result<Vec<IndexInfo>>;

        /// Covers the rows added since the named indexes (none: all) were built,
        /// as a new version (returned).
        fn optimize_indices(dataset: &Dataset, names: &[String]) -> Result<u64>;

        /// Drops the index `name` as a new version (returned).
        fn drop_index(dataset: &Dataset, name: &str) -> Result<u64>;
    }
}

use crate::index::{create_index, drop_index, list_indices, optimize_indices};
