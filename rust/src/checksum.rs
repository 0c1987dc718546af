//! A content checksum of a table, defined simply enough to compute in any
//! language while the data is produced, and compare after it is read back.
//!
//! Each column has its own FNV-1a 64 state, fed value by value in row order:
//! a null is the byte 0; a value is the byte 1 followed by its little-endian
//! bytes (int32/date32: 4, int64: 8, decimal128: 16, float64: 8 of its bits;
//! utf8: a 4-byte length, then the bytes). The table's checksum is FNV-1a 64 over
//! the columns' final states, each as 8 little-endian bytes. Batch boundaries do
//! not matter; row order and values do.

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Decimal128Type, Float64Type, Int32Type, Int64Type};
use arrow_array::{Array, GenericStringArray, OffsetSizeTrait, RecordBatchReader};
use arrow_schema::DataType;

use crate::error::{Error, Result};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(FNV_OFFSET)
    }
    fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(FNV_PRIME);
        }
    }
}

/// Rows and checksum of everything `reader` yields.
pub fn table_checksum(reader: Box<dyn RecordBatchReader + Send>) -> Result<(u64, u64)> {
    let sums = column_checksums(reader)?;
    Ok((sums.rows, sums.table))
}

/// A table's checksum with the per-column states it is made of: two tables
/// that differ say in which column.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnChecksums {
    pub rows: u64,
    /// FNV-1a 64 over the columns' states (what `table_checksum` gives).
    pub table: u64,
    /// Each column's name and final state, in schema order.
    pub columns: Vec<(String, u64)>,
}

/// Rows, table checksum and each column's checksum of everything `reader`
/// yields, in one pass (one batch held at a time).
pub fn column_checksums(reader: Box<dyn RecordBatchReader + Send>) -> Result<ColumnChecksums> {
    let names: Vec<String> = reader.schema().fields().iter().map(|f| f.name().clone()).collect();
    let mut states = vec![Fnv::new(); names.len()];
    let mut rows = 0u64;
    for batch in reader {
        let batch = batch?;
        rows += batch.num_rows() as u64;
        for (state, column) in states.iter_mut().zip(batch.columns()) {
            feed_column(state, column.as_ref())?;
        }
    }
    let mut table = Fnv::new();
    for state in &states {
        table.feed(&state.0.to_le_bytes());
    }
    let columns = names.into_iter().zip(states.into_iter().map(|s| s.0)).collect();
    Ok(ColumnChecksums { rows, table: table.0, columns })
}

fn feed_strings<O: OffsetSizeTrait>(state: &mut Fnv, strings: &GenericStringArray<O>) {
    for i in 0..strings.len() {
        if strings.is_null(i) {
            state.feed(&[0]);
        } else {
            let s = strings.value(i).as_bytes();
            state.feed(&[1]);
            state.feed(&(s.len() as u32).to_le_bytes());
            state.feed(s);
        }
    }
}

fn feed_column(state: &mut Fnv, array: &dyn Array) -> Result<()> {
    macro_rules! each {
        ($values:expr, $bytes:expr) => {{
            let values = $values;
            for i in 0..array.len() {
                if array.is_null(i) {
                    state.feed(&[0]);
                } else {
                    state.feed(&[1]);
                    state.feed(&$bytes(values.value(i)));
                }
            }
        }};
    }
    match array.data_type() {
        DataType::Int32 => each!(array.as_primitive::<Int32Type>(), |v: i32| v.to_le_bytes()),
        DataType::Date32 => each!(array.as_primitive::<Date32Type>(), |v: i32| v.to_le_bytes()),
        DataType::Int64 => each!(array.as_primitive::<Int64Type>(), |v: i64| v.to_le_bytes()),
        DataType::Float64 => each!(array.as_primitive::<Float64Type>(), |v: f64| v.to_bits().to_le_bytes()),
        DataType::Decimal128(_, _) => each!(array.as_primitive::<Decimal128Type>(), |v: i128| v.to_le_bytes()),
        DataType::Utf8 => feed_strings(state, array.as_string::<i32>()),
        DataType::LargeUtf8 => feed_strings(state, array.as_string::<i64>()),
        other => return Err(Error::invalid_argument(format!("checksum: unsupported type {other}"))),
    }
    Ok(())
}
