//! pending_write.h: pending writes committed as one version, combined or
//! discarded, and the files that killed writers left behind.

pub use bridge::*;

header_struct! {
    /// lance_bridge::CommitSummary as Rust sees it: the definition is C++'s (pending_write.h).
    CommitSummary = "lance_bridge::CommitSummary" {
        version: u64,
        rows: u64,
        fragments: u64,
        data_files: u64,
        bytes: u64,
    }
}

#[cxx::bridge(namespace = "lance_bridge::ffi")]
mod bridge {
    /// A lance_bridge::PendingWrite as it crosses: its serialised bytes, borrowed.
    struct PendingWriteBytes<'a> {
        bytes: &'a [u8],
    }

    /// What PendingWrite::from_bytes reads out of a pending write.
    struct PendingWriteInfo {
        uri: String,
        mode: Mode,
        rows: u64,
        fragments: u64,
        data_files: u64,
        bytes: u64,
    }

    /// lance_bridge::OrphanFile (whose path is a std::string).
    struct OrphanFile {
        path: String,
        bytes: u64,
        age_seconds: u64,
    }

    #[namespace = "lance_bridge"]
    unsafe extern "C++" {
        include!("lance_bridge/pending_write.h");
        type CommitSummary = super::CommitSummary;
        type Mode = crate::ffi::types::Mode;
    }

    unsafe extern "C++" {
        include!("lance-bridge/src/ffi/types.rs.h");
        type StorageOption = crate::ffi::types::StorageOption;
    }

    extern "Rust" {
        /// Commits the pieces as one new version of `uri`, in the mode they were written in.
        fn commit(uri: &str, pieces: &[PendingWriteBytes<'_>], storage: &[StorageOption]) -> Result<CommitSummary>;

        /// The same, committed in `mode` whatever mode the pieces were written in
        /// (replacing pieces: create or overwrite; appending pieces: append).
        fn commit_as(
            uri: &str,
            pieces: &[PendingWriteBytes<'_>],
            storage: &[StorageOption],
            mode: Mode,
        ) -> Result<CommitSummary>;

        /// Every check `commit_as` makes, without committing.
        fn check_commit(uri: &str, pieces: &[PendingWriteBytes<'_>], storage: &[StorageOption], mode: Mode) -> Result<()>;

        /// One pending write holding the pieces' fragments in order.
        fn combine(pieces: &[PendingWriteBytes<'_>]) -> Result<Vec<u8>>;

        /// Removes a pending write's data files; returns how many were removed.
        fn discard(piece: &[u8], storage: &[StorageOption]) -> Result<u64>;

        fn describe_pending_write(piece: &[u8]) -> Result<PendingWriteInfo>;

        /// Whether the dataset's latest version refers to the piece's files.
        fn is_committed(piece: &[u8], storage: &[StorageOption]) -> Result<bool>;

        /// Data files no version refers to (left by killed writers), but for
        /// those of the `pending` writes given.
        fn find_orphans(uri: &str, storage: &[StorageOption], pending: &[PendingWriteBytes<'_>]) -> Result<Vec<OrphanFile>>;

        /// Removes the orphans at least `min_age_seconds` old; returns them.
        fn remove_orphans(
            uri: &str,
            min_age_seconds: u64,
            storage: &[StorageOption],
            pending: &[PendingWriteBytes<'_>],
        ) -> Result<Vec<OrphanFile>>;
    }
}

use crate::pending::{
    check_commit, combine, commit, commit_as, describe_pending_write, discard, find_orphans, is_committed, remove_orphans,
};
