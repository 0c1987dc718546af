//! The C Data Interface's `struct ArrowArray` and `struct ArrowSchema`, field by
//! field, as the checks read them.
//!
//! The checks look at every field before arrow-rs does (arrow-rs's accessors
//! assert, index or dereference without asking), so they read these mirrors of
//! the spec's declarations. The assertions below fail the build if arrow-rs's
//! `FFI_ArrowArray` or `FFI_ArrowSchema` ever differs from them in size,
//! alignment or the place of a field: viewing one as the other is then sound.

use std::ffi::{c_char, c_void};
use std::mem::offset_of;

use arrow::ffi::{FFI_ArrowArray, FFI_ArrowSchema};

/// `struct ArrowArray`.
#[repr(C)]
pub(super) struct RawArray {
    pub(super) length: i64,
    pub(super) null_count: i64,
    pub(super) offset: i64,
    pub(super) n_buffers: i64,
    pub(super) n_children: i64,
    pub(super) buffers: *const *const c_void,
    pub(super) children: *const *const RawArray,
    pub(super) dictionary: *const RawArray,
    pub(super) release: Option<unsafe extern "C" fn(*mut RawArray)>,
    pub(super) private_data: *mut c_void,
}

/// `struct ArrowSchema`.
#[repr(C)]
pub(super) struct RawSchema {
    pub(super) format: *const c_char,
    pub(super) name: *const c_char,
    pub(super) metadata: *const c_char,
    pub(super) flags: i64,
    pub(super) n_children: i64,
    pub(super) children: *const *const RawSchema,
    pub(super) dictionary: *const RawSchema,
    pub(super) release: Option<unsafe extern "C" fn(*mut RawSchema)>,
    pub(super) private_data: *mut c_void,
}

const _: () = assert!(std::mem::size_of::<RawArray>() == std::mem::size_of::<FFI_ArrowArray>());
const _: () = assert!(std::mem::align_of::<RawArray>() == std::mem::align_of::<FFI_ArrowArray>());
const _: () = assert!(offset_of!(RawArray, length) == offset_of!(FFI_ArrowArray, length));
const _: () = assert!(offset_of!(RawArray, null_count) == offset_of!(FFI_ArrowArray, null_count));
const _: () = assert!(offset_of!(RawArray, offset) == offset_of!(FFI_ArrowArray, offset));
const _: () = assert!(offset_of!(RawArray, n_buffers) == offset_of!(FFI_ArrowArray, n_buffers));
const _: () = assert!(offset_of!(RawArray, n_children) == offset_of!(FFI_ArrowArray, n_children));
const _: () = assert!(offset_of!(RawArray, buffers) == offset_of!(FFI_ArrowArray, buffers));
const _: () = assert!(offset_of!(RawArray, children) == offset_of!(FFI_ArrowArray, children));
const _: () = assert!(offset_of!(RawArray, dictionary) == offset_of!(FFI_ArrowArray, dictionary));
const _: () = assert!(offset_of!(RawArray, release) == offset_of!(FFI_ArrowArray, release));
const _: () = assert!(offset_of!(RawArray, private_data) == offset_of!(FFI_ArrowArray, private_data));

const _: () = assert!(std::mem::size_of::<RawSchema>() == std::mem::size_of::<FFI_ArrowSchema>());
const _: () = assert!(std::mem::align_of::<RawSchema>() == std::mem::align_of::<FFI_ArrowSchema>());
const _: () = assert!(offset_of!(RawSchema, format) == offset_of!(FFI_ArrowSchema, format));
const _: () = assert!(offset_of!(RawSchema, name) == offset_of!(FFI_ArrowSchema, name));
const _: () = assert!(offset_of!(RawSchema, metadata) == offset_of!(FFI_ArrowSchema, metadata));
const _: () = assert!(offset_of!(RawSchema, flags) == offset_of!(FFI_ArrowSchema, flags));
const _: () = assert!(offset_of!(RawSchema, n_children) == offset_of!(FFI_ArrowSchema, n_children));
const _: () = assert!(offset_of!(RawSchema, children) == offset_of!(FFI_ArrowSchema, children));
const _: () = assert!(offset_of!(RawSchema, dictionary) == offset_of!(FFI_ArrowSchema, dictionary));
const _: () = assert!(offset_of!(RawSchema, release) == offset_of!(FFI_ArrowSchema, release));
const _: () = assert!(offset_of!(RawSchema, private_data) == offset_of!(FFI_ArrowSchema, private_data));

impl RawArray {
    /// The fields of `array`.
    pub(super) fn of(array: &FFI_ArrowArray) -> &RawArray {
        // SAFETY: both are #[repr(C)] declarations of struct ArrowArray with the
        // same size, alignment and field offsets (asserted above) and field types
        // of the same size; neither has interior mutability, and the borrow of
        // `array` outlives the view.
        unsafe { &*(array as *const FFI_ArrowArray as *const RawArray) }
    }
}

impl RawSchema {
    /// The fields of `schema`.
    pub(super) fn of(schema: &FFI_ArrowSchema) -> &RawSchema {
        // SAFETY: as RawArray::of, for struct ArrowSchema.
        unsafe { &*(schema as *const FFI_ArrowSchema as *const RawSchema) }
    }
}
