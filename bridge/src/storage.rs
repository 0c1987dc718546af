//! Small files by URI, local or on object storage, for C++.

use lance_bridge_core::Error;

use crate::ffi::types::StorageOption;
use crate::guard::guarded;
use crate::options::storage_from_ffi;

pub fn write_file(uri: &str, bytes: &[u8], storage: &[StorageOption]) -> Result<(), Error> {
    guarded(|| lance_bridge_core::write_file(uri, bytes, &storage_from_ffi(storage)?))
}

pub fn read_file(uri: &str, storage: &[StorageOption]) -> Result<Vec<u8>, Error> {
    guarded(|| lance_bridge_core::read_file(uri, &storage_from_ffi(storage)?))
}

pub fn list_files(uri: &str, storage: &[StorageOption]) -> Result<Vec<String>, Error> {
    guarded(|| lance_bridge_core::list_files(uri, &storage_from_ffi(storage)?))
}

pub fn remove_file(uri: &str, storage: &[StorageOption]) -> Result<(), Error> {
    guarded(|| lance_bridge_core::remove_file(uri, &storage_from_ffi(storage)?))
}
