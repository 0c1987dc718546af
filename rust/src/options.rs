//! What a caller can choose about a write, with defaults that suit bulk loads.

use crate::error::{Error, Result};
use crate::storage::StorageOptions;

/// The file format a writer produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A Lance dataset (a directory) at the destination.
    Lance,
    /// One Parquet file at the destination, written row group by row group.
    Parquet,
}

/// What to do with data already at the destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Refuse if anything is there.
    Create,
    /// Add to an existing dataset (Lance only); its schema must match.
    Append,
    /// Replace what is there. For Lance this is a new version; old versions stay readable.
    Overwrite,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Create => "create",
            Mode::Append => "append",
            Mode::Overwrite => "overwrite",
        }
    }

    pub fn parse(name: &str) -> Result<Self> {
        match name {
            "create" => Ok(Mode::Create),
            "append" => Ok(Mode::Append),
            "overwrite" => Ok(Mode::Overwrite),
            other => Err(Error::invalid_argument(format!(
                "unknown mode '{other}' (expected create, append or overwrite)"
            ))),
        }
    }
}

/// Parquet column compression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Snappy,
    Zstd,
    Lz4,
}

impl Compression {
    pub fn parse(name: &str) -> Result<Self> {
        match name.to_ascii_lowercase().as_str() {
            "" | "snappy" => Ok(Self::Snappy),
            "none" | "uncompressed" => Ok(Self::None),
            "zstd" => Ok(Self::Zstd),
            "lz4" => Ok(Self::Lz4),
            other => Err(Error::invalid_argument(format!(
                "unknown compression '{other}' (expected none, snappy, zstd or lz4)"
            ))),
        }
    }
}

/// Every knob of a write. `Default` gives the recommended settings.
#[derive(Debug, Clone, PartialEq)]
pub struct WriterOptions {
    pub format: Format,
    pub mode: Mode,
    /// Rows per data file before a new one is started (Lance). 0 means lance's default.
    pub max_rows_per_file: u64,
    /// Soft limit of bytes per data file (Lance). 0 means lance's default (90 GB).
    pub max_bytes_per_file: u64,
    /// Lance: bytes of one column's batches held before lance encodes them as a
    /// page. Smaller pages hold less memory; a page smaller than one batch's
    /// column makes each array its own page.
    pub page_bytes_per_column: u64,
    /// Lance file format version ("2.0", "2.1", "stable", ...). Empty means lance's stable.
    pub data_storage_version: String,
    /// Batches that may wait between the producer and the encoder. `write` blocks when full.
    pub queue_depth: u32,
    /// Parquet only: rows per row group.
    pub parquet_row_group_rows: u64,
    /// Parquet only: column compression.
    pub parquet_compression: Compression,
    /// Object store settings for `s3://` (and other) URIs: endpoint, region,
    /// credentials, `allow_http`, ... Empty for local paths.
    pub storage_options: StorageOptions,
}

/// Lance's own default (1 Mi rows) makes small files at TPC-H sizes; 8 Mi rows keeps
/// fragments large without hurting memory, which depends on the queue, not the file.
pub const DEFAULT_MAX_ROWS_PER_FILE: u64 = 8 * 1024 * 1024;
/// Bytes lance buffers per column before it encodes a page. lance's default is
/// 8 MiB a column (128 MiB for lineitem's 16), held as the producer's own
/// batches in zero-copy mode; 2 MiB a column keeps lineitem SF 1 at ~560 MiB
/// peak instead of ~780, with the same speed and files 0.3 % smaller
/// (benchmarks/README.md, "Memory").
pub const DEFAULT_PAGE_BYTES_PER_COLUMN: u64 = 2 << 20;
/// Enough to overlap production and encoding without holding much data in flight:
/// 2 was as fast as 4 and holds two batches less (benchmarks/README.md, "Memory").
pub const DEFAULT_QUEUE_DEPTH: u32 = 2;
/// About 128 MiB of lineitem per row group: the size parquet writers commonly aim for.
pub const DEFAULT_PARQUET_ROW_GROUP_ROWS: u64 = 1024 * 1024;

impl Default for WriterOptions {
    fn default() -> Self {
        Self {
            format: Format::Lance,
            mode: Mode::Create,
            max_rows_per_file: DEFAULT_MAX_ROWS_PER_FILE,
            max_bytes_per_file: 0,
            page_bytes_per_column: DEFAULT_PAGE_BYTES_PER_COLUMN,
            data_storage_version: String::new(),
            queue_depth: DEFAULT_QUEUE_DEPTH,
            parquet_row_group_rows: DEFAULT_PARQUET_ROW_GROUP_ROWS,
            parquet_compression: Compression::Snappy,
            storage_options: StorageOptions::new(),
        }
    }
}

impl WriterOptions {
    /// Rejects options that cannot work, before anything touches the disk.
    pub fn validate(&self) -> Result<()> {
        if self.queue_depth == 0 {
            return Err(Error::invalid_argument("queue_depth must be at least 1"));
        }
        if self.page_bytes_per_column == 0 {
            return Err(Error::invalid_argument("page_bytes_per_column must be at least 1"));
        }
        if self.format == Format::Parquet {
            if self.mode == Mode::Append {
                return Err(Error::invalid_argument(
                    "append mode is not supported for Parquet (a Parquet file cannot be extended)",
                ));
            }
            if self.parquet_row_group_rows == 0 {
                return Err(Error::invalid_argument("parquet_row_group_rows must be at least 1"));
            }
        }
        if self.format == Format::Lance && !self.data_storage_version.is_empty() {
            self.lance_file_version()?;
        }
        Ok(())
    }

    pub(crate) fn lance_file_version(
        &self,
    ) -> Result<Option<lance_file::version::LanceFileVersion>> {
        if self.data_storage_version.is_empty() {
            return Ok(None);
        }
        self.data_storage_version
            .parse()
            .map(Some)
            .map_err(|e: lance::Error| {
                Error::invalid_argument(format!(
                    "unknown Lance data storage version '{}': {e}",
                    self.data_storage_version
                ))
            })
    }
}
