//! Writes as lance transactions: nothing another writer committed is ever
//! lost, concurrent appends all land, and pending writes from several writers
//! commit as one version in the order given. Real datasets on disk, read back.

mod common;

use common::{batch, concat, count_files, list_files, read_all, schema, write, Scratch};
use lance_bridge_core::{
    combine, commit, discard, lance_dataset_info, ErrorKind, Format, Mode, PendingWrite, StreamWriter, WriterOptions,
};

fn append() -> WriterOptions {
    WriterOptions { mode: Mode::Append, ..Default::default() }
}

fn info(uri: &str) -> (u64, u64) {
    let info = lance_dataset_info(uri, &Default::default()).unwrap();
    (info.rows, info.version)
}

/// Writer A appends, writer B appends and commits, then A goes away without
/// committing (aborted, dropped): B's rows and files stay, the dataset reads.
#[test]
fn an_abandoned_append_keeps_what_another_writer_committed() {
    let scratch = Scratch::new("abandoned-append");
    for abandon in ["abort", "drop"] {
        let uri = scratch.path(&format!("{abandon}.lance"));
        write(&uri, &WriterOptions::default(), vec![batch(0, 10)]);

        let mut a = StreamWriter::open(&uri, schema(), &append()).unwrap();
        for i in 0..8 {
            a.write(batch(1000 + i * 5000, 5000)).unwrap();
        }
        let summary_b = write(&uri, &append(), vec![batch(100, 50)]);
        assert_eq!(summary_b.version, 2);
        // Everything but A's own file in progress (data/.tmp*).
        let committed: Vec<String> = list_files(&uri).into_iter().filter(|f| !f.starts_with("data/.tmp")).collect();

        match abandon {
            "abort" => a.abort(),
            _ => drop(a),
        }
        assert_eq!(info(&uri), (60, 2), "{abandon}");
        assert_eq!(concat(&read_all(&uri, Format::Lance)), concat(&[batch(0, 10), batch(100, 50)]), "{abandon}");
        assert_eq!(list_files(&uri), committed, "{abandon}: A removed only its own files");
    }
}

/// Four writers append to one dataset at the same time: every commit lands.
#[test]
fn concurrent_appends_all_land() {
    let scratch = Scratch::new("concurrent");
    let uri = scratch.path("d.lance");
    write(&uri, &WriterOptions::default(), vec![batch(0, 10)]);
    let versions: Vec<u64> = std::thread::scope(|s| {
        let writers: Vec<_> = (0..4i64)
            .map(|w| {
                let uri = uri.clone();
                s.spawn(move || {
                    let batches = (0..5).map(|b| batch(10_000 * (w + 1) + b * 100, 100)).collect();
                    write(&uri, &append(), batches).version
                })
            })
            .collect();
        writers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    let mut sorted = versions.clone();
    sorted.sort();
    assert_eq!(sorted, vec![2, 3, 4, 5], "each append made its own version");
    assert_eq!(info(&uri), (10 + 4 * 500, 5));
    // Every writer's rows are there, each writer's rows in its order.
    let all = concat(&read_all(&uri, Format::Lance));
    let ids = all.column(0).as_any().downcast_ref::<arrow_array::Int64Array>().unwrap();
    for w in 1..=4i64 {
        let mine: Vec<i64> = ids.values().iter().copied().filter(|id| id / 10_000 == w).collect();
        let expected: Vec<i64> = (0..5).flat_map(|b| (0..100).map(move |r| 10_000 * w + b * 100 + r)).collect();
        assert_eq!(mine, expected);
    }
}

fn prepare(uri: &str, options: &WriterOptions, first: i64, rows: i64) -> PendingWrite {
    let mut writer = StreamWriter::open(uri, schema(), options).unwrap();
    writer.write(batch(first, rows / 2)).unwrap();
    writer.write(batch(first + rows / 2, rows - rows / 2)).unwrap();
    writer.prepare().unwrap()
}

/// Pieces written by separate writers, passed around as bytes, commit as one
/// version with their fragments in the order given; a discarded piece leaves
/// no file behind.
#[test]
fn pieces_commit_as_one_version_in_order() {
    let scratch = Scratch::new("pieces");
    let uri = scratch.path("d.lance");
    let create = WriterOptions::default();
    let pieces: Vec<Vec<u8>> =
        (0..3).map(|k| prepare(&uri, &create, k * 1000, 1000).to_bytes().unwrap()).collect();
    assert!(!std::path::Path::new(&uri).join("_versions").exists(), "nothing committed yet");

    let parsed: Vec<PendingWrite> = pieces.iter().map(|b| PendingWrite::from_bytes(b).unwrap()).collect();
    assert_eq!(parsed.iter().map(PendingWrite::rows).collect::<Vec<_>>(), vec![1000, 1000, 1000]);
    let summary = commit(&uri, &parsed, &Default::default()).unwrap();
    assert_eq!((summary.version, summary.rows), (1, 3000));
    assert_eq!(concat(&read_all(&uri, Format::Lance)), batch(0, 3000));

    // Appends committed in reverse order read back in that order.
    let later: Vec<PendingWrite> = (0..2).map(|k| prepare(&uri, &append(), 5000 + k * 100, 100)).collect();
    let reversed = vec![later[1].clone(), later[0].clone()];
    assert_eq!(commit(&uri, &reversed, &Default::default()).unwrap().version, 2);
    assert_eq!(
        concat(&read_all(&uri, Format::Lance)),
        concat(&[batch(0, 3000), batch(5100, 100), batch(5000, 100)])
    );

    // A discarded piece: its files go, the dataset does not change.
    let files_before = count_files(&uri);
    let extra = prepare(&uri, &append(), 9000, 500);
    assert!(count_files(&uri) > files_before);
    assert_eq!(discard(&extra, &Default::default()).unwrap(), extra.data_files().len() as u64);
    assert_eq!(count_files(&uri), files_before);
    assert_eq!(info(&uri), (3200, 2));
}

/// Pieces combined into one (a worker that wrote its share with several
/// writers at once) commit as the pieces would: one version, rows in the order
/// combined, and the combined piece survives a trip through bytes. Pieces that
/// do not belong together are not combined; combining writes nothing.
#[test]
fn combined_pieces_commit_as_the_pieces_would() {
    let scratch = Scratch::new("combine");
    let uri = scratch.path("d.lance");
    let create = WriterOptions::default();
    let first = prepare(&uri, &create, 0, 700);
    let second = prepare(&uri, &create, 700, 300);
    let files = count_files(&uri);
    // Combined in the order not written: that order is the rows'.
    let combined = combine(&[second.clone(), first.clone()]).unwrap();
    assert_eq!(count_files(&uri), files, "combining writes nothing");
    assert_eq!((combined.rows(), combined.mode()), (1000, Mode::Create));
    assert_eq!(combined.data_files(), [second.data_files(), first.data_files()].concat());
    let combined = PendingWrite::from_bytes(&combined.to_bytes().unwrap()).unwrap();
    let third = prepare(&uri, &create, 1000, 200);
    let summary = commit(&uri, &[combined, third], &Default::default()).unwrap();
    assert_eq!((summary.version, summary.rows), (1, 1200));
    assert_eq!(concat(&read_all(&uri, Format::Lance)), concat(&[batch(700, 300), batch(0, 700), batch(1000, 200)]));

    let other = prepare(&scratch.path("other.lance"), &create, 0, 10);
    assert_eq!(combine(&[first.clone(), other]).unwrap_err().kind(), ErrorKind::InvalidArgument);
    let appended = prepare(&uri, &append(), 5000, 10);
    assert_eq!(combine(&[appended, first]).unwrap_err().kind(), ErrorKind::InvalidArgument);
    assert_eq!(combine(&[]).unwrap_err().kind(), ErrorKind::InvalidArgument);
}

/// Two creates of one new dataset: one commits, the other is refused and
/// removes only its own files.
#[test]
fn of_two_creates_one_wins_and_the_other_loses_nothing_of_it() {
    let scratch = Scratch::new("create-race");
    let uri = scratch.path("d.lance");
    let first = prepare(&uri, &WriterOptions::default(), 0, 100);
    let second = prepare(&uri, &WriterOptions::default(), 500, 100);
    commit(&uri, &[first], &Default::default()).unwrap();
    let err = commit(&uri, &[second.clone()], &Default::default()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::AlreadyExists, "{err}");
    discard(&second, &Default::default()).unwrap();
    assert_eq!(info(&uri), (100, 1));
    assert_eq!(concat(&read_all(&uri, Format::Lance)), batch(0, 100));

    // The same through finish(): the second writer's commit fails, its files go.
    let uri = scratch.path("e.lance");
    let mut a = StreamWriter::open(&uri, schema(), &WriterOptions::default()).unwrap();
    let mut b = StreamWriter::open(&uri, schema(), &WriterOptions::default()).unwrap();
    a.write(batch(0, 100)).unwrap();
    b.write(batch(500, 100)).unwrap();
    a.finish().unwrap();
    // What A committed (B's file in progress, data/.tmp*, is B's own).
    let committed: Vec<String> = list_files(&uri).into_iter().filter(|f| !f.starts_with("data/.tmp")).collect();
    assert_eq!(b.finish().unwrap_err().kind(), ErrorKind::AlreadyExists);
    assert_eq!(list_files(&uri), committed);
    assert_eq!(concat(&read_all(&uri, Format::Lance)), batch(0, 100));
}

/// Pieces that do not belong together are refused before anything changes.
#[test]
fn mismatched_pieces_are_refused() {
    let scratch = Scratch::new("mismatch");
    let uri = scratch.path("d.lance");
    let other = scratch.path("other.lance");
    let a = prepare(&uri, &WriterOptions::default(), 0, 10);
    let elsewhere = prepare(&other, &WriterOptions::default(), 0, 10);
    let err = commit(&uri, &[a.clone(), elsewhere], &Default::default()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{err}");
    assert!(err.message().contains("written for"), "{err}");
    assert_eq!(commit(&uri, &[], &Default::default()).unwrap_err().kind(), ErrorKind::InvalidArgument);
    assert!(!std::path::Path::new(&uri).join("_versions").exists());
    commit(&uri, &[a], &Default::default()).unwrap();
    let appended = prepare(&uri, &append(), 50, 10);
    let replacing = prepare(&uri, &WriterOptions { mode: Mode::Overwrite, ..Default::default() }, 70, 10);
    let err = commit(&uri, &[appended, replacing], &Default::default()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{err}");
    assert_eq!(info(&uri), (10, 1));
}

/// Parquet: create refuses a file that is there; overwrite replaces it whole.
#[test]
fn parquet_create_refuses_and_overwrite_replaces() {
    let scratch = Scratch::new("parquet");
    let path = scratch.path("t.parquet");
    let parquet = WriterOptions { format: Format::Parquet, ..Default::default() };
    write(&path, &parquet, vec![batch(0, 10)]);
    let err = StreamWriter::open(&path, schema(), &parquet).err().unwrap();
    assert_eq!(err.kind(), ErrorKind::AlreadyExists);
    // Two creates racing: the one that finishes second is refused atomically.
    let fresh = scratch.path("u.parquet");
    let mut a = StreamWriter::open(&fresh, schema(), &parquet).unwrap();
    let mut b = StreamWriter::open(&fresh, schema(), &parquet).unwrap();
    a.write(batch(0, 5)).unwrap();
    b.write(batch(100, 5)).unwrap();
    a.finish().unwrap();
    assert_eq!(b.finish().unwrap_err().kind(), ErrorKind::AlreadyExists);
    assert_eq!(concat(&read_all(&fresh, Format::Parquet)), batch(0, 5));
    write(&path, &WriterOptions { mode: Mode::Overwrite, ..parquet.clone() }, vec![batch(7, 3)]);
    assert_eq!(concat(&read_all(&path, Format::Parquet)), batch(7, 3));
    // No temporary file is left anywhere.
    let names: Vec<String> = std::fs::read_dir(&scratch.0)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".partial-")), "{names:?}");
}
