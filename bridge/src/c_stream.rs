//! Reading batches from a producer's ArrowArrayStream.

use std::ffi::CStr;

use std::sync::{Arc, Mutex};

use arrow::array::{RecordBatch, RecordBatchReader};
use arrow::datatypes::{DataType, Schema, SchemaRef};
use arrow::error::ArrowError;
use arrow::ffi::{FFI_ArrowArray, FFI_ArrowSchema};
use arrow::ffi_stream::FFI_ArrowArrayStream;
use lance_bridge_core::Error;

use crate::c_data::{import_batch, storable_schema, take_schema};

/// An owned producer stream; dropping it runs the producer's release.
pub struct StreamBatches {
    stream: FFI_ArrowArrayStream,
}

impl StreamBatches {
    /// # Safety
    /// `stream` must be null or point to a readable ArrowArrayStream.
    pub unsafe fn take(stream: *mut FFI_ArrowArrayStream) -> Result<Self, Error> {
        if stream.is_null() {
            return Err(Error::invalid_argument("the stream pointer is null"));
        }
        // SAFETY: non-null and readable: move it out, leaving a released struct.
        let stream = unsafe { FFI_ArrowArrayStream::from_raw(stream) };
        if stream.release.is_none() {
            return Err(Error::invalid_data("the stream was already released"));
        }
        if stream.get_schema.is_none() || stream.get_next.is_none() {
            return Err(Error::invalid_data("the stream has no get_schema or get_next callback"));
        }
        Ok(Self { stream })
    }

    pub fn schema(&mut self) -> Result<Schema, Error> {
        let mut schema = FFI_ArrowSchema::empty();
        let get_schema = self.stream.get_schema.expect("checked in take");
        // SAFETY: a live stream and an empty out-struct, as the C stream interface asks.
        let status = unsafe { get_schema(&mut self.stream, &mut schema) };
        if status != 0 {
            return Err(self.error("get_schema", status));
        }
        // SAFETY: on success the producer filled in a valid schema; we own it now.
        unsafe { take_schema(&mut schema) }
    }

    /// The next array, or `None` at the end of the stream.
    pub fn next_array(&mut self) -> Result<Option<FFI_ArrowArray>, Error> {
        let mut array = FFI_ArrowArray::empty();
        let get_next = self.stream.get_next.expect("checked in take");
        // SAFETY: a live stream and an empty out-struct.
        let status = unsafe { get_next(&mut self.stream, &mut array) };
        if status != 0 {
            return Err(self.error("get_next", status));
        }
        Ok(if array.is_released() { None } else { Some(array) })
    }

    fn error(&mut self, call: &str, status: i32) -> Error {
        let detail = self
            .stream
            .get_last_error
            // SAFETY: called right after the failing call, as the interface allows.
            .map(|f| unsafe { f(&mut self.stream) })
            .filter(|p| !p.is_null())
            // SAFETY: a non-null error is a NUL-terminated string owned by the stream.
            .map(|p| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
            .unwrap_or_default();
        Error::invalid_data(format!("the stream's {call} failed with code {status}: {detail}"))
    }
}

/// A producer's stream as a reader of record batches, each imported with the
/// same checks as a written batch (a hostile array is an error, not a crash).
/// For lance operations that read a source to the end (merge_insert).
pub struct CheckedReader {
    batches: StreamBatches,
    struct_type: DataType,
    /// As lance is given it: views as plain strings and binaries.
    schema: SchemaRef,
    batch: u64,
    /// The import error that ended the stream: lance reports it as its own
    /// (an external error, kind lost); the caller reports this one instead.
    failure: Arc<Mutex<Option<Error>>>,
}

impl CheckedReader {
    pub fn new(mut batches: StreamBatches) -> Result<Self, Error> {
        let schema = batches.schema()?;
        let struct_type = DataType::Struct(schema.fields().clone());
        let schema = Arc::new(storable_schema(&schema));
        Ok(Self { batches, struct_type, schema, batch: 0, failure: Arc::default() })
    }

    /// Where the error that ends the stream, if one does, will be.
    pub fn failure(&self) -> Arc<Mutex<Option<Error>>> {
        self.failure.clone()
    }

    fn next_batch(&mut self) -> Result<Option<RecordBatch>, Error> {
        let Some(array) = self.batches.next_array()? else { return Ok(None) };
        let imported = import_batch(array, &self.struct_type, false).map_err(|e| e.context(format!("batch {}", self.batch)))?;
        self.batch += 1;
        // Imported as stored (views as plain strings), its columns under the
        // stream's own schema (the import marks every column nullable; this
        // refuses a null where the stream's schema says there is none).
        Ok(Some(RecordBatch::try_new(self.schema.clone(), imported.batch.columns().to_vec())?))
    }
}

impl Iterator for CheckedReader {
    type Item = Result<RecordBatch, ArrowError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_batch()
            .map_err(|e| {
                if let Ok(mut failure) = self.failure.lock() {
                    failure.get_or_insert_with(|| e.clone());
                }
                ArrowError::ExternalError(Box::new(e))
            })
            .transpose()
    }
}

impl RecordBatchReader for CheckedReader {
    fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }
}
