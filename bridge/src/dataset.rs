//! A Lance dataset opened for reading, for C++: one version of it, scanned with
//! options, counted, taken from, its schema and versions, all as Arrow C Data
//! Interface structs.

use std::time::Duration;

use arrow::array::RecordBatchIterator;
use arrow::ffi::FFI_ArrowSchema;
use arrow::ffi_stream::FFI_ArrowArrayStream;
use lance_bridge_core::{
    ChangeSummary, ColumnChange, Dataset as CoreDataset, Error, FullTextQuery, MergeInsertOptions, NearestQuery,
    ScanOptions, WhenMatched,
};

use crate::c_stream::{CheckedReader, StreamBatches};
use crate::ffi::dataset as ffi;
use crate::ffi::types::{ArrowArrayStream, ArrowSchema, Format, StorageOption};
use crate::guard::guarded;
use crate::options::{format_from_ffi, metric_from_ffi, storage_from_ffi};
use crate::reader::PanicFreeReader;

/// One version of a dataset (the core's `Dataset`), behind a Box for cxx.
pub struct Dataset(CoreDataset);

// SAFETY: `Dataset` is the opaque Rust type the dataset bridge declares as
// lance_bridge::ffi::Dataset; other bridges (index) name it by this alias and
// only ever take it by reference, as C++ holds it (in a rust::Box).
unsafe impl cxx::ExternType for Dataset {
    type Id = cxx::type_id!("lance_bridge::ffi::Dataset");
    type Kind = cxx::kind::Opaque;
}

/// C++ shares one handle between threads (dataset.h says so): every method
/// takes `&self`, so the handle must be `Sync`, and `Send` to be dropped anywhere.
const _: () = {
    const fn shareable<T: Send + Sync>() {}
    shareable::<Dataset>()
};

/// Opens the latest version of the dataset at `uri`.
pub fn open_dataset(uri: &str, storage: &[StorageOption]) -> Result<Box<Dataset>, Error> {
    guarded(|| Ok(Box::new(Dataset(CoreDataset::open(uri, &storage_from_ffi(storage)?, None)?))))
}

impl Dataset {
    /// The core's dataset, for the other bridges' functions.
    pub fn core(&self) -> &CoreDataset {
        &self.0
    }

    pub fn checkout(&self, version: u64) -> Result<Box<Dataset>, Error> {
        guarded(|| Ok(Box::new(Dataset(self.0.checkout(version)?))))
    }

    pub fn version(&self) -> Result<u64, Error> {
        guarded(|| Ok(self.0.version()))
    }

    pub fn versions(&self) -> Result<Vec<ffi::Version>, Error> {
        guarded(|| {
            Ok(self
                .0
                .versions()?
                .into_iter()
                .map(|v| ffi::Version { version: v.version, timestamp_ms: v.timestamp_ms })
                .collect())
        })
    }

    /// # Safety
    /// `out` must point to writable memory for one ArrowSchema.
    pub unsafe fn schema(&self, out: *mut ArrowSchema) -> Result<(), Error> {
        guarded(|| {
            check_out(out, "schema")?;
            let schema = FFI_ArrowSchema::try_from(self.0.schema().as_ref())?;
            // SAFETY: `out` is writable (this function's contract) and not null.
            unsafe { export_into(out as *mut FFI_ArrowSchema, schema) };
            Ok(())
        })
    }

    /// `filter` "" counts every row.
    pub fn count_rows(&self, filter: &str) -> Result<u64, Error> {
        guarded(|| self.0.count_rows((!filter.is_empty()).then_some(filter)))
    }

    /// # Safety
    /// `out` must point to writable memory for one ArrowArrayStream.
    pub unsafe fn scan(&self, options: &ffi::ScanOptions, out: *mut ArrowArrayStream) -> Result<(), Error> {
        guarded(|| {
            check_out(out, "stream")?;
            let reader = self.0.scan(&scan_options_from_ffi(options)?)?;
            let stream = FFI_ArrowArrayStream::new(Box::new(PanicFreeReader::new(reader)));
            // SAFETY: `out` is writable (this function's contract) and not null.
            unsafe { export_into(out as *mut FFI_ArrowArrayStream, stream) };
            Ok(())
        })
    }

    /// The rows at `rows` as a stream of one batch.
    ///
    /// # Safety
    /// `out` must point to writable memory for one ArrowArrayStream.
    pub unsafe fn take(&self, rows: &[u64], columns: &[String], out: *mut ArrowArrayStream) -> Result<(), Error> {
        guarded(|| {
            check_out(out, "stream")?;
            let batch = self.0.take(rows, columns)?;
            let schema = batch.schema();
            // Already in memory: nothing left that could panic while the consumer reads.
            let stream = FFI_ArrowArrayStream::new(Box::new(RecordBatchIterator::new([Ok(batch)], schema)));
            // SAFETY: `out` is writable (this function's contract) and not null.
            unsafe { export_into(out as *mut FFI_ArrowArrayStream, stream) };
            Ok(())
        })
    }
}

impl Dataset {
    /// # Safety
    /// `source` must be null or point to a readable ArrowArrayStream, which
    /// this takes over (and releases) whatever happens.
    pub unsafe fn merge_insert(
        &self,
        source: *mut ArrowArrayStream,
        options: &ffi::MergeInsertOptions,
    ) -> Result<ffi::ChangeSummary, Error> {
        guarded(|| {
            // SAFETY: per this function's contract.
            let batches = unsafe { StreamBatches::take(source as *mut FFI_ArrowArrayStream)? };
            let options = merge_options_from_ffi(options)?;
            let reader = CheckedReader::new(batches)?;
            let failure = reader.failure();
            match self.0.merge_insert(Box::new(reader), &options) {
                Ok((_, summary)) => Ok(change_to_ffi(summary)),
                // A batch the import refused: that error, with its kind, not lance's wrapping.
                Err(e) => Err(failure.lock().ok().and_then(|mut f| f.take()).unwrap_or(e)),
            }
        })
    }

    pub fn delete_rows(&self, predicate: &str) -> Result<ffi::ChangeSummary, Error> {
        guarded(|| Ok(change_to_ffi(self.0.delete(predicate)?.1)))
    }

    pub fn update(&self, set: &[ffi::ColumnValue], predicate: &str) -> Result<ffi::ChangeSummary, Error> {
        guarded(|| {
            let set: Vec<(String, String)> = set.iter().map(|v| (v.column.clone(), v.expression.clone())).collect();
            let predicate = (!predicate.is_empty()).then_some(predicate);
            Ok(change_to_ffi(self.0.update(predicate, &set)?.1))
        })
    }
}

impl Dataset {
    pub fn compact_files(&self, target_rows_per_fragment: u64) -> Result<ffi::CompactionSummary, Error> {
        guarded(|| {
            let target = (target_rows_per_fragment != 0).then_some(target_rows_per_fragment);
            let (_, s) = self.0.compact_files(target)?;
            Ok(ffi::CompactionSummary {
                fragments_removed: s.fragments_removed,
                fragments_added: s.fragments_added,
                files_removed: s.files_removed,
                files_added: s.files_added,
                version: s.version,
            })
        })
    }

    pub fn cleanup_old_versions(
        &self,
        older_than_seconds: u64,
        error_if_tagged_old_versions: bool,
    ) -> Result<ffi::CleanupSummary, Error> {
        guarded(|| {
            let older_than = Duration::from_secs(older_than_seconds);
            let s = self.0.cleanup_old_versions(older_than, error_if_tagged_old_versions)?;
            Ok(ffi::CleanupSummary {
                old_versions: s.old_versions,
                bytes_removed: s.bytes_removed,
                data_files_removed: s.data_files_removed,
            })
        })
    }

    pub fn create_tag(&self, tag: &str, version: u64) -> Result<(), Error> {
        guarded(|| self.0.create_tag(tag, version))
    }

    pub fn delete_tag(&self, tag: &str) -> Result<(), Error> {
        guarded(|| self.0.delete_tag(tag))
    }

    pub fn tags(&self) -> Result<Vec<ffi::Tag>, Error> {
        guarded(|| Ok(self.0.tags()?.into_iter().map(|(name, version)| ffi::Tag { name, version }).collect()))
    }

    pub fn checkout_tag(&self, tag: &str) -> Result<Box<Dataset>, Error> {
        guarded(|| Ok(Box::new(Dataset(self.0.checkout_tag(tag)?))))
    }

    pub fn add_columns(&self, columns: &[ffi::ColumnValue]) -> Result<u64, Error> {
        guarded(|| {
            let columns: Vec<(String, String)> = columns.iter().map(|c| (c.column.clone(), c.expression.clone())).collect();
            Ok(self.0.add_columns(&columns)?.version())
        })
    }

    pub fn drop_columns(&self, columns: &[String]) -> Result<u64, Error> {
        guarded(|| Ok(self.0.drop_columns(columns)?.version()))
    }

    pub fn alter_columns(&self, changes: &[ffi::ColumnChange]) -> Result<u64, Error> {
        guarded(|| {
            let changes: Vec<ColumnChange> = changes
                .iter()
                .map(|c| ColumnChange {
                    column: c.column.clone(),
                    new_name: (!c.new_name.is_empty()).then(|| c.new_name.clone()),
                    nullable: c.change_nullable.then_some(c.nullable),
                })
                .collect();
            Ok(self.0.alter_columns(&changes)?.version())
        })
    }
}

fn merge_options_from_ffi(options: &ffi::MergeInsertOptions) -> Result<MergeInsertOptions, Error> {
    let when_matched = match options.when_matched {
        ffi::WhenMatched::UpdateAll => WhenMatched::UpdateAll,
        ffi::WhenMatched::UpdateIf if options.when_matched_if.is_empty() => {
            return Err(Error::invalid_argument("WhenMatched::UpdateIf needs its condition (when_matched_if)"))
        }
        ffi::WhenMatched::UpdateIf => WhenMatched::UpdateIf(options.when_matched_if.clone()),
        ffi::WhenMatched::DoNothing => WhenMatched::DoNothing,
        ffi::WhenMatched::Fail => WhenMatched::Fail,
        ffi::WhenMatched::Delete => WhenMatched::Delete,
        other => return Err(Error::invalid_argument(format!("unknown when_matched value {}", other.repr))),
    };
    Ok(MergeInsertOptions {
        on: options.on.clone(),
        when_matched,
        insert_not_matched: options.insert_not_matched,
        delete_not_matched_by_source: options.delete_not_matched_by_source,
    })
}

fn change_to_ffi(summary: ChangeSummary) -> ffi::ChangeSummary {
    ffi::ChangeSummary {
        inserted: summary.inserted,
        updated: summary.updated,
        deleted: summary.deleted,
        version: summary.version,
    }
}

/// The bridge's flags and "" become the core's options (see `ffi::ScanOptions`).
fn scan_options_from_ffi(options: &ffi::ScanOptions) -> Result<ScanOptions, Error> {
    Ok(ScanOptions {
        columns: options.columns.clone(),
        filter: (!options.filter.is_empty()).then(|| options.filter.clone()),
        limit: options.has_limit.then_some(options.limit),
        offset: options.offset,
        batch_size: options.has_batch_size.then_some(options.batch_size),
        with_row_id: options.with_row_id,
        nearest: options.has_nearest.then(|| nearest_from_ffi(&options.nearest)).transpose()?,
        full_text: options.has_full_text.then(|| FullTextQuery {
            query: options.full_text.query.clone(),
            columns: options.full_text.columns.clone(),
        }),
        prefilter: options.prefilter,
    })
}

fn nearest_from_ffi(query: &ffi::NearestQuery) -> Result<NearestQuery, Error> {
    let set = |value: u32| (value != 0).then_some(value);
    Ok(NearestQuery {
        column: query.column.clone(),
        vector: query.vector.clone(),
        k: query.k,
        nprobes: set(query.nprobes),
        refine_factor: set(query.refine_factor),
        metric: query.has_metric.then(|| metric_from_ffi(query.metric)).transpose()?,
        ef: set(query.ef),
        use_index: query.use_index,
    })
}

/// Exports all rows of a Lance dataset or a Parquet file as a stream.
///
/// # Safety
/// `out` must point to writable memory for one ArrowArrayStream.
pub unsafe fn scan(uri: &str, format: Format, storage: &[StorageOption], out: *mut ArrowArrayStream) -> Result<(), Error> {
    guarded(|| {
        check_out(out, "stream")?;
        let reader = lance_bridge_core::scan(uri, format_from_ffi(format)?, &storage_from_ffi(storage)?)?;
        let stream = FFI_ArrowArrayStream::new(Box::new(PanicFreeReader::new(reader)));
        // SAFETY: `out` is writable (this function's contract) and not null.
        unsafe { export_into(out as *mut FFI_ArrowArrayStream, stream) };
        Ok(())
    })
}

pub fn dataset_info(uri: &str, storage: &[StorageOption]) -> Result<ffi::DatasetInfo, Error> {
    guarded(|| {
        let info = lance_bridge_core::lance_dataset_info(uri, &storage_from_ffi(storage)?)?;
        Ok(ffi::DatasetInfo { rows: info.rows, version: info.version, fragments: info.fragments })
    })
}

/// An output pointer C++ passed must not be null.
fn check_out<T>(out: *mut T, what: &str) -> Result<(), Error> {
    if out.is_null() {
        return Err(Error::invalid_argument(format!("the output {what} pointer is null")));
    }
    Ok(())
}

/// Moves `value` into the caller's struct at `out`, which may hold garbage:
/// written without dropping what is there.
///
/// # Safety
/// `out` must be non-null and point to writable memory for one `T`.
unsafe fn export_into<T>(out: *mut T, value: T) {
    // SAFETY: per this function's contract.
    unsafe { std::ptr::write(out, value) };
}
