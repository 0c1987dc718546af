#!/usr/bin/env python3
"""What each of lance's per-column encoding choices costs and saves, on TPC-H.

Each contender is `tpch_benchmark --format lance --zero-copy --lance-defaults`
with one or more `--encoding COLUMN:KEY=VALUE` (field metadata lance reads while
it encodes), against lance's defaults and tpch-lance's own choices, in
alternation (a balanced order: timing.round_orders), whole processes, medians. Reported per contender: wall and CPU seconds (user +
sys, from wait4), instructions (perf stat, all threads: far steadier than
seconds on a shared virtual machine, and what an encoding choice changes), and
the dataset's bytes on disk, each also as a difference from the defaults.

With --callgrind, each contender runs once under valgrind's callgrind instead
(use a small scale factor: ~25 s for lineitem SF 0.1): instructions executed,
all threads, the same from run to run and whatever else the machine does; on
a virtual machine without perf's counters, the way to see a 2 % difference.

usage: encoding_choices.py BUILD_DIR [--table lineitem] [--scale-factor 1] [--runs 5]
                           [--set NAME=COL:K=V[,COL:K=V...]] ... [--only-sets] [--callgrind]
Without --set, every column of the table lance may dictionary-encode (64- and
128-bit values, strings) is tried alone with dictionaries off, and l_comment
with each general compression. Writes benchmarks/results/encodings-<table>-sf<SF>.json
and prints a Markdown table for benchmarks/README.md.
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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import timing  # noqa: E402

RESULTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")
NO_DICTIONARY = "dict-divisor=4294967295"

# The columns lance 14 considers for a dictionary (structural_encoder.rs
# should_dictionary_encode: 64/128-bit fixed width and variable width).
DICTIONARY_CANDIDATES = {
    "lineitem": ["l_orderkey", "l_partkey", "l_suppkey", "l_quantity", "l_extendedprice", "l_discount",
                 "l_tax", "l_returnflag", "l_linestatus", "l_shipinstruct", "l_shipmode", "l_comment"],
}


def default_contenders(table):
    sets = {f"{c} no dictionary": [f"{c}:{NO_DICTIONARY}"] for c in DICTIONARY_CANDIDATES.get(table, [])}
    if table == "lineitem":
        for codec in ("zstd", "lz4", "none"):
            sets[f"l_comment compression={codec}"] = [f"l_comment:compression={codec}"]
    return sets


def perf_counts_instructions():
    """perf, if this machine lets it count instructions (many virtual machines don't)."""
    perf = shutil.which("perf")
    if not perf:
        return None
    probe = subprocess.run([perf, "stat", "-x,", "-e", "instructions", "true"], capture_output=True, text=True)
    return perf if probe.returncode == 0 and "<not supported>" not in probe.stderr else None


def instructions(perf_output):
    for line in open(perf_output):
        fields = line.strip().split(",")
        if len(fields) > 2 and fields[2].startswith("instructions"):
            return int(fields[0]) if fields[0].isdigit() else None
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build_dir")
    parser.add_argument("--table", default="lineitem")
    parser.add_argument("--scale-factor", default="1")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--set", action="append", default=[], help="NAME=COL:K=V[,COL:K=V...]")
    parser.add_argument("--only-sets", action="store_true", help="measure the --set contenders only")
    parser.add_argument("--scratch", default=None)
    parser.add_argument("--callgrind", action="store_true", help="count instructions under callgrind, once each")
    args = parser.parse_args()

    benchmark = os.path.join(os.path.abspath(args.build_dir), "bin", "tpch_benchmark")
    perf = None if args.callgrind else perf_counts_instructions()
    # A folder of its own (inside --scratch if given): removed at the end, it is
    # all this script deletes.
    if args.scratch:
        os.makedirs(args.scratch, exist_ok=True)
    scratch = tempfile.mkdtemp(prefix="encodings-", dir=args.scratch)
    sets = {} if args.only_sets else default_contenders(args.table)
    for spec in args.set:
        name, _, encodings = spec.partition("=")
        sets[name] = [e for e in encodings.split(",") if e]
    # Every contender starts from lance's own choices (--lance-defaults), but
    # one: tpch-lance's (tpch::lance_encodings), what tpch-lance writes.
    contenders = {"lance's defaults": [], "tpch-lance's choices": None} | sets

    commands, perf_files = {}, {}
    for i, (label, encodings) in enumerate(contenders.items()):
        out = os.path.join(scratch, f"c{i}")
        command = [benchmark, "--format", "lance", "--zero-copy", "--json", "--table", args.table,
                   "--scale-factor", args.scale_factor, "--output-dir", out]
        if encodings is not None:
            command.append("--lance-defaults")
            for e in encodings:
                command += ["--encoding", e]
        if args.callgrind:
            perf_files[label] = os.path.join(scratch, f"callgrind{i}.out")
            command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={perf_files[label]}"] + command
        elif perf:
            perf_files[label] = os.path.join(scratch, f"perf{i}.csv")
            command = [perf, "stat", "-x,", "-e", "instructions", "-o", perf_files[label], "--"] + command
        commands[label] = [command]

    counts = {label: [] for label in commands}

    def after_each(label, record):
        record["bytes"] = sum(run["bytes_on_disk"] for run in timing_json(record.pop("stdout"))
                              if run.get("run") == "run 1")
        if args.callgrind:
            counts[label].append(callgrind_instructions(perf_files[label]))
        elif perf:
            counts[label].append(instructions(perf_files[label]))

    results = timing.run_rounds(commands, 1 if args.callgrind else args.runs, after_each=after_each,
                                quiet=not args.callgrind)
    shutil.rmtree(scratch, ignore_errors=True)

    base = summarize(results["lance's defaults"], counts["lance's defaults"])
    lines = ["| contender | wall s | CPU s | instructions (G) | dataset MiB | CPU vs defaults | "
             "instructions vs defaults | size vs defaults |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    summary = {}
    for label in commands:
        s = summarize(results[label], counts[label])
        summary[label] = s
        inst = f"{s['instructions'] / 1e9:.2f}" if s["instructions"] else "n/a"
        counted = s["instructions"] and base["instructions"]
        inst_ratio = f"{s['instructions'] / base['instructions'] - 1:+.1%}" if counted else "n/a"
        lines.append(f"| {label} | {s['wall']:.2f} | {s['cpu']:.2f} | {inst} | {s['bytes'] / 2**20:.1f} | "
                     f"{s['cpu'] / base['cpu'] - 1:+.1%} | {inst_ratio} | {s['bytes'] / base['bytes'] - 1:+.2%} |")
    print("\n".join(lines))

    os.makedirs(RESULTS, exist_ok=True)
    kind = "-callgrind" if args.callgrind else ""
    path = os.path.join(RESULTS, f"encodings-{args.table}-sf{args.scale_factor}{kind}.json")
    with open(path, "w") as f:
        json.dump({"machine": {"cores": os.cpu_count(), "platform": platform.platform()},
                   "command": " ".join(sys.argv), "contenders": contenders, "summary": summary,
                   "runs": results, "instructions": counts}, f, indent=1)
    print(f"wrote {path}", file=sys.stderr)


def callgrind_instructions(output):
    """The total of callgrind's "summary:" line (instructions of every thread)."""
    for line in open(output):
        if line.startswith("summary:") or line.startswith("totals:"):
            return int(line.split()[1])
    return None


def timing_json(stdout):
    return [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]


def summarize(records, counts):
    known = [c for c in counts if c]
    return {
        "wall": statistics.median(r["wall"] for r in records),
        "cpu": statistics.median(r["cpu"] for r in records),
        "bytes": statistics.median(r["bytes"] for r in records),
        "instructions": statistics.median(known) if known else None,
    }


if __name__ == "__main__":
    main()
