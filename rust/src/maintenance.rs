//! Looking after a Lance dataset: compaction, removal of old versions, tags,
//! and schema evolution (columns added from SQL, dropped, renamed or made
//! nullable). Each change is one lance transaction, a new version on top of
//! the latest; the `Dataset` it was called on keeps reading its own version.

use std::time::Duration;

use lance::dataset::optimize::{compact_files, CompactionOptions};
use lance::dataset::{ColumnAlteration, NewColumnTransform};

use crate::dataset::Dataset;
use crate::error::{Error, ErrorKind, Result};
use crate::runtime::{run_on_workers, runtime};

/// What a compaction did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CompactionSummary {
    pub fragments_removed: u64,
    pub fragments_added: u64,
    pub files_removed: u64,
    pub files_added: u64,
    pub version: u64,
}

/// What a cleanup of old versions removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CleanupSummary {
    pub old_versions: u64,
    pub bytes_removed: u64,
    pub data_files_removed: u64,
}

/// A column to rename or to make (not) nullable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnChange {
    pub column: String,
    pub new_name: Option<String>,
    pub nullable: Option<bool>,
}

impl Dataset {
    /// Rewrites small fragments (and those with many deleted rows) into
    /// fragments of about `target_rows_per_fragment` rows (None: lance's 1 Mi).
    pub fn compact_files(&self, target_rows_per_fragment: Option<u64>) -> Result<(Dataset, CompactionSummary)> {
        let mut options = CompactionOptions::default();
        if let Some(rows) = target_rows_per_fragment {
            if rows == 0 {
                return Err(Error::invalid_argument("target_rows_per_fragment must be at least 1"));
            }
            options.target_rows_per_fragment = usize::try_from(rows).unwrap_or(usize::MAX);
        }
        let mut target = self.latest()?;
        let (target, compacted) = run_on_workers(async move {
            let compacted = compact_files(&mut target, options, None).await;
            (target, compacted)
        })?;
        let metrics = compacted.map_err(|e| Error::from(e).context(format!("compaction of '{}'", self.uri())))?;
        let summary = CompactionSummary {
            fragments_removed: metrics.fragments_removed as u64,
            fragments_added: metrics.fragments_added as u64,
            files_removed: metrics.files_removed as u64,
            files_added: metrics.files_added as u64,
            version: target.version().version,
        };
        Ok((self.with_lance(target.into()), summary))
    }

    /// Removes the versions older than `older_than` (never the latest, never a
    /// tagged one) and the files only they refer to. With
    /// `error_if_tagged_old_versions`, a tagged version that is old enough is an
    /// error instead of being kept silently (pylance's default).
    pub fn cleanup_old_versions(&self, older_than: Duration, error_if_tagged_old_versions: bool) -> Result<CleanupSummary> {
        let older_than = chrono::TimeDelta::from_std(older_than)
            .map_err(|_| Error::invalid_argument(format!("older_than of {} s is too long", older_than.as_secs())))?;
        let target = self.latest()?;
        let stats = runtime()?
            .block_on(target.cleanup_old_versions(older_than, None, Some(error_if_tagged_old_versions)))
            .map_err(|e| Error::from(e).context(format!("cleanup of '{}'", self.uri())))?;
        Ok(CleanupSummary {
            old_versions: stats.old_versions,
            bytes_removed: stats.bytes_removed,
            data_files_removed: stats.data_files_removed,
        })
    }

    /// Names `version` `tag` (AlreadyExists if the name is taken).
    pub fn create_tag(&self, tag: &str, version: u64) -> Result<()> {
        runtime()?.block_on(self.lance().tags().create(tag, version)).map_err(|e| tag_error(e, tag, self.uri()))
    }

    pub fn delete_tag(&self, tag: &str) -> Result<()> {
        runtime()?.block_on(self.lance().tags().delete(tag)).map_err(|e| tag_error(e, tag, self.uri()))
    }

    /// Every tag and the version it names, sorted by name.
    pub fn tags(&self) -> Result<Vec<(String, u64)>> {
        let tags = runtime()?
            .block_on(self.lance().tags().list())
            .map_err(|e| Error::from(e).context(format!("cannot list the tags of '{}'", self.uri())))?;
        let mut tags: Vec<(String, u64)> = tags.into_iter().map(|(name, contents)| (name, contents.version)).collect();
        tags.sort();
        Ok(tags)
    }

    /// The version `tag` names (NotFound if there is no such tag).
    pub fn checkout_tag(&self, tag: &str) -> Result<Dataset> {
        let version = runtime()?
            .block_on(self.lance().tags().get_version(tag))
            .map_err(|e| tag_error(e, tag, self.uri()))?;
        self.checkout(version)
    }

    /// Adds a column per (name, SQL expression over the existing columns).
    pub fn add_columns(&self, columns: &[(String, String)]) -> Result<Dataset> {
        if columns.is_empty() {
            return Err(Error::invalid_argument("add_columns needs at least one column"));
        }
        let mut target = self.latest()?;
        let transform = NewColumnTransform::SqlExpressions(columns.to_vec());
        let (target, added) = run_on_workers(async move {
            let added = target.add_columns(transform, None, None).await;
            (target, added)
        })?;
        added.map_err(|e| Error::from(e).context(format!("cannot add columns to '{}'", self.uri())))?;
        Ok(self.with_lance(target.into()))
    }

    pub fn drop_columns(&self, columns: &[String]) -> Result<Dataset> {
        if columns.is_empty() {
            return Err(Error::invalid_argument("drop_columns needs at least one column"));
        }
        let mut target = self.latest()?;
        let names: Vec<&str> = columns.iter().map(String::as_str).collect();
        runtime()?
            .block_on(target.drop_columns(&names))
            .map_err(|e| Error::from(e).context(format!("cannot drop columns of '{}'", self.uri())))?;
        Ok(self.with_lance(target.into()))
    }

    /// Renames columns or changes whether they may hold nulls (making a column
    /// non-nullable is refused by lance if it holds a null).
    pub fn alter_columns(&self, changes: &[ColumnChange]) -> Result<Dataset> {
        if changes.is_empty() {
            return Err(Error::invalid_argument("alter_columns needs at least one change"));
        }
        let alterations: Vec<ColumnAlteration> = changes
            .iter()
            .map(|change| {
                let mut alteration = ColumnAlteration::new(change.column.clone());
                if let Some(name) = &change.new_name {
                    alteration = alteration.rename(name.clone());
                }
                if let Some(nullable) = change.nullable {
                    alteration = alteration.set_nullable(nullable);
                }
                alteration
            })
            .collect();
        let mut target = self.latest()?;
        runtime()?
            .block_on(target.alter_columns(&alterations))
            .map_err(|e| Error::from(e).context(format!("cannot alter columns of '{}'", self.uri())))?;
        Ok(self.with_lance(target.into()))
    }

    /// The latest version, to change: a change is made on top of it, whatever
    /// version this handle reads.
    pub(crate) fn latest(&self) -> Result<lance::Dataset> {
        let mut latest = lance::Dataset::clone(self.lance());
        runtime()?
            .block_on(latest.checkout_latest())
            .map_err(|e| Error::from(e).context(format!("cannot open the latest version of '{}'", self.uri())))?;
        Ok(latest)
    }
}

/// A missing tag is NotFound; a taken name AlreadyExists.
fn tag_error(err: lance::Error, tag: &str, uri: &str) -> Error {
    let text = err.to_string();
    let kind = match &err {
        lance::Error::RefNotFound { .. } | lance::Error::NotFound { .. } => ErrorKind::NotFound,
        lance::Error::RefConflict { .. } => ErrorKind::AlreadyExists,
        _ => Error::from(err).kind(),
    };
    Error::new(kind, format!("tag '{tag}' of '{uri}': {text}"))
}
