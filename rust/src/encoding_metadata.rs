//! Checks the `lance-encoding:*` field metadata of a schema before a write.
//!
//! lance 14 reads these keys while it encodes pages, on its own threads: some
//! bad values panic there (`dict-size-ratio` outside (0, 1], a `dict-max-size`
//! that is not a number), others are silently ignored (`dict-divisor=abc`,
//! `bss=maybe`), and a misspelt key does nothing at all. Checking them here
//! turns each into an error naming the column, before anything is written.

use arrow_schema::{DataType, Field, Schema};

use crate::error::{Error, Result};

const PREFIX: &str = "lance-encoding:";

/// What lance 14 accepts for a key: the names lance-encoding's constants.rs
/// defines, each value as lance's own parser reads it (untrimmed, exact type).
enum Accepts {
    /// A `u64` of at least `min`.
    Unsigned { min: u64 },
    /// A `usize` (a byte count).
    Size,
    /// An `i32`.
    Int32,
    /// An `i64` of at least `min`.
    Int64 { min: i64 },
    /// A real number in [low, high] (`low_open`: excluding low).
    Ratio { low: f64, high: f64, low_open: bool },
    /// One of these words, exactly as written here (`any_case`: lance lowercases first).
    OneOf { words: &'static [&'static str], any_case: bool },
    /// Whatever lance makes of it (only its presence matters).
    Anything,
}

fn accepts(key: &str) -> Option<Accepts> {
    Some(match key {
        // CompressionScheme::from_str matches exactly.
        "compression" => Accepts::OneOf { words: &["none", "fsst", "zstd", "lz4"], any_case: false },
        // FSST is no general buffer compressor: lance fails at the first page.
        "dict-values-compression" => Accepts::OneOf { words: &["none", "zstd", "lz4"], any_case: false },
        "compression-level" | "dict-values-compression-level" => Accepts::Int32,
        "dict-divisor" => Accepts::Unsigned { min: 1 },
        // lance panics outside (0, 1].
        "dict-size-ratio" => Accepts::Ratio { low: 0.0, high: 1.0, low_open: true },
        // lance panics on anything `usize` does not parse.
        "dict-max-size" => Accepts::Size,
        // 0 is meaningful: never run-length encode.
        "rle-threshold" => Accepts::Ratio { low: 0.0, high: 1.0, low_open: false },
        "minichunk-size" => Accepts::Int64 { min: 1 },
        "bss" => Accepts::OneOf { words: &["off", "on", "auto"], any_case: true },
        "structural-encoding" => Accepts::OneOf { words: &["miniblock", "fullzip", "sparse"], any_case: true },
        "packed" | "blob" | "blob-dedicated-size-threshold" | "blob-inline-size-threshold"
        | "blob-pack-file-size-threshold" => Accepts::Anything,
        _ => return None,
    })
}

fn known_keys() -> &'static str {
    "compression, compression-level, dict-divisor, dict-size-ratio, dict-max-size, \
     dict-values-compression, dict-values-compression-level, rle-threshold, minichunk-size, \
     bss, structural-encoding, packed, blob, blob-*-size-threshold"
}

fn check_value(column: &str, key: &str, value: &str, rule: &Accepts) -> Result<()> {
    let bad = |expected: String| {
        Error::invalid_argument(format!(
            "column '{column}': {PREFIX}{key} is '{value}', expected {expected}"
        ))
    };
    match rule {
        Accepts::Unsigned { min } => match value.parse::<u64>() {
            Ok(n) if n >= *min => Ok(()),
            _ => Err(bad(format!("a whole number of at least {min}"))),
        },
        Accepts::Size => value.parse::<usize>().map(|_| ()).map_err(|_| bad("a whole number of bytes".into())),
        Accepts::Int32 => value.parse::<i32>().map(|_| ()).map_err(|_| bad("a whole number (32-bit)".into())),
        Accepts::Int64 { min } => match value.parse::<i64>() {
            Ok(n) if n >= *min => Ok(()),
            _ => Err(bad(format!("a whole number of at least {min}"))),
        },
        Accepts::Ratio { low, high, low_open } => match value.parse::<f64>() {
            Ok(x) if (x > *low || (!low_open && x == *low)) && x <= *high => Ok(()),
            _ if *low_open => Err(bad(format!("a number greater than {low} and at most {high}"))),
            _ => Err(bad(format!("a number from {low} to {high}"))),
        },
        Accepts::OneOf { words, any_case } => {
            let given = if *any_case { value.to_ascii_lowercase() } else { value.to_string() };
            if words.contains(&given.as_str()) {
                Ok(())
            } else {
                Err(bad(format!("one of {}", words.join(", "))))
            }
        }
        Accepts::Anything => Ok(()),
    }
}

fn check_field(path: &str, field: &Field) -> Result<()> {
    for (key, value) in field.metadata() {
        let Some(short) = key.strip_prefix(PREFIX) else { continue };
        let Some(rule) = accepts(short) else {
            return Err(Error::invalid_argument(format!(
                "column '{path}': unknown field metadata key '{key}' (lance 14 reads {PREFIX} followed by: {})",
                known_keys()
            )));
        };
        check_value(path, short, value, &rule)?;
    }
    let children: Vec<&Field> = match field.data_type() {
        DataType::List(f) | DataType::LargeList(f) | DataType::FixedSizeList(f, _) | DataType::Map(f, _) => {
            vec![f.as_ref()]
        }
        DataType::Struct(fields) => fields.iter().map(|f| f.as_ref()).collect(),
        _ => Vec::new(),
    };
    for child in children {
        check_field(&format!("{path}.{}", child.name()), child)?;
    }
    Ok(())
}

/// Refuses `lance-encoding:*` field metadata that lance 14 would panic on,
/// ignore, or not know, naming the column.
pub fn check_encoding_metadata(schema: &Schema) -> Result<()> {
    schema.fields().iter().try_for_each(|f| check_field(f.name(), f))
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn schema_with(key: &str, value: &str) -> Schema {
        let meta = HashMap::from([(key.to_string(), value.to_string())]);
        Schema::new(vec![Field::new("a", DataType::Int64, false), Field::new("b", DataType::Utf8, true).with_metadata(meta)])
    }

    fn message(key: &str, value: &str) -> Option<String> {
        check_encoding_metadata(&schema_with(key, value)).err().map(|e| e.to_string())
    }

    #[test]
    fn values_lance_understands_are_accepted() {
        for (key, value) in [
            ("lance-encoding:compression", "zstd"),
            ("lance-encoding:compression", "none"),
            ("lance-encoding:dict-values-compression", "lz4"),
            ("lance-encoding:rle-threshold", "0"),
            ("lance-encoding:compression-level", "-3"),
            ("lance-encoding:dict-divisor", "4294967295"),
            ("lance-encoding:dict-size-ratio", "1"),
            ("lance-encoding:dict-size-ratio", "0.25"),
            ("lance-encoding:dict-max-size", "0"),
            ("lance-encoding:rle-threshold", "0.5"),
            ("lance-encoding:bss", "Auto"),
            ("lance-encoding:structural-encoding", "fullzip"),
            ("lance-encoding:packed", "true"),
            ("other:key", "anything at all"),
        ] {
            assert_eq!(message(key, value), None, "{key}={value}");
        }
    }

    #[test]
    fn values_lance_would_panic_on_or_ignore_are_refused_naming_the_column() {
        for (key, value, expected) in [
            ("lance-encoding:dict-size-ratio", "2", "greater than 0 and at most 1"),
            ("lance-encoding:dict-size-ratio", "0", "greater than 0 and at most 1"),
            ("lance-encoding:dict-size-ratio", "NaN", "greater than 0 and at most 1"),
            ("lance-encoding:dict-max-size", "big", "a whole number of bytes"),
            ("lance-encoding:dict-max-size", " 100", "a whole number of bytes"),
            ("lance-encoding:dict-max-size", "-0", "a whole number of bytes"),
            ("lance-encoding:dict-divisor", " 4", "at least 1"),
            ("lance-encoding:compression", "NONE", "one of none, fsst, zstd, lz4"),
            ("lance-encoding:dict-values-compression", "fsst", "one of none, zstd, lz4"),
            ("lance-encoding:compression-level", "3000000000", "a whole number (32-bit)"),
            ("lance-encoding:rle-threshold", "-0.5", "a number from 0 to 1"),
            ("lance-encoding:dict-divisor", "abc", "at least 1"),
            ("lance-encoding:dict-divisor", "0", "at least 1"),
            ("lance-encoding:compression", "gzip", "one of none, fsst, zstd, lz4"),
            ("lance-encoding:bss", "maybe", "one of off, on, auto"),
            ("lance-encoding:compression-level", "high", "a whole number"),
            ("lance-encoding:dict-divisr", "4", "unknown field metadata key"),
        ] {
            let msg = message(key, value).unwrap_or_else(|| panic!("{key}={value} was accepted"));
            assert!(msg.contains("column 'b'"), "{msg}");
            assert!(msg.contains(expected), "{key}={value}: {msg}");
        }
    }

    #[test]
    fn nested_fields_are_checked_with_their_path() {
        let meta = HashMap::from([("lance-encoding:bss".to_string(), "sometimes".to_string())]);
        let item = Field::new("item", DataType::Float32, true).with_metadata(meta);
        let schema = Schema::new(vec![Field::new("v", DataType::FixedSizeList(item.into(), 4), true)]);
        let msg = check_encoding_metadata(&schema).unwrap_err().to_string();
        assert!(msg.contains("column 'v.item'"), "{msg}");
    }
}
