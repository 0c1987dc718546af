//! lance-bridge core: a streaming writer of Arrow record batches into Lance
//! datasets (and Parquet files), with bounded memory, as lance transactions
//! (commit at once, or prepare pieces and commit them together elsewhere), on
//! local disk or object storage, and a summary of what was written; and reading
//! datasets back (projection, filter, limit, versions, take). No FFI here: the
//! `lance-bridge` crate exposes this to C++.

mod changes;
mod checksum;
mod commit;
mod dataset;
mod encoding_metadata;
mod error;
mod index;
mod lance_sink;
mod maintenance;
mod options;
mod orphans;
mod parquet_sink;
mod pending;
mod queue;
mod reader;
mod runtime;
mod schema_check;
mod search;
mod storage;
mod summary;
mod writer;

pub use changes::{ChangeSummary, MergeInsertOptions, WhenMatched};
pub use checksum::{column_checksums, table_checksum, ColumnChecksums};
pub use commit::{check_commit, combine, commit, commit_as, discard, is_committed, CommitSummary};
pub use dataset::{Dataset, ScanOptions, Version};
pub use error::{Error, ErrorKind, Result};
pub use index::{IndexInfo, IndexKind, IndexOptions, IndexProgress, IndexStage, Metric, TextOptions};
/// lance's parameters for a set of options (what the writer passes to lance).
pub use lance_sink::write_params as lance_write_params;
pub use maintenance::{CleanupSummary, ColumnChange, CompactionSummary};
pub use options::{
    Compression, Format, Mode, WriterOptions, DEFAULT_MAX_ROWS_PER_FILE, DEFAULT_PAGE_BYTES_PER_COLUMN,
    DEFAULT_PARQUET_ROW_GROUP_ROWS, DEFAULT_QUEUE_DEPTH,
};
pub use orphans::{find_orphans, remove_orphans, OrphanFile};
pub use pending::PendingWrite;
pub use reader::{lance_dataset_info, scan, DatasetInfo};
pub use runtime::runtime;
pub use schema_check::check_schema;
pub use search::{FullTextQuery, NearestQuery};
pub use storage::{list_files, read_file, remove_empty_directories, remove_file, write_file, StorageOptions};
pub use summary::WriteSummary;
pub use writer::{check_destination, check_write_schema, directories_to_create, StreamWriter};
