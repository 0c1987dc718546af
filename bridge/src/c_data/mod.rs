//! Importing Arrow C Data Interface arrays and schemas without trusting them.
//!
//! Nothing the producer describes is believed before it is checked: released
//! structs, null pointers, buffer and child counts, negative or overflowing
//! lengths and offsets, the first and last offsets of variable-size columns.
//! Buffers are then wrapped (or copied) by this module itself, with sizes
//! computed in checked arithmetic and every offset read unaligned, so arrow-rs
//! never reads a buffer through a misaligned or mis-sized pointer; misaligned
//! buffers are copied to aligned memory, and the whole array is validated
//! (offsets, lengths, UTF-8, null counts) before it reaches the writer.
//!
//! What no consumer of the C Data Interface can check: buffer sizes are not
//! transmitted. A buffer shorter than its array's length (or a last offset past
//! the end of the data buffer's allocation) is read past its end; a pointer to
//! freed memory is read as if it were live. Those are the producer's contract.
//!
//! One column's way through, a module each:
//! - `raw`: the C structs as read, asserted to be arrow-rs's `FFI_ArrowArray`
//!   and `FFI_ArrowSchema`;
//! - `layout`: the types imported, and their buffers and children (arrow-rs's
//!   `layout()`, plus the one exception of the C Data Interface: views' sizes);
//! - `check_schema`, `check_array`: each struct checked before anything reads it;
//! - `wrap`, `import`: buffers wrapped without copying, node by node;
//! - `normalise`: buffers aligned, nested offsets pushed down (then validated here);
//! - `storable`: views and small decimals converted to what lance writes;
//! - `copy`: copy mode, and the bytes copied.

mod check_array;
mod check_schema;
mod copy;
mod import;
mod layout;
mod normalise;
mod raw;
mod storable;
#[cfg(test)]
mod tests;
mod wrap;

use std::sync::Arc;

use arrow::array::{make_array, ArrayData, RecordBatch, RecordBatchOptions};
use arrow::datatypes::{DataType, Fields, Schema};
use arrow::ffi::{FFI_ArrowArray, FFI_ArrowSchema};
use lance_bridge_core::Error;

use check_array::{check_node, nulls_in};
use check_schema::check_raw_schema;
use copy::{deep_copy, total_bytes};
use import::import_node;
use normalise::{align_buffers, without_nested_offsets};
use raw::{RawArray, RawSchema};
use storable::to_storable;
use wrap::Owner;

#[cfg(test)]
pub(crate) use layout::layout_for_tests;
pub use storable::storable_schema;
#[cfg(test)]
pub(crate) use storable::storable_type;

/// Nesting deeper than this is refused: a hostile schema must not exhaust the stack.
const MAX_NESTING: usize = 64;

/// Reads a schema the caller keeps ownership of.
///
/// # Safety
/// `schema` must be null or point to a readable `struct ArrowSchema`.
pub unsafe fn schema_from_borrowed(schema: *const FFI_ArrowSchema) -> Result<Schema, Error> {
    if schema.is_null() {
        return Err(Error::invalid_argument("the schema pointer is null"));
    }
    // SAFETY: non-null and, per the caller's contract, a readable ArrowSchema.
    let schema = unsafe { &*schema };
    // SAFETY: as just said: its non-null pointers are readable.
    unsafe { check_raw_schema(RawSchema::of(schema), "schema", 0)? };
    Schema::try_from(schema).map_err(|e| Error::invalid_data(format!("unsupported schema: {e}")))
}

/// Takes ownership of a schema the caller hands over (always, also when it is
/// malformed: it is then released here), checks it and converts it.
///
/// # Safety
/// `schema` must be null or point to a readable ArrowSchema.
pub unsafe fn take_schema(schema: *mut FFI_ArrowSchema) -> Result<Schema, Error> {
    if schema.is_null() {
        return Err(Error::invalid_argument("the schema pointer is null"));
    }
    // SAFETY: non-null and readable: moving out leaves a released struct behind,
    // so the caller's copy is never released twice whatever happens next.
    let owned = unsafe { FFI_ArrowSchema::from_raw(schema) };
    // SAFETY: `owned` is the producer's struct, moved; its pointers are checked before use.
    unsafe { check_raw_schema(RawSchema::of(&owned), "schema", 0)? };
    Schema::try_from(&owned).map_err(|e| Error::invalid_data(format!("unsupported schema: {e}")))
}

/// Takes ownership of an array the caller hands over, released or not.
///
/// # Safety
/// `array` must be null or point to a readable ArrowArray.
pub unsafe fn take_array(array: *mut FFI_ArrowArray) -> Result<FFI_ArrowArray, Error> {
    if array.is_null() {
        return Err(Error::invalid_argument("the array pointer is null"));
    }
    // SAFETY: non-null and readable; moving out leaves a released struct behind.
    Ok(unsafe { FFI_ArrowArray::from_raw(array) })
}

/// A batch imported from C, and how many bytes crossing the boundary were copied.
pub struct Imported {
    pub batch: RecordBatch,
    /// Zero for aligned input in zero-copy mode; every buffer byte in copy mode.
    pub copied_bytes: u64,
}

/// Imports one record batch (a struct array) whose ownership the caller has
/// already taken. `copy` decides whether its buffers are copied into Rust memory
/// (and the producer's release callbacks run before this returns) or wrapped.
///
/// Each column is moved out of the batch and imported on its own (the C Data
/// Interface allows moving children), so its buffers are released as soon as
/// that column is encoded, not when the slowest column of the batch is: lance
/// keeps a column's arrays until it has a page's worth of them.
pub fn import_batch(array: FFI_ArrowArray, struct_type: &DataType, copy: bool) -> Result<Imported, Error> {
    let DataType::Struct(fields) = struct_type else {
        return Err(Error::internal("a record batch must be imported as a struct"));
    };
    if fields.is_empty() {
        return Err(Error::invalid_data("the batch has no columns"));
    }
    let raw = RawArray::of(&array);
    // SAFETY: the producer promised a readable ArrowArray; each pointer is checked before use.
    let node = unsafe { check_node(raw, struct_type, "batch")? };
    // SAFETY: check_node verified the validity pointer; it covers node.slots bits.
    if unsafe { nulls_in(raw, &node)? } > 0 {
        return Err(Error::invalid_data("the batch (struct array) has top-level nulls"));
    }
    let moved: Vec<FFI_ArrowArray> = (0..fields.len())
        .map(|i| {
            // SAFETY: check_node verified `children` holds fields.len() non-null,
            // unreleased children; replacing one with an empty (released) struct is
            // the spec's move, and the parent's release then skips it.
            unsafe { std::ptr::replace(*raw.children.add(i) as *mut FFI_ArrowArray, FFI_ArrowArray::empty()) }
        })
        .collect();
    // The batch itself owns nothing we need any more.
    drop(array);

    let mut columns = Vec::with_capacity(fields.len());
    let mut copied_bytes = 0;
    for (field, child) in fields.iter().zip(moved) {
        let (column, copied) = import_column(child, field.data_type(), node.offset, node.length, copy)
            .map_err(|e| e.context(format!("column '{}'", field.name())))?;
        columns.push(make_array(column));
        copied_bytes += copied;
    }
    // Columns are labelled nullable here: nulls where the writer's schema has
    // none are the writer's SchemaMismatch to report, with the column's name.
    let imported_fields: Fields = fields.iter().map(|f| Arc::new(f.as_ref().clone().with_nullable(true))).collect();
    let schema = Arc::new(storable_schema(&Schema::new(imported_fields)));
    let options = RecordBatchOptions::new().with_row_count(Some(node.length));
    let batch = RecordBatch::try_new_with_options(schema, columns, &options)
        .map_err(|e| Error::invalid_data(format!("invalid batch: {e}")))?;
    Ok(Imported { batch, copied_bytes })
}

/// Imports one column, makes its buffers aligned and valid, keeps the batch's
/// rows `offset..offset + length`, and copies it in copy mode. Returns the
/// column and the bytes copied.
fn import_column(
    array: FFI_ArrowArray,
    data_type: &DataType,
    offset: usize,
    length: usize,
    copy: bool,
) -> Result<(ArrayData, u64), Error> {
    let owner = Arc::new(Owner(array));
    // The batch's offset + length (checked by check_node, so no overflow).
    let needed = offset + length;
    // SAFETY: the struct was moved out of a checked batch; import_node checks the
    // rest before wrapping any buffer, and `owner` keeps it alive as long as them.
    let data = unsafe { import_node(owner.raw(), data_type, needed, &owner, "", 0)? };
    // Misaligned buffers are copied (only them) to aligned memory before anything reads them as values.
    let (data, mut copied_bytes) = align_buffers(data);
    data.validate_full().map_err(|e| Error::invalid_data(format!("invalid array: {e}")))?;
    let mut data = without_nested_offsets(data);
    if offset != 0 || data.len() != length {
        // Through the array, not ArrayData::slice: that one slices a struct's
        // children *and* moves its offset, which StructArray then applies again.
        data = make_array(data).slice(offset, length).to_data();
    }
    let (mut data, converted_bytes) = to_storable(data, data_type)?;
    copied_bytes += converted_bytes;
    if copy {
        // Dropping the imported data right after the copy runs the producer's release.
        data = deep_copy(&data);
        copied_bytes = total_bytes(&data);
    }
    Ok((data, copied_bytes))
}
