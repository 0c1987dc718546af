//! Making an imported array safe for arrow-rs to read and slice: every buffer
//! aligned for its values, and the offsets of structs and fixed-size lists
//! pushed down into their children.

use arrow::array::{make_array, ArrayData, ArrayDataBuilder};
use arrow::buffer::Buffer;
use arrow::datatypes::DataType;

use super::copy::buffer_spans;
use super::layout::value_width;

/// The array with every buffer aligned for its values (see `is_aligned`),
/// copying only those that are not; and the bytes copied.
pub(super) fn align_buffers(data: ArrayData) -> (ArrayData, u64) {
    let before = buffer_spans(&data);
    let data = aligned(data);
    let copied: u64 = before
        .iter()
        .zip(buffer_spans(&data))
        .filter(|(old, new)| old.0 != new.0)
        .map(|(old, _)| old.1 as u64)
        .sum();
    (data, copied)
}

fn aligned(data: ArrayData) -> ArrayData {
    if is_aligned(&data) {
        return data;
    }
    let buffers: Vec<Buffer> = data
        .buffers()
        .iter()
        .enumerate()
        .map(|(i, buffer)| {
            if buffer_is_aligned(data.data_type(), i, buffer) {
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
    let own = data.buffers().iter().enumerate().all(|(i, buffer)| buffer_is_aligned(data.data_type(), i, buffer));
    own && data.child_data().iter().all(is_aligned)
}

/// Whether buffer `i` of an array of `data_type` is aligned for its values:
/// to their power-of-two width, at most 16 (`alignment_for`).
///
/// Not `layout`'s alignment, Rust's for the value type: that is 4 for a
/// day-time interval, which arrow-rs's own kernels read as i64, and it is
/// what `ArrayData::align_buffers` uses.
fn buffer_is_aligned(data_type: &DataType, i: usize, buffer: &Buffer) -> bool {
    buffer.as_ptr().align_offset(alignment_for(value_width(data_type, i))) == 0
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
pub(super) fn without_nested_offsets(data: ArrayData) -> ArrayData {
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
