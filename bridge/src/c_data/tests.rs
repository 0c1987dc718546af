//! import_batch end to end: zero-copy and copy, release per column, slices,
//! misaligned buffers, and refusals.

use std::sync::Arc;

use arrow::array::{Array, ArrayData, ArrayDataBuilder, ArrayRef, Int64Array, StringArray, StructArray};
use arrow::buffer::{Buffer, NullBuffer};
use arrow::datatypes::{DataType, Field, Fields};
use arrow::ffi::FFI_ArrowArray;

use super::import_batch;
use super::raw::RawArray;

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
