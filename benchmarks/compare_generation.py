#!/usr/bin/env python3
"""Generation speed of lineitem, side by side: our generator (Arrow batches,
nothing written) on 1 and all threads, against tpchgen-cli (PyPI) generating the
same rows (tbl to /dev/null, and Parquet). Every command runs as a whole process,
timed from outside (wall and CPU seconds, see timing.py); the commands alternate,
and the medians are reported.

usage: compare_generation.py BUILD_DIR [--scale-factor 1] [--runs 5]
Writes benchmarks/results/generation-sf<SF>.json and prints a Markdown table.
"""

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import timing  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("build_dir")
    parser.add_argument("--scale-factor", default="1")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--table", default="lineitem")
    args = parser.parse_args()

    bench = os.path.join(args.build_dir, "bin", "tpch_benchmark")
    tpchgen = timing.tpchgen_cli()
    cores = os.cpu_count()
    scratch = tempfile.mkdtemp(prefix="tpch-generation-")
    sf, table = args.scale_factor, args.table
    commands = {
        "ours, Arrow batches, 1 thread": [bench, "--format", "none", "--table", table, "--scale-factor", sf, "--threads", "1"],
        f"ours, Arrow batches, {cores} threads": [bench, "--format", "none", "--table", table, "--scale-factor", sf, "--threads", str(cores)],
        "tpchgen-cli tbl to /dev/null, 1 thread": [tpchgen, "tbl", "-s", sf, "-T", table, "--stdout", "-n", "1"],
        f"tpchgen-cli tbl to /dev/null, {cores} threads": [tpchgen, "tbl", "-s", sf, "-T", table, "--stdout", "-n", str(cores)],
        f"tpchgen-cli parquet, {cores} threads": [tpchgen, "parquet", "-s", sf, "-T", table, "-o", scratch, "--overwrite", "-n", str(cores)],
    }
    commands = {label: [command] for label, command in commands.items()}
    results = timing.run_rounds(commands, args.runs, capture=False)
    shutil.rmtree(scratch, ignore_errors=True)
    for records in results.values():
        for record in records:
            record.pop("stdout")

    print(f"{table} at SF {sf}, {cores} cores, median of {args.runs} alternating runs (whole processes)\n")
    print(timing.markdown_table(results, f"tpchgen-cli tbl to /dev/null, {cores} threads"))
    result = {
        "table": table,
        "scale_factor": float(sf),
        "runs": args.runs,
        "machine": {"cores": cores, "platform": platform.platform()},
        "runs_measured": results,
        "commands": {label: " ".join(steps[0]) for label, steps in commands.items()},
    }
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results", f"generation-sf{sf}.json")
    with open(out, "w") as f:
        json.dump(result, f, indent=2)
    print(f"\nraw times: {out}")


if __name__ == "__main__":
    main()
