//! inspect.h: checking what was written (lance-bridge-inspect, the tests).

pub use bridge::*;

header_struct! {
    /// lance_bridge::TableChecksum as Rust sees it: the definition is C++'s (inspect.h).
    TableChecksum = "lance_bridge::TableChecksum" {
        rows: u64,
        checksum: u64,
    }
}

#[cxx::bridge(namespace = "lance_bridge::ffi")]
mod bridge {

    #[namespace = "lance_bridge"]
    unsafe extern "C++" {
        include!("lance_bridge/inspect.h");
        type TableChecksum = super::TableChecksum;
        type Format = crate::ffi::types::Format;
    }

    unsafe extern "C++" {
        include!("lance-bridge/src/ffi/types.rs.h");
        type StorageOption = crate::ffi::types::StorageOption;
    }

    extern "Rust" {
        /// Rows and content checksum of a table (see the core's `checksum` module).
        fn table_checksum(uri: &str, format: Format, storage: &[StorageOption]) -> Result<TableChecksum>;

        /// Rows, version, fragments and schema of a Lance dataset, as text.
        fn describe_dataset(uri: &str, storage: &[StorageOption]) -> Result<String>;
    }
}

use crate::inspect::{describe_dataset, table_checksum};
