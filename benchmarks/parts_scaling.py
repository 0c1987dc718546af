#!/usr/bin/env python3
"""lineitem in N parts written by N tpch-lance processes at once on this machine,
then one `tpch-lance commit`: wall seconds (first start to commit done) and CPU
seconds (all processes, from wait4), for N = 1, 2, 4, alternating rounds.

usage: parts_scaling.py BUILD_DIR [--scale-factor 1] [--parts 1,2,4] [--runs 3]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import timing  # noqa: E402


def one_round(tpch, sf, parts, out):
    shutil.rmtree(out, ignore_errors=True)
    before = timing.wait_until_quiet()
    start = time.perf_counter()
    threads = str(max(1, os.cpu_count() // parts))
    base = [tpch, "--scale-factor", sf, "--tables", "lineitem", "--output-dir", out, "--quiet", "--threads", threads]
    commands = [base] if parts == 1 else [base + ["--parts", str(parts), "--part", str(k)] for k in range(1, parts + 1)]
    processes = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL) for c in commands]
    cpu = 0.0
    for p in processes:
        _, status, usage = os.wait4(p.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"a part failed: {' '.join(p.args)}")
        cpu += usage.ru_utime + usage.ru_stime
    written = time.perf_counter() - start
    if parts > 1:
        record, _ = timing.measure([tpch, "commit", "--tables", "lineitem", "--output-dir", out, "--quiet"])
        cpu += record["cpu"]
    return {"wall": time.perf_counter() - start, "write_wall": written, "cpu": cpu, "before": before}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("build_dir")
    parser.add_argument("--scale-factor", default="1")
    parser.add_argument("--parts", default="1,2,4")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    tpch = os.path.join(args.build_dir, "bin", "tpch-lance")
    counts = [int(n) for n in args.parts.split(",")]
    scratch = tempfile.mkdtemp(prefix="parts-scaling-")
    results = {n: [] for n in counts}
    for i in range(args.runs):
        for n in counts[i % len(counts):] + counts[:i % len(counts)]:
            results[n].append(one_round(tpch, args.scale_factor, n, os.path.join(scratch, "out")))
        print(f"  round {i + 1}: " + ", ".join(f"N={n} {results[n][-1]['wall']:.2f}s" for n in counts), file=sys.stderr)
    shutil.rmtree(scratch, ignore_errors=True)
    print(f"lineitem SF {args.scale_factor}, {os.cpu_count()} cores, median of {args.runs}\n")
    print("| processes (parts) | wall s, parts + commit | of which commit | CPU s |\n| ---: | ---: | ---: | ---: |")
    for n in counts:
        wall = statistics.median(r["wall"] for r in results[n])
        commit = statistics.median(r["wall"] - r["write_wall"] for r in results[n])
        cpu = statistics.median(r["cpu"] for r in results[n])
        print(f"| {n} | {wall:.2f} | {commit:.3f} | {cpu:.2f} |")


if __name__ == "__main__":
    main()
