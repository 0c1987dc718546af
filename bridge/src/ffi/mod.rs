//! The C++ interface, one `#[cxx::bridge]` per feature. Each reads as the spec
//! of what C++ can call; the Rust behind it lives in the crate's other modules.
//!
//! One vocabulary: a function or type has the name its C++ wrapper has
//! (`lance_bridge::write_file` calls `ffi::write_file`). Enums and plain
//! structs are defined once, in the public C++ headers, and bound here: cxx
//! checks every enum value against the header at compile time. Types more than
//! one bridge uses are declared in `types` and aliased by the others.

pub mod dataset;
pub mod inspect;
pub mod pending;
pub mod storage;
pub mod types;
pub mod writer;
