//! Pending writes across the bridge: serialised bytes in, commits and discards
//! out; and the files that killed writers left behind.

use lance_bridge_core::{Error, ErrorKind, PendingWrite};

use crate::ffi::pending::{self as ffi, PendingWriteBytes};
use crate::ffi::types::{Mode, StorageOption};
use crate::guard::guarded;
use crate::options::{mode_from_ffi, mode_to_ffi, storage_from_ffi};

pub fn commit(uri: &str, pieces: &[PendingWriteBytes<'_>], storage: &[StorageOption]) -> Result<ffi::CommitSummary, Error> {
    guarded(|| {
        let summary = lance_bridge_core::commit(uri, &parse_all(pieces)?, &storage_from_ffi(storage)?)?;
        Ok(summary_to_ffi(summary))
    })
}

pub fn commit_as(
    uri: &str,
    pieces: &[PendingWriteBytes<'_>],
    storage: &[StorageOption],
    mode: Mode,
) -> Result<ffi::CommitSummary, Error> {
    guarded(|| {
        let (pieces, storage) = (parse_all(pieces)?, storage_from_ffi(storage)?);
        Ok(summary_to_ffi(lance_bridge_core::commit_as(uri, &pieces, &storage, mode_from_ffi(mode)?)?))
    })
}

pub fn check_commit(uri: &str, pieces: &[PendingWriteBytes<'_>], storage: &[StorageOption], mode: Mode) -> Result<(), Error> {
    guarded(|| {
        let (pieces, storage) = (parse_all(pieces)?, storage_from_ffi(storage)?);
        lance_bridge_core::check_commit(uri, &pieces, &storage, mode_from_ffi(mode)?)
    })
}

/// Each piece parsed; a bad one is named by its position.
fn parse_all(pieces: &[PendingWriteBytes<'_>]) -> Result<Vec<PendingWrite>, Error> {
    pieces
        .iter()
        .enumerate()
        .map(|(i, piece)| PendingWrite::from_bytes(piece.bytes).map_err(|e| e.context(format!("piece {i}"))))
        .collect()
}

fn summary_to_ffi(summary: lance_bridge_core::CommitSummary) -> ffi::CommitSummary {
    ffi::CommitSummary {
        version: summary.version,
        rows: summary.rows,
        fragments: summary.fragments,
        data_files: summary.data_files,
        bytes: summary.bytes,
    }
}

pub fn combine(pieces: &[PendingWriteBytes<'_>]) -> Result<Vec<u8>, Error> {
    guarded(|| lance_bridge_core::combine(&parse_all(pieces)?)?.to_bytes())
}

pub fn discard(piece: &[u8], storage: &[StorageOption]) -> Result<u64, Error> {
    guarded(|| lance_bridge_core::discard(&PendingWrite::from_bytes(piece)?, &storage_from_ffi(storage)?))
}

pub fn describe_pending_write(piece: &[u8]) -> Result<ffi::PendingWriteInfo, Error> {
    guarded(|| {
        let piece = PendingWrite::from_bytes(piece)?;
        Ok(ffi::PendingWriteInfo {
            uri: piece.uri().into(),
            mode: mode_to_ffi(piece.mode()),
            rows: piece.rows(),
            fragments: piece.fragments().len() as u64,
            data_files: piece.data_files().len() as u64,
            bytes: piece.bytes(),
        })
    })
}

pub fn is_committed(piece: &[u8], storage: &[StorageOption]) -> Result<bool, Error> {
    guarded(|| {
        let piece = PendingWrite::from_bytes(piece)?;
        lance_bridge_core::is_committed(&piece, &storage_from_ffi(storage)?).ok_or_else(|| {
            Error::new(ErrorKind::Io, format!("cannot tell whether the piece is committed to '{}'", piece.uri()))
        })
    })
}

pub fn find_orphans(
    uri: &str,
    storage: &[StorageOption],
    pending: &[PendingWriteBytes<'_>],
) -> Result<Vec<ffi::OrphanFile>, Error> {
    guarded(|| {
        let (pending, storage) = (parse_all(pending)?, storage_from_ffi(storage)?);
        Ok(orphans_to_ffi(lance_bridge_core::find_orphans(uri, &storage, &pending)?))
    })
}

pub fn remove_orphans(
    uri: &str,
    min_age_seconds: u64,
    storage: &[StorageOption],
    pending: &[PendingWriteBytes<'_>],
) -> Result<Vec<ffi::OrphanFile>, Error> {
    guarded(|| {
        let (pending, storage) = (parse_all(pending)?, storage_from_ffi(storage)?);
        Ok(orphans_to_ffi(lance_bridge_core::remove_orphans(uri, min_age_seconds, &storage, &pending)?))
    })
}

fn orphans_to_ffi(orphans: Vec<lance_bridge_core::OrphanFile>) -> Vec<ffi::OrphanFile> {
    orphans
        .into_iter()
        .map(|o| ffi::OrphanFile { path: o.path, bytes: o.bytes, age_seconds: o.age_seconds })
        .collect()
}
