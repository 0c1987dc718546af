//! dataset.h: reading a Lance dataset (any version) or a Parquet file back.

pub use bridge::*;

header_struct! {
    /// lance_bridge::DatasetInfo as Rust sees it: the definition is C++'s (dataset.h).
    DatasetInfo = "lance_bridge::DatasetInfo" {
        rows: u64,
        version: u64,
        fragments: u64,
    }
}

header_struct! {
    /// lance_bridge::Version as Rust sees it: the definition is C++'s (dataset.h).
    Version = "lance_bridge::Version" {
        version: u64,
        timestamp_ms: i64,
    }
}

header_struct! {
    /// lance_bridge::ChangeSummary as Rust sees it: the definition is C++'s (dataset.h).
    ChangeSummary = "lance_bridge::ChangeSummary" {
        inserted: u64,
        updated: u64,
        deleted: u64,
        version: u64,
    }
}

header_struct! {
    /// lance_bridge::CompactionSummary as Rust sees it: the definition is C++'s (dataset.h).
    CompactionSummary = "lance_bridge::CompactionSummary" {
        fragments_removed: u64,
        fragments_added: u64,
        files_removed: u64,
        files_added: u64,
        version: u64,
    }
}

header_struct! {
    /// lance_bridge::CleanupSummary as Rust sees it: the definition is C++'s (dataset.h).
    CleanupSummary = "lance_bridge::CleanupSummary" {
        old_versions: u64,
        bytes_removed: u64,
        data_files_removed: u64,
    }
}

#[cxx::bridge(namespace = "lance_bridge::ffi")]
mod bridge {
    /// lance_bridge::ScanOptions on the wire. cxx structs hold no Option, so
    /// each optional value comes with a flag.
    struct ScanOptions {
        columns: Vec<String>,
        filter: String,
        has_limit: bool,
        limit: u64,
        offset: u64,
        has_batch_size: bool,
        batch_size: u64,
        with_row_id: bool,
        has_nearest: bool,
        nearest: NearestQuery,
        has_full_text: bool,
        full_text: FullTextQuery,
        prefilter: bool,
    }

    /// lance_bridge::NearestQuery on the wire: 0 leaves nprobes, refine_factor
    /// and ef to lance; the metric is used only when `has_metric`.
    struct NearestQuery {
        column: String,
        vector: Vec<f32>,
        k: u32,
        nprobes: u32,
        refine_factor: u32,
        has_metric: bool,
        metric: Metric,
        ef: u32,
        use_index: bool,
    }

    /// lance_bridge::FullTextQuery on the wire.
    struct FullTextQuery {
        query: String,
        columns: Vec<String>,
    }


    /// lance_bridge::MergeInsertOptions on the wire.
    struct MergeInsertOptions {
        on: Vec<String>,
        when_matched: WhenMatched,
        when_matched_if: String,
        insert_not_matched: bool,
        delete_not_matched_by_source: bool,
    }

    /// One `column = SQL expression` of an update.
    struct ColumnValue {
        column: String,
        expression: String,
    }

    /// lance_bridge::Tag (whose name is a std::string).
    struct Tag {
        name: String,
        version: u64,
    }

    /// lance_bridge::ColumnChange on the wire: "" keeps the name; the nullability
    /// is changed only when `change_nullable`.
    struct ColumnChange {
        column: String,
        new_name: String,
        change_nullable: bool,
        nullable: bool,
    }

    // Defined in lance_bridge/dataset.h (documented there).
    #[namespace = "lance_bridge"]
    #[repr(u8)]
    enum WhenMatched {
        UpdateAll,
        UpdateIf,
        DoNothing,
        Fail,
        Delete,
    }

    #[namespace = "lance_bridge"]
    unsafe extern "C++" {
        include!("lance_bridge/dataset.h");
        type WhenMatched;
        type ChangeSummary = super::ChangeSummary;
        type CompactionSummary = super::CompactionSummary;
        type CleanupSummary = super::CleanupSummary;
        type Version = super::Version;
        type DatasetInfo = super::DatasetInfo;
        type Format = crate::ffi::types::Format;
        type Metric = crate::ffi::types::Metric;
    }

    unsafe extern "C++" {
        include!("lance-bridge/src/ffi/types.rs.h");
        type StorageOption = crate::ffi::types::StorageOption;
        #[namespace = ""]
        type ArrowSchema = crate::ffi::types::ArrowSchema;
        #[namespace = ""]
        type ArrowArrayStream = crate::ffi::types::ArrowArrayStream;
    }

    // `versions` returns a Vec of them: its glue is made here.
    impl Vec<Version> {}

    extern "Rust" {
        /// Exports all rows of a Lance dataset or Parquet file as a stream into `out`.
        unsafe fn scan(uri: &str, format: Format, storage: &[StorageOption], out: *mut ArrowArrayStream) -> Result<()>;

        fn dataset_info(uri: &str, storage: &[StorageOption]) -> Result<DatasetInfo>;

        /// One version of a Lance dataset; every method reads that version.
        type Dataset;

        /// Dataset::open: the latest version at `uri` (NotFound if there is none).
        fn open_dataset(uri: &str, storage: &[StorageOption]) -> Result<Box<Dataset>>;

        /// The same dataset at `version` (NotFound if it has no such version).
        fn checkout(self: &Dataset, version: u64) -> Result<Box<Dataset>>;

        fn version(self: &Dataset) -> Result<u64>;

        /// Every version, oldest first.
        fn versions(self: &Dataset) -> Result<Vec<Version>>;

        /// Exports the dataset's schema into `out`, which the caller releases.
        unsafe fn schema(self: &Dataset, out: *mut ArrowSchema) -> Result<()>;

        /// Rows for which the SQL `filter` is true ("": all rows).
        fn count_rows(self: &Dataset, filter: &str) -> Result<u64>;

        /// Exports the rows `options` selects as a stream into `out`. A bad
        /// filter or an unknown column fails here, before any batch.
        unsafe fn scan(self: &Dataset, options: &ScanOptions, out: *mut ArrowArrayStream) -> Result<()>;

        /// Exports the rows at these positions, in this order, with `columns`
        /// (empty: all), as a stream of one batch into `out`.
        unsafe fn take(self: &Dataset, rows: &[u64], columns: &[String], out: *mut ArrowArrayStream) -> Result<()>;

        /// Upserts the rows of `source` (read to the end, then released) as a
        /// new version of the latest.
        unsafe fn merge_insert(
            self: &Dataset,
            source: *mut ArrowArrayStream,
            options: &MergeInsertOptions,
        ) -> Result<ChangeSummary>;

        /// Deletes the rows the SQL `predicate` is true for, as a new version.
        fn delete_rows(self: &Dataset, predicate: &str) -> Result<ChangeSummary>;

        /// Sets each column to its SQL expression in the rows `predicate` ("": all)
        /// is true for, as a new version.
        fn update(self: &Dataset, set: &[ColumnValue], predicate: &str) -> Result<ChangeSummary>;

        /// Rewrites small fragments into ones of about `target_rows_per_fragment`
        /// rows (0: lance's default), as a new version.
        fn compact_files(self: &Dataset, target_rows_per_fragment: u64) -> Result<CompactionSummary>;

        /// Removes the versions older than `older_than_seconds` (never the latest
        /// nor a tagged one) and the files only they use.
        fn cleanup_old_versions(
            self: &Dataset,
            older_than_seconds: u64,
            error_if_tagged_old_versions: bool,
        ) -> Result<CleanupSummary>;

        fn create_tag(self: &Dataset, tag: &str, version: u64) -> Result<()>;
        fn delete_tag(self: &Dataset, tag: &str) -> Result<()>;
        /// Every tag and its version, sorted by name.
        fn tags(self: &Dataset) -> Result<Vec<Tag>>;
        /// The version a tag names (NotFound if there is no such tag).
        fn checkout_tag(self: &Dataset, tag: &str) -> Result<Box<Dataset>>;

        /// Schema evolution, each a new version (returned): columns added from
        /// SQL expressions, dropped, or renamed / made (not) nullable.
        fn add_columns(self: &Dataset, columns: &[ColumnValue]) -> Result<u64>;
        fn drop_columns(self: &Dataset, columns: &[String]) -> Result<u64>;
        fn alter_columns(self: &Dataset, changes: &[ColumnChange]) -> Result<u64>;
    }
}

use crate::dataset::{dataset_info, open_dataset, scan, Dataset};
