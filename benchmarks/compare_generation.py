#!/usr/bin/env python3
"""Generation speed of lineitem, side by side: our generator (Arrow batches,
nothing written) on 1 and all threads, against tpchgen-cli (PyPI) generating the
same rows (tbl to /dev/null, and Parquet). Every command runs as a whole process,
timed from outside; the commands alternate, and the medians are reported.

usage: compare_generation.py BUILD_DIR [--scale-factor 1] [--runs 5]
Writes benchmarks/results/generation-sf<SF>.json and prints a Markdown table.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("build_dir")
    parser.add_argument("--scale-factor", default="1")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--table", default="lineitem")
    args = parser.parse_args()

    bench = os.path.join(args.build_dir, "bin", "tpch_benchmark")
    tpchgen = shutil.which("tpchgen-cli")
    if not tpchgen:
        sys.exit("tpchgen-cli not found: pip install -r benchmarks/requirements.txt")
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
    times = {label: [] for label in commands}
    for _ in range(args.runs):
        for label, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[label].append(time.perf_counter() - start)
    shutil.rmtree(scratch, ignore_errors=True)

    reference = statistics.median(times[f"tpchgen-cli tbl to /dev/null, {cores} threads"])
    print(f"{table} at SF {sf}, {cores} cores, median of {args.runs} alternating runs (whole process, wall clock)\n")
    print("| command | median s | min s | vs tpchgen-cli tbl |")
    print("| --- | ---: | ---: | ---: |")
    for label, values in times.items():
        median = statistics.median(values)
        print(f"| {label} | {median:.2f} | {min(values):.2f} | {median / reference:.2f}x |")
    result = {
        "table": table,
        "scale_factor": float(sf),
        "runs": args.runs,
        "machine": {"cores": cores, "platform": platform.platform()},
        "seconds": times,
        "commands": {label: " ".join(command) for label, command in commands.items()},
    }
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results", f"generation-sf{sf}.json")
    with open(out, "w") as f:
        json.dump(result, f, indent=2)
    print(f"\nraw times: {out}")


if __name__ == "__main__":
    main()
