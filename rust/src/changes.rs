//! Changing a Lance dataset in place: upserts (merge_insert), deletes and
//! updates by SQL predicate. Each is one lance transaction, committed as a new
//! version on top of the latest (lance retries a conflicting commit itself);
//! the `Dataset` it was called on keeps reading its own version.

use arrow_array::RecordBatchReader;
use lance::dataset::{MergeInsertBuilder, UpdateBuilder, WhenMatched as LanceWhenMatched, WhenNotMatched};
use lance::dataset::WhenNotMatchedBySource;

use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::runtime::run_on_workers;

/// What an upsert does with a target row whose key a source row has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WhenMatched {
    /// Replace the row with the source's.
    UpdateAll,
    /// Replace it only where this SQL condition holds (`target.x < source.x`).
    UpdateIf(String),
    /// Keep the target's row.
    DoNothing,
    /// Refuse the whole upsert.
    Fail,
    /// Delete the target's row.
    Delete,
}

/// An upsert: source rows matched to the dataset's by the `on` columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeInsertOptions {
    pub on: Vec<String>,
    pub when_matched: WhenMatched,
    /// Insert the source rows whose key the dataset does not have.
    pub insert_not_matched: bool,
    /// Delete the dataset's rows whose key the source does not have.
    pub delete_not_matched_by_source: bool,
}

/// What a change did, and the version it committed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ChangeSummary {
    pub inserted: u64,
    pub updated: u64,
    pub deleted: u64,
    pub version: u64,
}

impl Dataset {
    /// Upserts the rows of `source` (read to the end) into the dataset.
    pub fn merge_insert(
        &self,
        source: Box<dyn RecordBatchReader + Send>,
        options: &MergeInsertOptions,
    ) -> Result<(Dataset, ChangeSummary)> {
        if options.on.is_empty() {
            return Err(Error::invalid_argument("merge_insert needs at least one key column ('on')"));
        }
        let mut builder = MergeInsertBuilder::try_new(self.lance().clone(), options.on.clone())?;
        builder
            .when_matched(match &options.when_matched {
                WhenMatched::UpdateAll => LanceWhenMatched::UpdateAll,
                WhenMatched::UpdateIf(condition) => LanceWhenMatched::UpdateIf(condition.clone()),
                WhenMatched::DoNothing => LanceWhenMatched::DoNothing,
                WhenMatched::Fail => LanceWhenMatched::Fail,
                WhenMatched::Delete => LanceWhenMatched::Delete,
            })
            .when_not_matched(if options.insert_not_matched {
                WhenNotMatched::InsertAll
            } else {
                WhenNotMatched::DoNothing
            });
        if options.delete_not_matched_by_source {
            builder.when_not_matched_by_source(WhenNotMatchedBySource::Delete);
        }
        let job = builder.try_build()?;
        let (dataset, stats) = run_on_workers(job.execute_reader(source))?
            .map_err(|e| Error::from(e).context(format!("merge_insert into '{}'", self.uri())))?;
        let summary = ChangeSummary {
            inserted: stats.num_inserted_rows,
            updated: stats.num_updated_rows,
            deleted: stats.num_deleted_rows,
            version: dataset.version().version,
        };
        Ok((self.with_lance(dataset), summary))
    }

    /// Deletes the rows for which the SQL `predicate` is true.
    pub fn delete(&self, predicate: &str) -> Result<(Dataset, ChangeSummary)> {
        if predicate.trim().is_empty() {
            return Err(Error::invalid_argument("delete needs a predicate (\"true\" deletes every row)"));
        }
        let mut target = lance::Dataset::clone(self.lance());
        let predicate = predicate.to_string();
        let result = run_on_workers(async move { target.delete(&predicate).await })?
            .map_err(|e| Error::from(e).context(format!("delete from '{}'", self.uri())))?;
        let summary = ChangeSummary {
            deleted: result.num_deleted_rows,
            version: result.new_dataset.version().version,
            ..ChangeSummary::default()
        };
        Ok((self.with_lance(result.new_dataset), summary))
    }

    /// Sets `column = SQL expression` (over the row's old values) for each
    /// pair, in the rows for which `predicate` is true (`None`: every row).
    pub fn update(&self, predicate: Option<&str>, set: &[(String, String)]) -> Result<(Dataset, ChangeSummary)> {
        if set.is_empty() {
            return Err(Error::invalid_argument("update needs at least one column to set"));
        }
        let mut builder = UpdateBuilder::new(self.lance().clone());
        if let Some(predicate) = predicate {
            builder = builder.update_where(predicate)?;
        }
        for (column, expression) in set {
            builder = builder.set(column, expression)?;
        }
        let job = builder.build()?;
        let result = run_on_workers(job.execute())?
            .map_err(|e| Error::from(e).context(format!("update of '{}'", self.uri())))?;
        let summary = ChangeSummary {
            updated: result.rows_updated,
            version: result.new_dataset.version().version,
            ..ChangeSummary::default()
        };
        Ok((self.with_lance(result.new_dataset), summary))
    }
}
