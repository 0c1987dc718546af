//! A reader C++ can consume as an ArrowArrayStream without a panic reaching it.

use std::panic::{catch_unwind, AssertUnwindSafe};

use arrow::array::{RecordBatch, RecordBatchReader};
use arrow::datatypes::SchemaRef;
use arrow::error::ArrowError;
use lance_bridge_core::Error;

use crate::guard::panic_message;

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
