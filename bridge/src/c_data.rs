//! Importing Arrow C Data Interface arrays and schemas without trusting them.
//!
//! arrow-rs imports buffers as the producer describes them and panics (or reads
//! out of bounds) when that description is wrong, so every struct is checked
//! here first: released structs, null pointers, buffer and child counts. After
//! import, misaligned buffers are copied to aligned memory and the array is fully
//! validated (offsets, lengths, UTF-8) before it reaches the writer.

use std::ffi::c_void;
use std::sync::Arc;

use arrow::array::{make_array, ArrayData, ArrayDataBuilder, RecordBatch, RecordBatchOptions};
use arrow::buffer::{Buffer, NullBuffer};
use arrow::datatypes::{DataType, Schema};
use arrow::ffi::{from_ffi_and_data_type, FFI_ArrowArray, FFI_ArrowSchema};
use lance_bridge_core::{Error, ErrorKind};

/// `struct ArrowArray` field by field, as the C Data Interface lays it out.
#[repr(C)]
struct RawArray {
    length: i64,
    null_count: i64,
    offset: i64,
    n_buffers: i64,
    n_children: i64,
    buffers: *const *const c_void,
    children: *const *const RawArray,
    dictionary: *const RawArray,
    release: Option<unsafe extern "C" fn(*mut RawArray)>,
    private_data: *mut c_void,
}

/// `struct ArrowSchema` field by field.
#[repr(C)]
struct RawSchema {
    format: *const std::ffi::c_char,
    name: *const std::ffi::c_char,
    metadata: *const std::ffi::c_char,
    flags: i64,
    n_children: i64,
    children: *const *const RawSchema,
    dictionary: *const RawSchema,
    release: Option<unsafe extern "C" fn(*mut RawSchema)>,
    private_data: *mut c_void,
}

/// Reads a schema the caller keeps ownership of.
///
/// # Safety
/// `schema` must be null or point to a readable `struct ArrowSchema`.
pub unsafe fn schema_from_borrowed(schema: *const FFI_ArrowSchema) -> Result<Schema, Error> {
    if schema.is_null() {
        return Err(Error::invalid_argument("the schema pointer is null"));
    }
    // SAFETY: non-null and, per the caller's contract, a readable ArrowSchema.
    unsafe { check_raw_schema(&*(schema as *const RawSchema), "schema")? };
    // SAFETY: the struct and its children were checked just above.
    let schema = unsafe { &*schema };
    Schema::try_from(schema).map_err(|e| Error::invalid_data(format!("unsupported schema: {e}")))
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
    // SAFETY: FFI_ArrowArray is #[repr(C)] with the spec's layout, as is RawArray.
    let raw = unsafe { &*(&array as *const FFI_ArrowArray as *const RawArray) };
    // SAFETY: the producer promised a valid ArrowArray; each pointer is checked before use.
    unsafe { check_raw_array(raw, struct_type, "batch")? };
    if raw.null_count > 0 {
        return Err(Error::invalid_data("the batch (struct array) has top-level nulls"));
    }
    if fields.is_empty() {
        return Err(Error::invalid_data("the batch has no columns"));
    }
    let (offset, length) = (raw.offset as usize, raw.length as usize);
    let moved: Vec<FFI_ArrowArray> = (0..fields.len())
        .map(|i| {
            // SAFETY: check_raw_array verified `children` holds fields.len() non-null,
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
        let (column, copied) = import_column(child, field.data_type(), offset, length, copy)
            .map_err(|e| e.context(format!("column '{}'", field.name())))?;
        columns.push(make_array(column));
        copied_bytes += copied;
    }
    let schema = Arc::new(Schema::new(fields.clone()));
    let options = RecordBatchOptions::new().with_row_count(Some(length));
    let batch = RecordBatch::try_new_with_options(schema, columns, &options)
        .map_err(|e| Error::invalid_data(format!("invalid batch: {e}")))?;
    Ok(Imported { batch, copied_bytes })
}

/// Imports one column (already checked structurally), makes its buffers aligned
/// and valid, keeps the batch's rows `offset..offset + length`, and copies it in
/// copy mode. Returns the column and the bytes copied.
fn import_column(
    array: FFI_ArrowArray,
    data_type: &DataType,
    offset: usize,
    length: usize,
    copy: bool,
) -> Result<(ArrayData, u64), Error> {
    // SAFETY: the structure was checked against `data_type` by check_raw_array;
    // buffer contents are validated below before anything reads them as values.
    let mut data = unsafe { from_ffi_and_data_type(array, data_type.clone()) }
        .map_err(|e| Error::invalid_data(format!("cannot import: {e}")))?;
    if data.len() < offset + length {
        return Err(Error::invalid_data(format!(
            "{} rows, but the batch needs {} (offset {offset} + length {length})",
            data.len(),
            offset + length
        )));
    }
    // arrow-rs panics on misaligned buffers: copy those (and only those) to aligned memory.
    let before = buffer_spans(&data);
    data.align_buffers();
    let mut copied_bytes: u64 = before
        .iter()
        .zip(buffer_spans(&data))
        .filter(|(old, new)| old.0 != new.0)
        .map(|(old, _)| old.1 as u64)
        .sum();
    data.validate_full().map_err(|e| Error::invalid_data(format!("invalid array: {e}")))?;
    if offset != 0 || data.len() != length {
        data = data.slice(offset, length);
    }
    if copy {
        // Dropping the imported data right after the copy runs the producer's release.
        let copied = deep_copy(&data);
        copied_bytes = buffer_spans(&copied).iter().map(|s| s.1 as u64).sum();
        data = copied;
    }
    Ok((data, copied_bytes))
}

/// Address and length of every buffer (validity included), depth first.
fn buffer_spans(data: &ArrayData) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    fn walk(data: &ArrayData, spans: &mut Vec<(usize, usize)>) {
        if let Some(nulls) = data.nulls() {
            let bits = nulls.inner().inner();
            spans.push((bits.as_ptr() as usize, bits.len()));
        }
        for b in data.buffers() {
            spans.push((b.as_ptr() as usize, b.len()));
        }
        for child in data.child_data() {
            walk(child, spans);
        }
    }
    walk(data, &mut spans);
    spans
}

/// Copies every buffer once into Rust-owned, 64-byte aligned memory.
fn deep_copy(data: &ArrayData) -> ArrayData {
    let buffers = data.buffers().iter().map(|b| Buffer::from_slice_ref(b.as_slice())).collect();
    let nulls = data.nulls().map(|n| {
        let bits = n.inner();
        let copied = arrow::buffer::BooleanBuffer::new(
            Buffer::from_slice_ref(bits.inner().as_slice()),
            bits.offset(),
            bits.len(),
        );
        // SAFETY: the bits and their count are those of a validated NullBuffer.
        unsafe { NullBuffer::new_unchecked(copied, n.null_count()) }
    });
    let children = data.child_data().iter().map(deep_copy).collect();
    let builder = ArrayDataBuilder::new(data.data_type().clone())
        .len(data.len())
        .offset(data.offset())
        .buffers(buffers)
        .nulls(nulls)
        .child_data(children);
    // SAFETY: an exact copy of already validated data.
    unsafe { builder.build_unchecked() }
}

/// Buffers (validity included) and children the C Data Interface gives `data_type`.
fn layout_of(data_type: &DataType) -> Result<(i64, i64), Error> {
    use DataType::*;
    Ok(match data_type {
        Null => (0, 0),
        Boolean | Int8 | Int16 | Int32 | Int64 | UInt8 | UInt16 | UInt32 | UInt64 | Float16
        | Float32 | Float64 | Date32 | Date64 | Time32(_) | Time64(_) | Timestamp(_, _)
        | Duration(_) | Interval(_) | Decimal32(_, _) | Decimal64(_, _) | Decimal128(_, _)
        | Decimal256(_, _) | FixedSizeBinary(_) => (2, 0),
        Utf8 | LargeUtf8 | Binary | LargeBinary => (3, 0),
        List(_) | LargeList(_) => (2, 1),
        FixedSizeList(_, _) => (1, 1),
        Struct(fields) => (1, fields.len() as i64),
        other => {
            return Err(Error::new(
                ErrorKind::InvalidData,
                format!("arrays of type {other} are not supported by lance-bridge"),
            ))
        }
    })
}

/// # Safety
/// `raw` must be a readable ArrowArray whose non-null pointers are readable.
unsafe fn check_raw_array(raw: &RawArray, data_type: &DataType, path: &str) -> Result<(), Error> {
    let bad = |msg: String| Error::invalid_data(format!("{path}: {msg}"));
    if raw.release.is_none() {
        return Err(bad("the array was already released".into()));
    }
    if raw.length < 0 || raw.offset < 0 || raw.null_count < -1 {
        return Err(bad(format!(
            "negative length ({}), offset ({}) or null count ({})",
            raw.length, raw.offset, raw.null_count
        )));
    }
    if !raw.dictionary.is_null() {
        return Err(bad("dictionary-encoded arrays are not supported".into()));
    }
    let (n_buffers, n_children) = layout_of(data_type).map_err(|e| e.context(path))?;
    if raw.n_buffers != n_buffers {
        return Err(bad(format!("{} buffers for type {data_type}, expected {n_buffers}", raw.n_buffers)));
    }
    if raw.n_children != n_children {
        return Err(bad(format!("{} children for type {data_type}, expected {n_children}", raw.n_children)));
    }
    if n_buffers > 0 && raw.buffers.is_null() {
        return Err(bad("the buffers pointer is null".into()));
    }
    if n_children > 0 && raw.children.is_null() {
        return Err(bad("the children pointer is null".into()));
    }
    // SAFETY: `buffers` is non-null and holds n_buffers entries (checked above).
    let buffer = |i: usize| unsafe { *raw.buffers.add(i) };
    let slots = (raw.length + raw.offset) as usize;
    if n_buffers > 0 && buffer(0).is_null() && raw.null_count > 0 {
        return Err(bad(format!("{} nulls but no validity buffer", raw.null_count)));
    }
    match data_type {
        DataType::Utf8 | DataType::Binary | DataType::List(_) => {
            // SAFETY: offsets hold slots + 1 i32 values when the pointer is non-null.
            unsafe { check_offsets::<i32>(buffer(1), slots, raw.offset as usize) }.map_err(bad)?;
        }
        DataType::LargeUtf8 | DataType::LargeBinary | DataType::LargeList(_) => {
            // SAFETY: as above, with i64 offsets.
            unsafe { check_offsets::<i64>(buffer(1), slots, raw.offset as usize) }.map_err(bad)?;
        }
        _ => {
            if n_buffers >= 2 && slots > 0 && buffer(1).is_null() {
                return Err(bad("the data buffer is null".into()));
            }
        }
    }
    let child_types: Vec<&DataType> = match data_type {
        DataType::Struct(fields) => fields.iter().map(|f| f.data_type()).collect(),
        DataType::List(f) | DataType::LargeList(f) | DataType::FixedSizeList(f, _) => vec![f.data_type()],
        _ => Vec::new(),
    };
    let names: Vec<String> = match data_type {
        DataType::Struct(fields) => fields.iter().map(|f| format!("{path}.{}", f.name())).collect(),
        _ => child_types.iter().map(|_| format!("{path}[]")).collect(),
    };
    for (i, (child_type, name)) in child_types.iter().zip(&names).enumerate() {
        // SAFETY: `children` is non-null and holds n_children entries.
        let child = unsafe { *raw.children.add(i) };
        if child.is_null() {
            return Err(Error::invalid_data(format!("{name}: the child array pointer is null")));
        }
        // SAFETY: a non-null child of a valid ArrowArray is a readable ArrowArray.
        unsafe { check_raw_array(&*child, child_type, name)? };
    }
    Ok(())
}

/// The first and last offsets of a variable-size array must be sane before
/// arrow-rs sizes the data buffer from the last one.
///
/// # Safety
/// `offsets` must be null or hold `slots + 1` values of `T`.
unsafe fn check_offsets<T: Copy + Into<i64>>(offsets: *const c_void, slots: usize, offset: usize) -> Result<(), String> {
    if offsets.is_null() {
        return Err("the offsets buffer is null".into());
    }
    let offsets = offsets as *const T;
    // SAFETY: the buffer holds slots + 1 values; read_unaligned tolerates any alignment.
    let (first, last) = unsafe { (offsets.add(offset).read_unaligned().into(), offsets.add(slots).read_unaligned().into()) };
    if first < 0 || last < first {
        return Err(format!("offsets run from {first} to {last}"));
    }
    Ok(())
}

/// # Safety
/// `raw` must be a readable ArrowSchema whose non-null pointers are readable.
unsafe fn check_raw_schema(raw: &RawSchema, path: &str) -> Result<(), Error> {
    let bad = |msg: &str| Error::invalid_data(format!("{path}: {msg}"));
    if raw.release.is_none() {
        return Err(bad("the schema was already released"));
    }
    if raw.format.is_null() {
        return Err(bad("the format string is null"));
    }
    if raw.n_children < 0 || (raw.n_children > 0 && raw.children.is_null()) {
        return Err(bad("bad children"));
    }
    for i in 0..raw.n_children as usize {
        // SAFETY: `children` is non-null and holds n_children entries.
        let child = unsafe { *raw.children.add(i) };
        if child.is_null() {
            return Err(bad("a child schema pointer is null"));
        }
        // SAFETY: a non-null child of a valid ArrowSchema is a readable ArrowSchema.
        unsafe { check_raw_schema(&*child, &format!("{path}.{i}"))? };
    }
    if !raw.dictionary.is_null() {
        // SAFETY: non-null dictionary of a valid ArrowSchema.
        unsafe { check_raw_schema(&*raw.dictionary, &format!("{path}.dictionary"))? };
    }
    Ok(())
}

/// Takes ownership of a schema the caller hands over, checks it and converts it.
///
/// # Safety
/// `schema` must be null or point to a valid ArrowSchema.
pub unsafe fn take_schema(schema: *mut FFI_ArrowSchema) -> Result<Schema, Error> {
    if schema.is_null() {
        return Err(Error::invalid_argument("the schema pointer is null"));
    }
    // SAFETY: non-null; reading release/format decides whether it can be moved.
    unsafe { check_raw_schema(&*(schema as *const RawSchema), "schema")? };
    // SAFETY: a valid, unreleased schema: move it out and mark the source released.
    let owned = unsafe { FFI_ArrowSchema::from_raw(schema) };
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use arrow::array::{Array, ArrayRef, Int64Array, StringArray, StructArray};
    use arrow::buffer::Buffer;
    use arrow::datatypes::{DataType, Field, Fields};
    use arrow::ffi::FFI_ArrowArray;

    use super::*;

    fn fields() -> Fields {
        Fields::from(vec![Field::new("id", DataType::Int64, false), Field::new("s", DataType::Utf8, true)])
    }

    fn exported(ids: ArrayRef) -> FFI_ArrowArray {
        let strings: ArrayRef = Arc::new(StringArray::from(vec![Some("a"), None, Some("ccc")]));
        let array = StructArray::new(fields(), vec![ids, strings], None);
        FFI_ArrowArray::new(&array.to_data())
    }

    #[test]
    fn zero_copy_wraps_and_copy_copies() {
        let ids: ArrayRef = Arc::new(Int64Array::from(vec![1, 2, 3]));
        let ty = DataType::Struct(fields());
        let wrapped = import_batch(exported(ids.clone()), &ty, false).unwrap();
        assert_eq!(wrapped.copied_bytes, 0);
        assert_eq!(wrapped.batch.column(0).as_ref(), ids.as_ref());
        assert_eq!(wrapped.batch.column(1).null_count(), 1);

        let copied = import_batch(exported(ids.clone()), &ty, true).unwrap();
        assert!(copied.copied_bytes >= 24 + 16 + 4, "{}", copied.copied_bytes);
        assert_eq!(copied.batch, wrapped.batch);
    }

    #[test]
    fn each_column_is_released_on_its_own() {
        let ids = Int64Array::from(vec![1, 2, 3]);
        let id_values = ids.values().inner().clone();
        let ty = DataType::Struct(fields());
        let imported = import_batch(exported(Arc::new(ids)), &ty, false).unwrap();
        let (_, mut columns, _) = imported.batch.into_parts();
        let strings = columns.pop().unwrap();
        assert!(id_values.strong_count() > 1, "the imported ids hold the producer's buffer");
        drop(columns);
        // The ids column alone was dropped: its producer's release ran although
        // the strings column of the same batch is still alive.
        assert_eq!(id_values.strong_count(), 1);
        assert_eq!(strings.len(), 3);
    }

    #[test]
    fn a_sliced_batch_keeps_its_rows() {
        let ids: ArrayRef = Arc::new(Int64Array::from(vec![1, 2, 3]));
        let ty = DataType::Struct(fields());
        let strings: ArrayRef = Arc::new(StringArray::from(vec![Some("a"), None, Some("ccc")]));
        let array = StructArray::new(fields(), vec![ids, strings], None).slice(1, 2);
        let imported = import_batch(FFI_ArrowArray::new(&array.to_data()), &ty, false).unwrap();
        assert_eq!(imported.batch.num_rows(), 2);
        assert_eq!(imported.batch.column(0).as_ref(), &Int64Array::from(vec![2, 3]) as &dyn Array);
        assert_eq!(imported.batch.column(1).as_ref(), &StringArray::from(vec![None, Some("ccc")]) as &dyn Array);
    }

    #[test]
    fn misaligned_buffers_are_copied_not_panicked_on() {
        // Three i64 values starting one byte into an allocation.
        let mut bytes = vec![0u8; 1];
        for v in [7i64, 8, 9] {
            bytes.extend_from_slice(&v.to_le_bytes());
        }
        let misaligned = Buffer::from_vec(bytes).slice(1);
        assert_ne!(misaligned.as_ptr() as usize % 8, 0);
        // SAFETY: three i64 values' worth of bytes; only the alignment is off.
        let data = unsafe {
            ArrayData::new_unchecked(DataType::Int64, 3, Some(0), None, 0, vec![misaligned], vec![])
        };
        let ty = DataType::Struct(fields());
        let strings = StringArray::from(vec!["x", "y", "z"]).to_data();
        let parent = ArrayDataBuilder::new(ty.clone()).len(3).child_data(vec![data, strings]);
        // SAFETY: structurally valid; the child's alignment is what is under test.
        let parent = unsafe { parent.build_unchecked() };
        let imported = import_batch(FFI_ArrowArray::new(&parent), &ty, false).unwrap();
        assert_eq!(imported.copied_bytes, 24);
        assert_eq!(imported.batch.column(0).as_ref(), &Int64Array::from(vec![7, 8, 9]) as &dyn Array);
    }

    #[test]
    fn released_and_malformed_arrays_are_errors() {
        let ty = DataType::Struct(fields());
        let err = import_batch(FFI_ArrowArray::empty(), &ty, false).err().unwrap();
        assert!(err.to_string().contains("released"), "{err}");

        let wrong = DataType::Struct(Fields::from(vec![Field::new("id", DataType::Int64, false)]));
        let ids: ArrayRef = Arc::new(Int64Array::from(vec![1, 2, 3]));
        let err = import_batch(exported(ids), &wrong, false).err().unwrap();
        assert!(err.to_string().contains("children"), "{err}");
    }
}
