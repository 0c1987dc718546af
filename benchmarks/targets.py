#!/usr/bin/env python3
"""tpch-lance as a user runs it, against tpchgen-cli, for issue #14's targets.

Contenders, whole processes, alternating (a balanced order: timing.round_orders), medians
(timing.py: sync and a quiet machine before each run; wall, user + sys, peak RSS):
  tpch-lance (zero-copy)   BUILD/bin/tpch-lance -s SF [--tables lineitem] --quiet
  tpch-lance --copy        the same with --copy
  tpch-lance --writers 1   one writer per table (196,608-row batches): as before #14's
                           two writers
  before                   another build's tpch-lance (--before DIR: its bin/ and lib/,
                           the library forced with LD_LIBRARY_PATH), when given
  tpchgen-cli -> Parquet   tpchgen-cli parquet -s SF [--tables lineitem]
Each run first removes its own output (`rm -rf`, counted in its time, alike for all).
Reported: the medians, the ratios to tpchgen-cli, and wall / (CPU / cores): how far
the run is from keeping every core busy (target 3).

usage: targets.py BUILD_DIR [--table lineitem|all] [--scale-factor 1] [--runs 9]
                  [--before OLD_BUILD_DIR] [--scratch DIR]
Writes benchmarks/results/targets-<table>-sf<SF>.json and prints a Markdown table.
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build_dir")
    parser.add_argument("--table", default="lineitem", choices=["lineitem", "all"])
    parser.add_argument("--scale-factor", default="1")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--before", default=None, help="an earlier build folder (bin/ and lib/) to compare with")
    parser.add_argument("--scratch", default=None)
    args = parser.parse_args()

    # A folder of its own (inside --scratch if given): removed at the end, it is
    # all this script deletes.
    if args.scratch:
        os.makedirs(args.scratch, exist_ok=True)
    scratch = tempfile.mkdtemp(prefix="targets-", dir=args.scratch)
    tables = ["--tables", "lineitem"] if args.table == "lineitem" else []

    def ours(build, out, extra=(), env=()):
        folder = os.path.join(scratch, out)
        command = list(env) + [os.path.join(os.path.abspath(build), "bin", "tpch-lance"), "-s", args.scale_factor,
                               "--quiet", "--output-dir", folder] + tables + list(extra)
        return [["rm", "-rf", folder], command]

    commands = {
        "tpch-lance (zero-copy)": ours(args.build_dir, "zero-copy"),
        "tpch-lance --copy": ours(args.build_dir, "copy", ["--copy"]),
        # One writer per table, with its batches as large as the two writers' together.
        "tpch-lance --writers 1": ours(args.build_dir, "one-writer", ["--writers", "1", "--batch-rows", "196608"]),
    }
    if args.before:
        lib = os.path.join(os.path.abspath(args.before), "lib")
        commands["before"] = ours(args.before, "before", env=["env", f"LD_LIBRARY_PATH={lib}"])
    cli_out = os.path.join(scratch, "tpchgen-cli")
    commands["tpchgen-cli -> Parquet"] = [["rm", "-rf", cli_out], [timing.tpchgen_cli(), "parquet", "-s",
                                          args.scale_factor, "--output-dir", cli_out] + tables]

    results = timing.run_rounds(commands, args.runs)
    shutil.rmtree(scratch, ignore_errors=True)

    cores = os.cpu_count()
    print(timing.markdown_table(results, "tpchgen-cli -> Parquet"))
    print(f"\n| contender | wall ÷ (CPU ÷ {cores}) |\n| --- | ---: |")
    for label, records in results.items():
        wall, cpu = timing.median(records, "wall"), timing.median(records, "cpu")
        print(f"| {label} | {wall / (cpu / cores):.2f}x |")

    os.makedirs(RESULTS, exist_ok=True)
    path = os.path.join(RESULTS, f"targets-{args.table}-sf{args.scale_factor}.json")
    with open(path, "w") as f:
        json.dump({"machine": {"cores": cores, "platform": platform.platform()}, "command": " ".join(sys.argv),
                   "runs": {label: [{k: v for k, v in r.items() if k != "stdout"} for r in records]
                            for label, records in results.items()},
                   "medians": {label: {k: statistics.median(r[k] for r in records)
                                       for k in ("wall", "user", "sys", "cpu", "peak_rss_mib")}
                               for label, records in results.items()}}, f, indent=1)
    print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
