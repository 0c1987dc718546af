//! lance-bridge-inspect: look at what a write produced, from the Rust side.
//!
//!   lance-bridge-inspect DATASET                 rows, version, fragments, schema
//!   lance-bridge-inspect DATASET --checksum      rows and content checksum
//!   lance-bridge-inspect DATASET --tbl [--limit N]   rows as dbgen .tbl lines

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use lance_bridge_core::{lance_dataset_info, scan, table_checksum, tbl::write_tbl, Format};

const USAGE: &str = "usage: lance-bridge-inspect PATH [--format lance|parquet] [--checksum | --tbl [--limit N]]

Reads a Lance dataset (or Parquet file) written by lance-bridge.
  (no flag)     print rows, version, fragments and schema (Lance only)
  --checksum    print 'rows=N checksum=HEX' (the checksum lance-bridge's tests use)
  --tbl         print the rows in dbgen's .tbl format ('|'-separated, trailing '|')
  --limit N     with --tbl, print at most N rows
  --format F    lance (default) or parquet";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("lance-bridge-inspect: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let mut path = None;
    let mut format = Format::Lance;
    let mut action = "info";
    let mut limit = u64::MAX;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            "--checksum" => action = "checksum",
            "--tbl" => action = "tbl",
            "--format" => {
                format = match args.next().as_deref() {
                    Some("lance") => Format::Lance,
                    Some("parquet") => Format::Parquet,
                    other => return Err(format!("--format takes lance or parquet, got {other:?}")),
                }
            }
            "--limit" => {
                limit = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or("--limit takes a number")?
            }
            _ if arg.starts_with('-') => return Err(format!("unknown option {arg}\n{USAGE}")),
            _ if path.is_none() => path = Some(arg),
            _ => return Err(format!("unexpected argument {arg}\n{USAGE}")),
        }
    }
    let path = path.ok_or(USAGE)?;
    match action {
        "checksum" => {
            let (rows, sum) = table_checksum(scan(&path, format).map_err(|e| e.to_string())?)
                .map_err(|e| e.to_string())?;
            println!("rows={rows} checksum={sum:016x}");
        }
        "tbl" => {
            let reader = scan(&path, format).map_err(|e| e.to_string())?;
            let stdout = std::io::stdout();
            let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
            write_tbl(reader, &mut out, limit).map_err(|e| e.to_string())?;
            out.flush().map_err(|e| e.to_string())?;
        }
        _ => {
            let info = lance_dataset_info(&path).map_err(|e| e.to_string())?;
            println!("rows: {}\nversion: {}\nfragments: {}", info.rows, info.version, info.fragments);
            for field in info.schema.fields() {
                let null = if field.is_nullable() { " (nullable)" } else { "" };
                println!("  {}: {}{null}", field.name(), field.data_type());
            }
        }
    }
    Ok(())
}
