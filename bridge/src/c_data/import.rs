//! Importing one column's ArrowArray tree: each node checked, then its
//! buffers wrapped, then its dictionary and children imported, one level
//! deeper, each cut to the rows its parent refers to.

use std::sync::Arc;

use arrow::array::{ArrayData, ArrayDataBuilder};
use arrow::datatypes::DataType;
use lance_bridge_core::Error;

use super::check_array::{check_node, display_path};
use super::raw::RawArray;
use super::wrap::{CheckedNode, Owner};
use super::MAX_NESTING;

/// Checks and wraps one node and its children, buffers sized from the type and
/// the checked lengths, never read as values (offsets excepted, unaligned).
///
/// Only the `needed` rows its parent refers to are imported (a struct's first
/// offset + length rows, the rows a list's offsets reach): a child may be
/// longer, and rows nobody refers to are neither read nor validated.
///
/// # Safety
/// `raw` must be a readable ArrowArray owned (directly or as a descendant) by `owner`.
pub(super) unsafe fn import_node(
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
    let node = unsafe { check_node(raw, data_type, path)? };
    // SAFETY: per this function's contract, and check_node accepted `raw` as `data_type`.
    let checked = unsafe { CheckedNode::new(raw, data_type, node, needed, owner, path)? };
    let (buffers, child_rows) = checked.wrap_buffers()?;
    let children = import_children(&checked, child_rows, depth)?;
    let validity = checked.wrap_validity()?;
    let (length, offset) = checked.rows();
    let builder = ArrayDataBuilder::new(data_type.clone())
        .len(length)
        .offset(offset)
        .buffers(buffers)
        .child_data(children)
        .null_bit_buffer(validity);
    // SAFETY: every buffer covers what the type and length need; the caller
    // aligns and fully validates the result before reading any value.
    let data = unsafe { builder.build_unchecked() };
    checked.check_null_count(&data)?;
    Ok(data)
}

/// Imports a node's dictionary values (arrow-rs's first child of a dictionary
/// array), then its children, `child_rows` rows of each.
fn import_children(checked: &CheckedNode, child_rows: usize, depth: usize) -> Result<Vec<ArrayData>, Error> {
    let typed_children = child_types(checked.data_type(), checked.path());
    let mut children = Vec::with_capacity(typed_children.len() + 1);
    if let (DataType::Dictionary(_, value_type), Some(dictionary)) = (checked.data_type(), checked.dictionary()) {
        // All of a dictionary's values can be referred to by an index: import them all.
        let values = dictionary.length.max(0) as usize;
        let path = format!("{}.dictionary", checked.path());
        // SAFETY: the dictionary of a checked node is a readable ArrowArray owned through it.
        children.push(unsafe { import_node(dictionary, value_type, values, checked.owner(), &path, depth + 1)? });
    }
    for (i, (child_type, child_path)) in typed_children.into_iter().enumerate() {
        let child = checked.child(i);
        // SAFETY: a child of a checked node is a readable ArrowArray owned through it.
        children.push(unsafe { import_node(child, child_type, child_rows, checked.owner(), &child_path, depth + 1)? });
    }
    Ok(children)
}

/// The types of a node's children (its dictionary aside) and their paths.
fn child_types<'a>(data_type: &'a DataType, path: &str) -> Vec<(&'a DataType, String)> {
    use DataType::*;
    match data_type {
        Struct(fields) => fields.iter().map(|f| (f.data_type(), format!("{path}.{}", f.name()))).collect(),
        List(f) | LargeList(f) | FixedSizeList(f, _) | Map(f, _) => vec![(f.data_type(), format!("{path}[]"))],
        _ => Vec::new(),
    }
}
