//! Checks of one ArrowArray node against the type it must have, before any of
//! its buffers is read: released structs, negative or overflowing lengths and
//! offsets, null counts, buffer and child counts, and null pointers where the
//! type needs something.

use arrow::datatypes::DataType;
use lance_bridge_core::Error;

use super::layout::{c_layout, CLayout};
use super::raw::RawArray;

/// What check_node established about one array node.
pub(super) struct Node {
    pub(super) offset: usize,
    pub(super) length: usize,
    /// offset + length: the slots every buffer must cover (at most isize::MAX).
    pub(super) slots: usize,
    /// The buffers and children the node has, as counted.
    pub(super) layout: CLayout,
}

/// Where a node is, for messages: "the column" for a column's root.
pub(super) fn display_path(path: &str) -> &str {
    if path.is_empty() {
        "the column"
    } else {
        path.trim_start_matches('.')
    }
}

/// Checks one node's struct against `data_type` (not its children).
///
/// # Safety
/// `raw` must be a readable ArrowArray whose non-null pointers are readable.
pub(super) unsafe fn check_node(raw: &RawArray, data_type: &DataType, path: &str) -> Result<Node, Error> {
    let bad = |msg: String| Error::invalid_data(format!("{}: {msg}", display_path(path)));
    if raw.release.is_none() {
        return Err(bad("the array was already released".into()));
    }
    let (offset, length) = check_lengths(raw).map_err(&bad)?;
    check_dictionary_pointer(raw, data_type).map_err(&bad)?;
    let layout = c_layout(data_type).map_err(|e| e.context(display_path(path)))?;
    check_counts(raw, data_type, &layout).map_err(&bad)?;
    // SAFETY: per this function's contract; check_counts matched n_buffers and
    // n_children to the layout.
    unsafe { check_pointers(raw, &layout) }.map_err(&bad)?;
    Ok(Node { offset, length, slots: offset + length, layout })
}

/// The offset and length, not negative and adding up to at most isize::MAX,
/// and a null count of -1 (unknown) or 0 up to the length.
fn check_lengths(raw: &RawArray) -> Result<(usize, usize), String> {
    if raw.length < 0 || raw.offset < 0 || raw.null_count < -1 {
        return Err(format!(
            "negative length ({}), offset ({}) or null count ({})",
            raw.length, raw.offset, raw.null_count
        ));
    }
    let fits = raw.length.checked_add(raw.offset).is_some_and(|slots| (slots as u64) <= isize::MAX as u64);
    if !fits {
        return Err(format!("length ({}) + offset ({}) overflows", raw.length, raw.offset));
    }
    if raw.null_count > raw.length {
        return Err(format!("null count {} exceeds the length {}", raw.null_count, raw.length));
    }
    Ok((raw.offset as usize, raw.length as usize))
}

/// A dictionary pointer where the type is a dictionary, and only there.
fn check_dictionary_pointer(raw: &RawArray, data_type: &DataType) -> Result<(), String> {
    let is_dictionary = matches!(data_type, DataType::Dictionary(_, _));
    if is_dictionary && raw.dictionary.is_null() {
        return Err(format!("a {data_type} array without its dictionary"));
    }
    if !is_dictionary && !raw.dictionary.is_null() {
        return Err(format!("a dictionary, but the type {data_type} has none"));
    }
    Ok(())
}

/// As many buffers and children as the type has.
fn check_counts(raw: &RawArray, data_type: &DataType, layout: &CLayout) -> Result<(), String> {
    let buffers = layout.c_buffers() as i64;
    if layout.variadic && raw.n_buffers < buffers {
        return Err(format!("{} buffers for type {data_type}, expected at least {buffers}", raw.n_buffers));
    }
    if !layout.variadic && raw.n_buffers != buffers {
        return Err(format!("{} buffers for type {data_type}, expected {buffers}", raw.n_buffers));
    }
    let children = layout.children as i64;
    if raw.n_children != children {
        return Err(format!("{} children for type {data_type}, expected {children}", raw.n_children));
    }
    Ok(())
}

/// Non-null buffer and children arrays where there are any, a validity buffer
/// where nulls are claimed, and no null child.
///
/// # Safety
/// As check_node, and n_buffers and n_children are those of `layout`.
unsafe fn check_pointers(raw: &RawArray, layout: &CLayout) -> Result<(), String> {
    if raw.n_buffers > 0 && raw.buffers.is_null() {
        return Err("the buffers pointer is null".into());
    }
    if layout.children > 0 && raw.children.is_null() {
        return Err("the children pointer is null".into());
    }
    // SAFETY: with a validity buffer, `buffers` is non-null and holds n_buffers (>= 1) entries.
    if layout.validity && raw.null_count > 0 && unsafe { *raw.buffers }.is_null() {
        return Err(format!("{} nulls but no validity buffer", raw.null_count));
    }
    for i in 0..layout.children {
        // SAFETY: `children` is non-null and holds n_children entries.
        if unsafe { *raw.children.add(i) }.is_null() {
            return Err(format!("child {i} is a null pointer"));
        }
    }
    Ok(())
}

/// The number of nulls a node's validity buffer marks (0 without one).
///
/// # Safety
/// `raw` was checked by check_node (giving `node`).
pub(super) unsafe fn nulls_in(raw: &RawArray, node: &Node) -> Result<usize, Error> {
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
