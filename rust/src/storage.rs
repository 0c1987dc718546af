//! Where datasets live: local paths, `file://` and `s3://` URIs, and the storage
//! options lance hands to its object store (endpoint, region, credentials, ...).
//! The usual `AWS_*` environment variables apply too; explicit options win.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lance::dataset::builder::DatasetBuilder;
use lance::io::{ObjectStore, ObjectStoreParams, ObjectStoreRegistry, StorageOptionsAccessor};

use crate::error::{Error, ErrorKind, Result};

/// Object store settings as key/value pairs, e.g. `aws_endpoint`, `aws_region`,
/// `aws_access_key_id`, `aws_secret_access_key`, `allow_http`.
pub type StorageOptions = HashMap<String, String>;

/// lance's object store parameters for these options.
pub fn store_params(options: &StorageOptions) -> ObjectStoreParams {
    ObjectStoreParams {
        storage_options_accessor: (!options.is_empty())
            .then(|| Arc::new(StorageOptionsAccessor::with_static_options(options.clone()))),
        ..ObjectStoreParams::default()
    }
}

/// The Lance dataset at `uri`, or `None` when there is none.
pub async fn open_dataset(uri: &str, options: &StorageOptions) -> Result<Option<lance::Dataset>> {
    match DatasetBuilder::from_uri(uri).with_storage_options(options.clone()).load().await {
        Ok(dataset) => Ok(Some(dataset)),
        Err(lance::Error::DatasetNotFound { .. }) | Err(lance::Error::NotFound { .. }) => Ok(None),
        Err(e) => Err(Error::from(e).context(format!("cannot open '{uri}'"))),
    }
}

/// Like `open_dataset`, but a missing dataset is a `NotFound` error.
pub async fn open_existing_dataset(uri: &str, options: &StorageOptions) -> Result<lance::Dataset> {
    open_dataset(uri, options)
        .await?
        .ok_or_else(|| Error::new(ErrorKind::NotFound, format!("there is no Lance dataset at '{uri}'")))
}

/// The object store behind `uri` and the path of `uri` inside it.
pub async fn object_store(
    uri: &str,
    options: &StorageOptions,
) -> Result<(Arc<ObjectStore>, object_store::path::Path)> {
    ObjectStore::from_uri_and_params(Arc::new(ObjectStoreRegistry::default()), uri, &store_params(options))
        .await
        .map_err(|e| Error::from(e).context(format!("cannot reach '{uri}'")))
}

/// Removes files of the dataset at `uri`, given relative to its root
/// (`data/<name>.lance`); files already gone are not an error. Returns how many
/// it removed (on S3 a missing key counts as removed).
pub fn delete_dataset_files(uri: &str, files: &[String], options: &StorageOptions) -> Result<u64> {
    crate::runtime::runtime()?.block_on(async {
        let (store, base) = object_store(uri, options).await?;
        let mut removed = 0;
        for file in files {
            let path = file.split('/').fold(base.clone(), |path, part| path.join(part));
            match store.delete(&path).await {
                Ok(()) => removed += 1,
                Err(lance::Error::NotFound { .. }) => {}
                Err(e) => return Err(Error::from(e).context(format!("cannot remove '{file}' of '{uri}'"))),
            }
        }
        Ok(removed)
    })
}

/// One spelling per place: a local path (or file:// URI) made absolute and
/// cleaned of `.` and `..`, so that `d.lance`, `./d.lance` and the absolute
/// path name the same dataset; object store URIs as they are.
pub fn normalize_uri(uri: &str) -> String {
    let Some(path) = local_path(uri) else { return uri.to_string() };
    let absolute = std::path::absolute(&path).unwrap_or(path);
    let mut clean = PathBuf::new();
    for part in absolute.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    clean.to_string_lossy().into_owned()
}

/// The local directory behind a URI, or `None` for object stores.
pub fn local_path(uri: &str) -> Option<PathBuf> {
    if let Some(rest) = uri.strip_prefix("file://") {
        return Some(PathBuf::from(rest));
    }
    if uri.contains("://") {
        return None;
    }
    Some(PathBuf::from(uri))
}

/// Fails early, without changing anything, when the directory `path` can never
/// be (something on the way to it is a file) or nothing can be written where it
/// would be created. A file at `path` itself is `AlreadyExists` when `path` is
/// the destination (a dataset), an I/O error when it is only the folder of one.
pub fn check_local_destination(path: &Path, path_is_destination: bool) -> Result<()> {
    let mut ancestor = path;
    loop {
        if ancestor.exists() {
            if !ancestor.is_dir() {
                let kind =
                    if ancestor == path && path_is_destination { ErrorKind::AlreadyExists } else { ErrorKind::Io };
                return Err(Error::new(
                    kind,
                    format!("cannot write '{}': '{}' is not a directory", path.display(), ancestor.display()),
                ));
            }
            return probe_writable(ancestor);
        }
        match ancestor.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => ancestor = parent,
            _ => return probe_writable(Path::new(".")),
        }
    }
}

/// Permission bits can lie (root, ACLs, read-only mounts): only a real file tells.
/// The probe is this process's own file, removed at once.
fn probe_writable(dir: &Path) -> Result<()> {
    let probe = dir.join(format!(".lance-bridge-probe-{}-{}", std::process::id(), unique_suffix()));
    std::fs::write(&probe, b"").map_err(|e| Error::io(&format!("cannot write into '{}'", dir.display()), e))?;
    let _ = std::fs::remove_file(probe);
    Ok(())
}

/// A name part no other writer (thread or process) uses at the same time.
pub fn unique_suffix() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("{}-{:x}{:08x}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed), nanos)
}

/// The directories on the way to `path` that do not exist yet, deepest last.
pub fn missing_directories(path: &Path) -> Vec<PathBuf> {
    let mut missing = Vec::new();
    let mut current = Some(path);
    while let Some(dir) = current.filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        missing.push(dir.to_path_buf());
        current = dir.parent();
    }
    missing.reverse();
    missing
}

/// The folders lance makes inside a dataset's directory.
const LANCE_FOLDERS: [&str; 3] = ["data", "_transactions", "_versions"];

/// The directories a Lance write into the local dataset directory `dir`
/// would create: those on the way to it and lance's folders in it, those that
/// do not exist yet, in the order they would be made.
pub fn missing_dataset_directories(dir: &Path) -> Vec<PathBuf> {
    let mut missing = missing_directories(dir);
    missing.extend(LANCE_FOLDERS.iter().map(|folder| dir.join(folder)).filter(|path| !path.exists()));
    missing
}

/// Removes directories a write created, last made first, each only if it is
/// empty: anything another writer put there keeps its directory.
pub fn remove_empty_directories(created: &[PathBuf]) {
    for dir in created.iter().rev() {
        let _ = std::fs::remove_dir(dir);
    }
}

/// Small objects by URI (pending writes, markers): a local path, file:// or
/// s3://. A write is atomic: the object (or file) appears whole or not at all.
pub fn write_file(uri: &str, bytes: &[u8], options: &StorageOptions) -> Result<()> {
    crate::runtime::runtime()?.block_on(async {
        let (store, path) = object_store(uri, options).await?;
        store.put(&path, bytes).await.map_err(|e| Error::from(e).context(format!("cannot write '{uri}'")))?;
        Ok(())
    })
}

pub fn read_file(uri: &str, options: &StorageOptions) -> Result<Vec<u8>> {
    crate::runtime::runtime()?.block_on(async {
        let (store, path) = object_store(uri, options).await?;
        let bytes = store.read_one_all(&path).await.map_err(|e| Error::from(e).context(format!("cannot read '{uri}'")))?;
        Ok(bytes.to_vec())
    })
}

/// The names of the files directly in the folder (or under the prefix) `uri`,
/// sorted; none when it does not exist.
pub fn list_files(uri: &str, options: &StorageOptions) -> Result<Vec<String>> {
    crate::runtime::runtime()?.block_on(async {
        let (store, path) = object_store(uri, options).await?;
        let mut names = match store.read_dir(path).await {
            Ok(names) => names,
            Err(lance::Error::NotFound { .. }) => Vec::new(),
            Err(e) => return Err(Error::from(e).context(format!("cannot list '{uri}'"))),
        };
        names.sort();
        Ok(names)
    })
}

/// Removes the object (or file) `uri`; one that is already gone is not an error.
pub fn remove_file(uri: &str, options: &StorageOptions) -> Result<()> {
    crate::runtime::runtime()?.block_on(async {
        let (store, path) = object_store(uri, options).await?;
        match store.delete(&path).await {
            Ok(()) | Err(lance::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(Error::from(e).context(format!("cannot remove '{uri}'"))),
        }
    })
}
