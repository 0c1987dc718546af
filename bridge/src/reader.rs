//! Reading datasets back into C++: a scan exported as an ArrowArrayStream.

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
