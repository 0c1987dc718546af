//! Where errors and panics become something C++ can handle.
//!
//! cxx aborts the process when a panic unwinds into C++, so every entry point
//! runs its body through `guarded`, which turns a panic into an error.

use std::panic::{catch_unwind, AssertUnwindSafe};

use lance_bridge_core::{Error, ErrorKind};

/// Runs `body`, mapping its error, or a panic inside it, to an `Error`.
/// The message reaches C++ as `rust::Error::what()`, as "<kind>: <message>".
pub fn guarded<T>(body: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(result) => result,
        Err(payload) => Err(Error::new(ErrorKind::Internal, format!("panic: {}", panic_message(&payload)))),
    }
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
