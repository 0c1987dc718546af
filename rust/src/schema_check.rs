//! Comparing a batch's schema with the writer's, with messages that name the column.

use arrow_array::RecordBatch;
use arrow_schema::Schema;

use crate::error::{Error, Result};

/// Checks that `actual` has the same columns, in order, with the same types as
/// `expected`. Nullability differs only in one allowed direction: a nullable batch
/// column may feed a non-nullable field when it holds no nulls (checked per batch).
pub fn check_schema(expected: &Schema, actual: &Schema) -> Result<()> {
    if expected.fields().len() != actual.fields().len() {
        return Err(Error::schema_mismatch(format!(
            "expected {} columns ({}), got {} ({})",
            expected.fields().len(),
            names(expected),
            actual.fields().len(),
            names(actual)
        )));
    }
    for (i, (want, got)) in expected.fields().iter().zip(actual.fields()).enumerate() {
        if want.name() != got.name() {
            return Err(Error::schema_mismatch(format!(
                "column {i} is named '{}', expected '{}'",
                got.name(),
                want.name()
            )));
        }
        if want.data_type() != got.data_type() {
            return Err(Error::schema_mismatch(format!(
                "column {i} '{}' has type {}, expected {}",
                got.name(),
                got.data_type(),
                want.data_type()
            )));
        }
    }
    Ok(())
}

/// Checks the batch against the schema, including nulls in non-nullable columns.
pub fn check_batch(expected: &Schema, batch: &RecordBatch) -> Result<()> {
    check_schema(expected, batch.schema_ref())?;
    for (i, field) in expected.fields().iter().enumerate() {
        let nulls = batch.column(i).null_count();
        if !field.is_nullable() && nulls > 0 {
            return Err(Error::schema_mismatch(format!(
                "column {i} '{}' is not nullable but the batch has {nulls} null(s)",
                field.name()
            )));
        }
    }
    Ok(())
}

fn names(schema: &Schema) -> String {
    schema.fields().iter().map(|f| f.name().as_str()).collect::<Vec<_>>().join(", ")
}
