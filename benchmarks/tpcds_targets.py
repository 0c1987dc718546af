#!/usr/bin/env python3
"""tpcds-lance as a user runs it, against the other ways to TPC-DS files, for
issue #24's targets.

Contenders, whole processes, alternating (timing.round_orders), medians
(timing.py: sync and a quiet machine before each run; wall, user + sys, peak RSS):
  tpcds-lance -> Lance        BUILD/bin/tpcds-lance -s SF [--tables store_sales] --quiet
  tpcgen-cli -> Parquet       tpcgen-cli tpcds parquet -s SF [-T store_sales]
  DuckDB dsdgen -> Parquet    DuckDB (its tpcds extension): CALL dsdgen(sf=SF), then
                              COPY each table TO Parquet (all tables only: dsdgen
                              makes every table; and its data is not dsdgen v4.0.0's)
Each run first removes its own output (`rm -rf`, counted in its time, alike for all).

--memory 1,10: tpcds-lance alone at each scale factor (peak RSS flat in SF?).

usage: tpcds_targets.py BUILD_DIR [--table all|store_sales] [--scale-factor 1] [--runs 5]
                        [--memory 1,10] [--scratch DIR]
Writes benchmarks/results/tpcds-<table>-sf<SF>.json (or tpcds-memory.json) and
prints a Markdown table.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import timing  # noqa: E402

RESULTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")

# DuckDB's dsdgen into Parquet, run as its own process (so that its time,
# CPU and memory are measured like the others').
DUCKDB_SCRIPT = """
import glob, os, sys
import duckdb, duckdb_extension_tpcds
sf, out = sys.argv[1], sys.argv[2]
root = os.path.dirname(duckdb_extension_tpcds.__file__)
con = duckdb.connect()
con.execute("INSTALL '" + glob.glob(os.path.join(root, 'extensions', '*', 'tpcds.duckdb_extension'))[0] + "'")
con.execute('LOAD tpcds')
con.execute('CALL dsdgen(sf = ' + sf + ')')
os.makedirs(out)
for (table,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall():
    con.execute(f"COPY {table} TO '{out}/{table}.parquet' (FORMAT parquet)")
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build_dir")
    parser.add_argument("--table", default="all", choices=["all", "store_sales"])
    parser.add_argument("--scale-factor", default="1")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--memory", help="scale factors for tpcds-lance's peak RSS alone, e.g. 1,10")
    parser.add_argument("--scratch", default=None)
    args = parser.parse_args()

    if args.scratch:
        os.makedirs(args.scratch, exist_ok=True)
    scratch = tempfile.mkdtemp(prefix="tpcds-targets-", dir=args.scratch)
    program = os.path.join(os.path.abspath(args.build_dir), "bin", "tpcds-lance")

    def ours(sf, out):
        folder = os.path.join(scratch, out)
        tables = ["--tables", "store_sales"] if args.table == "store_sales" else []
        return [["rm", "-rf", folder], [program, "-s", sf, "--quiet", "--output-dir", folder] + tables]

    if args.memory:
        commands = {f"tpcds-lance SF {sf}": ours(sf, f"sf{sf}") for sf in args.memory.split(",")}
        results = timing.run_rounds(commands, args.runs)
        reference = next(iter(commands))
        name = "tpcds-memory"
    else:
        commands = {"tpcds-lance -> Lance": ours(args.scale_factor, "lance")}
        peer_out = os.path.join(scratch, "tpcgen")
        peer_tables = ["-T", "store_sales"] if args.table == "store_sales" else []
        commands["tpcgen-cli -> Parquet"] = [
            ["rm", "-rf", peer_out],
            [timing.installed_program("tpcgen-cli"), "tpcds", "parquet", "-s", args.scale_factor, "-o", peer_out]
            + peer_tables]
        if args.table == "all":
            duck_out = os.path.join(scratch, "duckdb")
            commands["DuckDB dsdgen -> Parquet"] = [["rm", "-rf", duck_out],
                                                    [sys.executable, "-c", DUCKDB_SCRIPT, args.scale_factor, duck_out]]
        results = timing.run_rounds(commands, args.runs)
        reference = "tpcgen-cli -> Parquet"
        name = f"tpcds-{args.table}-sf{args.scale_factor}"
    sizes = {label: folder_size(os.path.join(scratch, folder))
             for label, folder in (("tpcds-lance -> Lance", "lance"), ("tpcgen-cli -> Parquet", "tpcgen"),
                                   ("DuckDB dsdgen -> Parquet", "duckdb")) if label in results}
    shutil.rmtree(scratch, ignore_errors=True)

    print(timing.markdown_table(results, reference))
    # The machine's speed drifts between minutes (the same command's wall time
    # has varied by a third between runs of this script): a ratio taken within
    # each round, between runs seconds apart, is steadier than one of medians.
    paired = paired_ratios(results, reference)
    for label, ratios in paired.items():
        print(f"{label}: wall / {reference}'s in the same round: median {statistics.median(ratios):.2f}x, "
              f"{min(ratios):.2f}x to {max(ratios):.2f}x over {len(ratios)} rounds")
    for label, size in sizes.items():
        print(f"{label}: output {size / 2**20:,.0f} MiB")
    os.makedirs(RESULTS, exist_ok=True)
    path = os.path.join(RESULTS, f"{name}.json")
    with open(path, "w") as f:
        json.dump({"machine": {"cores": os.cpu_count(), "platform": platform.platform()}, "command": " ".join(sys.argv),
                   "output_bytes": sizes, "paired_wall_ratios": paired,
                   "runs": {label: [{k: v for k, v in r.items() if k != "stdout"} for r in records]
                            for label, records in results.items()},
                   "medians": {label: {k: statistics.median(r[k] for r in records)
                                       for k in ("wall", "user", "sys", "cpu", "peak_rss_mib")}
                               for label, records in results.items()}}, f, indent=1)
    print(f"wrote {path}", file=sys.stderr)


def paired_ratios(results, reference):
    """Each contender's wall time over the reference's, round by round."""
    return {label: [r["wall"] / ref["wall"] for r, ref in zip(records, results[reference])]
            for label, records in results.items() if label != reference}


def folder_size(folder):
    return sum(os.path.getsize(os.path.join(root, name)) for root, _, names in os.walk(folder) for name in names)


if __name__ == "__main__":
    main()
