//! Which types the bridge imports, and the buffers and children the C Data
//! Interface gives an array of each.
//!
//! Buffer counts and value widths are arrow-rs's [`layout`]: the C Data
//! Interface puts the validity bitmap first (for every type that can have one,
//! whether or not the array has nulls), then exactly the buffers `layout` lists,
//! in its order. A dictionary array is laid out as its keys, as `layout` says.
//!
//! The one exception: a variadic type (Utf8View, BinaryView) ends with a buffer
//! `layout` does not list, the int64 sizes of its data buffers (arrow-rs keeps
//! them in its `Buffer`s; the C Data Interface has nowhere else to put them).
//! Validity, views and sizes make 3, and each data buffer between views and
//! sizes adds one: for those types the count is a minimum.
//!
//! Children are no part of `layout`: a struct has one per field, the lists and
//! map one, everything else none. A dictionary's values hang off the
//! ArrowArray's `dictionary` pointer, not its children (arrow-rs makes them
//! its one child).

use arrow::array::{layout, BufferSpec};
use arrow::datatypes::DataType;
use lance_bridge_core::{Error, ErrorKind};

/// What the C Data Interface gives one array node of a type the bridge imports.
pub(super) struct CLayout {
    /// Whether buffer 0 is a validity bitmap: every imported type but Null.
    pub(super) validity: bool,
    /// arrow-rs's buffers, validity excluded: the C Data buffers after the validity.
    pub(super) buffers: Vec<BufferSpec>,
    /// Whether data buffers, then their sizes, follow `buffers` (views).
    pub(super) variadic: bool,
    /// Child arrays (a dictionary's values are not among them).
    pub(super) children: usize,
}

impl CLayout {
    /// Buffers in the C Data Interface, validity included: exactly this many,
    /// or for a variadic type at least this many.
    pub(super) fn c_buffers(&self) -> usize {
        usize::from(self.validity) + self.buffers.len() + usize::from(self.variadic)
    }
}

/// The C Data layout of `data_type`, or InvalidData for a type the bridge does not import.
pub(super) fn c_layout(data_type: &DataType) -> Result<CLayout, Error> {
    if !is_imported(data_type) {
        return Err(Error::new(
            ErrorKind::InvalidData,
            format!("arrays of type {data_type} are not supported by lance-bridge"),
        ));
    }
    let arrow_layout = layout(data_type);
    Ok(CLayout {
        validity: arrow_layout.can_contain_null_mask,
        buffers: arrow_layout.buffers,
        variadic: arrow_layout.variadic,
        children: children_of(data_type),
    })
}

/// The types the writer handles. Not imported: list views, unions and run-end
/// encoded arrays (and dictionaries keyed by anything but an integer).
fn is_imported(data_type: &DataType) -> bool {
    use DataType::*;
    match data_type {
        Null | Boolean | Utf8 | LargeUtf8 | Binary | LargeBinary | Utf8View | BinaryView => true,
        List(_) | LargeList(_) | FixedSizeList(_, _) | Map(_, _) | Struct(_) => true,
        Dictionary(key, _) => key.is_dictionary_key_type(),
        // A negative width is refused here: arrow-rs's layout() would panic on it.
        FixedSizeBinary(width) => *width >= 0,
        // Integers, floats, decimals, dates, times, timestamps, durations, intervals.
        other => other.is_primitive(),
    }
}

fn children_of(data_type: &DataType) -> usize {
    use DataType::*;
    match data_type {
        Struct(fields) => fields.len(),
        List(_) | LargeList(_) | FixedSizeList(_, _) | Map(_, _) => 1,
        _ => 0,
    }
}

/// Whether the first buffer after the validity holds offsets (`layout` lists
/// them as fixed-width values, 4 or 8 bytes): there are slots + 1 of them, and
/// the last sizes the values buffer or the child.
pub(super) fn has_offsets_buffer(data_type: &DataType) -> bool {
    use DataType::*;
    matches!(data_type, Utf8 | LargeUtf8 | Binary | LargeBinary | List(_) | LargeList(_) | Map(_, _))
}

/// Bytes per value in buffer `i` of an arrow-rs ArrayData of `data_type`
/// (validity excluded): a fixed width's, else 1 (bits, bytes, a view's data
/// buffers past the views).
pub(super) fn value_width(data_type: &DataType, i: usize) -> usize {
    if !is_imported(data_type) {
        // Imported data never gets here; layout() must not see a negative width.
        return 1;
    }
    match layout(data_type).buffers.get(i) {
        Some(BufferSpec::FixedWidth { byte_width, .. }) => *byte_width,
        _ => 1,
    }
}

/// (C Data buffers, children) of `data_type`, or None if it is not imported;
/// a variadic type's minimum buffer count is negative.
#[cfg(test)]
pub(crate) fn layout_for_tests(data_type: &DataType) -> Option<(i64, i64)> {
    let c = c_layout(data_type).ok()?;
    let buffers = c.c_buffers() as i64;
    Some((if c.variadic { -buffers } else { buffers }, c.children as i64))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use arrow::datatypes::{DataType, Field, Fields, IntervalUnit, TimeUnit, UnionFields, UnionMode};

    use super::{layout_for_tests, value_width};

    fn item() -> Arc<Field> {
        Arc::new(Field::new("item", DataType::Int32, true))
    }

    /// The counts the hand-written table gave before they came from arrow-rs's layout().
    #[test]
    fn buffer_and_child_counts_are_the_c_data_interfaces() {
        use DataType::*;
        let entries = Fields::from(vec![Field::new("keys", Utf8, false), Field::new("values", Int64, true)]);
        let map = Map(Arc::new(Field::new("entries", Struct(entries.clone()), false)), false);
        let cases: Vec<(DataType, Option<(i64, i64)>)> = vec![
            (Null, Some((0, 0))),
            (Boolean, Some((2, 0))),
            (Int8, Some((2, 0))),
            (UInt64, Some((2, 0))),
            (Float16, Some((2, 0))),
            (Date64, Some((2, 0))),
            (Time32(TimeUnit::Millisecond), Some((2, 0))),
            (Timestamp(TimeUnit::Nanosecond, Some("UTC".into())), Some((2, 0))),
            (Duration(TimeUnit::Second), Some((2, 0))),
            (Interval(IntervalUnit::DayTime), Some((2, 0))),
            (Decimal32(9, 2), Some((2, 0))),
            (Decimal256(40, 3), Some((2, 0))),
            (FixedSizeBinary(3), Some((2, 0))),
            (FixedSizeBinary(0), Some((2, 0))),
            (FixedSizeBinary(-1), None),
            (Utf8, Some((3, 0))),
            (LargeBinary, Some((3, 0))),
            (Utf8View, Some((-3, 0))),
            (BinaryView, Some((-3, 0))),
            (List(item()), Some((2, 1))),
            (LargeList(item()), Some((2, 1))),
            (map, Some((2, 1))),
            (FixedSizeList(item(), 2), Some((1, 1))),
            (Struct(entries), Some((1, 2))),
            (Dictionary(Box::new(Int32), Box::new(Utf8)), Some((2, 0))),
            (Dictionary(Box::new(UInt8), Box::new(Utf8View)), Some((2, 0))),
            (Dictionary(Box::new(Utf8), Box::new(Utf8)), None),
            (ListView(item()), None),
            (LargeListView(item()), None),
            (Union(UnionFields::empty(), UnionMode::Sparse), None),
            (Union(UnionFields::empty(), UnionMode::Dense), None),
            (RunEndEncoded(Arc::new(Field::new("run_ends", Int32, false)), item()), None),
        ];
        for (data_type, expected) in cases {
            assert_eq!(layout_for_tests(&data_type), expected, "{data_type}");
        }
    }

    /// The widths the hand-written table gave, buffer by buffer (validity excluded).
    #[test]
    fn value_widths_are_the_buffers_values() {
        use DataType::*;
        let cases: Vec<(DataType, Vec<usize>)> = vec![
            (Boolean, vec![1]),
            (Int16, vec![2]),
            (Float32, vec![4]),
            (Interval(IntervalUnit::YearMonth), vec![4]),
            (Interval(IntervalUnit::DayTime), vec![8]),
            (Interval(IntervalUnit::MonthDayNano), vec![16]),
            (Decimal128(15, 2), vec![16]),
            (Decimal256(40, 3), vec![32]),
            (FixedSizeBinary(12), vec![12]),
            (Utf8, vec![4, 1]),
            (LargeUtf8, vec![8, 1]),
            (BinaryView, vec![16, 1, 1]),
            (List(item()), vec![4]),
            (LargeList(item()), vec![8]),
            (Dictionary(Box::new(Int16), Box::new(Utf8)), vec![2]),
            (Dictionary(Box::new(UInt64), Box::new(Int32)), vec![8]),
        ];
        for (data_type, widths) in cases {
            let got: Vec<usize> = (0..widths.len()).map(|i| value_width(&data_type, i)).collect();
            assert_eq!(got, widths, "{data_type}");
        }
    }
}
