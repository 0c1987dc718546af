//! Reading a written dataset back, for tests, verification tools and C++ callers.

use std::fs::File;

use arrow_array::RecordBatchReader;
use arrow_schema::SchemaRef;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use crate::dataset::{Dataset, ScanOptions};
use crate::error::{Error, ErrorKind, Result};
use crate::options::Format;
use crate::runtime::runtime;
use crate::storage::{local_path, open_existing_dataset, StorageOptions};

/// Facts about a Lance dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct DatasetInfo {
    pub rows: u64,
    pub version: u64,
    pub fragments: u64,
    pub schema: SchemaRef,
}

pub fn lance_dataset_info(uri: &str, options: &StorageOptions) -> Result<DatasetInfo> {
    let rt = runtime()?;
    rt.block_on(async {
        let dataset = open_existing_dataset(uri, options).await?;
        let rows = dataset.count_rows(None).await? as u64;
        Ok(DatasetInfo {
            rows,
            version: dataset.version().version,
            fragments: dataset.get_fragments().len() as u64,
            schema: std::sync::Arc::new(arrow_schema::Schema::from(dataset.schema())),
        })
    })
}

/// All rows of a Lance dataset or Parquet file, in order, batch by batch.
pub fn scan(uri: &str, format: Format, options: &StorageOptions) -> Result<Box<dyn RecordBatchReader + Send>> {
    match format {
        Format::Lance => Dataset::open(uri, options, None)?.scan(&ScanOptions::default()),
        Format::Parquet => {
            let path = local_path(uri).ok_or_else(|| {
                Error::invalid_argument(format!("Parquet input needs a local path, got '{uri}'"))
            })?;
            let file = File::open(&path).map_err(|e| {
                let kind = if e.kind() == std::io::ErrorKind::NotFound { ErrorKind::NotFound } else { ErrorKind::Io };
                Error::new(kind, format!("cannot open '{}': {e}", path.display()))
            })?;
            Ok(Box::new(ParquetRecordBatchReaderBuilder::try_new(file)?.build()?))
        }
    }
}
