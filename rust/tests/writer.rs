//! The core writer against real datasets on disk, read back and compared.

mod common;

use std::sync::Arc;

use arrow_array::{RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};

use common::{batch, concat, count_files, read_all, schema, write, Scratch};
use lance_bridge_core::{
    column_checksums, lance_dataset_info, scan, table_checksum, ErrorKind, Format, Mode, StreamWriter, WriterOptions,
};

#[test]
fn lance_and_parquet_round_trip() {
    let scratch = Scratch::new("round-trip");
    for format in [Format::Lance, Format::Parquet] {
        let uri = scratch.path(if format == Format::Lance { "t.lance" } else { "t.parquet" });
        let options = WriterOptions { format, ..Default::default() };
        let input = vec![batch(0, 1000), batch(1000, 1), batch(1001, 3000)];
        let summary = write(&uri, &options, input.clone());
        assert_eq!(summary.rows, 4001);
        assert_eq!(summary.batches, 3);
        assert!(summary.bytes_written > 0);
        assert_eq!(concat(&read_all(&uri, format)), concat(&input), "{format:?}");
    }
}

#[test]
fn many_files_and_checksums_agree() {
    let scratch = Scratch::new("files");
    let uri = scratch.path("f.lance");
    let options = WriterOptions { max_rows_per_file: 2500, queue_depth: 1, ..Default::default() };
    let input: Vec<RecordBatch> = (0..10).map(|i| batch(i * 1000, 1000)).collect();
    let summary = write(&uri, &options, input.clone());
    assert_eq!(summary.data_files, 4);
    let info = lance_dataset_info(&uri, &Default::default()).unwrap();
    assert_eq!((info.rows, info.version, info.fragments), (10_000, 1, 4));

    let parquet = scratch.path("f.parquet");
    write(&parquet, &WriterOptions { format: Format::Parquet, ..Default::default() }, input);
    let lance_sum = table_checksum(scan(&uri, Format::Lance, &Default::default()).unwrap()).unwrap();
    let parquet_sum = table_checksum(scan(&parquet, Format::Parquet, &Default::default()).unwrap()).unwrap();
    assert_eq!(lance_sum.0, 10_000);
    assert_eq!(lance_sum, parquet_sum);

    // Per column: the id and name states computed here by the definition.
    let by_column = column_checksums(scan(&uri, Format::Lance, &Default::default()).unwrap()).unwrap();
    assert_eq!((by_column.rows, by_column.table), lance_sum);
    let names: Vec<&str> = by_column.columns.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["id", "n", "price", "day", "name"]);
    let fnv = |bytes: &mut dyn Iterator<Item = u8>| {
        bytes.fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3))
    };
    let ids = fnv(&mut (0..10_000i64).flat_map(|i| std::iter::once(1u8).chain(i.to_le_bytes())));
    let text = fnv(&mut (0..10_000i64).flat_map(|i| -> Vec<u8> {
        if i % 5 == 0 {
            return vec![0];
        }
        let s = format!("name {i}");
        [&[1u8][..], &(s.len() as u32).to_le_bytes(), s.as_bytes()].concat()
    }));
    assert_eq!((by_column.columns[0].1, by_column.columns[4].1), (ids, text));
    let mut table = by_column.columns.iter().flat_map(|(_, state)| state.to_le_bytes());
    assert_eq!(fnv(&mut table), by_column.table);
}

#[test]
fn create_refuses_an_existing_dataset_and_append_adds_a_version() {
    let scratch = Scratch::new("modes");
    let uri = scratch.path("m.lance");
    write(&uri, &WriterOptions::default(), vec![batch(0, 10)]);
    let err = StreamWriter::open(&uri, schema(), &WriterOptions::default()).err().unwrap();
    assert_eq!(err.kind(), ErrorKind::AlreadyExists, "{err}");
    assert!(!err.to_string().contains(".rs:"), "no lance source location in the message: {err}");

    let append = WriterOptions { mode: Mode::Append, ..Default::default() };
    let summary = write(&uri, &append, vec![batch(10, 5)]);
    assert_eq!(summary.version, 2);
    assert_eq!(concat(&read_all(&uri, Format::Lance)), concat(&[batch(0, 10), batch(10, 5)]));

    let overwrite = WriterOptions { mode: Mode::Overwrite, ..Default::default() };
    write(&uri, &overwrite, vec![batch(100, 3)]);
    assert_eq!(concat(&read_all(&uri, Format::Lance)), batch(100, 3));
}

#[test]
fn a_mismatched_batch_is_refused_and_the_write_goes_on() {
    let scratch = Scratch::new("mismatch");
    let uri = scratch.path("x.lance");
    let mut writer = StreamWriter::open(&uri, schema(), &WriterOptions::default()).unwrap();
    writer.write(batch(0, 10)).unwrap();
    let other = Arc::new(Schema::new(vec![Field::new("id", DataType::Utf8, false)]));
    let wrong = RecordBatch::try_new(other, vec![Arc::new(StringArray::from(vec!["a"]))]).unwrap();
    let err = writer.write(wrong).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::SchemaMismatch, "{err}");
    writer.write(batch(10, 10)).unwrap();
    assert_eq!(writer.finish().unwrap().rows, 20);
    assert_eq!(concat(&read_all(&uri, Format::Lance)), batch(0, 20));
}

#[test]
fn abort_and_drop_leave_nothing_behind() {
    let scratch = Scratch::new("abort");
    // A new dataset: the directory disappears.
    let uri = scratch.path("new.lance");
    {
        let mut writer = StreamWriter::open(&uri, schema(), &WriterOptions::default()).unwrap();
        writer.write(batch(0, 5000)).unwrap();
    }
    assert!(!std::path::Path::new(&uri).exists());

    // An existing dataset: the previous version, and only its files, remain.
    let uri = scratch.path("old.lance");
    write(&uri, &WriterOptions::default(), vec![batch(0, 10)]);
    let files_before = count_files(&uri);
    let mut writer =
        StreamWriter::open(&uri, schema(), &WriterOptions { mode: Mode::Append, ..Default::default() }).unwrap();
    for i in 0..4 {
        writer.write(batch(i * 1000, 1000)).unwrap();
    }
    writer.abort();
    assert_eq!(count_files(&uri), files_before);
    let info = lance_dataset_info(&uri, &Default::default()).unwrap();
    assert_eq!((info.rows, info.version), (10, 1));
    assert_eq!(writer.write(batch(0, 1)).unwrap_err().kind(), ErrorKind::InvalidState);

    // Parquet: no partial file.
    let parquet = scratch.path("p.parquet");
    {
        let mut writer =
            StreamWriter::open(&parquet, schema(), &WriterOptions { format: Format::Parquet, ..Default::default() })
                .unwrap();
        writer.write(batch(0, 100)).unwrap();
    }
    assert_eq!(std::fs::read_dir(&scratch.0).unwrap().count(), 1, "only old.lance remains");
}

/// Pages of each column in the one data file of the Lance dataset at `uri`.
fn pages_per_column(uri: &str) -> Vec<usize> {
    use lance_file::reader::FileReader;
    use lance_io::object_store::ObjectStore;
    use lance_io::scheduler::{ScanScheduler, SchedulerConfig};
    use lance_io::utils::CachedFileSize;
    let files: Vec<_> = std::fs::read_dir(format!("{uri}/data")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 1, "{files:?}");
    lance_bridge_core::runtime().unwrap().block_on(async {
        let (store, path) = ObjectStore::from_uri(files[0].to_str().unwrap()).await.unwrap();
        let scheduler = ScanScheduler::new(store, SchedulerConfig::default_for_testing());
        let file = scheduler.open_file(&path, &CachedFileSize::unknown()).await.unwrap();
        let metadata = FileReader::read_all_metadata(&file).await.unwrap();
        metadata.column_metadatas.iter().map(|column| column.pages.len()).collect()
    })
}

#[test]
fn page_bytes_per_column_sets_how_much_a_page_holds() {
    let scratch = Scratch::new("pages");
    // Eight batches of 20,000 ids: 160 KB of each batch's 8-byte id column.
    let input: Vec<RecordBatch> = (0..8).map(|i| batch(i * 20_000, 20_000)).collect();

    // lance encodes a column's page once the arrays it holds exceed the budget
    // (lance-encoding's AccumulationQueue). 2 MiB holds all 1.28 MB of ids for one page.
    let whole = scratch.path("whole.lance");
    write(&whole, &WriterOptions { page_bytes_per_column: 2 << 20, ..Default::default() }, input.clone());
    assert_eq!(pages_per_column(&whole)[0], 1);

    // 64 KiB: each batch's ids fill a page alone, and are encoded as they come.
    let small = scratch.path("small.lance");
    let options = WriterOptions { page_bytes_per_column: 64 * 1024, ..Default::default() };
    write(&small, &options, input.clone());
    assert_eq!(pages_per_column(&small)[0], 8);
    assert_eq!(concat(&read_all(&small, Format::Lance)), concat(&input));

    let none = WriterOptions { page_bytes_per_column: 0, ..Default::default() };
    let err = StreamWriter::open(&scratch.path("none.lance"), schema(), &none).err().unwrap();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{err}");
    assert!(err.to_string().contains("page_bytes_per_column"), "{err}");
}
