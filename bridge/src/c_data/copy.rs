//! Copy mode, and counting the bytes that crossed the boundary by copy.

use arrow::array::{ArrayData, ArrayDataBuilder, MutableArrayData};
use arrow::buffer::{BooleanBuffer, Buffer, NullBuffer};

/// Address and length of every buffer (validity included), depth first.
pub(super) fn buffer_spans(data: &ArrayData) -> Vec<(usize, usize)> {
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

/// The bytes of every buffer of `data` (validity included).
pub(super) fn total_bytes(data: &ArrayData) -> u64 {
    buffer_spans(data).iter().map(|s| s.1 as u64).sum()
}

/// Copies the array into Rust-owned, 64-byte aligned memory: each buffer once,
/// or, for a slice (an offset anywhere in it), just the rows in use.
pub(super) fn deep_copy(data: &ArrayData) -> ArrayData {
    if is_sliced(data) {
        // A slice's buffers may be far larger than its rows: copy the rows.
        let mut copy = MutableArrayData::new(vec![data], false, data.len());
        copy.extend(0, 0, data.len());
        return copy.freeze();
    }
    let buffers = data.buffers().iter().map(|b| Buffer::from_slice_ref(b.as_slice())).collect();
    let nulls = data.nulls().map(|n| {
        let bits = n.inner();
        let copied = BooleanBuffer::new(Buffer::from_slice_ref(bits.inner().as_slice()), bits.offset(), bits.len());
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

/// Whether the array or any descendant has an offset.
fn is_sliced(data: &ArrayData) -> bool {
    data.offset() != 0 || data.child_data().iter().any(is_sliced)
}
