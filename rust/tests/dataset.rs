//! Reading datasets with options (projection, filter, limit and offset, batch
//! size, row ids, versions, take) against values computed here from the rows
//! that were written, not by the code under test.

mod common;

use arrow_array::cast::AsArray;
use arrow_array::types::{Int64Type, UInt64Type};
use arrow_array::RecordBatch;

use common::{batch, concat, schema, write, Scratch};
use lance_bridge_core::{Dataset, ErrorKind, Mode, ScanOptions, WriterOptions};

fn open(uri: &str) -> Dataset {
    Dataset::open(uri, &Default::default(), None).unwrap()
}

/// A dataset of rows 0..1000 (one version, one fragment).
fn thousand_rows(scratch: &Scratch) -> String {
    let uri = scratch.path("d.lance");
    write(&uri, &WriterOptions::default(), vec![batch(0, 600), batch(600, 400)]);
    uri
}

fn scan_all(dataset: &Dataset, options: &ScanOptions) -> Vec<RecordBatch> {
    dataset.scan(options).unwrap().map(|b| b.unwrap()).collect()
}

fn ids(batches: &[RecordBatch]) -> Vec<i64> {
    batches
        .iter()
        .flat_map(|b| b.column_by_name("id").unwrap().as_primitive::<Int64Type>().values().to_vec())
        .collect()
}

/// The `name` column as written: null for multiples of 5.
fn name_of(id: i64) -> Option<String> {
    (id % 5 != 0).then(|| format!("name {id}"))
}

#[test]
fn projection_reads_the_columns_asked_for_in_that_order() {
    let scratch = Scratch::new("dataset-projection");
    let dataset = open(&thousand_rows(&scratch));
    let options = ScanOptions { columns: vec!["name".into(), "id".into()], ..Default::default() };
    let batches = scan_all(&dataset, &options);
    let names: Vec<String> = batches[0].schema().fields().iter().map(|f| f.name().clone()).collect();
    assert_eq!(names, ["name", "id"]);
    assert_eq!(ids(&batches), (0..1000).collect::<Vec<_>>());
    let read_names: Vec<Option<String>> =
        batches.iter().flat_map(|b| b.column(0).as_string::<i32>().iter().map(|v| v.map(str::to_string))).collect();
    assert_eq!(read_names, (0..1000).map(name_of).collect::<Vec<_>>());
}

#[test]
fn filters_on_numbers_strings_and_nulls() {
    let scratch = Scratch::new("dataset-filter");
    let dataset = open(&thousand_rows(&scratch));
    let cases: Vec<(&str, Vec<i64>)> = vec![
        // n is id % 100 (see common::batch)
        ("id >= 100 AND id < 300 AND n < 10", (100..300).filter(|i| i % 100 < 10).collect()),
        ("name = 'name 7' OR name = 'name 998'", vec![7, 998]),
        ("name IS NULL AND id < 50", (0..50).filter(|i| i % 5 == 0).collect()),
        // price is id * 101 - 5000 hundredths
        ("price > 900", (0..1000).filter(|i| i * 101 - 5000 > 90_000).collect()),
        // lance reads 900.50 as a float, which it does not compare with decimals: a cast does.
        ("price > CAST('900.50' AS DECIMAL(15,2))", (0..1000).filter(|i| i * 101 - 5000 > 90_050).collect()),
        ("id < 0", vec![]),
    ];
    for (filter, expected) in cases {
        let options = ScanOptions { filter: Some(filter.into()), ..Default::default() };
        assert_eq!(ids(&scan_all(&dataset, &options)), expected, "{filter}");
        assert_eq!(dataset.count_rows(Some(filter)).unwrap(), expected.len() as u64, "{filter}");
    }
    assert_eq!(dataset.count_rows(None).unwrap(), 1000);
}

#[test]
fn limit_and_offset_apply_after_the_filter() {
    let scratch = Scratch::new("dataset-limit");
    let dataset = open(&thousand_rows(&scratch));
    let scan_ids = |limit, offset, filter: Option<&str>| {
        let options = ScanOptions { limit, offset, filter: filter.map(Into::into), ..Default::default() };
        ids(&scan_all(&dataset, &options))
    };
    assert_eq!(scan_ids(Some(5), 0, None), (0..5).collect::<Vec<_>>());
    assert_eq!(scan_ids(Some(5), 598, None), (598..603).collect::<Vec<_>>());
    assert_eq!(scan_ids(None, 990, None), (990..1000).collect::<Vec<_>>());
    assert_eq!(scan_ids(Some(100), 995, None), (995..1000).collect::<Vec<_>>());
    assert_eq!(scan_ids(Some(0), 0, None), Vec::<i64>::new());
    let odd_names: Vec<i64> = (0..1000).filter(|i| i % 5 != 0).skip(3).take(4).collect();
    assert_eq!(scan_ids(Some(4), 3, Some("name IS NOT NULL")), odd_names);
}

#[test]
fn batch_size_makes_every_batch_but_the_last_that_long() {
    let scratch = Scratch::new("dataset-batch-size");
    let uri = scratch.path("d.lance");
    // Three fragments of 400, 400 and 200 rows: batches span fragment boundaries.
    let options = WriterOptions { max_rows_per_file: 400, ..Default::default() };
    write(&uri, &options, vec![batch(0, 1000)]);
    let dataset = open(&uri);
    let scan = ScanOptions { batch_size: Some(64), ..Default::default() };
    let batches = scan_all(&dataset, &scan);
    let lengths: Vec<usize> = batches.iter().map(RecordBatch::num_rows).collect();
    let mut expected = vec![64; 1000 / 64];
    expected.push(1000 % 64);
    assert_eq!(lengths, expected);
    assert_eq!(ids(&batches), (0..1000).collect::<Vec<_>>());
}

#[test]
fn row_ids_are_fragment_and_offset() {
    let scratch = Scratch::new("dataset-row-id");
    let uri = scratch.path("d.lance");
    write(&uri, &WriterOptions::default(), vec![batch(0, 300)]);
    write(&uri, &WriterOptions { mode: Mode::Append, ..Default::default() }, vec![batch(300, 200)]);
    let options = ScanOptions { columns: vec!["id".into()], with_row_id: true, ..Default::default() };
    let batches = scan_all(&open(&uri), &options);
    assert_eq!(batches[0].schema().field(1).name(), "_rowid");
    let row_ids: Vec<u64> =
        batches.iter().flat_map(|b| b.column(1).as_primitive::<UInt64Type>().values().to_vec()).collect();
    // Without stable row ids, a row's id is its address: fragment << 32 | offset.
    let expected: Vec<u64> = (0..300u64).chain((0..200u64).map(|offset| (1 << 32) | offset)).collect();
    assert_eq!(row_ids, expected);
}

#[test]
fn versions_checkout_and_time_travel() {
    let scratch = Scratch::new("dataset-versions");
    let uri = scratch.path("d.lance");
    let before = now_ms();
    write(&uri, &WriterOptions::default(), vec![batch(0, 100)]);
    std::thread::sleep(std::time::Duration::from_millis(20));
    write(&uri, &WriterOptions { mode: Mode::Append, ..Default::default() }, vec![batch(100, 50)]);
    let after = now_ms();

    let latest = open(&uri);
    assert_eq!(latest.version(), 2);
    let versions = latest.versions().unwrap();
    assert_eq!(versions.iter().map(|v| v.version).collect::<Vec<_>>(), [1, 2]);
    assert!(versions[0].timestamp_ms < versions[1].timestamp_ms, "{versions:?}");
    assert!(before <= versions[0].timestamp_ms && versions[1].timestamp_ms <= after, "{versions:?}");

    let first = Dataset::open(&uri, &Default::default(), Some(1)).unwrap();
    assert_eq!((first.version(), first.count_rows(None).unwrap()), (1, 100));
    assert_eq!(ids(&scan_all(&first, &ScanOptions::default())), (0..100).collect::<Vec<_>>());
    let back = first.checkout(2).unwrap();
    assert_eq!((back.version(), back.count_rows(None).unwrap()), (2, 150));
    assert_eq!(latest.checkout(1).unwrap().count_rows(None).unwrap(), 100);
}

fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64
}

#[test]
fn take_returns_rows_in_the_order_asked_duplicates_included() {
    let scratch = Scratch::new("dataset-take");
    let uri = scratch.path("d.lance");
    write(&uri, &WriterOptions { max_rows_per_file: 400, ..Default::default() }, vec![batch(0, 1000)]);
    let dataset = open(&uri);
    let rows = [999u64, 5, 0, 5, 401, 400];
    let taken = dataset.take(&rows, &["id".to_string(), "name".to_string()]).unwrap();
    assert_eq!(taken.num_columns(), 2);
    assert_eq!(ids(&[taken.clone()]), rows.iter().map(|&r| r as i64).collect::<Vec<_>>());
    let names: Vec<Option<String>> = taken.column(1).as_string::<i32>().iter().map(|v| v.map(str::to_string)).collect();
    assert_eq!(names, rows.iter().map(|&r| name_of(r as i64)).collect::<Vec<_>>());

    let whole = dataset.take(&[3, 1], &[]).unwrap();
    assert_eq!(whole.columns(), concat(&[batch(3, 1), batch(1, 1)]).columns());
    assert_eq!(dataset.take(&[], &[]).unwrap().num_rows(), 0);
}

#[test]
fn schema_is_the_written_one() {
    let scratch = Scratch::new("dataset-schema");
    let dataset = open(&thousand_rows(&scratch));
    let read = dataset.schema();
    let names: Vec<_> = read.fields().iter().map(|f| (f.name().clone(), f.data_type().clone(), f.is_nullable())).collect();
    let written: Vec<_> = schema().fields().iter().map(|f| (f.name().clone(), f.data_type().clone(), f.is_nullable())).collect();
    assert_eq!(names, written);
}

#[test]
fn bad_requests_and_missing_things_have_their_kinds() {
    let scratch = Scratch::new("dataset-errors");
    let uri = thousand_rows(&scratch);
    let dataset = open(&uri);
    let scan_error = |options: ScanOptions| dataset.scan(&options).err().expect("the scan should fail");

    for filter in ["id >>> 3", "no_such_column > 1", "id >", "name = 'unterminated"] {
        let err = scan_error(ScanOptions { filter: Some(filter.into()), ..Default::default() });
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{filter}: {err}");
        let err = dataset.count_rows(Some(filter)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "count_rows {filter}: {err}");
    }
    let err = scan_error(ScanOptions { columns: vec!["id".into(), "no_such_column".into()], ..Default::default() });
    assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{err}");
    let err = scan_error(ScanOptions { batch_size: Some(0), ..Default::default() });
    assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{err}");
    let err = scan_error(ScanOptions { limit: Some(u64::MAX), ..Default::default() });
    assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{err}");

    let err = dataset.take(&[1, 1000], &[]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{err}");
    let err = dataset.take(&[1], &["no_such_column".to_string()]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{err}");

    let err = dataset.checkout(7).err().unwrap();
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
    assert!(err.message().contains("has no version 7 (latest: 1)"), "{err}");
    let err = Dataset::open(&uri, &Default::default(), Some(7)).err().unwrap();
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
    let err = Dataset::open(&scratch.path("missing.lance"), &Default::default(), None).err().unwrap();
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
}
