//! A seeded fuzz test of the C Data Interface import.
//!
//! Each case builds a valid batch of random columns (every type the bridge
//! imports, with nulls, parent and child offsets), lays it out as a C Data
//! Interface tree of our own (each buffer a padded copy, released by callbacks
//! that count), mutates one thing a hostile or buggy producer could get wrong
//! (lengths, offsets, null counts, buffer and child counts, pointers, release
//! states, types, misaligned buffers), and imports it, zero-copy or copying.
//!
//! What must hold: no panic and no crash (in the dev profile and in the
//! sanitized build's run, the standard library's debug checks of alignment and
//! sizes are armed: `debug_assertions_are_armed` below); an error
//! for every mutation that breaks the contract; for the harmless ones, values
//! equal to the original's; every release callback runs exactly once, and every
//! node is freed, whatever the outcome.
//!
//! Mutations stay within what the interface can check: buffer sizes are not
//! transmitted, so lengths and offsets grow by at most `MAX_GROWTH` rows (the
//! copies are padded for that) and buffer contents are never made to point
//! outside their allocation.
//!
//! `cargo test -p lance-bridge import_fuzz` runs `DEFAULT_CASES` cases from a
//! fixed seed; LANCE_BRIDGE_FUZZ_CASES and LANCE_BRIDGE_FUZZ_SEED run others,
//! LANCE_BRIDGE_FUZZ_FIRST=<n> starts at case n (to rerun one that failed) and
//! LANCE_BRIDGE_FUZZ_VERBOSE=1 prints each case before it runs.

use std::collections::BTreeMap;
use std::ffi::{c_char, c_void, CString};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use arrow::array::{
    make_array, Array, ArrayData, ArrayRef, BinaryViewArray, NullArray, StringArray, StringViewArray,
};
use arrow::buffer::Buffer;
use arrow::datatypes::{DataType, Field, Fields, IntervalUnit, TimeUnit};
use arrow::ffi::{FFI_ArrowArray, FFI_ArrowSchema};

use crate::c_data::{import_batch, take_array, take_schema};

const DEFAULT_CASES: u64 = 4000;
const DEFAULT_SEED: u64 = 0x1a4ce_b41d6e;
/// Rows a mutation may add to a length or offset (the padding covers them).
const MAX_GROWTH: i64 = 8;
/// Bytes of padding before and after each copied buffer.
const PAD: usize = 64 + MAX_GROWTH as usize * 64;

/// The sanitized build's run of these tests (ctest's cargo_test_bridge, which
/// sets LANCE_BRIDGE_EXPECT_DEBUG_ASSERTIONS) relies on this crate's debug
/// assertions (the precondition checks of `slice::from_raw_parts` and friends,
/// overflow checks) on top of the release profile: cmake/RustCrates.cmake turns
/// them on with `cargo --config`. Elsewhere there is nothing to check.
#[test]
fn debug_assertions_are_armed() {
    if std::env::var_os("LANCE_BRIDGE_EXPECT_DEBUG_ASSERTIONS").is_none() {
        return;
    }
    assert!(cfg!(debug_assertions), "the sanitized build's cargo --config lost debug-assertions");
    let max = std::hint::black_box(u8::MAX);
    assert!(std::panic::catch_unwind(|| max + 1).is_err(), "overflow checks are off");
}

/// splitmix64: small, seedable, and the same everywhere.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, one_in: u64) -> bool {
        self.below(one_in) == 0
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

// ------------------------------------------------------------ valid arrays

fn random_type(rng: &mut Rng, depth: usize) -> DataType {
    use DataType::*;
    let leaf = [
        Null,
        Boolean,
        Int8,
        Int16,
        Int32,
        Int64,
        UInt8,
        UInt16,
        UInt32,
        UInt64,
        Float16,
        Float32,
        Float64,
        Date32,
        Date64,
        Time32(TimeUnit::Millisecond),
        Time64(TimeUnit::Nanosecond),
        Timestamp(TimeUnit::Microsecond, None),
        Timestamp(TimeUnit::Nanosecond, Some("UTC".into())),
        Duration(TimeUnit::Second),
        Interval(IntervalUnit::YearMonth),
        Interval(IntervalUnit::DayTime),
        Interval(IntervalUnit::MonthDayNano),
        Decimal32(9, 2),
        Decimal64(18, 4),
        Decimal128(15, 2),
        Decimal256(40, 3),
        FixedSizeBinary(3),
        Utf8,
        LargeUtf8,
        Binary,
        LargeBinary,
        Utf8View,
        BinaryView,
    ];
    let nested = depth < 3 && rng.chance(4);
    if !nested {
        return leaf[rng.below(leaf.len() as u64) as usize].clone();
    }
    let item = |rng: &mut Rng| Arc::new(Field::new("item", random_type(rng, depth + 1), true));
    match rng.below(6) {
        0 => List(item(rng)),
        1 => LargeList(item(rng)),
        2 => FixedSizeList(item(rng), 1 + rng.below(3) as i32),
        3 => {
            let keys = [Int8, Int16, Int32, UInt32, Int64][rng.below(5) as usize].clone();
            let values = [Utf8, Int64, Binary, Utf8View][rng.below(4) as usize].clone();
            Dictionary(Box::new(keys), Box::new(values))
        }
        4 => {
            let entries = Fields::from(vec![
                Field::new("keys", Utf8, false),
                Field::new("values", random_type(rng, depth + 1), true),
            ]);
            Map(Arc::new(Field::new("entries", Struct(entries), false)), false)
        }
        _ => {
            let n = 1 + rng.below(3) as usize;
            Struct(Fields::from(
                (0..n).map(|i| Field::new(format!("f{i}"), random_type(rng, depth + 1), true)).collect::<Vec<_>>(),
            ))
        }
    }
}

fn validity(rng: &mut Rng, len: usize) -> Option<Buffer> {
    if rng.chance(2) {
        return None;
    }
    let mut bits = rng.bytes(len.div_ceil(8));
    for b in bits.iter_mut() {
        *b |= rng.next() as u8; // mostly valid
    }
    Some(Buffer::from_slice_ref(bits))
}

/// A valid array of `len` rows, sometimes a slice of a longer one (a non-zero offset).
pub(crate) fn random_array(rng: &mut Rng, data_type: &DataType, len: usize) -> ArrayData {
    let extra = if rng.chance(3) { rng.below(5) as usize } else { 0 };
    let total = len + extra;
    let data = full_array(rng, data_type, total);
    let start = if extra > 0 { rng.below(extra as u64 + 1) as usize } else { 0 };
    if start == 0 && total == len {
        return data;
    }
    make_array(data).slice(start, len).into_data()
}

fn full_array(rng: &mut Rng, data_type: &DataType, len: usize) -> ArrayData {
    use DataType::*;
    let builder = ArrayData::builder(data_type.clone()).len(len);
    let built = match data_type {
        Null => return NullArray::new(len).into_data(),
        Boolean => builder.add_buffer(Buffer::from_slice_ref(rng.bytes(len.div_ceil(8)))),
        Utf8 | Binary | LargeUtf8 | LargeBinary => {
            let mut offsets = vec![0usize];
            let mut values = Vec::new();
            for _ in 0..len {
                for _ in 0..rng.below(6) {
                    // ASCII only: valid UTF-8 whatever the type.
                    values.push(b'a' + rng.below(26) as u8);
                }
                offsets.push(values.len());
            }
            let offsets = if matches!(data_type, Utf8 | Binary) {
                Buffer::from_vec(offsets.iter().map(|&o| o as i32).collect::<Vec<_>>())
            } else {
                Buffer::from_vec(offsets.iter().map(|&o| o as i64).collect::<Vec<_>>())
            };
            builder.add_buffer(offsets).add_buffer(Buffer::from_slice_ref(values))
        }
        List(f) | LargeList(f) => {
            let mut offsets = vec![0usize];
            for _ in 0..len {
                offsets.push(offsets.last().unwrap() + rng.below(4) as usize);
            }
            let child = random_array(rng, f.data_type(), *offsets.last().unwrap());
            let offsets = if matches!(data_type, List(_)) {
                Buffer::from_vec(offsets.iter().map(|&o| o as i32).collect::<Vec<_>>())
            } else {
                Buffer::from_vec(offsets.iter().map(|&o| o as i64).collect::<Vec<_>>())
            };
            builder.add_buffer(offsets).add_child_data(child)
        }
        FixedSizeList(f, size) => builder.add_child_data(random_array(rng, f.data_type(), len * *size as usize)),
        Struct(fields) => {
            // Unsliced at this level: arrow-rs slices a struct's children and
            // moves its offset, which is not the C layout this test writes.
            let children = fields.iter().map(|f| full_array(rng, f.data_type(), len)).collect();
            builder.child_data(children)
        }
        Utf8View | BinaryView => {
            // Short strings live in the views, longer ones in data buffers.
            let values: Vec<Option<String>> = (0..len)
                .map(|_| {
                    let n = if rng.chance(3) { 13 + rng.below(20) } else { rng.below(12) };
                    let text: String = (0..n).map(|_| (b'a' + rng.below(26) as u8) as char).collect();
                    (!rng.chance(5)).then_some(text)
                })
                .collect();
            return if matches!(data_type, Utf8View) {
                StringViewArray::from_iter(values).into_data()
            } else {
                BinaryViewArray::from_iter(values.iter().map(|v| v.as_ref().map(|t| t.as_bytes()))).into_data()
            };
        }
        Dictionary(key, value) => {
            let values = 1 + rng.below(6) as usize;
            let width = key.primitive_width().unwrap();
            let mut indices = Vec::with_capacity(len * width);
            for _ in 0..len {
                indices.extend_from_slice(&rng.below(values as u64).to_le_bytes()[..width]);
            }
            builder.add_buffer(Buffer::from_slice_ref(indices)).add_child_data(random_array(rng, value, values))
        }
        Map(entries, _) => {
            let mut offsets = vec![0i32];
            for _ in 0..len {
                offsets.push(offsets.last().unwrap() + rng.below(3) as i32);
            }
            let n = *offsets.last().unwrap() as usize;
            let DataType::Struct(fields) = entries.data_type() else { unreachable!() };
            let keys = StringArray::from_iter_values((0..n).map(|i| format!("k{i}"))).into_data();
            let values = random_array(rng, fields[1].data_type(), n);
            let entries = ArrayData::builder(entries.data_type().clone()).len(n).child_data(vec![keys, values]);
            builder.add_buffer(Buffer::from_vec(offsets)).add_child_data(entries.build().unwrap())
        }
        Interval(IntervalUnit::MonthDayNano) | Interval(IntervalUnit::DayTime) | Decimal32(..) | Decimal64(..)
        | Decimal128(..) | Decimal256(..) => {
            // Any bits are valid values for these, but keep decimals within
            // their precision: zeros and small numbers.
            let width = data_type.primitive_width().unwrap();
            let mut bytes = vec![0u8; len * width];
            for v in bytes.chunks_mut(width) {
                v[0] = rng.next() as u8 & 0x7f;
            }
            builder.add_buffer(Buffer::from_slice_ref(bytes))
        }
        other => {
            let width = match other {
                FixedSizeBinary(n) => *n as usize,
                _ => other.primitive_width().unwrap(),
            };
            builder.add_buffer(Buffer::from_slice_ref(rng.bytes(len * width)))
        }
    };
    let built = if matches!(data_type, Null) { built } else { built.null_bit_buffer(validity(rng, len)) };
    built.build().expect("a valid random array")
}

// ------------------------------------------------------------ a C producer of our own

/// `struct ArrowArray`, mutable field by field.
#[repr(C)]
struct CArray {
    length: i64,
    null_count: i64,
    offset: i64,
    n_buffers: i64,
    n_children: i64,
    buffers: *mut *const c_void,
    children: *mut *mut CArray,
    dictionary: *mut CArray,
    release: Option<unsafe extern "C" fn(*mut CArray)>,
    private_data: *mut c_void,
}

/// What one node owns: padded copies of its buffers, its children's structs.
struct Owned {
    /// Each buffer's allocation, where in it the data starts, and its length.
    allocations: Vec<(Vec<u8>, usize, usize)>,
    buffer_pointers: Vec<*const c_void>,
    children: Vec<Box<CArray>>,
    child_pointers: Vec<*mut CArray>,
    /// A dictionary array's values.
    dictionary: Option<Box<CArray>>,
    /// Live nodes and release calls of the whole tree.
    counters: Arc<Counters>,
}

#[derive(Default)]
struct Counters {
    live: AtomicI64,
    releases: AtomicI64,
}

unsafe extern "C" fn release_node(array: *mut CArray) {
    // SAFETY: called by the consumer on a struct this module filled in; its
    // private_data is the Box<Owned> made for it, taken back exactly once here.
    unsafe {
        let array = &mut *array;
        let owned = Box::from_raw(array.private_data as *mut Owned);
        for &child in &owned.child_pointers {
            if !child.is_null() {
                if let Some(release) = (*child).release {
                    release(child);
                }
            }
        }
        // The dictionary as this node holds it now (a consumer may have moved it).
        let dictionary = array.dictionary;
        if !dictionary.is_null() && owned.dictionary.as_ref().is_some_and(|d| std::ptr::eq(&**d, dictionary)) {
            if let Some(release) = (*dictionary).release {
                release(dictionary);
            }
        }
        owned.counters.releases.fetch_add(1, Ordering::SeqCst);
        owned.counters.live.fetch_sub(1, Ordering::SeqCst);
        array.release = None;
        array.private_data = std::ptr::null_mut();
    }
}

/// A padded copy of `bytes`, starting `misalign` bytes past a 64-byte boundary of the allocation.
fn padded_copy(bytes: &[u8], misalign: usize) -> (Vec<u8>, usize) {
    let mut allocation = vec![0u8; PAD + bytes.len() + PAD + 64];
    let base = allocation.as_ptr() as usize;
    let start = (PAD - (base + PAD) % 64) + misalign;
    allocation[start..start + bytes.len()].copy_from_slice(bytes);
    (allocation, start)
}

/// Lays `data` out as a C Data Interface node (C layout: validity first).
fn export_node(data: &ArrayData, counters: &Arc<Counters>) -> Box<CArray> {
    let mut owned = Box::new(Owned {
        allocations: Vec::new(),
        buffer_pointers: Vec::new(),
        children: Vec::new(),
        child_pointers: Vec::new(),
        dictionary: None,
        counters: counters.clone(),
    });
    let mut buffers: Vec<Option<Vec<u8>>> = Vec::new();
    if !matches!(data.data_type(), DataType::Null) {
        // In C the validity bits start where the data does (at bit `offset`);
        // arrow-rs may keep them at another bit offset (a sliced struct).
        buffers.push(data.nulls().map(|n| {
            let mut bits = vec![0u8; (data.offset() + data.len()).div_ceil(8)];
            for i in 0..data.len() {
                if n.is_valid(i) {
                    arrow::util::bit_util::set_bit(&mut bits, data.offset() + i);
                }
            }
            bits
        }));
    }
    buffers.extend(data.buffers().iter().map(|b| Some(b.as_slice().to_vec())));
    let is_view = matches!(data.data_type(), DataType::Utf8View | DataType::BinaryView);
    if is_view {
        // C adds a last buffer: the sizes of the data buffers, as int64.
        let sizes: Vec<u8> = data.buffers()[1..].iter().flat_map(|b| (b.len() as i64).to_le_bytes()).collect();
        buffers.push(Some(sizes));
    }
    let is_dictionary = matches!(data.data_type(), DataType::Dictionary(_, _));
    for buffer in buffers {
        match buffer {
            None => owned.buffer_pointers.push(std::ptr::null()),
            Some(bytes) => {
                let (allocation, start) = padded_copy(&bytes, 0);
                owned.buffer_pointers.push(allocation[start..].as_ptr() as *const c_void);
                owned.allocations.push((allocation, start, bytes.len()));
            }
        }
    }
    if is_dictionary {
        owned.dictionary = Some(export_node(&data.child_data()[0], counters));
    } else {
        for child in data.child_data() {
            owned.children.push(export_node(child, counters));
        }
    }
    owned.child_pointers = owned.children.iter_mut().map(|c| &mut **c as *mut CArray).collect();
    counters.live.fetch_add(1, Ordering::SeqCst);
    let mut node = Box::new(CArray {
        length: data.len() as i64,
        null_count: data.null_count() as i64,
        offset: data.offset() as i64,
        n_buffers: owned.buffer_pointers.len() as i64,
        n_children: owned.child_pointers.len() as i64,
        buffers: owned.buffer_pointers.as_mut_ptr(),
        children: if owned.child_pointers.is_empty() { std::ptr::null_mut() } else { owned.child_pointers.as_mut_ptr() },
        dictionary: owned.dictionary.as_mut().map_or(std::ptr::null_mut(), |d| &mut **d as *mut CArray),
        release: Some(release_node),
        private_data: std::ptr::null_mut(),
    });
    node.private_data = Box::into_raw(owned) as *mut c_void;
    node
}

/// The node's Owned (valid until it is released).
fn owned_of(node: &mut CArray) -> &mut Owned {
    // SAFETY: private_data is the Box<Owned> export_node made, not yet released.
    unsafe { &mut *(node.private_data as *mut Owned) }
}

/// Every node of the tree below (and including) `root`, depth first.
fn nodes(root: &mut CArray) -> Vec<*mut CArray> {
    let mut out = vec![root as *mut CArray];
    let mut i = 0;
    while i < out.len() {
        // SAFETY: pointers into the live tree being walked.
        let node = unsafe { &mut *out[i] };
        let owned = owned_of(node);
        out.extend(owned.child_pointers.iter().copied());
        if let Some(dictionary) = owned.dictionary.as_mut() {
            out.push(&mut **dictionary as *mut CArray);
        }
        i += 1;
    }
    out
}

// ------------------------------------------------------------ mutations

/// Every mutation `mutate` and `mutate_type` make, by name.
const MUTATIONS: [&str; 19] = [
    "none",
    "length to a negative or huge value",
    "offset to a negative or huge value",
    "length or offset grown a little",
    "a child one row short",
    "null count unknown (-1)",
    "null count impossible",
    "null count wrong",
    "buffer count wrong",
    "child count wrong",
    "a buffer pointer nulled",
    "a buffer misaligned",
    "a child pointer nulled",
    "the children pointer nulled",
    "a child already released",
    "a dictionary where the type has none",
    "a dictionary array without its dictionary",
    "the buffers pointer nulled",
    "a column's type of another layout",
];

/// What a mutation allows the import to do.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Expect {
    /// The same values as the original batch.
    Same,
    /// An error.
    Refused,
    /// Either: the data changed but may still be valid (it must then validate).
    Either,
}

/// Mutates one thing of the tree and says what the import must do about it.
fn mutate(rng: &mut Rng, root: &mut CArray) -> (&'static str, Expect) {
    let root_pointer = root as *mut CArray;
    let all = nodes(root);
    let is_root = |p: *mut CArray| std::ptr::eq(p, root_pointer);
    let target = all[rng.below(all.len() as u64) as usize];
    // SAFETY: a live node of the tree.
    let node = unsafe { &mut *target };
    let has_rows = node.length > 0;
    match rng.below(16) {
        0 => ("none", Expect::Same),
        1 => {
            node.length = [-1, i64::MIN, i64::MAX, i64::MAX - node.offset][rng.below(4) as usize];
            // A huge length is fine where the parent needs fewer rows (they are clamped).
            ("length to a negative or huge value", refused_unless_in_range(node))
        }
        2 => {
            node.offset = [-1, i64::MIN, i64::MAX, i64::MAX - node.length.max(1) + 1][rng.below(4) as usize];
            ("offset to a negative or huge value", refused_unless_in_range(node))
        }
        3 => {
            let grow = 1 + rng.below(MAX_GROWTH as u64) as i64;
            if rng.chance(2) {
                node.length += grow;
            } else {
                node.offset += grow;
            }
            ("length or offset grown a little", Expect::Either)
        }
        4 if has_rows && !is_root(target) => {
            node.length -= 1;
            ("a child one row short", Expect::Either)
        }
        5 => {
            node.null_count = -1;
            ("null count unknown (-1)", Expect::Same)
        }
        6 => {
            node.null_count = [i64::MIN, -2, node.length + 1][rng.below(3) as usize];
            ("null count impossible", Expect::Refused)
        }
        7 => {
            node.null_count += 1 + rng.below(3) as i64;
            ("null count wrong", Expect::Either)
        }
        8 => {
            let owned = owned_of(node);
            let real = owned.buffer_pointers.len() as i64;
            let wrong = [real + 1, real - 1, -1, real + 2][rng.below(4) as usize];
            let wrong = if wrong == real { real + 1 } else { wrong };
            // A claim of more buffers than the pointer array holds would be read
            // past its end: grow the array (with null pointers) to match.
            while (owned.buffer_pointers.len() as i64) < wrong {
                owned.buffer_pointers.push(std::ptr::null());
            }
            node.buffers = owned.buffer_pointers.as_mut_ptr();
            node.n_buffers = wrong;
            // A view array has 3 or more: one data buffer fewer is still an array
            // when the rows in use hold only short (inline) strings.
            let maybe_view = real >= 3 && wrong >= 3;
            ("buffer count wrong", if maybe_view { Expect::Either } else { Expect::Refused })
        }
        9 => {
            let owned = owned_of(node);
            let real = owned.child_pointers.len() as i64;
            node.n_children = if real > 0 && rng.chance(2) { real - 1 } else { -1 };
            ("child count wrong", Expect::Refused)
        }
        10 if node.n_buffers > 0 => {
            let owned = owned_of(node);
            let i = rng.below(owned.buffer_pointers.len() as u64) as usize;
            if owned.buffer_pointers[i].is_null() {
                return ("none", Expect::Same);
            }
            owned.buffer_pointers[i] = std::ptr::null();
            // A null validity buffer means "no nulls", which changes values
            // when there were some; a null data buffer holding data is refused.
            ("a buffer pointer nulled", Expect::Either)
        }
        11 if node.n_buffers > 0 => {
            // The same bytes, moved to an address 1..7 bytes past alignment.
            let owned = owned_of(node);
            let i = rng.below(owned.buffer_pointers.len() as u64) as usize;
            let Some(position) = buffer_allocation(owned, i) else {
                return ("none", Expect::Same);
            };
            let (allocation, start, len) = &owned.allocations[position];
            let bytes = allocation[*start..*start + *len].to_vec();
            let (moved, moved_start) = padded_copy(&bytes, 1 + rng.below(7) as usize);
            owned.buffer_pointers[i] = moved[moved_start..].as_ptr() as *const c_void;
            owned.allocations.push((moved, moved_start, bytes.len()));
            ("a buffer misaligned", Expect::Same)
        }
        12 if node.n_children > 0 => {
            let owned = owned_of(node);
            let i = rng.below(owned.child_pointers.len() as u64) as usize;
            // The orphaned child is released here, as its parent no longer can.
            let child = std::mem::replace(&mut owned.child_pointers[i], std::ptr::null_mut());
            // SAFETY: a live child node; its release is ours.
            unsafe { release_node(child) };
            ("a child pointer nulled", Expect::Refused)
        }
        13 => {
            if is_root(target) || rng.chance(2) {
                node.children = std::ptr::null_mut();
                if node.n_children == 0 {
                    return ("none", Expect::Same);
                }
                // Released by the test (the import cannot reach them).
                release_children(node);
                ("the children pointer nulled", Expect::Refused)
            } else {
                // SAFETY: a live node, released here as a producer's bug would.
                unsafe { release_node(target) };
                ("a child already released", Expect::Refused)
            }
        }
        14 => {
            if node.dictionary.is_null() {
                node.dictionary = root_pointer;
                ("a dictionary where the type has none", Expect::Refused)
            } else {
                // SAFETY: the node's live dictionary, released here as its parent no longer can.
                unsafe { release_node(node.dictionary) };
                node.dictionary = std::ptr::null_mut();
                ("a dictionary array without its dictionary", Expect::Refused)
            }
        }
        _ => {
            if is_root(target) {
                ("none", Expect::Same)
            } else {
                node.buffers = std::ptr::null_mut();
                ("the buffers pointer nulled", if node.n_buffers > 0 { Expect::Refused } else { Expect::Same })
            }
        }
    }
}

/// Negative, or overflowing when added: refused; otherwise it depends.
fn refused_unless_in_range(node: &CArray) -> Expect {
    if node.length < 0 || node.offset < 0 || node.length.checked_add(node.offset).is_none() {
        Expect::Refused
    } else {
        Expect::Either
    }
}

/// Where buffer `i`'s bytes were allocated, if it has any.
fn buffer_allocation(owned: &mut Owned, i: usize) -> Option<usize> {
    let pointer = owned.buffer_pointers[i];
    if pointer.is_null() {
        return None;
    }
    owned.allocations.iter().position(|(a, start, _)| a[*start..].as_ptr() as *const c_void == pointer)
}

fn release_children(node: &mut CArray) {
    let owned = owned_of(node);
    for child in owned.child_pointers.iter_mut() {
        let child = std::mem::replace(child, std::ptr::null_mut());
        // SAFETY: a live child node; its release is ours.
        unsafe { release_node(child) };
    }
}

// ------------------------------------------------------------ the cases

struct Case {
    columns: Vec<ArrayData>,
    fields: Fields,
    offset: usize,
    length: usize,
}

fn random_case(rng: &mut Rng) -> Case {
    let n = 1 + rng.below(3) as usize;
    let length = rng.below(40) as usize;
    let offset = if rng.chance(3) { rng.below(4) as usize } else { 0 };
    let fields: Fields = (0..n).map(|i| Field::new(format!("c{i}"), random_type(rng, 0), true)).collect();
    let columns = fields.iter().map(|f| random_array(rng, f.data_type(), offset + length)).collect();
    Case { columns, fields, offset, length }
}

/// The root node of a batch: a struct of the columns, with the case's offset.
fn export_batch(case: &Case, counters: &Arc<Counters>) -> Box<CArray> {
    let data = ArrayData::builder(DataType::Struct(case.fields.clone()))
        .len(case.offset + case.length)
        .child_data(case.columns.clone())
        .build()
        .unwrap();
    let mut root = export_node(&data, counters);
    root.offset = case.offset as i64;
    root.length = case.length as i64;
    root
}

/// The columns as they must come out: sliced, and with views as plain strings and binaries.
fn expected_columns(case: &Case) -> Vec<ArrayRef> {
    case.columns
        .iter()
        .map(|c| {
            let column = make_array(c.clone()).slice(case.offset, case.length);
            arrow::compute::cast(&column, &crate::c_data::storable_type(c.data_type())).unwrap()
        })
        .collect()
}

/// Swaps one column's type for one of another layout (buffer or child count).
fn mutate_type(rng: &mut Rng, fields: &Fields) -> Option<Fields> {
    let i = rng.below(fields.len() as u64) as usize;
    // Views have 3 or more buffers: as many as a string's, sometimes.
    let is_view = |t: &DataType| matches!(t, DataType::Utf8View | DataType::BinaryView);
    if is_view(fields[i].data_type()) {
        return None;
    }
    let current = crate::c_data::layout_for_tests(fields[i].data_type());
    for _ in 0..10 {
        let other = random_type(rng, 0);
        if !is_view(&other) && crate::c_data::layout_for_tests(&other) != current {
            let mut changed: Vec<Field> = fields.iter().map(|f| f.as_ref().clone()).collect();
            changed[i] = Field::new(fields[i].name(), other, true);
            return Some(Fields::from(changed));
        }
    }
    None
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[test]
fn import_fuzz() {
    let cases = env_u64("LANCE_BRIDGE_FUZZ_CASES", DEFAULT_CASES);
    let seed = env_u64("LANCE_BRIDGE_FUZZ_SEED", DEFAULT_SEED);
    // A case that failed is rerun alone with LANCE_BRIDGE_FUZZ_FIRST=<its number>.
    let first = env_u64("LANCE_BRIDGE_FUZZ_FIRST", 0);
    let mut outcomes: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    for case_number in first..first + cases {
        let mut rng = Rng(seed ^ case_number.wrapping_mul(0x2545_f491_4f6c_dd1d));
        let case = random_case(&mut rng);
        let counters = Arc::new(Counters::default());
        let mut root = export_batch(&case, &counters);
        let nodes_made = counters.live.load(Ordering::SeqCst);
        let (mut what, mut expect) = mutate(&mut rng, &mut root);
        let mut struct_type = DataType::Struct(case.fields.clone());
        if what == "none" && rng.chance(4) {
            if let Some(changed) = mutate_type(&mut rng, &case.fields) {
                struct_type = DataType::Struct(changed);
                (what, expect) = ("a column's type of another layout", Expect::Refused);
            }
        }
        let copy = rng.chance(2);
        let context = || format!("case {case_number} (seed {seed:#x}): {what}, copy {copy}, fields {:?}", case.fields);

        if std::env::var_os("LANCE_BRIDGE_FUZZ_VERBOSE").is_some() {
            eprintln!("{}", context());
        }
        let root_pointer = Box::into_raw(root);
        // SAFETY: a readable ArrowArray (the layouts are the same); the import
        // takes ownership of it, leaving a released struct behind.
        let array = unsafe { take_array(root_pointer as *mut FFI_ArrowArray) }.unwrap();
        let result = import_batch(array, &struct_type, copy);
        let outcome = match (&result, expect) {
            (Ok(imported), Expect::Same) => {
                let got: Vec<ArrayRef> = imported.batch.columns().to_vec();
                assert_eq!(got, expected_columns(&case), "{}", context());
                "imported, same values"
            }
            (Ok(_), Expect::Refused) => panic!("{}: imported, but must be refused", context()),
            (Ok(_), Expect::Either) => "imported, valid",
            (Err(e), Expect::Same) => panic!("{}: refused ({e}) but must import", context()),
            (Err(e), _) => {
                let message = e.to_string();
                assert!(message.starts_with("invalid_data: "), "{}: {message}", context());
                "refused"
            }
        };
        *outcomes.entry((what, outcome)).or_default() += 1;
        drop(result);

        // SAFETY: the struct handed over, left released by the move.
        let root = unsafe { Box::from_raw(root_pointer) };
        assert!(root.release.is_none(), "{}: the import took the batch", context());
        assert_eq!(counters.live.load(Ordering::SeqCst), 0, "{}: every node released", context());
        let releases = counters.releases.load(Ordering::SeqCst);
        assert_eq!(releases, nodes_made, "{}: each node released once", context());
    }
    eprintln!("import_fuzz: {cases} cases from seed {seed:#x}");
    for ((what, outcome), n) in &outcomes {
        eprintln!("  {n:>6}  {what}: {outcome}");
    }
    if cases >= 2000 {
        // Every kind of mutation was made, and both outcomes of the open ones seen.
        for what in MUTATIONS {
            assert!(outcomes.keys().any(|(w, _)| *w == what), "no case of: {what}");
        }
        for (what, outcome) in [("none", "imported, same values"), ("a buffer misaligned", "imported, same values")] {
            assert!(outcomes.contains_key(&(what, outcome)), "no case of {what}: {outcome}");
        }
    }
}

// ------------------------------------------------------------ schemas

/// `struct ArrowSchema`, mutable.
#[repr(C)]
struct CSchema {
    format: *const c_char,
    name: *const c_char,
    metadata: *const c_char,
    flags: i64,
    n_children: i64,
    children: *mut *mut CSchema,
    dictionary: *mut CSchema,
    release: Option<unsafe extern "C" fn(*mut CSchema)>,
    private_data: *mut c_void,
}

struct OwnedSchema {
    format: Vec<u8>,
    name: Option<CString>,
    children: Vec<Box<CSchema>>,
    child_pointers: Vec<*mut CSchema>,
    counters: Arc<Counters>,
}

unsafe extern "C" fn release_schema(schema: *mut CSchema) {
    // SAFETY: as release_node, for schemas.
    unsafe {
        let schema = &mut *schema;
        let owned = Box::from_raw(schema.private_data as *mut OwnedSchema);
        for &child in &owned.child_pointers {
            if !child.is_null() {
                if let Some(release) = (*child).release {
                    release(child);
                }
            }
        }
        owned.counters.releases.fetch_add(1, Ordering::SeqCst);
        owned.counters.live.fetch_sub(1, Ordering::SeqCst);
        schema.release = None;
    }
}

fn random_format(rng: &mut Rng) -> (Vec<u8>, usize) {
    const FORMATS: [(&str, usize); 35] = [
        ("n", 0), ("b", 0), ("c", 0), ("C", 0), ("s", 0), ("S", 0), ("i", 0), ("I", 0), ("l", 0), ("L", 0),
        ("e", 0), ("f", 0), ("g", 0), ("z", 0), ("Z", 0), ("u", 0), ("U", 0), ("d:10,2", 0), ("d:76,3,256", 0),
        ("w:4", 0), ("tdD", 0), ("tdm", 0), ("tts", 0), ("ttn", 0), ("tsu:", 0), ("tsn:UTC", 0), ("tDs", 0),
        ("tiM", 0), ("tin", 0), ("+l", 1), ("+L", 1), ("+w:3", 1), ("+s", 2), ("+m", 1), ("vu", 0),
    ];
    // Not formats, or formats with broken parameters.
    const BROKEN: [(&str, usize); 9] =
        [("", 0), ("x", 0), ("d:", 0), ("d:abc", 0), ("w:-1", 0), ("+w:", 1), ("ts", 0), ("tsx:", 0), ("+s", 0)];
    let (f, n) = if rng.chance(25) {
        BROKEN[rng.below(BROKEN.len() as u64) as usize]
    } else {
        FORMATS[rng.below(FORMATS.len() as u64) as usize]
    };
    let n = if rng.chance(40) { rng.below(3) as usize } else { n };
    let mut bytes = f.as_bytes().to_vec();
    if rng.chance(200) {
        bytes.push(0xff); // not UTF-8
    }
    bytes.push(0);
    (bytes, n)
}

fn random_schema(rng: &mut Rng, depth: usize, counters: &Arc<Counters>) -> Box<CSchema> {
    // A record batch's schema is a struct: mostly so at the root, to get past it.
    let (format, n) = if depth == 0 && !rng.chance(20) { (b"+s\0".to_vec(), 1 + rng.below(3) as usize) } else { random_format(rng) };
    let n = if depth > 70 { 0 } else { n };
    let deep = depth < 80 && rng.chance(50);
    let mut owned = Box::new(OwnedSchema {
        format,
        name: if rng.chance(10) { None } else { Some(CString::new(format!("f{depth}")).unwrap()) },
        children: Vec::new(),
        child_pointers: Vec::new(),
        counters: counters.clone(),
    });
    let count = if deep { 1 } else { n };
    for _ in 0..count {
        let child = if deep { deep_chain(rng, depth + 1, 80, counters) } else { random_schema(rng, depth + 1, counters) };
        owned.children.push(child);
    }
    owned.child_pointers = owned.children.iter_mut().map(|c| &mut **c as *mut CSchema).collect();
    counters.live.fetch_add(1, Ordering::SeqCst);
    let mut schema = Box::new(CSchema {
        format: owned.format.as_ptr() as *const c_char,
        name: owned.name.as_ref().map_or(std::ptr::null(), |n| n.as_ptr()),
        metadata: std::ptr::null(),
        flags: if rng.chance(2) { 2 } else { 0 },
        n_children: owned.child_pointers.len() as i64,
        children: if owned.child_pointers.is_empty() { std::ptr::null_mut() } else { owned.child_pointers.as_mut_ptr() },
        dictionary: std::ptr::null_mut(),
        release: Some(release_schema),
        private_data: std::ptr::null_mut(),
    });
    if rng.chance(200) {
        schema.format = std::ptr::null();
    }
    if rng.chance(50) {
        // Metadata is an int32 entry count, then the entries: none, or a count
        // that is negative or absurd (arrow-rs would reserve room for it first).
        static COUNTS: [i32; 3] = [0, -1, i32::MAX];
        schema.metadata = &COUNTS[rng.below(3) as usize] as *const i32 as *const c_char;
    }
    if rng.chance(100) && !owned.child_pointers.is_empty() {
        schema.n_children = -1;
    }
    schema.private_data = Box::into_raw(owned) as *mut c_void;
    schema
}

/// A list of lists of ... `levels` deep: deeper than the import allows.
fn deep_chain(rng: &mut Rng, depth: usize, levels: usize, counters: &Arc<Counters>) -> Box<CSchema> {
    let leaf = levels == 0;
    let mut owned = Box::new(OwnedSchema {
        format: if leaf { b"i\0".to_vec() } else { b"+l\0".to_vec() },
        name: Some(CString::new("item").unwrap()),
        children: Vec::new(),
        child_pointers: Vec::new(),
        counters: counters.clone(),
    });
    if !leaf {
        owned.children.push(deep_chain(rng, depth + 1, levels - 1, counters));
    }
    owned.child_pointers = owned.children.iter_mut().map(|c| &mut **c as *mut CSchema).collect();
    counters.live.fetch_add(1, Ordering::SeqCst);
    let mut schema = Box::new(CSchema {
        format: owned.format.as_ptr() as *const c_char,
        name: owned.name.as_ref().unwrap().as_ptr(),
        metadata: std::ptr::null(),
        flags: 2,
        n_children: owned.child_pointers.len() as i64,
        children: if owned.child_pointers.is_empty() { std::ptr::null_mut() } else { owned.child_pointers.as_mut_ptr() },
        dictionary: std::ptr::null_mut(),
        release: Some(release_schema),
        private_data: std::ptr::null_mut(),
    });
    schema.private_data = Box::into_raw(owned) as *mut c_void;
    schema
}

#[test]
fn schema_fuzz() {
    let cases = env_u64("LANCE_BRIDGE_FUZZ_CASES", DEFAULT_CASES);
    let seed = env_u64("LANCE_BRIDGE_FUZZ_SEED", DEFAULT_SEED);
    let (mut accepted, mut refused) = (0u64, 0u64);
    for case_number in 0..cases {
        let mut rng = Rng(seed ^ case_number.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x5c4e_3a);
        let counters = Arc::new(Counters::default());
        let root = random_schema(&mut rng, 0, &counters);
        let made = counters.live.load(Ordering::SeqCst);
        let pointer = Box::into_raw(root);
        // SAFETY: a readable ArrowSchema of ours; take_schema always takes it.
        match unsafe { take_schema(pointer as *mut FFI_ArrowSchema) } {
            Ok(_) => accepted += 1,
            Err(e) => {
                assert!(e.to_string().starts_with("invalid_data: "), "case {case_number}: {e}");
                refused += 1;
            }
        }
        // SAFETY: ours, left released by the move.
        let root = unsafe { Box::from_raw(pointer) };
        assert!(root.release.is_none(), "case {case_number}: take_schema took it");
        assert_eq!(counters.live.load(Ordering::SeqCst), 0, "case {case_number}: all released");
        assert_eq!(counters.releases.load(Ordering::SeqCst), made, "case {case_number}: each once");
    }
    eprintln!("schema_fuzz: {cases} cases from seed {seed:#x}: {accepted} accepted, {refused} refused");
    if cases >= 100 {
        assert!(accepted > 0 && refused > 0, "the cases cover both outcomes");
    }
}
