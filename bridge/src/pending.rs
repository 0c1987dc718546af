//! Pending writes across the bridge: serialised bytes in, commits and discards
//! out; and the files that killed writers left behind.

use lance_bridge_core::{commit, commit_as, discard, Error, ErrorKind, PendingWrite};

use crate::ffi;
use crate::guard::guarded;
use crate::options::{mode_from_ffi, mode_to_ffi, storage_from_ffi};

pub fn commit_pieces(
    uri: &str,
    pieces: &[u8],
    sizes: &[u64],
    storage: &[ffi::StorageOption],
) -> Result<ffi::CommitSummary, Error> {
    commit_parsed(uri, pieces, sizes, storage, None)
}

pub fn commit_pieces_as(
    uri: &str,
    pieces: &[u8],
    sizes: &[u64],
    storage: &[ffi::StorageOption],
    mode: ffi::Mode,
) -> Result<ffi::CommitSummary, Error> {
    commit_parsed(uri, pieces, sizes, storage, Some(mode))
}

pub fn check_pieces_as(
    uri: &str,
    pieces: &[u8],
    sizes: &[u64],
    storage: &[ffi::StorageOption],
    mode: ffi::Mode,
) -> Result<(), Error> {
    guarded(|| {
        let parsed = split_pieces(pieces, sizes)?;
        lance_bridge_core::check_commit(uri, &parsed, &storage_from_ffi(storage)?, mode_from_ffi(mode)?)
    })
}

/// The pieces, given one after the other with each one's size.
fn split_pieces(pieces: &[u8], sizes: &[u64]) -> Result<Vec<PendingWrite>, Error> {
    let total = sizes.iter().try_fold(0u64, |sum, &size| sum.checked_add(size));
    if total != Some(pieces.len() as u64) {
        return Err(Error::invalid_argument("the piece sizes do not add up to the bytes given"));
    }
    let mut parsed = Vec::with_capacity(sizes.len());
    let mut start = 0usize;
    for (i, &size) in sizes.iter().enumerate() {
        let end = start + size as usize;
        parsed.push(PendingWrite::from_bytes(&pieces[start..end]).map_err(|e| e.context(format!("piece {i}")))?);
        start = end;
    }
    Ok(parsed)
}

fn commit_parsed(
    uri: &str,
    pieces: &[u8],
    sizes: &[u64],
    storage: &[ffi::StorageOption],
    mode: Option<ffi::Mode>,
) -> Result<ffi::CommitSummary, Error> {
    guarded(|| {
        let parsed = split_pieces(pieces, sizes)?;
        let storage = storage_from_ffi(storage)?;
        let summary = match mode {
            None => commit(uri, &parsed, &storage)?,
            Some(mode) => commit_as(uri, &parsed, &storage, mode_from_ffi(mode)?)?,
        };
        Ok(ffi::CommitSummary {
            version: summary.version,
            rows: summary.rows,
            fragments: summary.fragments,
            data_files: summary.data_files,
            bytes: summary.bytes,
        })
    })
}

pub fn combine_pieces(pieces: &[u8], sizes: &[u64]) -> Result<Vec<u8>, Error> {
    guarded(|| lance_bridge_core::combine(&split_pieces(pieces, sizes)?)?.to_bytes())
}

pub fn discard_piece(piece: &[u8], storage: &[ffi::StorageOption]) -> Result<u64, Error> {
    guarded(|| discard(&PendingWrite::from_bytes(piece)?, &storage_from_ffi(storage)?))
}

pub fn describe_piece(piece: &[u8]) -> Result<ffi::PieceInfo, Error> {
    guarded(|| {
        let piece = PendingWrite::from_bytes(piece)?;
        Ok(ffi::PieceInfo {
            uri: piece.uri().into(),
            mode: mode_to_ffi(piece.mode()),
            rows: piece.rows(),
            fragments: piece.fragments().len() as u64,
            data_files: piece.data_files().len() as u64,
            bytes: piece.bytes(),
        })
    })
}

pub fn is_piece_committed(piece: &[u8], storage: &[ffi::StorageOption]) -> Result<bool, Error> {
    guarded(|| {
        let piece = PendingWrite::from_bytes(piece)?;
        lance_bridge_core::is_committed(&piece, &storage_from_ffi(storage)?).ok_or_else(|| {
            Error::new(ErrorKind::Io, format!("cannot tell whether the piece is committed to '{}'", piece.uri()))
        })
    })
}

pub fn find_orphans(
    uri: &str,
    storage: &[ffi::StorageOption],
    pieces: &[u8],
    sizes: &[u64],
) -> Result<Vec<ffi::OrphanFile>, Error> {
    guarded(|| {
        let pending = split_pieces(pieces, sizes)?;
        Ok(to_ffi(lance_bridge_core::find_orphans(uri, &storage_from_ffi(storage)?, &pending)?))
    })
}

pub fn remove_orphans(
    uri: &str,
    min_age_seconds: u64,
    storage: &[ffi::StorageOption],
    pieces: &[u8],
    sizes: &[u64],
) -> Result<Vec<ffi::OrphanFile>, Error> {
    guarded(|| {
        let pending = split_pieces(pieces, sizes)?;
        let storage = storage_from_ffi(storage)?;
        Ok(to_ffi(lance_bridge_core::remove_orphans(uri, min_age_seconds, &storage, &pending)?))
    })
}

fn to_ffi(orphans: Vec<lance_bridge_core::OrphanFile>) -> Vec<ffi::OrphanFile> {
    orphans
        .into_iter()
        .map(|o| ffi::OrphanFile { path: o.path, bytes: o.bytes, age_seconds: o.age_seconds })
        .collect()
}
