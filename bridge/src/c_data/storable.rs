//! The types columns are written as: lance has no on-disk view type (it would
//! cast views itself) and no 32- or 64-bit decimals, so those are converted on
//! import, where the copy is counted.

use std::collections::HashSet;
use std::sync::Arc;

use arrow::array::{make_array, ArrayData};
use arrow::datatypes::{DataType, FieldRef, Fields, Schema};
use lance_bridge_core::Error;

use super::copy::buffer_spans;

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

/// A validated column of `data_type` converted to its storable type, and the
/// bytes of the new buffers the conversion made (counted as copied).
pub(super) fn to_storable(data: ArrayData, data_type: &DataType) -> Result<(ArrayData, u64), Error> {
    let storable = storable_type(data_type);
    if storable == *data_type {
        return Ok((data, 0));
    }
    // Views may share bytes (many views of one string): what they expand to
    // is checked before arrow reserves it, which it would do unchecked.
    check_view_expansion(&data)?;
    // Views become plain strings or binaries: new buffers, counted as copied.
    let producers: HashSet<usize> = buffer_spans(&data).iter().map(|s| s.0).collect();
    let data = arrow::compute::cast(&make_array(data), &storable)
        .map_err(|e| Error::invalid_data(format!("cannot convert {data_type} to {storable}: {e}")))?
        .to_data();
    let new_bytes: u64 =
        buffer_spans(&data).iter().filter(|span| !producers.contains(&span.0)).map(|span| span.1 as u64).sum();
    Ok((data, new_bytes))
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
