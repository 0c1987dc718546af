//! Where errors and panics become something C++ can handle.
//!
//! cxx aborts the process when a panic unwinds into C++, so every entry point
//! runs its body through `guarded`, which turns a panic into an error.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};

use lance_bridge_core::{Error, ErrorKind};

use crate::ffi::types as ffi;

thread_local! {
    /// The kind of the last error an entry point returned on this thread: cxx
    /// carries only a message across, so C++ asks for the kind right after it
    /// catches the error (same thread, nothing in between).
    static LAST_ERROR_KIND: Cell<ErrorKind> = const { Cell::new(ErrorKind::Internal) };
}

/// Runs `body`, mapping its error, or a panic inside it, to an `Error`.
/// The message reaches C++ as `rust::Error::what()`, as "<kind>: <message>";
/// the kind itself through `last_error_kind()`.
pub fn guarded<T>(body: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    let result = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(result) => result,
        Err(payload) => Err(Error::new(ErrorKind::Internal, format!("panic: {}", panic_message(&payload)))),
    };
    if let Err(e) = &result {
        LAST_ERROR_KIND.with(|kind| kind.set(e.kind()));
    }
    result
}

/// The core's kind as the C++ header's: exhaustive, so a new core kind does
/// not compile until the header (which cxx checks) has it too.
fn bridged(kind: ErrorKind) -> ffi::ErrorKind {
    match kind {
        ErrorKind::InvalidArgument => ffi::ErrorKind::InvalidArgument,
        ErrorKind::AlreadyExists => ffi::ErrorKind::AlreadyExists,
        ErrorKind::NotFound => ffi::ErrorKind::NotFound,
        ErrorKind::SchemaMismatch => ffi::ErrorKind::SchemaMismatch,
        ErrorKind::InvalidData => ffi::ErrorKind::InvalidData,
        ErrorKind::InvalidState => ffi::ErrorKind::InvalidState,
        ErrorKind::Io => ffi::ErrorKind::Io,
        ErrorKind::Lance => ffi::ErrorKind::Lance,
        ErrorKind::Parquet => ffi::ErrorKind::Parquet,
        ErrorKind::Aborted => ffi::ErrorKind::Aborted,
        ErrorKind::Internal => ffi::ErrorKind::Internal,
        ErrorKind::Conflict => ffi::ErrorKind::Conflict,
        ErrorKind::CommitUnknown => ffi::ErrorKind::CommitUnknown,
    }
}

/// The header's kind as the core's (a value C++ made up: Internal).
fn core_kind(kind: ffi::ErrorKind) -> ErrorKind {
    match kind {
        ffi::ErrorKind::InvalidArgument => ErrorKind::InvalidArgument,
        ffi::ErrorKind::AlreadyExists => ErrorKind::AlreadyExists,
        ffi::ErrorKind::NotFound => ErrorKind::NotFound,
        ffi::ErrorKind::SchemaMismatch => ErrorKind::SchemaMismatch,
        ffi::ErrorKind::InvalidData => ErrorKind::InvalidData,
        ffi::ErrorKind::InvalidState => ErrorKind::InvalidState,
        ffi::ErrorKind::Io => ErrorKind::Io,
        ffi::ErrorKind::Lance => ErrorKind::Lance,
        ffi::ErrorKind::Parquet => ErrorKind::Parquet,
        ffi::ErrorKind::Aborted => ErrorKind::Aborted,
        ffi::ErrorKind::Conflict => ErrorKind::Conflict,
        ffi::ErrorKind::CommitUnknown => ErrorKind::CommitUnknown,
        _ => ErrorKind::Internal,
    }
}

/// The kind of the error the last failing entry point returned on this thread.
pub fn last_error_kind() -> ffi::ErrorKind {
    bridged(LAST_ERROR_KIND.with(Cell::get))
}

/// The name every message of this kind starts with (the core's `ErrorKind::name`).
pub fn error_kind_name(kind: ffi::ErrorKind) -> &'static str {
    core_kind(kind).name()
}

/// Like `guarded` for bodies that cannot report errors (abort, drop).
pub fn guarded_quietly(body: impl FnOnce()) {
    let _ = catch_unwind(AssertUnwindSafe(body));
}

pub fn panic_message(payload: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::{bridged, core_kind, error_kind_name};
    use crate::ffi::types as ffi;

    #[test]
    fn every_kind_crosses_both_ways_with_its_own_name() {
        // The header's values are 0, 1, ... (cxx asserts it): each one round-trips
        // through exactly one core kind, and no two kinds share a name.
        let mut names = Vec::new();
        for value in 0..=12u8 {
            let kind = ffi::ErrorKind { repr: value };
            assert_eq!(bridged(core_kind(kind)).repr, value);
            names.push(error_kind_name(kind));
        }
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 13);
        assert_eq!(error_kind_name(ffi::ErrorKind { repr: 200 }), "internal");
    }
}
