//! Rendering rows in dbgen's .tbl text format: each value, then '|', per line.
//! Decimals print with their scale, dates as YYYY-MM-DD; dbgen prints
//! `l_quantity` as a whole number, so that column does too.

use std::io::Write;

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Decimal128Type, Int32Type, Int64Type};
use arrow_array::{Array, RecordBatchReader};
use arrow_schema::DataType;

use crate::error::{Error, Result};

/// Writes up to `limit` rows of `reader` to `out`.
pub fn write_tbl(reader: Box<dyn RecordBatchReader + Send>, out: &mut impl Write, limit: u64) -> Result<()> {
    let mut written = 0u64;
    let mut line = String::with_capacity(256);
    for batch in reader {
        let batch = batch?;
        for row in 0..batch.num_rows() {
            if written == limit {
                return Ok(());
            }
            line.clear();
            for (field, column) in batch.schema_ref().fields().iter().zip(batch.columns()) {
                let whole = field.name() == "l_quantity";
                render(column.as_ref(), row, whole, &mut line)?;
                line.push('|');
            }
            line.push('\n');
            out.write_all(line.as_bytes()).map_err(|e| Error::io("writing output", e))?;
            written += 1;
        }
    }
    Ok(())
}

fn render(array: &dyn Array, row: usize, whole_number: bool, out: &mut String) -> Result<()> {
    use std::fmt::Write as _;
    if array.is_null(row) {
        return Ok(());
    }
    match array.data_type() {
        DataType::Int32 => write!(out, "{}", array.as_primitive::<Int32Type>().value(row)),
        DataType::Int64 => write!(out, "{}", array.as_primitive::<Int64Type>().value(row)),
        DataType::Utf8 => write!(out, "{}", array.as_string::<i32>().value(row)),
        DataType::LargeUtf8 => write!(out, "{}", array.as_string::<i64>().value(row)),
        DataType::Date32 => {
            let days = array.as_primitive::<Date32Type>().value(row);
            let (y, m, d) = civil_from_days(days as i64);
            write!(out, "{y:04}-{m:02}-{d:02}")
        }
        DataType::Decimal128(_, scale) => {
            let v = array.as_primitive::<Decimal128Type>().value(row);
            let scale = *scale as u32;
            let unit = 10i128.pow(scale);
            let sign = if v < 0 { "-" } else { "" };
            let a = v.unsigned_abs();
            if scale == 0 {
                write!(out, "{sign}{a}")
            } else if whole_number {
                write!(out, "{sign}{}", a / unit as u128)
            } else {
                write!(out, "{sign}{}.{:0width$}", a / unit as u128, a % unit as u128, width = scale as usize)
            }
        }
        other => return Err(Error::invalid_argument(format!("tbl: unsupported type {other}"))),
    }
    .map_err(|_| Error::internal("formatting failed"))
}

/// Days since 1970-01-01 to a proleptic Gregorian (year, month, day).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::civil_from_days;

    #[test]
    fn dates_render_as_the_calendar_says() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(8035), (1992, 1, 1));
        assert_eq!(civil_from_days(10_591), (1998, 12, 31));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }
}
