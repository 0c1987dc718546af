//! Every Arrow type the bridge imports, written to a real Lance dataset through
//! the bridge's own writer (the path C++ takes) and read back with lance:
//! nulls, parent and child offsets, zero-copy and copy. The values read back are
//! compared with the arrays generated here (sliced, views as plain strings,
//! dictionaries unpacked); the types lance cannot store must be refused with
//! an error naming them, and nothing else may be.

use std::sync::Arc;

use arrow::array::{make_array, Array, ArrayData, ArrayRef, RecordBatch, StructArray};
use arrow::compute::{cast, concat};
use arrow::datatypes::{DataType, Field, Fields, IntervalUnit, Schema, TimeUnit};
use arrow::ffi::{FFI_ArrowArray, FFI_ArrowSchema};
use lance_bridge_core::Format;

use crate::c_data::storable_type;
use crate::ffi::types::{ArrowArray, ArrowSchema};
use crate::ffi::writer::{Transfer, WriterOptions};
use crate::import_fuzz::{random_array, Rng};
use crate::writer::open_writer;

/// Each type, and whether lance 14 stores it.
fn types() -> Vec<(DataType, bool)> {
    use DataType::*;
    let item = |t: DataType| Arc::new(Field::new("item", t, true));
    let utf8_to_int = Map(
        Arc::new(Field::new(
            "entries",
            Struct(Fields::from(vec![Field::new("keys", Utf8, false), Field::new("values", Int32, true)])),
            false,
        )),
        false,
    );
    let mut all: Vec<(DataType, bool)> = [
        Null, Boolean, Int8, Int16, Int32, Int64, UInt8, UInt16, UInt32, UInt64, Float16, Float32, Float64, Date32,
        Date64, Time32(TimeUnit::Second), Time32(TimeUnit::Millisecond), Time64(TimeUnit::Microsecond),
        Time64(TimeUnit::Nanosecond), Timestamp(TimeUnit::Second, None), Timestamp(TimeUnit::Microsecond, None),
        Timestamp(TimeUnit::Nanosecond, Some("UTC".into())), Duration(TimeUnit::Millisecond), Decimal32(9, 2),
        Decimal64(18, 4), Decimal128(15, 2),
        Decimal256(40, 3), FixedSizeBinary(3), Utf8, LargeUtf8, Binary, LargeBinary, Utf8View, BinaryView,
    ]
    .into_iter()
    .map(|t| (t, true))
    .collect();
    all.extend([
        (List(item(Int64)), true),
        (LargeList(item(Utf8)), true),
        (List(item(Utf8View)), true),
        (FixedSizeList(item(Float32), 4), true),
        (Struct(Fields::from(vec![Field::new("a", Int32, true), Field::new("b", Utf8, true)])), true),
        (Dictionary(Box::new(Int32), Box::new(Utf8)), true),
        (Dictionary(Box::new(Int8), Box::new(Int64)), true),
        (Dictionary(Box::new(UInt32), Box::new(Utf8View)), true),
        (utf8_to_int, true),
        // lance 14 has no logical type for these ("Unsupported data type").
        (Interval(IntervalUnit::MonthDayNano), false),
        (Interval(IntervalUnit::YearMonth), false),
    ]);
    all
}

/// `array` as it must read back: views as plain strings, dictionaries unpacked
/// (lance may store a dictionary's values in another order).
fn comparable(array: &ArrayRef) -> ArrayRef {
    let target = match array.data_type() {
        DataType::Dictionary(_, value) => storable_type(value),
        other => storable_type(other),
    };
    cast(array, &target).unwrap()
}

fn write_column(uri: &str, data_type: &DataType, columns: &[ArrayData], copy: bool) -> Result<(), String> {
    let field = Field::new("c", data_type.clone(), true);
    let schema = Schema::new(vec![field.clone()]);
    let ffi_schema = FFI_ArrowSchema::try_from(&schema).unwrap();
    let options = WriterOptions {
        transfer: if copy { Transfer::Copy } else { Transfer::ZeroCopy },
        ..crate::options::unset_writer_options()
    };
    // SAFETY: a valid schema, borrowed for the call.
    let mut writer = unsafe { open_writer(uri, &ffi_schema as *const FFI_ArrowSchema as *const ArrowSchema, &options) }
        .map_err(|e| e.to_string())?;
    for column in columns {
        // Batches carry an offset of their own: the batch covers rows 1.. of its column.
        let rows = column.len() - 1;
        let batch = StructArray::new(Fields::from(vec![field.clone()]), vec![make_array(column.clone())], None);
        let batch = batch.slice(1, rows);
        let mut array = FFI_ArrowArray::new(&batch.to_data());
        let mut batch_schema = FFI_ArrowSchema::try_from(&schema).unwrap();
        // SAFETY: both valid; the writer takes them over.
        unsafe {
            writer.write(
                &mut array as *mut FFI_ArrowArray as *mut ArrowArray,
                &mut batch_schema as *mut FFI_ArrowSchema as *mut ArrowSchema,
            )
        }
        .map_err(|e| e.to_string())?;
    }
    writer.finish().map_err(|e| e.to_string())?;
    Ok(())
}

#[test]
fn every_type_round_trips_through_lance() {
    let scratch = std::env::temp_dir().join(format!("lance-bridge-types-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let mut rng = Rng(0x7e57_ab1e);
    let mut refused_wrongly = Vec::new();
    for (i, (data_type, storable)) in types().into_iter().enumerate() {
        for copy in [false, true] {
            // Three batches of 1 + 20 rows (slices of longer arrays, with nulls).
            let columns: Vec<ArrayData> = (0..3).map(|_| random_array(&mut rng, &data_type, 21)).collect();
            let uri = scratch.join(format!("t{i}-{copy}.lance")).to_string_lossy().into_owned();
            match (write_column(&uri, &data_type, &columns, copy), storable) {
                (Ok(()), true) => {}
                (Ok(()), false) => panic!("{data_type}: written, but lance 14 cannot store it"),
                (Err(e), true) => {
                    refused_wrongly.push(format!("{data_type}: {e}"));
                    continue;
                }
                (Err(e), false) => {
                    assert!(e.contains("Unsupported data type") || e.contains("not supported"), "{data_type}: {e}");
                    assert!(!std::path::Path::new(&uri).join("_versions").exists(), "{data_type}: nothing committed");
                    continue;
                }
            }
            let read: Vec<RecordBatch> =
                lance_bridge_core::scan(&uri, Format::Lance, &Default::default()).unwrap().map(|b| b.unwrap()).collect();
            let got: Vec<ArrayRef> = read.iter().map(|b| b.column(0).clone()).collect();
            // The type read back is the type written (dictionaries stay dictionaries).
            assert_eq!(got[0].data_type(), &storable_type(&data_type), "{data_type} (copy {copy}): type read back");
            let got = comparable(&concat(&got.iter().map(|a| a.as_ref()).collect::<Vec<_>>()).unwrap());
            let expected: Vec<ArrayRef> = columns.iter().map(|c| make_array(c.clone()).slice(1, 20)).collect();
            let expected = comparable(&concat(&expected.iter().map(|a| a.as_ref()).collect::<Vec<_>>()).unwrap());
            assert_eq!(got.data_type(), expected.data_type(), "{data_type} (copy {copy})");
            assert_eq!(&got, &expected, "{data_type} (copy {copy}): values read back");
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(refused_wrongly.is_empty(), "refused, but lance stores them:\n{}", refused_wrongly.join("\n"));
}
