//! A node check_node accepted (`CheckedNode`), and wrapping its buffers as
//! arrow-rs `Buffer`s without copying: each sized from the type's layout and
//! the node's slots in checked arithmetic, kept alive by the column's
//! ArrowArray (`Owner`, released when the last of them is dropped). Nothing
//! here reads a value, offsets excepted (the first and last, unaligned).

use std::ffi::c_void;
use std::ptr::NonNull;
use std::sync::Arc;

use arrow::array::{ArrayData, BufferSpec};
use arrow::buffer::Buffer;
use arrow::datatypes::{ArrowNativeType, DataType};
use arrow::ffi::FFI_ArrowArray;
use lance_bridge_core::Error;

use super::check_array::{display_path, Node};
use super::layout::has_offsets_buffer;
use super::raw::RawArray;

/// A column's ArrowArray, released (by the producer's callback) when the last
/// buffer wrapping its memory is dropped.
pub(super) struct Owner(pub(super) FFI_ArrowArray);

impl Owner {
    pub(super) fn raw(&self) -> &RawArray {
        RawArray::of(&self.0)
    }
}

// SAFETY: the C Data Interface lets a consumer move an array between threads and
// release it from any of them; nothing here mutates it after import (arrow-rs
// makes the same promise for FFI_ArrowArray).
unsafe impl Send for Owner {}
// SAFETY: as above; shared access only reads.
unsafe impl Sync for Owner {}
impl std::panic::RefUnwindSafe for Owner {}

/// One node that check_node accepted, cut to the rows its parent refers to.
/// Made only by the (unsafe) constructor, whose contract the safe methods rely on.
pub(super) struct CheckedNode<'a> {
    raw: &'a RawArray,
    data_type: &'a DataType,
    node: Node,
    owner: &'a Arc<Owner>,
    path: &'a str,
}

impl<'a> CheckedNode<'a> {
    /// Keeps the first `needed` of the node's rows: a child may be longer than
    /// its parent needs, and rows nobody refers to are neither read nor validated.
    ///
    /// # Safety
    /// `raw` is a readable ArrowArray owned (directly or as a descendant) by
    /// `owner`, and check_node accepted it as `data_type`, giving `node`.
    pub(super) unsafe fn new(
        raw: &'a RawArray,
        data_type: &'a DataType,
        mut node: Node,
        needed: usize,
        owner: &'a Arc<Owner>,
        path: &'a str,
    ) -> Result<Self, Error> {
        if node.length < needed {
            let message = format!("{} rows, but its parent refers to {needed}", node.length);
            return Err(Error::invalid_data(format!("{}: {message}", display_path(path))));
        }
        node.length = needed;
        node.slots = node.offset + needed;
        Ok(Self { raw, data_type, node, owner, path })
    }

    pub(super) fn data_type(&self) -> &'a DataType {
        self.data_type
    }

    pub(super) fn path(&self) -> &'a str {
        self.path
    }

    pub(super) fn owner(&self) -> &'a Arc<Owner> {
        self.owner
    }

    /// The rows kept, and the offset of the first.
    pub(super) fn rows(&self) -> (usize, usize) {
        (self.node.length, self.node.offset)
    }

    /// The dictionary's ArrowArray, for a dictionary type.
    pub(super) fn dictionary(&self) -> Option<&'a RawArray> {
        // SAFETY: check_node verified the dictionary pointer is non-null for a
        // dictionary type, and null for any other; a dictionary of a readable
        // ArrowArray is readable (the constructor's contract).
        unsafe { self.raw.dictionary.as_ref() }
    }

    /// Child `i`'s ArrowArray.
    pub(super) fn child(&self, i: usize) -> &'a RawArray {
        assert!(i < self.node.layout.children, "child {i} of {}", self.node.layout.children);
        // SAFETY: check_node verified `children` holds this many non-null
        // pointers; a child of a readable ArrowArray is readable (the
        // constructor's contract).
        unsafe { &**self.raw.children.add(i) }
    }

    fn bad(&self, msg: String) -> Error {
        Error::invalid_data(format!("{}: {msg}", display_path(self.path)))
    }

    /// The producer's null count against the validity bits of `data`, the node
    /// as built. The count covers all its rows: comparable only when all were kept.
    pub(super) fn check_null_count(&self, data: &ArrayData) -> Result<(), Error> {
        let raw = self.raw;
        let all_rows = self.node.length as i64 == raw.length;
        if self.node.layout.validity && raw.null_count > 0 && all_rows && data.null_count() as i64 != raw.null_count {
            return Err(self.bad(format!(
                "null count says {} but the validity buffer has {} nulls",
                raw.null_count,
                data.null_count()
            )));
        }
        Ok(())
    }

    /// C Data buffer `i`'s pointer.
    fn pointer(&self, i: usize) -> *const c_void {
        assert!(i < self.raw.n_buffers as usize, "buffer {i} of {}", self.raw.n_buffers);
        // SAFETY: check_node verified `buffers` is non-null and holds n_buffers
        // entries (checked readable by the constructor's contract); i is below.
        unsafe { *self.raw.buffers.add(i) }
    }

    /// Wraps the first `bytes` bytes of C Data buffer `i` (`what` names it in errors).
    fn wrap(&self, i: usize, bytes: usize, what: &str) -> Result<Buffer, Error> {
        // SAFETY: the producer's buffer i holds at least `bytes` bytes (the C
        // Data Interface's contract for an array of this type and length), and
        // `owner` owns it (the constructor's contract).
        unsafe { wrap_buffer(self.pointer(i), bytes, self.owner) }
            .map_err(|e| self.bad(format!("the {what} buffer {e}")))
    }

    /// `n` bytes, if it did not overflow and fits a Rust allocation.
    fn checked_size(&self, n: Option<usize>) -> Result<usize, Error> {
        n.filter(|b| *b <= isize::MAX as usize)
            .ok_or_else(|| self.bad(format!("buffer sizes overflow for {} slots", self.node.slots)))
    }

    /// The validity bitmap, when there is one and nulls are claimed (or may be: -1).
    pub(super) fn wrap_validity(&self) -> Result<Option<Buffer>, Error> {
        if !self.node.layout.validity || self.raw.null_count == 0 || self.pointer(0).is_null() {
            return Ok(None);
        }
        Ok(Some(self.wrap(0, self.node.slots.div_ceil(8), "validity")?))
    }

    /// Wraps the buffers arrow-rs keeps (validity excluded), in the layout's
    /// order, and for views their data buffers after. Returns them and the rows
    /// of the children the node refers to.
    pub(super) fn wrap_buffers(&self) -> Result<(Vec<Buffer>, usize), Error> {
        let layout = &self.node.layout;
        let first = usize::from(layout.validity);
        let mut buffers = Vec::with_capacity(layout.buffers.len());
        // Rows of the children: a struct's own slots unless offsets say otherwise.
        let mut child_rows = self.node.slots;
        // Bytes of values the offsets reach.
        let mut values_end = 0;
        for (i, spec) in layout.buffers.iter().enumerate() {
            let index = first + i;
            let buffer = match spec {
                BufferSpec::FixedWidth { byte_width, .. } if i == 0 && has_offsets_buffer(self.data_type) => {
                    let (offsets, end) = self.wrap_offsets(index, *byte_width)?;
                    (child_rows, values_end) = (end, end);
                    offsets
                }
                BufferSpec::FixedWidth { byte_width, .. } => {
                    let bytes = self.checked_size(self.node.slots.checked_mul(*byte_width))?;
                    self.wrap(index, bytes, self.fixed_width_role())?
                }
                BufferSpec::BitMap => self.wrap(index, self.node.slots.div_ceil(8), "values")?,
                BufferSpec::VariableWidth => self.wrap(index, values_end, "values")?,
                // layout() gives no type the bridge imports such a buffer.
                BufferSpec::AlwaysNull => {
                    return Err(self.bad(format!("buffer {index} of {} has no layout", self.data_type)));
                }
            };
            buffers.push(buffer);
        }
        if layout.variadic {
            self.wrap_view_data(first + layout.buffers.len(), &mut buffers)?;
        }
        if let DataType::FixedSizeList(_, size) = self.data_type {
            let size =
                usize::try_from(*size).map_err(|_| self.bad(format!("fixed size list of negative size {size}")))?;
            child_rows = self.checked_size(self.node.slots.checked_mul(size))?;
        }
        Ok((buffers, child_rows))
    }

    /// What a fixed-width buffer that is not offsets holds, for messages.
    fn fixed_width_role(&self) -> &'static str {
        match self.data_type {
            DataType::Dictionary(_, _) => "indices",
            DataType::Utf8View | DataType::BinaryView => "views",
            _ => "values",
        }
    }

    /// The offsets in C Data buffer `index`, `byte_width` bytes each; and the last.
    fn wrap_offsets(&self, index: usize, byte_width: usize) -> Result<(Buffer, usize), Error> {
        let pointer = self.pointer(index);
        // SAFETY: an offsets buffer of a node of this type holds slots + 1
        // values of its width (the C Data Interface's contract), owned by `owner`.
        let wrapped = unsafe {
            match byte_width {
                4 => offsets_buffer::<i32>(pointer, &self.node, self.owner),
                8 => offsets_buffer::<i64>(pointer, &self.node, self.owner),
                other => Err(format!("offsets of {other} bytes")),
            }
        };
        wrapped.map_err(|e| self.bad(e))
    }

    /// A view array's data buffers, from C Data buffer `first` on, sized by the
    /// last buffer (int64 each): the layout exception of `super::layout`.
    fn wrap_view_data(&self, first: usize, buffers: &mut Vec<Buffer>) -> Result<(), Error> {
        let n_buffers = self.raw.n_buffers as usize;
        // check_node verified n_buffers >= first + 1 (the sizes buffer).
        let data_buffers = n_buffers - first - 1;
        let sizes = self.pointer(n_buffers - 1) as *const i64;
        if data_buffers > 0 && sizes.is_null() {
            return Err(self.bad("the view data buffers' sizes are a null pointer".into()));
        }
        for i in 0..data_buffers {
            // SAFETY: the sizes buffer holds one int64 per data buffer; read unaligned.
            let size = unsafe { sizes.add(i).read_unaligned() };
            let size = usize::try_from(size)
                .ok()
                .filter(|s| *s <= isize::MAX as usize)
                .ok_or_else(|| self.bad(format!("view data buffer {i} has size {size}")))?;
            buffers.push(self.wrap(first + i, size, "view data")?);
        }
        Ok(())
    }
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
/// A non-null `pointer` must hold `node.slots + 1` values of `T` while `owner` lives.
unsafe fn offsets_buffer<T>(pointer: *const c_void, node: &Node, owner: &Arc<Owner>) -> Result<(Buffer, usize), String>
where
    T: Copy + Into<i64> + ArrowNativeType,
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
