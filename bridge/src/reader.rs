//! Reading back into C++: a scan exported as an ArrowArrayStream, dataset facts,
//! and small files by URI (local or object storage).

use std::panic::{catch_unwind, AssertUnwindSafe};

use arrow::array::{RecordBatch, RecordBatchReader};
use arrow::datatypes::SchemaRef;
use arrow::error::ArrowError;
use arrow::ffi_stream::FFI_ArrowArrayStream;
use lance_bridge_core::Error;

use crate::ffi::{self, ArrowArrayStream};
use crate::guard::{guarded, panic_message};
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
        let stream = FFI_ArrowArrayStream::new(Box::new(PanicFreeReader::new(reader)));
        // SAFETY: `out` is writable; it may hold garbage, so write without dropping it.
        unsafe { std::ptr::write(out as *mut FFI_ArrowArrayStream, stream) };
        Ok(())
    })
}

/// A reader whose panics become errors. The exported stream's callbacks are
/// `extern "C"` functions, where a panic (lance decoding a corrupt page, say)
/// would abort the consumer's process: here it ends the stream with an error.
pub(crate) struct PanicFreeReader {
    /// None once the reader panicked (and was dropped).
    inner: Option<Box<dyn RecordBatchReader + Send>>,
    schema: SchemaRef,
}

impl PanicFreeReader {
    pub(crate) fn new(inner: Box<dyn RecordBatchReader + Send>) -> Self {
        let schema = inner.schema();
        Self { inner: Some(inner), schema }
    }

    fn drop_inner(&mut self) {
        let inner = self.inner.take();
        let _ = catch_unwind(AssertUnwindSafe(move || drop(inner)));
    }
}

impl Iterator for PanicFreeReader {
    type Item = Result<RecordBatch, ArrowError>;

    fn next(&mut self) -> Option<Self::Item> {
        let inner = self.inner.as_mut()?;
        match catch_unwind(AssertUnwindSafe(|| inner.next())) {
            Ok(item) => item,
            Err(payload) => {
                self.drop_inner();
                Some(Err(ArrowError::ExternalError(Box::new(Error::internal(format!(
                    "panic while reading: {}",
                    panic_message(&payload)
                ))))))
            }
        }
    }
}

impl RecordBatchReader for PanicFreeReader {
    fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }
}

impl Drop for PanicFreeReader {
    /// Runs inside the stream's `release` callback: nothing may unwind out of it.
    fn drop(&mut self) {
        self.drop_inner();
    }
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

#[cfg(test)]
mod tests {
    use std::ffi::CStr;
    use std::sync::Arc;

    use arrow::array::{Int32Array, RecordBatch, RecordBatchIterator, RecordBatchReader};
    use arrow::datatypes::{DataType, Field, Schema};
    use arrow::ffi::FFI_ArrowArray;
    use arrow::ffi_stream::FFI_ArrowArrayStream;

    use super::PanicFreeReader;

    /// Two batches, then a panic where the third would be (a reader's bug, or
    /// lance failing on a corrupt page).
    fn panicking_reader() -> Box<dyn RecordBatchReader + Send> {
        let schema = Arc::new(Schema::new(vec![Field::new("x", DataType::Int32, false)]));
        let batch = RecordBatch::try_new(schema.clone(), vec![Arc::new(Int32Array::from(vec![1, 2]))]).unwrap();
        let items = (0..3).map(move |i| if i < 2 { Ok(batch.clone()) } else { panic!("decoder blew up") });
        Box::new(RecordBatchIterator::new(items, schema))
    }

    #[test]
    fn a_panic_in_the_reader_ends_the_exported_stream_with_an_error() {
        let mut stream = FFI_ArrowArrayStream::new(Box::new(PanicFreeReader::new(panicking_reader())));
        let get_next = stream.get_next.unwrap();
        for _ in 0..2 {
            let mut array = FFI_ArrowArray::empty();
            // SAFETY: a live stream and an empty out-struct, as a C consumer calls it.
            assert_eq!(unsafe { get_next(&mut stream, &mut array) }, 0);
            assert!(!array.is_released());
        }
        let mut array = FFI_ArrowArray::empty();
        // SAFETY: as above; without the wrapper this call would abort the process.
        let status = unsafe { get_next(&mut stream, &mut array) };
        assert_ne!(status, 0, "the panic is reported as an error code");
        // SAFETY: right after the failing call, as the interface allows.
        let message = unsafe { CStr::from_ptr((stream.get_last_error.unwrap())(&mut stream)) };
        assert!(message.to_string_lossy().contains("decoder blew up"), "{message:?}");
        // The stream is over, not poisoned: the next call is the end, and release works.
        let mut array = FFI_ArrowArray::empty();
        // SAFETY: as above.
        assert_eq!(unsafe { get_next(&mut stream, &mut array) }, 0);
        assert!(array.is_released());
    }
}
