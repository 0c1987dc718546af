//! What the core's integration tests share: scratch folders, a schema with
//! the TPC-H column types, batches of known values, and reading back.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::Arc;

use arrow_array::{
    ArrayRef, Date32Array, Decimal128Array, Int32Array, Int64Array, RecordBatch, StringArray,
};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use lance_bridge_core::{scan, Format, StreamWriter, WriterOptions, WriteSummary};

/// A directory of its own for each test, removed when dropped.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("lance-bridge-core-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
    pub fn path(&self, name: &str) -> String {
        self.0.join(name).to_string_lossy().into_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("id", DataType::Int64, false),
        Field::new("n", DataType::Int32, false),
        Field::new("price", DataType::Decimal128(15, 2), false),
        Field::new("day", DataType::Date32, false),
        Field::new("name", DataType::Utf8, true),
    ]))
}

pub fn batch(first: i64, rows: i64) -> RecordBatch {
    let ids: Vec<i64> = (first..first + rows).collect();
    let columns: Vec<ArrayRef> = vec![
        Arc::new(Int64Array::from(ids.clone())),
        Arc::new(Int32Array::from(ids.iter().map(|i| (i % 100) as i32).collect::<Vec<_>>())),
        Arc::new(
            Decimal128Array::from(ids.iter().map(|i| (*i as i128) * 101 - 5000).collect::<Vec<_>>())
                .with_precision_and_scale(15, 2)
                .unwrap(),
        ),
        Arc::new(Date32Array::from(ids.iter().map(|i| 8035 + (i % 2000) as i32).collect::<Vec<_>>())),
        Arc::new(StringArray::from(
            ids.iter().map(|i| if i % 5 == 0 { None } else { Some(format!("name {i}")) }).collect::<Vec<_>>(),
        )),
    ];
    RecordBatch::try_new(schema(), columns).unwrap()
}

pub fn read_all(uri: &str, format: Format) -> Vec<RecordBatch> {
    scan(uri, format, &Default::default()).unwrap().map(|b| b.unwrap()).collect()
}

pub fn concat(batches: &[RecordBatch]) -> RecordBatch {
    arrow_select::concat::concat_batches(&schema(), batches).unwrap()
}

pub fn write(uri: &str, options: &WriterOptions, batches: Vec<RecordBatch>) -> WriteSummary {
    let mut writer = StreamWriter::open(uri, schema(), options).unwrap();
    for b in batches {
        writer.write(b).unwrap();
    }
    writer.finish().unwrap()
}

/// Files below `dir`, at any depth.
pub fn count_files(dir: &str) -> usize {
    fn walk(p: &std::path::Path) -> usize {
        std::fs::read_dir(p)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .map(|e| if e.path().is_dir() { walk(&e.path()) } else { 1 })
                    .sum()
            })
            .unwrap_or(0)
    }
    walk(std::path::Path::new(dir))
}

/// Paths of the files below `dir`, relative to it, sorted.
pub fn list_files(dir: &str) -> Vec<String> {
    fn walk(root: &std::path::Path, p: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(p).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.push(path.strip_prefix(root).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    let mut out = Vec::new();
    walk(std::path::Path::new(dir), std::path::Path::new(dir), &mut out);
    out.sort();
    out
}
