//! Reading back into C++: a scan exported as an ArrowArrayStream, dataset facts,
//! and small files by URI (local or object storage).

use arrow::ffi_stream::FFI_ArrowArrayStream;
use lance_bridge_core::Error;

use crate::ffi::{self, ArrowArrayStream};
use crate::guard::guarded;
use crate::options::{format_from_ffi, storage_from_ffi};

/// # Safety
/// `out` must point to writable memory for one ArrowArrayStream.
pub unsafe fn scan(
    uri: &str,
    format: ffi::Format,
    storage: &[ffi::StorageOption],
    out: *mut ArrowArrayStream,
) -> Result<(), Error> {
    guarded(|| {
        if out.is_null() {
            return Err(Error::invalid_argument("the output stream pointer is null"));
        }
        let reader = lance_bridge_core::scan(uri, format_from_ffi(format)?, &storage_from_ffi(storage)?)?;
        let stream = FFI_ArrowArrayStream::new(reader);
        // SAFETY: `out` is writable; it may hold garbage, so write without dropping it.
        unsafe { std::ptr::write(out as *mut FFI_ArrowArrayStream, stream) };
        Ok(())
    })
}

pub fn dataset_info(uri: &str, storage: &[ffi::StorageOption]) -> Result<ffi::DatasetInfo, Error> {
    guarded(|| {
        let info = lance_bridge_core::lance_dataset_info(uri, &storage_from_ffi(storage)?)?;
        Ok(ffi::DatasetInfo { rows: info.rows, version: info.version, fragments: info.fragments })
    })
}

pub fn write_object(uri: &str, bytes: &[u8], storage: &[ffi::StorageOption]) -> Result<(), Error> {
    guarded(|| lance_bridge_core::write_object(uri, bytes, &storage_from_ffi(storage)?))
}

pub fn read_object(uri: &str, storage: &[ffi::StorageOption]) -> Result<Vec<u8>, Error> {
    guarded(|| lance_bridge_core::read_object(uri, &storage_from_ffi(storage)?))
}

pub fn list_objects(uri: &str, storage: &[ffi::StorageOption]) -> Result<Vec<String>, Error> {
    guarded(|| lance_bridge_core::list_objects(uri, &storage_from_ffi(storage)?))
}

pub fn delete_object(uri: &str, storage: &[ffi::StorageOption]) -> Result<(), Error> {
    guarded(|| lance_bridge_core::delete_object(uri, &storage_from_ffi(storage)?))
}
