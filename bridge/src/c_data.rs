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

use std::ffi::c_void;
use std::ptr::NonNull;
use std::sync::Arc;

use arrow::array::{make_array, ArrayData, ArrayDataBuilder, MutableArrayData, RecordBatch, RecordBatchOptions};
use arrow::buffer::{Buffer, NullBuffer};
use arrow::datatypes::{DataType, FieldRef, Fields, IntervalUnit, Schema};
use arrow::ffi::{FFI_ArrowArray, FFI_ArrowSchema};
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

/// Nesting deeper than this is refused: a hostile schema must not exhaust the stack.
const MAX_NESTING: usize = 64;
/// layout_of's buffer count for view arrays, whose count varies (at least 3).
const VIEW_BUFFERS: i64 = -3;
/// Metadata entries one schema node may have.
const MAX_METADATA_ENTRIES: i32 = 1 << 20;

/// Reads a schema the caller keeps ownership of.
///
/// # Safety
/// `schema` must be null or point to a readable `struct ArrowSchema`.
pub unsafe fn schema_from_borrowed(schema: *const FFI_ArrowSchema) -> Result<Schema, Error> {
    if schema.is_null() {
        return Err(Error::invalid_argument("the schema pointer is null"));
    }
    // SAFETY: non-null and, per the caller's contract, a readable ArrowSchema.
    unsafe { check_raw_schema(&*(schema as *const RawSchema), "schema", 0)? };
    // SAFETY: the struct and its children were checked just above.
    let schema = unsafe { &*schema };
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
    unsafe { check_raw_schema(&*(&owned as *const FFI_ArrowSchema as *const RawSchema), "schema", 0)? };
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
    // SAFETY: FFI_ArrowArray is #[repr(C)] with the spec's layout, as is RawArray.
    let raw = unsafe { &*(&array as *const FFI_ArrowArray as *const RawArray) };
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
    let before = buffer_spans(&data);
    let data = aligned(data);
    let mut copied_bytes: u64 = before
        .iter()
        .zip(buffer_spans(&data))
        .filter(|(old, new)| old.0 != new.0)
        .map(|(old, _)| old.1 as u64)
        .sum();
    data.validate_full().map_err(|e| Error::invalid_data(format!("invalid array: {e}")))?;
    let mut data = without_nested_offsets(data);
    if offset != 0 || data.len() != length {
        // Through the array, not ArrayData::slice: that one slices a struct's
        // children *and* moves its offset, which StructArray then applies again.
        data = make_array(data).slice(offset, length).to_data();
    }
    let storable = storable_type(data_type);
    if storable != *data_type {
        // Views may share bytes (many views of one string): what they expand to
        // is checked before arrow reserves it, which it would do unchecked.
        check_view_expansion(&data)?;
        // Views become plain strings or binaries: new buffers, counted as copied.
        let producers: std::collections::HashSet<usize> = buffer_spans(&data).iter().map(|s| s.0).collect();
        data = arrow::compute::cast(&make_array(data), &storable)
            .map_err(|e| Error::invalid_data(format!("cannot convert {data_type} to {storable}: {e}")))?
            .to_data();
        copied_bytes += buffer_spans(&data)
            .iter()
            .filter(|span| !producers.contains(&span.0))
            .map(|span| span.1 as u64)
            .sum::<u64>();
    }
    if copy {
        // Dropping the imported data right after the copy runs the producer's release.
        let copied = deep_copy(&data);
        copied_bytes = buffer_spans(&copied).iter().map(|s| s.1 as u64).sum();
        data = copied;
    }
    Ok((data, copied_bytes))
}

/// Refuses view arrays whose strings would not fit a utf8 or binary array (2 GiB
/// of bytes per batch column) once expanded.
fn check_view_expansion(data: &ArrayData) -> Result<(), Error> {
    if matches!(data.data_type(), DataType::Utf8View | DataType::BinaryView) {
        let views: &[u128] = data.buffer::<u128>(0);
        let mut total: u64 = 0;
        for (i, view) in views.iter().take(data.len()).enumerate() {
            if data.is_valid(i) {
                total += (*view as u32) as u64;
            }
        }
        if total > i32::MAX as u64 {
            return Err(Error::invalid_data(format!(
                "its views expand to {total} bytes, more than the 2 GiB a {} column holds in one batch: use smaller batches",
                storable_type(data.data_type())
            )));
        }
    }
    data.child_data().iter().try_for_each(check_view_expansion)
}

/// The type a column of `data_type` is written as, at any depth. lance has no
/// on-disk view type (it would cast views itself) and no 32- or 64-bit
/// decimals: Utf8View and BinaryView become Utf8 and Binary, Decimal32 and
/// Decimal64 become Decimal128 (same precision and scale, no loss), on import,
/// where the copy is counted.
pub fn storable_type(data_type: &DataType) -> DataType {
    use DataType::*;
    match data_type {
        Utf8View => Utf8,
        BinaryView => Binary,
        Decimal32(precision, scale) | Decimal64(precision, scale) => Decimal128(*precision, *scale),
        List(f) => List(storable_field(f)),
        LargeList(f) => LargeList(storable_field(f)),
        FixedSizeList(f, n) => FixedSizeList(storable_field(f), *n),
        Map(f, sorted) => Map(storable_field(f), *sorted),
        Struct(fields) => Struct(fields.iter().map(storable_field).collect()),
        Dictionary(key, value) => Dictionary(key.clone(), Box::new(storable_type(value))),
        other => other.clone(),
    }
}

fn storable_field(field: &FieldRef) -> FieldRef {
    Arc::new(field.as_ref().clone().with_data_type(storable_type(field.data_type())))
}

/// `schema` with every column's type as it is written (see `storable_type`).
pub fn storable_schema(schema: &Schema) -> Schema {
    Schema::new_with_metadata(schema.fields().iter().map(storable_field).collect::<Fields>(), schema.metadata().clone())
}

/// The array with every buffer aligned for its values, copying (only) those
/// that are not. Stricter than `ArrayData::align_buffers`, which accepts a
/// day-time interval at 4 bytes that arrow-rs's own kernels read as i64.
fn aligned(data: ArrayData) -> ArrayData {
    if is_aligned(&data) {
        return data;
    }
    let buffers: Vec<Buffer> = data
        .buffers()
        .iter()
        .enumerate()
        .map(|(i, buffer)| {
            if buffer.as_ptr().align_offset(alignment_for(value_width(data.data_type(), i))) == 0 {
                buffer.clone()
            } else {
                Buffer::from_slice_ref(buffer.as_slice())
            }
        })
        .collect();
    let children: Vec<ArrayData> = data.child_data().iter().cloned().map(aligned).collect();
    // SAFETY: the same bytes, now aligned; validated by the caller afterwards.
    unsafe { data.into_builder().buffers(buffers).child_data(children).build_unchecked() }
}

fn is_aligned(data: &ArrayData) -> bool {
    let own = data
        .buffers()
        .iter()
        .enumerate()
        .all(|(i, buffer)| buffer.as_ptr().align_offset(alignment_for(value_width(data.data_type(), i))) == 0);
    own && data.child_data().iter().all(is_aligned)
}

/// The width of the values in (non-validity) buffer `i` of `data_type`; 1 for bytes and bits.
fn value_width(data_type: &DataType, i: usize) -> usize {
    use DataType::*;
    match data_type {
        Utf8 | Binary => if i == 0 { 4 } else { 1 },
        LargeUtf8 | LargeBinary => if i == 0 { 8 } else { 1 },
        // 16-byte views, then data buffers of bytes.
        Utf8View | BinaryView => if i == 0 { 16 } else { 1 },
        List(_) | Map(_, _) => 4,
        LargeList(_) => 8,
        Dictionary(key, _) => fixed_width(key).unwrap_or(1),
        other => fixed_width(other).unwrap_or(1),
    }
}

/// The alignment values of `width` bytes need: their power-of-two width, at most 16.
fn alignment_for(width: usize) -> usize {
    let power = 1usize << width.trailing_zeros().min(4);
    power.max(1)
}

/// The same array with the offsets of its structs and fixed-size lists pushed
/// down into their children. arrow-rs's `ArrayData::slice` of a struct slices
/// its children *and* moves its offset, which `StructArray` then applies again;
/// `FixedSizeListArray` slices its child that way, so a fixed-size list of
/// structs at a non-zero offset (a sliced column from Arrow C++) would panic.
/// Slicing through the arrays instead is consistent. Validated data only.
fn without_nested_offsets(data: ArrayData) -> ArrayData {
    let is_nested = !data.child_data().is_empty();
    if !is_nested {
        return data;
    }
    let children: Vec<ArrayData> = data.child_data().iter().cloned().map(without_nested_offsets).collect();
    let (offset, len) = (data.offset(), data.len());
    let (from, count) = match data.data_type() {
        DataType::Struct(_) if offset != 0 => (offset, len),
        DataType::FixedSizeList(_, size) if offset != 0 => (offset * *size as usize, len * *size as usize),
        _ => {
            // SAFETY: the same validated data with equivalent (normalised) children.
            return unsafe { data.into_builder().child_data(children).build_unchecked() };
        }
    };
    let children = children.into_iter().map(|c| make_array(c).slice(from, count).to_data()).collect();
    let builder = ArrayDataBuilder::new(data.data_type().clone())
        .len(len)
        .nulls(data.nulls().cloned())
        .child_data(children);
    // SAFETY: the same rows as the validated `data`: each child sliced to what
    // the node refers to, the validity bits kept with their own offset.
    unsafe { builder.build_unchecked() }
}

/// A column's ArrowArray, released (by the producer's callback) when the last
/// buffer wrapping its memory is dropped.
struct Owner(FFI_ArrowArray);

impl Owner {
    fn raw(&self) -> &RawArray {
        // SAFETY: FFI_ArrowArray is #[repr(C)] with the spec's layout, as is RawArray.
        unsafe { &*(&self.0 as *const FFI_ArrowArray as *const RawArray) }
    }
}

// SAFETY: the C Data Interface lets a consumer move an array between threads and
// release it from any of them; nothing here mutates it after import (arrow-rs
// makes the same promise for FFI_ArrowArray).
unsafe impl Send for Owner {}
// SAFETY: as above; shared access only reads.
unsafe impl Sync for Owner {}
impl std::panic::RefUnwindSafe for Owner {}

/// What check_node established about one array node.
struct Node {
    offset: usize,
    length: usize,
    /// offset + length: the slots every buffer must cover.
    slots: usize,
}

/// Checks one node's struct against `data_type` (not its children).
///
/// # Safety
/// `raw` must be a readable ArrowArray whose non-null pointers are readable.
unsafe fn check_node(raw: &RawArray, data_type: &DataType, path: &str) -> Result<Node, Error> {
    let bad = |msg: String| Error::invalid_data(format!("{}: {msg}", display_path(path)));
    if raw.release.is_none() {
        return Err(bad("the array was already released".into()));
    }
    if raw.length < 0 || raw.offset < 0 || raw.null_count < -1 {
        return Err(bad(format!(
            "negative length ({}), offset ({}) or null count ({})",
            raw.length, raw.offset, raw.null_count
        )));
    }
    let slots = raw
        .length
        .checked_add(raw.offset)
        .filter(|s| (*s as u64) <= isize::MAX as u64)
        .ok_or_else(|| bad(format!("length ({}) + offset ({}) overflows", raw.length, raw.offset)))?;
    if raw.null_count > raw.length {
        return Err(bad(format!("null count {} exceeds the length {}", raw.null_count, raw.length)));
    }
    let is_dictionary = matches!(data_type, DataType::Dictionary(_, _));
    if is_dictionary && raw.dictionary.is_null() {
        return Err(bad(format!("a {data_type} array without its dictionary")));
    }
    if !is_dictionary && !raw.dictionary.is_null() {
        return Err(bad(format!("a dictionary, but the type {data_type} has none")));
    }
    let (expected_buffers, n_children) = layout_of(data_type).map_err(|e| e.context(display_path(path)))?;
    let n_buffers = if expected_buffers == VIEW_BUFFERS {
        if raw.n_buffers < 3 {
            return Err(bad(format!("{} buffers for type {data_type}, expected at least 3", raw.n_buffers)));
        }
        raw.n_buffers
    } else {
        if raw.n_buffers != expected_buffers {
            return Err(bad(format!("{} buffers for type {data_type}, expected {expected_buffers}", raw.n_buffers)));
        }
        expected_buffers
    };
    if raw.n_children != n_children {
        return Err(bad(format!("{} children for type {data_type}, expected {n_children}", raw.n_children)));
    }
    if n_buffers > 0 && raw.buffers.is_null() {
        return Err(bad("the buffers pointer is null".into()));
    }
    if n_children > 0 && raw.children.is_null() {
        return Err(bad("the children pointer is null".into()));
    }
    if has_validity(data_type) && raw.null_count > 0 {
        // SAFETY: `buffers` is non-null and holds n_buffers (>= 1) entries.
        if unsafe { *raw.buffers }.is_null() {
            return Err(bad(format!("{} nulls but no validity buffer", raw.null_count)));
        }
    }
    for i in 0..n_children as usize {
        // SAFETY: `children` is non-null and holds n_children entries.
        if unsafe { *raw.children.add(i) }.is_null() {
            return Err(bad(format!("child {i} is a null pointer")));
        }
    }
    Ok(Node { offset: raw.offset as usize, length: raw.length as usize, slots: slots as usize })
}

/// Checks and wraps one node and its children, buffers sized from the type and
/// the checked lengths, never read as values (offsets excepted, unaligned).
///
/// Only the `needed` rows its parent refers to are imported (a struct's first
/// offset + length rows, the rows a list's offsets reach): a child may be
/// longer, and rows nobody refers to are neither read nor validated.
///
/// # Safety
/// `raw` must be a readable ArrowArray owned (directly or as a descendant) by `owner`.
unsafe fn import_node(
    raw: &RawArray,
    data_type: &DataType,
    needed: usize,
    owner: &Arc<Owner>,
    path: &str,
    depth: usize,
) -> Result<ArrayData, Error> {
    if depth > MAX_NESTING {
        return Err(Error::invalid_data(format!("{}: nested deeper than {MAX_NESTING} levels", display_path(path))));
    }
    // SAFETY: per this function's contract.
    let mut node = unsafe { check_node(raw, data_type, path)? };
    let bad = |msg: String| Error::invalid_data(format!("{}: {msg}", display_path(path)));
    if node.length < needed {
        return Err(bad(format!("{} rows, but its parent refers to {needed}", node.length)));
    }
    node.length = needed;
    node.slots = node.offset + needed;
    // SAFETY: check_node verified `buffers` holds n_buffers entries.
    let pointer = |i: usize| unsafe { *raw.buffers.add(i) };
    let wrap = |i: usize, bytes: usize, what: &str| -> Result<Buffer, Error> {
        // SAFETY: the producer's buffer i holds at least `bytes` bytes (the
        // C Data Interface's contract for an array of this type and length).
        unsafe { wrap_buffer(pointer(i), bytes, owner) }.map_err(|e| bad(format!("the {what} buffer {e}")))
    };
    let checked = |n: Option<usize>| {
        n.filter(|b| *b <= isize::MAX as usize)
            .ok_or_else(|| bad(format!("buffer sizes overflow for {} slots", node.slots)))
    };
    let bits = node.slots.div_ceil(8);

    let mut buffers = Vec::new();
    // Rows of the children the node refers to.
    let mut child_rows = node.slots;
    use DataType::*;
    match data_type {
        Null => {}
        Boolean => buffers.push(wrap(1, bits, "values")?),
        Utf8 | Binary | List(_) => {
            let (offsets, end) = unsafe { offsets_buffer::<i32>(pointer(1), &node, owner) }.map_err(&bad)?;
            buffers.push(offsets);
            child_rows = end;
            if !matches!(data_type, List(_)) {
                buffers.push(wrap(2, end, "values")?);
            }
        }
        LargeUtf8 | LargeBinary | LargeList(_) => {
            let (offsets, end) = unsafe { offsets_buffer::<i64>(pointer(1), &node, owner) }.map_err(&bad)?;
            buffers.push(offsets);
            child_rows = end;
            if !matches!(data_type, LargeList(_)) {
                buffers.push(wrap(2, end, "values")?);
            }
        }
        Map(_, _) => {
            let (offsets, end) = unsafe { offsets_buffer::<i32>(pointer(1), &node, owner) }.map_err(&bad)?;
            buffers.push(offsets);
            child_rows = end;
        }
        FixedSizeList(_, size) => {
            let size = usize::try_from(*size).map_err(|_| bad(format!("fixed size list of negative size {size}")))?;
            child_rows = checked(node.slots.checked_mul(size))?;
        }
        Struct(_) => {}
        Dictionary(key, _) => {
            let width = fixed_width(key).ok_or_else(|| bad(format!("dictionary keys of type {key}")))?;
            buffers.push(wrap(1, checked(node.slots.checked_mul(width))?, "indices")?);
        }
        Utf8View | BinaryView => {
            buffers.push(wrap(1, checked(node.slots.checked_mul(16))?, "views")?);
            // The last buffer holds the sizes of the data buffers between, as int64.
            let data_buffers = raw.n_buffers as usize - 3;
            let sizes = pointer(raw.n_buffers as usize - 1) as *const i64;
            if data_buffers > 0 && sizes.is_null() {
                return Err(bad("the view data buffers' sizes are a null pointer".into()));
            }
            for i in 0..data_buffers {
                // SAFETY: the sizes buffer holds one int64 per data buffer; read unaligned.
                let size = unsafe { sizes.add(i).read_unaligned() };
                let size = usize::try_from(size)
                    .ok()
                    .filter(|s| *s <= isize::MAX as usize)
                    .ok_or_else(|| bad(format!("view data buffer {i} has size {size}")))?;
                buffers.push(wrap(2 + i, size, "view data")?);
            }
        }
        other => {
            let width = fixed_width(other).ok_or_else(|| bad(format!("arrays of type {other} are not supported")))?;
            buffers.push(wrap(1, checked(node.slots.checked_mul(width))?, "values")?);
        }
    }
    let child_types: Vec<(&DataType, String)> = match data_type {
        Struct(fields) => fields.iter().map(|f| (f.data_type(), format!("{path}.{}", f.name()))).collect(),
        List(f) | LargeList(f) | FixedSizeList(f, _) | Map(f, _) => vec![(f.data_type(), format!("{path}[]"))],
        _ => Vec::new(),
    };
    let mut children = Vec::with_capacity(child_types.len() + 1);
    if let Dictionary(_, value_type) = data_type {
        // SAFETY: check_node verified the dictionary pointer is non-null; it is
        // a readable ArrowArray owned through this node.
        let dictionary = unsafe { &*raw.dictionary };
        // All of a dictionary's values can be referred to by an index: import them all.
        let values = dictionary.length.max(0) as usize;
        children.push(unsafe {
            import_node(dictionary, value_type, values, owner, &format!("{path}.dictionary"), depth + 1)?
        });
    }
    for (i, (child_type, child_path)) in child_types.into_iter().enumerate() {
        // SAFETY: check_node verified the child pointer is non-null; a child of a
        // readable ArrowArray is readable and owned through its parent.
        let child = unsafe { &**raw.children.add(i) };
        children.push(unsafe { import_node(child, child_type, child_rows, owner, &child_path, depth + 1)? });
    }
    let validity = if has_validity(data_type) && raw.null_count != 0 && !pointer(0).is_null() {
        Some(wrap(0, bits, "validity")?)
    } else {
        None
    };
    let builder = ArrayDataBuilder::new(data_type.clone())
        .len(node.length)
        .offset(node.offset)
        .buffers(buffers)
        .child_data(children)
        .null_bit_buffer(validity);
    // SAFETY: every buffer covers what the type and length need; the caller
    // aligns and fully validates the result before reading any value.
    let data = unsafe { builder.build_unchecked() };
    // The producer's count covers all its rows: comparable only when all are imported.
    if has_validity(data_type)
        && raw.null_count > 0
        && node.length as i64 == raw.length
        && data.null_count() as i64 != raw.null_count
    {
        return Err(bad(format!(
            "null count says {} but the validity buffer has {} nulls",
            raw.null_count,
            data.null_count()
        )));
    }
    Ok(data)
}

/// The number of nulls a node's validity buffer marks (0 without one).
///
/// # Safety
/// `raw` was checked by check_node (giving `node`).
unsafe fn nulls_in(raw: &RawArray, node: &Node) -> Result<usize, Error> {
    if raw.null_count == 0 || raw.n_buffers == 0 {
        return Ok(0);
    }
    // SAFETY: check_node verified `buffers` holds at least one entry.
    let validity = unsafe { *raw.buffers } as *const u8;
    if validity.is_null() {
        return Ok(0);
    }
    // SAFETY: a validity buffer holds a bit for each of the node's slots.
    let bytes = unsafe { std::slice::from_raw_parts(validity, node.slots.div_ceil(8)) };
    let valid = (node.offset..node.slots).filter(|&i| arrow::util::bit_util::get_bit(bytes, i)).count();
    Ok(node.length - valid)
}

/// Wraps `bytes` bytes at `pointer` without copying; `owner` releases them.
///
/// # Safety
/// A non-null `pointer` must be readable for `bytes` bytes while `owner` lives.
unsafe fn wrap_buffer(pointer: *const c_void, bytes: usize, owner: &Arc<Owner>) -> Result<Buffer, String> {
    match NonNull::new(pointer as *mut u8) {
        // SAFETY: per this function's contract.
        Some(p) => Ok(unsafe { Buffer::from_custom_allocation(p, bytes, owner.clone()) }),
        None if bytes == 0 => Ok(Buffer::from_vec(Vec::<u8>::new())),
        None => Err(format!("is a null pointer but must hold {bytes} bytes")),
    }
}

/// Wraps a variable-size node's offsets (`slots + 1` values of `T`) after
/// checking the first and last, read unaligned. Returns them and the last
/// offset: the size of the values (or of the child) they index.
///
/// # Safety
/// A non-null `pointer` must hold `node.slots + 1` values of `T`.
unsafe fn offsets_buffer<T>(pointer: *const c_void, node: &Node, owner: &Arc<Owner>) -> Result<(Buffer, usize), String>
where
    T: Copy + Into<i64> + arrow::datatypes::ArrowNativeType,
{
    if pointer.is_null() {
        if node.slots == 0 {
            // An empty array may leave its offsets out; one zero offset stands in.
            return Ok((Buffer::from_vec(vec![T::usize_as(0)]), 0));
        }
        return Err("the offsets buffer is null".into());
    }
    let bytes = (node.slots.checked_add(1))
        .and_then(|n| n.checked_mul(std::mem::size_of::<T>()))
        .filter(|b| *b <= isize::MAX as usize)
        .ok_or_else(|| format!("the offsets of {} slots overflow", node.slots))?;
    let offsets = pointer as *const T;
    // SAFETY: the buffer holds slots + 1 values; read_unaligned tolerates any alignment.
    let (first, last): (i64, i64) =
        unsafe { (offsets.add(node.offset).read_unaligned().into(), offsets.add(node.slots).read_unaligned().into()) };
    if first < 0 || last < first || last as u64 > isize::MAX as u64 {
        return Err(format!("offsets run from {first} to {last}"));
    }
    // SAFETY: per this function's contract.
    let buffer = unsafe { wrap_buffer(pointer, bytes, owner)? };
    Ok((buffer, last as usize))
}

/// Whether the C Data Interface gives `data_type` a validity buffer (buffer 0).
fn has_validity(data_type: &DataType) -> bool {
    !matches!(data_type, DataType::Null)
}

/// Bytes per value of a fixed-width type other than Boolean.
fn fixed_width(data_type: &DataType) -> Option<usize> {
    use DataType::*;
    Some(match data_type {
        Int8 | UInt8 => 1,
        Int16 | UInt16 | Float16 => 2,
        Int32 | UInt32 | Float32 | Date32 | Time32(_) | Decimal32(_, _) => 4,
        Int64 | UInt64 | Float64 | Date64 | Time64(_) | Timestamp(_, _) | Duration(_) | Decimal64(_, _) => 8,
        Decimal128(_, _) => 16,
        Decimal256(_, _) => 32,
        Interval(IntervalUnit::YearMonth) => 4,
        Interval(IntervalUnit::DayTime) => 8,
        Interval(IntervalUnit::MonthDayNano) => 16,
        FixedSizeBinary(n) if *n >= 0 => *n as usize,
        _ => return None,
    })
}

fn display_path(path: &str) -> &str {
    if path.is_empty() {
        "the column"
    } else {
        path.trim_start_matches('.')
    }
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

/// Copies the array into Rust-owned, 64-byte aligned memory: each buffer once,
/// or, for a slice (an offset anywhere in it), just the rows in use.
fn deep_copy(data: &ArrayData) -> ArrayData {
    if has_offsets(data) {
        // A slice's buffers may be far larger than its rows: copy the rows.
        let mut copy = MutableArrayData::new(vec![data], false, data.len());
        copy.extend(0, 0, data.len());
        return copy.freeze();
    }
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

fn has_offsets(data: &ArrayData) -> bool {
    data.offset() != 0 || data.child_data().iter().any(has_offsets)
}

/// Buffers (validity included) and children the C Data Interface gives `data_type`.
fn layout_of(data_type: &DataType) -> Result<(i64, i64), Error> {
    use DataType::*;
    Ok(match data_type {
        Null => (0, 0),
        Utf8 | LargeUtf8 | Binary | LargeBinary => (3, 0),
        List(_) | LargeList(_) | Map(_, _) => (2, 1),
        FixedSizeList(_, _) => (1, 1),
        Struct(fields) => (1, fields.len() as i64),
        // Validity and indices; the values hang off `dictionary`, not the children.
        Dictionary(key, _) if key.is_dictionary_key_type() => (2, 0),
        // Validity, views, any number of data buffers, then their sizes: at least 3.
        Utf8View | BinaryView => (VIEW_BUFFERS, 0),
        other if *other == Boolean || fixed_width(other).is_some() => (2, 0),
        other => {
            return Err(Error::new(
                ErrorKind::InvalidData,
                format!("arrays of type {other} are not supported by lance-bridge"),
            ))
        }
    })
}

#[cfg(test)]
pub(crate) fn layout_for_tests(data_type: &DataType) -> Option<(i64, i64)> {
    layout_of(data_type).ok()
}

/// # Safety
/// `raw` must be a readable ArrowSchema whose non-null pointers are readable.
unsafe fn check_raw_schema(raw: &RawSchema, path: &str, depth: usize) -> Result<(), Error> {
    let bad = |msg: &str| Error::invalid_data(format!("{path}: {msg}"));
    if depth > MAX_NESTING {
        return Err(bad(&format!("nested deeper than {MAX_NESTING} levels")));
    }
    if raw.release.is_none() {
        return Err(bad("the schema was already released"));
    }
    if raw.format.is_null() {
        return Err(bad("the format string is null"));
    }
    // arrow-rs panics on a format or name that is not UTF-8.
    // SAFETY: a non-null format or name of a readable ArrowSchema is a C string.
    if unsafe { std::ffi::CStr::from_ptr(raw.format) }.to_str().is_err() {
        return Err(bad("the format string is not UTF-8"));
    }
    if !raw.name.is_null() && unsafe { std::ffi::CStr::from_ptr(raw.name) }.to_str().is_err() {
        return Err(bad("the name is not UTF-8"));
    }
    if !raw.metadata.is_null() {
        // arrow-rs reserves room for as many entries as the first four bytes say
        // before reading any: an absurd count would abort the process.
        // SAFETY: metadata starts with an int32 entry count.
        let entries = unsafe { (raw.metadata as *const i32).read_unaligned() };
        if !(0..=MAX_METADATA_ENTRIES).contains(&entries) {
            return Err(bad(&format!("the metadata claims {entries} entries")));
        }
    }
    if raw.n_children < 0 || (raw.n_children > 0 && raw.children.is_null()) {
        return Err(bad("bad children"));
    }
    // arrow-rs reads a nested type's children without checking there are any.
    // SAFETY: checked UTF-8 above.
    let format = unsafe { std::ffi::CStr::from_ptr(raw.format) }.to_str().unwrap_or_default();
    let children_needed = match format {
        "+l" | "+L" | "+vl" | "+vL" | "+m" => Some(1),
        f if f.starts_with("+w:") => Some(1),
        "+r" => Some(2),
        _ => None,
    };
    if children_needed.is_some_and(|n| n != raw.n_children) {
        return Err(bad(&format!("format '{format}' needs {} child(ren), has {}", children_needed.unwrap_or(0), raw.n_children)));
    }
    for i in 0..raw.n_children as usize {
        // SAFETY: `children` is non-null and holds n_children entries.
        let child = unsafe { *raw.children.add(i) };
        if child.is_null() {
            return Err(bad("a child schema pointer is null"));
        }
        // SAFETY: a non-null child of a valid ArrowSchema is a readable ArrowSchema.
        unsafe { check_raw_schema(&*child, &format!("{path}.{i}"), depth + 1)? };
    }
    if !raw.dictionary.is_null() {
        // SAFETY: non-null dictionary of a valid ArrowSchema.
        unsafe { check_raw_schema(&*raw.dictionary, &format!("{path}.dictionary"), depth + 1)? };
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use arrow::array::{Array, ArrayRef, Int64Array, StringArray, StructArray};
    use arrow::buffer::{Buffer, NullBuffer};
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
    fn top_level_nulls_are_refused_whatever_the_null_count_says() {
        let ty = DataType::Struct(fields());
        let ids: ArrayRef = Arc::new(Int64Array::from(vec![1, 2, 3]));
        let strings: ArrayRef = Arc::new(StringArray::from(vec!["a", "b", "c"]));
        let nulls = NullBuffer::from(vec![true, false, true]);
        let array = StructArray::new(fields(), vec![ids, strings], Some(nulls));
        let exported = FFI_ArrowArray::new(&array.to_data());
        // arrow-rs says 1; a producer may say -1 ("not computed"): both are counted.
        for null_count in [1i64, -1] {
            let mut copy = FFI_ArrowArray::new(&array.to_data());
            // SAFETY: RawArray is FFI_ArrowArray's layout; only the count changes.
            unsafe { (*(&mut copy as *mut FFI_ArrowArray as *mut RawArray)).null_count = null_count };
            let err = import_batch(copy, &ty, false).err().unwrap();
            assert!(err.to_string().contains("top-level nulls"), "{err}");
        }
        drop(exported);
    }

    #[test]
    fn views_that_expand_past_2_gib_are_refused_not_reserved() {
        // 40,000 views of the same 64 KiB string: legal, 2.6 GB once expanded.
        let text = vec![b'a'; 65536];
        let view: u128 = 65536u128 | (u128::from(u32::from_le_bytes([b'a'; 4])) << 32);
        let views = Buffer::from_vec(vec![view; 40_000]);
        let field = Field::new("v", DataType::Utf8View, false);
        // SAFETY: every view points inside the one data buffer and is valid UTF-8.
        let column = unsafe {
            ArrayData::new_unchecked(DataType::Utf8View, 40_000, Some(0), None, 0, vec![views, Buffer::from_vec(text)], vec![])
        };
        let ty = DataType::Struct(Fields::from(vec![field.clone()]));
        let batch = ArrayDataBuilder::new(ty.clone()).len(40_000).child_data(vec![column]);
        // SAFETY: a struct of one valid child of the same length.
        let batch = unsafe { batch.build_unchecked() };
        let err = import_batch(FFI_ArrowArray::new(&batch), &ty, false).err().unwrap();
        assert!(err.to_string().contains("use smaller batches"), "{err}");
    }

    #[test]
    fn length_plus_offset_overflow_is_refused_before_any_read() {
        let ty = DataType::Struct(fields());
        let ids: ArrayRef = Arc::new(Int64Array::from(vec![1, 2, 3]));
        let mut array = exported(ids);
        // SAFETY: RawArray is FFI_ArrowArray's layout.
        let raw = unsafe { &mut *(&mut array as *mut FFI_ArrowArray as *mut RawArray) };
        raw.offset = 1;
        raw.length = i64::MAX;
        let err = import_batch(array, &ty, false).err().unwrap();
        assert!(err.to_string().contains("overflows"), "{err}");
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
