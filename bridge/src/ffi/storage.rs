//! storage.h: small files by URI, local or on object storage.

pub use bridge::*;

#[cxx::bridge(namespace = "lance_bridge::ffi")]
mod bridge {
    unsafe extern "C++" {
        include!("lance-bridge/src/ffi/types.rs.h");
        type StorageOption = crate::ffi::types::StorageOption;
    }

    extern "Rust" {
        /// Writes `bytes` to `uri` atomically (whole or not at all).
        fn write_file(uri: &str, bytes: &[u8], storage: &[StorageOption]) -> Result<()>;
        fn read_file(uri: &str, storage: &[StorageOption]) -> Result<Vec<u8>>;
        /// Names of the files in the folder `uri`, sorted (none if it is missing).
        fn list_files(uri: &str, storage: &[StorageOption]) -> Result<Vec<String>>;
        fn remove_file(uri: &str, storage: &[StorageOption]) -> Result<()>;
    }
}

use crate::storage::{list_files, read_file, remove_file, write_file};
