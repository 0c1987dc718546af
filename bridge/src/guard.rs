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

/// The core's error kinds and the C++ header's, side by side: the one place
/// they meet (cxx checks the C++ list, the test below this one).
const KINDS: [(ErrorKind, ffi::ErrorKind); 11] = [
    (ErrorKind::InvalidArgument, ffi::ErrorKind::InvalidArgument),
    (ErrorKind::AlreadyExists, ffi::ErrorKind::AlreadyExists),
    (ErrorKind::NotFound, ffi::ErrorKind::NotFound),
    (ErrorKind::SchemaMismatch, ffi::ErrorKind::SchemaMismatch),
    (ErrorKind::InvalidData, ffi::ErrorKind::InvalidData),
    (ErrorKind::InvalidState, ffi::ErrorKind::InvalidState),
    (ErrorKind::Io, ffi::ErrorKind::Io),
    (ErrorKind::Lance, ffi::ErrorKind::Lance),
    (ErrorKind::Parquet, ffi::ErrorKind::Parquet),
    (ErrorKind::Aborted, ffi::ErrorKind::Aborted),
    (ErrorKind::Internal, ffi::ErrorKind::Internal),
];

/// The kind of the error the last failing entry point returned on this thread.
pub fn last_error_kind() -> ffi::ErrorKind {
    let kind = LAST_ERROR_KIND.with(Cell::get);
    KINDS.iter().find(|(core, _)| *core == kind).map_or(ffi::ErrorKind::Internal, |(_, bridged)| *bridged)
}

/// The name every message of this kind starts with (the core's `ErrorKind::name`).
pub fn error_kind_name(kind: ffi::ErrorKind) -> &'static str {
    KINDS.iter().find(|(_, bridged)| *bridged == kind).map_or(ErrorKind::Internal, |(core, _)| *core).name()
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
    use super::{error_kind_name, KINDS};
    use crate::ffi::types as ffi;

    #[test]
    fn every_kind_crosses_once_with_its_own_name() {
        // The C++ enum's values are 0, 1, ... (cxx asserts the header agrees):
        // each pairs with exactly one core kind, in order, and no two share a name.
        for (value, (core, bridged)) in KINDS.iter().enumerate() {
            assert_eq!(bridged.repr as usize, value);
            assert_eq!(error_kind_name(*bridged), core.name());
        }
        let mut names: Vec<_> = KINDS.iter().map(|(core, _)| core.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), KINDS.len());
        assert_eq!(error_kind_name(ffi::ErrorKind { repr: 200 }), "internal");
    }
}
