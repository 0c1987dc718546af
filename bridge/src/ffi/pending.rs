//! pending_write.h: pending writes committed as one version, combined or
//! discarded, and the files that killed writers left behind.

pub use bridge::*;

/// lance_bridge::CommitSummary as Rust sees it: the definition is C++'s (pending_write.h).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CommitSummary {
    pub version: u64,
    pub rows: u64,
    pub fragments: u64,
    pub data_files: u64,
    pub bytes: u64,
}

// SAFETY: the header's struct has exactly these fields, of these types, in this
// order (cpp/src/bridge_layout.cpp asserts it), and is trivially copyable.
unsafe impl cxx::ExternType for CommitSummary {
    type Id = cxx::type_id!("lance_bridge::CommitSummary");
    type Kind = cxx::kind::Trivial;
}

#[cxx::bridge(namespace = "lance_bridge::ffi")]
mod bridge {
    /// A lance_bridge::PendingWrite as it crosses: its serialised bytes.
    struct PendingWriteBytes {
        bytes: Vec<u8>,
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

    // C++ gathers the pieces in a Vec: its glue is made here.
    impl Vec<PendingWriteBytes> {}

    extern "Rust" {
        /// Commits the pieces as one new version of `uri`, in the mode they were written in.
        fn commit(uri: &str, pieces: &[PendingWriteBytes], storage: &[StorageOption]) -> Result<CommitSummary>;

        /// The same, committed in `mode` whatever mode the pieces were written in
        /// (replacing pieces: create or overwrite; appending pieces: append).
        fn commit_as(
            uri: &str,
            pieces: &[PendingWriteBytes],
            storage: &[StorageOption],
            mode: Mode,
        ) -> Result<CommitSummary>;

        /// Every check `commit_as` makes, without committing.
        fn check_commit(uri: &str, pieces: &[PendingWriteBytes], storage: &[StorageOption], mode: Mode) -> Result<()>;

        /// One pending write holding the pieces' fragments in order.
        fn combine(pieces: &[PendingWriteBytes]) -> Result<Vec<u8>>;

        /// Removes a pending write's data files; returns how many were removed.
        fn discard(piece: &[u8], storage: &[StorageOption]) -> Result<u64>;

        fn describe_pending_write(piece: &[u8]) -> Result<PendingWriteInfo>;

        /// Whether the dataset's latest version refers to the piece's files.
        fn is_committed(piece: &[u8], storage: &[StorageOption]) -> Result<bool>;

        /// Data files no version refers to (left by killed writers), but for
        /// those of the `pending` writes given.
        fn find_orphans(uri: &str, storage: &[StorageOption], pending: &[PendingWriteBytes]) -> Result<Vec<OrphanFile>>;

        /// Removes the orphans at least `min_age_seconds` old; returns them.
        fn remove_orphans(
            uri: &str,
            min_age_seconds: u64,
            storage: &[StorageOption],
            pending: &[PendingWriteBytes],
        ) -> Result<Vec<OrphanFile>>;
    }
}

use crate::pending::{
    check_commit, combine, commit, commit_as, describe_pending_write, discard, find_orphans, is_committed, remove_orphans,
};
