//! Data files no version of a dataset refers to: what writers that were killed
//! (or whose pending pieces were never committed) left behind. They are never
//! visible as rows; this finds them and removes the ones old enough that no
//! writer can still be working on them.

use std::collections::HashSet;
use std::time::{SystemTime, UNIX_EPOCH};

use futures::TryStreamExt;

use crate::error::Result;
use crate::pending::{data_file_paths, PendingWrite};
use crate::runtime::runtime;
use crate::storage::{delete_dataset_files, object_store, open_existing_dataset, StorageOptions};

/// A file under `data/` that no version refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrphanFile {
    /// Relative to the dataset's root, e.g. `data/0110....lance`.
    pub path: String,
    pub bytes: u64,
    /// Seconds since it was last written.
    pub age_seconds: u64,
}

/// Every data file of the dataset at `uri` that no version (committed or
/// older) refers to, nor any of the `pending` writes: lance data files
/// (`data/<name>.lance`) and the temporary files of local writes that were
/// killed (`data/.tmp*`). A writer that is still running has such files too,
/// and so has a pending write not given here: look at their age.
pub fn find_orphans(uri: &str, options: &StorageOptions, pending: &[PendingWrite]) -> Result<Vec<OrphanFile>> {
    runtime()?.block_on(async {
        // List first, versions second: a commit landing in between then only
        // adds references, and never makes its files look orphaned.
        let (store, base) = object_store(uri, options).await?;
        let base_text = base.to_string();
        let listed: Vec<_> = store.list(Some(base.clone().join("data"))).try_collect().await?;
        let dataset = open_existing_dataset(uri, options).await?;
        let mut referenced: HashSet<String> = pending.iter().flat_map(PendingWrite::data_files).collect();
        for version in dataset.versions().await? {
            let old = dataset.checkout_version(version.version).await?;
            referenced.extend(data_file_paths(old.fragments()));
        }
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
        let mut orphans: Vec<OrphanFile> = listed
            .into_iter()
            .filter_map(|meta| {
                let full = meta.location.to_string();
                let path = full.strip_prefix(&base_text)?.trim_start_matches('/').to_string();
                let name = path.strip_prefix("data/").filter(|name| !name.contains('/'))?;
                let data_file = name.ends_with(".lance") || name.starts_with(".tmp");
                (data_file && !referenced.contains(&path)).then(|| OrphanFile {
                    path,
                    bytes: meta.size,
                    age_seconds: (now - meta.last_modified.timestamp()).max(0) as u64,
                })
            })
            .collect();
        orphans.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(orphans)
    })
}

/// Removes the orphans at least `min_age_seconds` old (the files of the
/// `pending` writes are not orphans); returns what it removed.
pub fn remove_orphans(
    uri: &str,
    min_age_seconds: u64,
    options: &StorageOptions,
    pending: &[PendingWrite],
) -> Result<Vec<OrphanFile>> {
    let old_enough: Vec<OrphanFile> =
        find_orphans(uri, options, pending)?.into_iter().filter(|o| o.age_seconds >= min_age_seconds).collect();
    let paths: Vec<String> = old_enough.iter().map(|o| o.path.clone()).collect();
    delete_dataset_files(uri, &paths, options)?;
    Ok(old_enough)
}
