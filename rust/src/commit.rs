//! Committing pending writes: any number of pieces, written by any number of
//! writers in any processes, become one new version of the dataset, their
//! fragments in the order given. And discarding a piece: its data files go.

use std::collections::HashSet;

use lance::dataset::transaction::{Operation, Transaction};
use lance::dataset::CommitBuilder;

use crate::error::{Error, ErrorKind, Result};
use crate::options::Mode;
use crate::pending::{data_file_paths, PendingWrite};
use crate::runtime::runtime;
use crate::storage::{delete_dataset_files, normalize_uri, open_dataset, store_params, StorageOptions};

/// What a commit made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitSummary {
    /// The dataset version the commit created.
    pub version: u64,
    pub rows: u64,
    pub fragments: u64,
    pub data_files: u64,
    pub bytes: u64,
}

/// Commits `pieces` to the dataset at `uri` as one version. Every piece must
/// have been written for `uri` with the same mode; create and overwrite pieces
/// must share a schema. Appends that race with other appends are rebased by
/// lance and land; a create finds the dataset already there and refuses. (A
/// create that another writer commits in the instant between that check and
/// lance's own load of the dataset becomes an overwrite: a new version, the
/// other writer's version still readable.)
pub fn commit(uri: &str, pieces: &[PendingWrite], options: &StorageOptions) -> Result<CommitSummary> {
    let mode = pieces.first().map(PendingWrite::mode).unwrap_or(Mode::Append);
    commit_as(uri, pieces, options, mode)
}

/// Like `commit`, with the mode chosen now: pieces written to replace (create
/// or overwrite mode) commit as a create (refused if the dataset exists) or as
/// an overwrite; appending pieces only as an append. For writers that do not
/// know, when they write, what is at the destination when the pieces commit.
pub fn commit_as(uri: &str, pieces: &[PendingWrite], options: &StorageOptions, mode: Mode) -> Result<CommitSummary> {
    let transaction = checked_transaction(uri, pieces, options, mode)?;
    let (uuid, read_version) = (transaction.uuid.clone(), transaction.read_version);
    let summary = CommitSummary {
        version: 0,
        rows: pieces.iter().map(PendingWrite::rows).sum(),
        fragments: pieces.iter().map(|p| p.fragments().len() as u64).sum(),
        data_files: pieces.iter().map(|p| p.data_files().len() as u64).sum(),
        bytes: pieces.iter().map(PendingWrite::bytes).sum(),
    };
    let version = runtime()?.block_on(async {
        let mut builder = CommitBuilder::new(uri)
            .with_store_params(store_params(options))
            // Bulk loads: no cleanup pass over old versions on every commit.
            .with_skip_auto_cleanup(true)
            // A failed commit throws a whole write away: under contention (many
            // writers committing to one dataset) keep rebasing far longer
            // than lance's 30 s and 20 tries.
            .with_max_retries(COMMIT_RETRIES);
        // lance reads the user's own budget from this variable; without one, ours.
        if std::env::var_os("LANCE_COMMIT_RETRY_TIMEOUT_SECS").is_none() {
            builder = builder.with_retry_timeout(COMMIT_RETRY_TIMEOUT);
        }
        let dataset = builder.execute(transaction).await;
        match dataset {
            Ok(dataset) => Ok(dataset.version().version),
            Err(e) if e.is_commit_status_unknown() => settle_unknown_commit(uri, options, &uuid, read_version, e).await,
            Err(e) => Err(Error::from(e).context(format!("cannot commit to '{uri}'"))),
        }
    })?;
    Ok(CommitSummary { version, ..summary })
}

/// How often a commit that lost a race is rebased and tried again.
const COMMIT_RETRIES: u32 = 1000;

/// How long a commit keeps trying under contention, unless the user set
/// LANCE_COMMIT_RETRY_TIMEOUT_SECS (lance's own setting).
const COMMIT_RETRY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(600);

/// lance could not tell whether the commit landed: the store lost the answer
/// to the manifest's write, and reading that version back failed as well. Ask
/// again for a while, as a reader would: the version holding this transaction
/// (by its uuid) means it landed; every version since `read_version` readable
/// and none holding it means it did not (the write can be run again). Only
/// when the store stays unreadable is the outcome CommitUnknown.
async fn settle_unknown_commit(
    uri: &str,
    options: &StorageOptions,
    uuid: &str,
    read_version: u64,
    unknown: lance::Error,
) -> Result<u64> {
    let mut last_failure = unknown.to_string();
    for delay_ms in [0u64, 500, 1000, 2000, 4000] {
        tokio::time::sleep(std::time::Duration::from_millis(delay_ms)).await;
        match find_transaction(uri, options, uuid, read_version).await {
            Ok(Some(version)) => return Ok(version),
            Ok(None) => {
                return Err(Error::new(
                    ErrorKind::Io,
                    format!(
                        "cannot commit to '{uri}': the object store failed ({unknown}); nothing was committed \
                         (no version holds this transaction), the write can be run again"
                    ),
                ))
            }
            Err(e) => last_failure = e.to_string(),
        }
    }
    Err(Error::new(
        ErrorKind::CommitUnknown,
        format!(
            "cannot tell whether the commit to '{uri}' landed: the object store lost the answer to the \
             manifest's write and the versions cannot be read back ({last_failure}). The data files are kept. \
             Look at the dataset's latest version before writing again: run again, an append may add its rows twice"
        ),
    ))
}

/// The version after `read_version` whose transaction is `uuid`, if any.
async fn find_transaction(uri: &str, options: &StorageOptions, uuid: &str, read_version: u64) -> Result<Option<u64>> {
    let Some(dataset) = open_dataset(uri, options).await? else { return Ok(None) };
    for version in (read_version + 1..=dataset.version().version).rev() {
        if dataset.read_transaction_by_version(version).await?.is_some_and(|t| t.uuid == uuid) {
            return Ok(Some(version));
        }
    }
    Ok(None)
}

/// Every check `commit_as` makes before it commits, without committing: for a
/// coordinator that commits several datasets and wants all of them checked
/// before the first commit.
pub fn check_commit(uri: &str, pieces: &[PendingWrite], options: &StorageOptions, mode: Mode) -> Result<()> {
    checked_transaction(uri, pieces, options, mode).map(|_| ())
}

/// The one transaction for the pieces, once they belong together (dataset,
/// mode, schema), the mode suits them, a create finds no dataset, and no piece
/// is committed already.
fn checked_transaction(uri: &str, pieces: &[PendingWrite], options: &StorageOptions, mode: Mode) -> Result<Transaction> {
    let transaction = merge(uri, pieces)?;
    let appends = matches!(transaction.operation, Operation::Append { .. });
    if appends != (mode == Mode::Append) {
        return Err(Error::invalid_argument(format!(
            "pieces written in {} mode cannot be committed in {} mode",
            pieces[0].mode().name(),
            mode.name()
        )));
    }
    let Some(dataset) = runtime()?.block_on(open_dataset(uri, options))? else { return Ok(transaction) };
    if mode == Mode::Create {
        return Err(dataset_exists(uri));
    }
    // A piece is committed once: a second commit of an append would add its rows twice.
    let committed = referenced_files(&dataset);
    if let Some(i) = pieces.iter().position(|p| p.data_files().iter().any(|f| committed.contains(f))) {
        return Err(Error::new(ErrorKind::AlreadyExists, format!("piece {i} is already committed to '{uri}'")));
    }
    Ok(transaction)
}

/// What create mode says when it finds a dataset.
pub(crate) fn dataset_exists(uri: &str) -> Error {
    Error::new(ErrorKind::AlreadyExists, format!("a Lance dataset already exists at '{uri}' (use append or overwrite mode)"))
}

/// The data files the dataset's version refers to, relative to its root.
fn referenced_files(dataset: &lance::Dataset) -> HashSet<String> {
    data_file_paths(dataset.fragments()).collect()
}

/// Whether the latest version of the dataset refers to any of the piece's data
/// files: the piece is committed (after a commit error, say a timeout, it may
/// have landed all the same). `None` when that cannot be told.
pub fn is_committed(piece: &PendingWrite, options: &StorageOptions) -> Option<bool> {
    let Some(dataset) = runtime().ok()?.block_on(open_dataset(piece.uri(), options)).ok()? else { return Some(false) };
    let committed = referenced_files(&dataset);
    Some(piece.data_files().iter().any(|file| committed.contains(file)))
}

/// Removes the data files of a piece that will not be committed. Files that
/// are already gone are not an error (on S3 a missing key counts as removed).
/// A piece the dataset already refers to is refused: its files are the data.
pub fn discard(piece: &PendingWrite, options: &StorageOptions) -> Result<u64> {
    match is_committed(piece, options) {
        Some(false) => delete_dataset_files(piece.uri(), &piece.data_files(), options),
        Some(true) => Err(Error::new(
            ErrorKind::InvalidState,
            format!("the piece is committed to '{}': its files are the dataset's, not removed", piece.uri()),
        )),
        None => Err(Error::new(
            ErrorKind::Io,
            format!("cannot tell whether the piece is committed to '{}': nothing removed", piece.uri()),
        )),
    }
}

/// One piece holding every piece's fragments, in the order given: for a worker
/// that wrote its share with several writers at once and hands on one piece.
/// The pieces must belong together as they must for a commit (dataset, mode,
/// and for replacing pieces the schema); nothing on storage changes.
pub fn combine(pieces: &[PendingWrite]) -> Result<PendingWrite> {
    let first = pieces.first().ok_or_else(|| Error::invalid_argument("there are no pieces to combine"))?;
    let transaction = merge(first.uri(), pieces)?;
    let rows = pieces.iter().map(PendingWrite::rows).sum();
    PendingWrite::new(first.uri().to_string(), first.mode(), rows, transaction)
}

/// One transaction holding every piece's fragments, in order.
fn merge(uri: &str, pieces: &[PendingWrite]) -> Result<Transaction> {
    let first = pieces.first().ok_or_else(|| Error::invalid_argument("there is nothing to commit"))?;
    for (i, piece) in pieces.iter().enumerate() {
        if normalize_uri(piece.uri()) != normalize_uri(uri) {
            return Err(Error::invalid_argument(format!(
                "piece {i} was written for '{}', not '{uri}': its data files are there",
                piece.uri()
            )));
        }
        if piece.mode() != first.mode() {
            return Err(Error::invalid_argument(format!(
                "piece {i} was written in {} mode, piece 0 in {} mode",
                piece.mode().name(),
                first.mode().name()
            )));
        }
    }
    let fragments = pieces.iter().flat_map(|p| p.fragments().iter().cloned()).collect();
    let operation = match &first.transaction().operation {
        Operation::Append { .. } => Operation::Append { fragments },
        Operation::Overwrite { schema, config_upsert_values, initial_bases, .. } => {
            for (i, piece) in pieces.iter().enumerate() {
                match &piece.transaction().operation {
                    Operation::Overwrite { schema: other, .. } if other == schema => {}
                    Operation::Overwrite { .. } => {
                        return Err(Error::schema_mismatch(format!("piece {i} has another schema than piece 0")))
                    }
                    _ => return Err(Error::invalid_argument(format!("piece {i} appends, piece 0 replaces"))),
                }
            }
            Operation::Overwrite {
                fragments,
                schema: schema.clone(),
                config_upsert_values: config_upsert_values.clone(),
                initial_bases: initial_bases.clone(),
            }
        }
        other => return Err(Error::internal(format!("cannot commit a {} transaction", other.name()))),
    };
    if let Operation::Append { .. } = operation {
        if let Some(i) = pieces.iter().position(|p| !matches!(p.transaction().operation, Operation::Append { .. })) {
            return Err(Error::invalid_argument(format!("piece {i} replaces, piece 0 appends")));
        }
    }
    // An append is checked against everything committed since the oldest
    // version any piece read (a concurrent overwrite is then a conflict).
    let read_version = pieces.iter().map(|p| p.transaction().read_version).min().unwrap_or(0);
    Ok(Transaction::new(read_version, operation, None))
}
