//! lance_write_floor: how fast lance itself writes batches that are already in
//! memory, the floor for lance-bridge's write path.
//!
//! Loads a Lance dataset (e.g. lineitem written by `tpch_benchmark`) into memory
//! as batches of `--batch-rows` rows, then writes them again and again, alternating:
//!   floor   lance's own `Dataset::write` over a `RecordBatchIterator`
//!   core    lance-bridge's `StreamWriter` (the Rust core, no C++ and no FFI)
//! with the same lance parameters (lance-bridge's defaults). `tpch_benchmark
//! --write-only` times the third layer, C++ through the bridge, on the same data.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use arrow_array::{make_array, Array, RecordBatch, RecordBatchIterator};
use arrow_data::transform::MutableArrayData;
use futures::TryStreamExt;
use lance::Dataset;
use lance_bridge_core::{lance_write_params, runtime, StreamWriter, WriterOptions};

const USAGE: &str = "usage: lance_write_floor --input DATASET [options]

Times writing in-memory batches into Lance: lance's own Dataset::write (floor)
against lance-bridge's Rust core (core), alternating, same lance parameters.

  --input DATASET    Lance dataset to load into memory first (required)
  --batch-rows N     rows per batch (default 131072, tpch_benchmark's default)
  --output-dir DIR   where the copies are written (default ./write-floor); each run
                     first removes its own earlier output
  --repeat N         rounds of (floor, core), alternating (default 3)
  --json             one JSON object per run and one for the medians";

struct Args {
    input: String,
    batch_rows: usize,
    output_dir: PathBuf,
    repeat: usize,
    json: bool,
}

fn parse(args: Vec<String>) -> Result<Args, String> {
    let mut parsed = Args {
        input: String::new(),
        batch_rows: 131_072,
        output_dir: PathBuf::from("./write-floor"),
        repeat: 3,
        json: false,
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            "--input" => parsed.input = value()?,
            "--batch-rows" => parsed.batch_rows = positive(&arg, &value()?)?,
            "--output-dir" => parsed.output_dir = PathBuf::from(value()?),
            "--repeat" => parsed.repeat = positive(&arg, &value()?)?,
            "--json" => parsed.json = true,
            _ => return Err(format!("unknown option '{arg}'")),
        }
    }
    if parsed.input.is_empty() {
        return Err("--input is required".into());
    }
    Ok(parsed)
}

fn positive(flag: &str, text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("{flag} takes a whole number above 0, got '{text}'")),
    }
}

fn load(uri: &str, batch_rows: usize) -> Result<Vec<RecordBatch>, String> {
    runtime().map_err(|e| e.to_string())?.block_on(async {
        let dataset = Dataset::open(uri).await.map_err(|e| format!("cannot open '{uri}': {e}"))?;
        let mut scan = dataset.scan();
        scan.batch_size(batch_rows);
        let stream = scan.try_into_stream().await.map_err(|e| e.to_string())?;
        let batches = stream.try_collect::<Vec<_>>().await.map_err(|e| e.to_string())?;
        Ok(batches.iter().map(compact).collect())
    })
}

/// The batch with every column copied into buffers of its own, as a generator
/// hands them over: arrays decoded by lance can be slices of larger page
/// buffers, which lance would count (and keep) whole when it writes them again.
fn compact(batch: &RecordBatch) -> RecordBatch {
    let columns = batch
        .columns()
        .iter()
        .map(|column| {
            let data = column.to_data();
            let mut copy = MutableArrayData::new(vec![&data], false, data.len());
            copy.extend(0, 0, data.len());
            make_array(copy.freeze())
        })
        .collect();
    RecordBatch::try_new(batch.schema(), columns).expect("same columns, same schema")
}

/// lance's own write path: the floor.
fn write_with_lance(batches: &[RecordBatch], path: &Path) -> Result<(), String> {
    let schema = batches[0].schema();
    let params = lance_write_params(&WriterOptions::default(), schema.fields().len()).map_err(|e| e.to_string())?;
    let reader = RecordBatchIterator::new(batches.to_vec().into_iter().map(Ok), schema);
    let uri = path.to_string_lossy().into_owned();
    runtime()
        .map_err(|e| e.to_string())?
        .block_on(Dataset::write(reader, uri.as_str(), Some(params)))
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// lance-bridge's core streaming writer.
fn write_with_core(batches: &[RecordBatch], path: &Path) -> Result<(), String> {
    let uri = path.to_string_lossy();
    let mut writer =
        StreamWriter::open(&uri, batches[0].schema(), &WriterOptions::default()).map_err(|e| e.to_string())?;
    for batch in batches {
        writer.write(batch.clone()).map_err(|e| e.to_string())?;
    }
    writer.finish().map(|_| ()).map_err(|e| e.to_string())
}

fn timed(name: &str, path: &Path, write: impl FnOnce() -> Result<(), String>) -> Result<f64, String> {
    if path.exists() {
        std::fs::remove_dir_all(path).map_err(|e| format!("cannot remove '{}': {e}", path.display()))?;
    }
    let start = Instant::now();
    write().map_err(|e| format!("{name}: {e}"))?;
    Ok(start.elapsed().as_secs_f64())
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn run(args: Args) -> Result<(), String> {
    let batches = load(&args.input, args.batch_rows)?;
    if batches.is_empty() {
        return Err(format!("'{}' has no rows", args.input));
    }
    let rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
    std::fs::create_dir_all(&args.output_dir)
        .map_err(|e| format!("cannot create '{}': {e}", args.output_dir.display()))?;
    let floor_path = args.output_dir.join("floor.lance");
    let core_path = args.output_dir.join("core.lance");
    if !args.json {
        println!("lance_write_floor: {rows} rows in {} batches of up to {} rows", batches.len(), args.batch_rows);
    }

    let (mut floor, mut core) = (Vec::new(), Vec::new());
    for round in 1..=args.repeat {
        floor.push(timed("Dataset::write", &floor_path, || write_with_lance(&batches, &floor_path))?);
        core.push(timed("StreamWriter", &core_path, || write_with_core(&batches, &core_path))?);
        report(&args, &format!("run {round}"), rows, floor[round - 1], core[round - 1]);
    }
    report(&args, "median", rows, median(floor), median(core));
    Ok(())
}

fn report(args: &Args, label: &str, rows: usize, floor: f64, core: f64) {
    if args.json {
        println!(
            "{{\"run\":\"{label}\",\"rows\":{rows},\"batch_rows\":{},\"floor_seconds\":{floor:.4},\
             \"core_seconds\":{core:.4},\"core_over_floor\":{:.4}}}",
            args.batch_rows,
            core / floor
        );
    } else {
        println!(
            "{label:<7} Dataset::write {floor:7.3} s   StreamWriter {core:7.3} s   core/floor {:.3}x",
            core / floor
        );
    }
}

fn main() -> ExitCode {
    match parse(std::env::args().skip(1).collect()).and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("lance_write_floor: {message} (see --help)");
            ExitCode::from(2)
        }
    }
}
