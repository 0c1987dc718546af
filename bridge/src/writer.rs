//! `Writer`, the opaque writer C++ holds, over the core's `StreamWriter`.

use std::path::PathBuf;
use std::sync::Arc;

use arrow::datatypes::{DataType, Schema, SchemaRef};
use arrow::ffi::{FFI_ArrowArray, FFI_ArrowSchema};
use arrow::ffi_stream::FFI_ArrowArrayStream;
use lance_bridge_core::{Error, StreamWriter};

use crate::c_data::{import_batch, schema_from_borrowed, storable_schema, take_array, take_schema};
use crate::c_stream::StreamBatches;
use crate::ffi::types::{ArrowArray, ArrowArrayStream, ArrowSchema};
use crate::ffi::writer::{self as ffi, Transfer};
use crate::guard::{guarded, guarded_quietly};
use crate::options::{summary_to_ffi, to_core};

pub struct Writer {
    inner: StreamWriter,
    /// The schema the writer was opened with, as one struct type: how trusted
    /// batches (no schema of their own) are read. (The core writes it with
    /// views as plain strings and binaries.)
    struct_type: DataType,
    /// Copy buffers into Rust memory (false) or wrap the producer's (true).
    zero_copy: bool,
    /// Bytes copied while importing batches (misaligned buffers, or everything in copy mode).
    copied_bytes: u64,
}

/// # Safety
/// `schema` must be null or point to a valid ArrowSchema; it stays the caller's.
pub unsafe fn open_writer(
    uri: &str,
    schema: *const ArrowSchema,
    options: &ffi::WriterOptions,
) -> Result<Box<Writer>, Error> {
    guarded(|| {
        // SAFETY: per this function's contract.
        let schema = unsafe { schema_from_borrowed(schema as *const FFI_ArrowSchema)? };
        let core_options = to_core(options)?;
        // Written as: views as plain strings or binaries (see storable_type).
        let stored: SchemaRef = Arc::new(storable_schema(&schema));
        let inner = StreamWriter::open(uri, stored, &core_options)?;
        Ok(Box::new(Writer {
            inner,
            struct_type: DataType::Struct(schema.fields().clone()),
            zero_copy: options.transfer != Transfer::Copy,
            copied_bytes: 0,
        }))
    })
}

/// # Safety
/// `schema` must be null or point to a valid ArrowSchema; it stays the caller's.
pub unsafe fn check_destination(uri: &str, schema: *const ArrowSchema, options: &ffi::WriterOptions) -> Result<(), Error> {
    guarded(|| {
        // SAFETY: per this function's contract.
        let schema = unsafe { schema_from_borrowed(schema as *const FFI_ArrowSchema)? };
        lance_bridge_core::check_destination(uri, &storable_schema(&schema), &to_core(options)?)
    })
}

pub fn directories_to_create(uri: &str) -> Vec<String> {
    let mut found = Vec::new();
    guarded_quietly(|| {
        found = lance_bridge_core::directories_to_create(uri)
            .into_iter()
            .map(|dir| dir.to_string_lossy().into_owned())
            .collect()
    });
    found
}

pub fn remove_empty_directories(directories: &[String]) {
    guarded_quietly(|| {
        let directories: Vec<PathBuf> = directories.iter().map(PathBuf::from).collect();
        lance_bridge_core::remove_empty_directories(&directories)
    });
}

/// # Safety
/// `schema` must be null or point to a valid ArrowSchema; it stays the caller's.
pub unsafe fn check_schema(schema: *const ArrowSchema) -> Result<(), Error> {
    guarded(|| {
        // SAFETY: per this function's contract.
        let schema = unsafe { schema_from_borrowed(schema as *const FFI_ArrowSchema)? };
        Ok(lance_bridge_core::check_write_schema(&storable_schema(&schema))?)
    })
}

impl Writer {
    /// # Safety
    /// `array` must be null or point to an ArrowArray, `schema` null or to an ArrowSchema.
    pub unsafe fn write(&mut self, array: *mut ArrowArray, schema: *mut ArrowSchema) -> Result<(), Error> {
        guarded(|| {
            // Ownership first, whatever happens next: the caller must never release these.
            // SAFETY: per this function's contract.
            let array = unsafe { take_array(array as *mut FFI_ArrowArray) };
            let schema = if schema.is_null() {
                Err(Error::invalid_argument("the batch's schema pointer is null (write_trusted reads a batch with the writer's schema)"))
            } else {
                // SAFETY: per this function's contract.
                unsafe { take_schema(schema as *mut FFI_ArrowSchema) }
            };
            let array = array?;
            let struct_type = self.batch_type(&schema?)?;
            self.write_array(array, &struct_type)
        })
    }

    /// # Safety
    /// `array` must be null or point to an ArrowArray with the writer's schema.
    pub unsafe fn write_trusted(&mut self, array: *mut ArrowArray) -> Result<(), Error> {
        guarded(|| {
            // SAFETY: per this function's contract.
            let array = unsafe { take_array(array as *mut FFI_ArrowArray)? };
            let struct_type = self.struct_type.clone();
            self.write_array(array, &struct_type)
        })
    }

    /// # Safety
    /// `stream` must be null or point to an ArrowArrayStream.
    pub unsafe fn write_stream(&mut self, stream: *mut ArrowArrayStream) -> Result<(), Error> {
        guarded(|| {
            // SAFETY: per this function's contract.
            let mut batches = unsafe { StreamBatches::take(stream as *mut FFI_ArrowArrayStream)? };
            let struct_type = self.batch_type(&batches.schema()?)?;
            while let Some(array) = batches.next_array()? {
                self.write_array(array, &struct_type)?;
            }
            Ok(())
        })
    }

    pub fn finish(&mut self) -> Result<ffi::WriteSummary, Error> {
        guarded(|| {
            Ok(summary_to_ffi(self.inner.finish()?, self.copied_bytes))
        })
    }

    pub fn prepare(&mut self) -> Result<Vec<u8>, Error> {
        guarded(|| self.inner.prepare()?.to_bytes())
    }

    pub fn abort(&mut self) {
        guarded_quietly(|| self.inner.abort());
    }

    pub fn rows_written(&self) -> u64 {
        self.inner.rows()
    }

    fn write_array(&mut self, array: FFI_ArrowArray, struct_type: &DataType) -> Result<(), Error> {
        let imported = import_batch(array, struct_type, !self.zero_copy)
            .map_err(|e| e.context(format!("batch {}", self.inner.batches())))?;
        self.copied_bytes += imported.copied_bytes;
        self.inner.write(imported.batch)
    }

    /// A batch's own schema must name the writer's columns with the writer's
    /// types (as written: a view column may feed a string column and back).
    fn batch_type(&self, schema: &Schema) -> Result<DataType, Error> {
        lance_bridge_core::check_schema(self.inner.schema(), &storable_schema(schema))?;
        Ok(DataType::Struct(schema.fields().clone()))
    }
}

impl Drop for Writer {
    /// An unfinished writer is aborted; nothing may unwind into C++'s destructor.
    fn drop(&mut self) {
        guarded_quietly(|| self.inner.abort());
    }
}
