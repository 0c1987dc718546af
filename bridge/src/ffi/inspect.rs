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
    /// lance_bridge::ColumnChecksum (whose name is a std::string).
    struct ColumnChecksum {
        column: String,
        checksum: u64,
    }

    /// lance_bridge::ColumnChecksums (whose columns are a std::vector).
    struct ColumnChecksums {
        table: TableChecksum,
        columns: Vec<ColumnChecksum>,
    }

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

        /// The same read, with each column's checksum as well.
        fn column_checksums(uri: &str, format: Format, storage: &[StorageOption]) -> Result<ColumnChecksums>;

        /// Rows, version, fragments and schema of a Lance dataset, as text.
        fn describe_dataset(uri: &str, storage: &[StorageOption]) -> Result<String>;
    }
}

use crate::inspect::{column_checksums, describe_dataset, table_checksum};
