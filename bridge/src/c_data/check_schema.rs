//! Checks of an ArrowSchema tree before arrow-rs reads it: arrow-rs panics on
//! a format or name that is not UTF-8, reserves memory for as many metadata
//! entries as the producer claims, and reads a nested type's children without
//! checking there are any.

use std::ffi::CStr;

use lance_bridge_core::Error;

use super::raw::RawSchema;
use super::MAX_NESTING;

/// Metadata entries one schema node may have.
const MAX_METADATA_ENTRIES: i32 = 1 << 20;

/// Checks `raw` and everything under it (children, dictionary); `path` names it in errors.
///
/// # Safety
/// `raw` must be a readable ArrowSchema whose non-null pointers are readable.
pub(super) unsafe fn check_raw_schema(raw: &RawSchema, path: &str, depth: usize) -> Result<(), Error> {
    let bad = |msg: String| Error::invalid_data(format!("{path}: {msg}"));
    if depth > MAX_NESTING {
        return Err(bad(format!("nested deeper than {MAX_NESTING} levels")));
    }
    if raw.release.is_none() {
        return Err(bad("the schema was already released".into()));
    }
    // SAFETY: per this function's contract.
    let format = unsafe { checked_strings(raw) }.map_err(&bad)?;
    // SAFETY: per this function's contract.
    unsafe { check_metadata(raw) }.map_err(&bad)?;
    check_child_count(raw, format).map_err(&bad)?;
    // SAFETY: per this function's contract; check_child_count found `children`
    // non-null if n_children (not negative) is above 0.
    unsafe { check_descendants(raw, path, depth) }
}

/// The format string, after checking it is there and UTF-8, and so is the name if any.
///
/// # Safety
/// As check_raw_schema.
unsafe fn checked_strings(raw: &RawSchema) -> Result<&str, String> {
    if raw.format.is_null() {
        return Err("the format string is null".into());
    }
    // SAFETY: a non-null format of a readable ArrowSchema is a C string.
    let Ok(format) = unsafe { CStr::from_ptr(raw.format) }.to_str() else {
        return Err("the format string is not UTF-8".into());
    };
    // SAFETY: a non-null name of a readable ArrowSchema is a C string.
    if !raw.name.is_null() && unsafe { CStr::from_ptr(raw.name) }.to_str().is_err() {
        return Err("the name is not UTF-8".into());
    }
    Ok(format)
}

/// arrow-rs reserves room for as many entries as the metadata's first four
/// bytes say before reading any: an absurd count would abort the process.
///
/// # Safety
/// As check_raw_schema.
unsafe fn check_metadata(raw: &RawSchema) -> Result<(), String> {
    if raw.metadata.is_null() {
        return Ok(());
    }
    // SAFETY: non-null metadata starts with an int32 entry count; read unaligned.
    let entries = unsafe { (raw.metadata as *const i32).read_unaligned() };
    if !(0..=MAX_METADATA_ENTRIES).contains(&entries) {
        return Err(format!("the metadata claims {entries} entries"));
    }
    Ok(())
}

/// A count of children that is not negative, with a pointer to them if there
/// are any, and as many as a nested `format` needs.
fn check_child_count(raw: &RawSchema, format: &str) -> Result<(), String> {
    if raw.n_children < 0 || (raw.n_children > 0 && raw.children.is_null()) {
        return Err("bad children".into());
    }
    let needed: i64 = match format {
        "+l" | "+L" | "+vl" | "+vL" | "+m" => 1,
        f if f.starts_with("+w:") => 1,
        "+r" => 2,
        _ => return Ok(()),
    };
    if raw.n_children != needed {
        return Err(format!("format '{format}' needs {needed} child(ren), has {}", raw.n_children));
    }
    Ok(())
}

/// Checks the children, then the dictionary, one level deeper.
///
/// # Safety
/// As check_raw_schema, and `children` holds n_children (not negative) entries.
unsafe fn check_descendants(raw: &RawSchema, path: &str, depth: usize) -> Result<(), Error> {
    for i in 0..raw.n_children as usize {
        // SAFETY: `children` holds n_children entries (this function's contract).
        let child = unsafe { *raw.children.add(i) };
        if child.is_null() {
            return Err(Error::invalid_data(format!("{path}: a child schema pointer is null")));
        }
        // SAFETY: a non-null child of a readable ArrowSchema is a readable ArrowSchema.
        unsafe { check_raw_schema(&*child, &format!("{path}.{i}"), depth + 1)? };
    }
    if !raw.dictionary.is_null() {
        // SAFETY: a non-null dictionary of a readable ArrowSchema is a readable ArrowSchema.
        unsafe { check_raw_schema(&*raw.dictionary, &format!("{path}.dictionary"), depth + 1)? };
    }
    Ok(())
}
