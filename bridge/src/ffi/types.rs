//! The vocabulary every bridge shares: formats, modes, error kinds, storage
//! options and the Arrow C Data Interface structs.

pub use bridge::*;

#[cxx::bridge(namespace = "lance_bridge")]
mod bridge {
    // Defined in lance_bridge/common.h (documented there); cxx asserts that
    // these lists match the header's, value by value.

    #[repr(u8)]
    enum Format {
        Lance,
        Parquet,
    }

    #[repr(u8)]
    enum Mode {
        Create,
        Append,
        Overwrite,
    }

    #[repr(u8)]
    enum ErrorKind {
        InvalidArgument,
        AlreadyExists,
        NotFound,
        SchemaMismatch,
        InvalidData,
        InvalidState,
        Io,
        Lance,
        Parquet,
        Aborted,
        Internal,
        Conflict,
        CommitUnknown,
    }

    unsafe extern "C++" {
        include!("lance_bridge/common.h");
        type Format;
        type Mode;
        type ErrorKind;
    }

    // Defined in lance_bridge/search.h: searches and vector indexes measure with it.
    #[repr(u8)]
    enum Metric {
        L2,
        Cosine,
        Dot,
        Hamming,
    }

    unsafe extern "C++" {
        include!("lance_bridge/search.h");
        type Metric;
    }

    /// One object store setting (C++: an entry of lance_bridge::StorageOptions).
    #[namespace = "lance_bridge::ffi"]
    struct StorageOption {
        key: String,
        value: String,
    }

    // Writer options hold a Vec of them: its glue is made here, once.
    impl Vec<StorageOption> {}

    // Defined by the Arrow C Data Interface specification.
    #[namespace = ""]
    unsafe extern "C++" {
        include!("lance_bridge/arrow_c_abi.h");
        type ArrowArray;
        type ArrowSchema;
        type ArrowArrayStream;
    }

    #[namespace = "lance_bridge::ffi"]
    extern "Rust" {
        /// The kind of the error the last failing call returned on this
        /// thread: C++ asks right after catching it.
        fn last_error_kind() -> ErrorKind;

        /// "invalid_argument", ...: how every error message starts.
        fn error_kind_name(kind: ErrorKind) -> &'static str;

        /// "create", "append" or "overwrite" (the core's spelling) as a Mode.
        fn parse_mode(name: &str) -> Result<Mode>;
    }
}

use crate::guard::{error_kind_name, last_error_kind};
use crate::options::parse_mode;
