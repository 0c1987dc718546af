//! What a write adds to a local destination, so a failed write can take it back
//! and a finished one can report the files it made.

use std::collections::HashSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

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

/// Fails early, without touching anything, when `path` can never become a
/// directory: something on the way to it is a file.
pub fn check_creatable(path: &Path) -> Result<()> {
    let mut ancestor = path;
    loop {
        if ancestor.exists() {
            if !ancestor.is_dir() {
                let kind = if ancestor == path { crate::ErrorKind::AlreadyExists } else { crate::ErrorKind::Io };
                return Err(Error::new(
                    kind,
                    format!("cannot write '{}': '{}' is not a directory", path.display(), ancestor.display()),
                ));
            }
            return Ok(());
        }
        match ancestor.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => ancestor = parent,
            _ => return Ok(()),
        }
    }
}

/// The files of a dataset directory before a write began.
#[derive(Debug)]
pub struct Footprint {
    root: PathBuf,
    created_root: bool,
    data_files_before: HashSet<OsString>,
}

impl Footprint {
    /// Records what is at `root` and makes sure the directory can be written,
    /// creating it (and remembering that it did) when it is missing.
    pub fn take(root: &Path) -> Result<Self> {
        let created_root = !root.exists();
        if created_root {
            std::fs::create_dir_all(root)
                .map_err(|e| Error::io(&format!("cannot create '{}'", root.display()), e))?;
        } else if !root.is_dir() {
            return Err(Error::new(
                crate::ErrorKind::AlreadyExists,
                format!("'{}' exists and is not a directory", root.display()),
            ));
        }
        probe_writable(root)?;
        let data_files_before = list(&root.join("data")).into_iter().collect();
        Ok(Self { root: root.to_path_buf(), created_root, data_files_before })
    }

    /// Data files that appeared since `take`.
    pub fn new_data_files(&self) -> Vec<PathBuf> {
        let data = self.root.join("data");
        list(&data)
            .into_iter()
            .filter(|name| !self.data_files_before.contains(name))
            .map(|name| data.join(name))
            .collect()
    }

    /// Number and total size of the data files this write made.
    pub fn written(&self) -> (u64, u64) {
        let files = self.new_data_files();
        let bytes = files.iter().filter_map(|f| f.metadata().ok()).map(|m| m.len()).sum();
        (files.len() as u64, bytes)
    }

    /// Removes what the write added: the whole directory if the write created it,
    /// otherwise only the uncommitted data files. Best effort: the dataset's
    /// committed versions never depend on these files.
    pub fn roll_back(&self) {
        if self.created_root {
            let _ = std::fs::remove_dir_all(&self.root);
        } else {
            for file in self.new_data_files() {
                let _ = std::fs::remove_file(file);
            }
        }
    }
}

fn list(dir: &Path) -> Vec<OsString> {
    match std::fs::read_dir(dir) {
        Ok(entries) => entries.filter_map(|e| e.ok()).map(|e| e.file_name()).collect(),
        Err(_) => Vec::new(),
    }
}

/// Permission bits can lie (root, ACLs, read-only mounts): only a real file tells.
fn probe_writable(dir: &Path) -> Result<()> {
    let probe = dir.join(format!(".lance-bridge-probe-{}", std::process::id()));
    std::fs::write(&probe, b"")
        .map_err(|e| Error::io(&format!("cannot write into '{}'", dir.display()), e))?;
    let _ = std::fs::remove_file(probe);
    Ok(())
}
