#!/usr/bin/env python3
"""TPC-H into Lance or Parquet, side by side on one machine in one run.

Contenders, each a whole process timed from outside, run in alternation (the
order balanced from round to round: timing.round_orders), medians of wall and CPU seconds (user +
sys, from wait4) reported. Before each command the disk is synced and the
machine checked quiet (timing.py); what was seen is kept with each run:
  tpchgen-cli -> Parquet           what a user would pick to get TPC-H Parquet
  tpchgen-cli -> Parquet -> pylance the Python user's way to get a Lance dataset
  ours -> Lance, zero-copy          tpch_benchmark --format lance --zero-copy
  ours -> Lance, copy               tpch_benchmark --format lance
  ours -> Parquet (Snappy)          tpch_benchmark --format parquet --zero-copy
  ours: tpch-lance -> Lance         tpch-lance --quiet (what a user runs: two writers per
                                    table, each table committed while the next generates)
For one table (not 'all') it also times the write alone, in memory, alternating:
  floor: lance's own Dataset::write  lance_write_floor (cmake --build BUILD --target lance_write_floor)
  ours, write only, zero-copy / copy tpch_benchmark --write-only
and, with --memory, peak RSS of ours (Lance, zero-copy) at several scale factors.

usage: compare_peers.py BUILD_DIR [--scale-factor 1] [--table lineitem|all] [--runs 5]
                        [--memory 1,5,10] [--scratch DIR]
Writes benchmarks/results/peers-<table>-sf<SF>.json and .png, and prints Markdown
tables for benchmarks/README.md.
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

PYLANCE_IMPORT = """
import sys, lance, pyarrow.dataset as ds
src, dst = sys.argv[1], sys.argv[2]
for name in sys.argv[3:]:
    lance.write_dataset(ds.dataset(f"{src}/{name}.parquet").scanner().to_reader(),
                        f"{dst}/{name}.lance", mode="overwrite")
"""


def json_lines(text):
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def machine():
    with open("/proc/meminfo") as f:
        mem_kib = int(f.readline().split()[1])
    model = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {"cores": os.cpu_count(), "ram_gib": round(mem_kib / 2**20, 1), "cpu": model, "platform": platform.platform()}


class Contenders:
    """The end-to-end commands, each producing the table(s) from nothing."""

    def __init__(self, args, scratch):
        bench = os.path.join(args.build_dir, "bin", "tpch_benchmark")
        tpch_lance = os.path.join(args.build_dir, "bin", "tpch-lance")
        tpchgen = timing.tpchgen_cli()
        cores = str(os.cpu_count())
        sf, table = args.scale_factor, args.table
        self.tables = ["customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier"] \
            if table == "all" else [table]
        peers = os.path.join(scratch, "tpchgen")
        ours = [bench, "--table", table, "--scale-factor", sf, "--output-dir", os.path.join(scratch, "ours"), "--json"]
        tpchgen_parquet = [tpchgen, "parquet", "-s", sf, "-T", ",".join(self.tables), "-o", peers, "--overwrite", "-n", cores]
        pylance = [sys.executable, "-c", PYLANCE_IMPORT, peers, os.path.join(scratch, "pylance")] + self.tables
        self.commands = {
            "tpchgen-cli -> Parquet": [tpchgen_parquet],
            "tpchgen-cli -> Parquet -> pylance": [tpchgen_parquet, pylance],
            "ours -> Lance, zero-copy": [ours + ["--format", "lance", "--zero-copy"]],
            "ours -> Lance, copy": [ours + ["--format", "lance"]],
            "ours -> Parquet (Snappy)": [ours + ["--format", "parquet", "--zero-copy"]],
            "ours: tpch-lance -> Lance": [[tpch_lance, "--scale-factor", sf, "--quiet", "--output-dir",
                                     os.path.join(scratch, "tpch-lance")] + ([] if table == "all" else ["--tables", table])],
        }

    def run_all(self, runs, scratch):
        def clear_outputs(_label):
            # Every contender starts from an empty destination; removing the
            # last round's files is not timed.
            for folder in ("ours", "tpchgen", "pylance", "tpch-lance"):
                shutil.rmtree(os.path.join(scratch, folder), ignore_errors=True)
        return timing.run_rounds(self.commands, runs, before_each=clear_outputs)


def write_only(args, scratch):
    """The write alone, batches already in memory: lance's floor against ours."""
    bench = os.path.join(args.build_dir, "bin", "tpch_benchmark")
    floor = os.path.join(args.build_dir, "bin", "lance_write_floor")
    if not os.path.exists(floor):
        sys.exit(f"{floor} is missing: cmake --build {args.build_dir} --target lance_write_floor")
    sf, table = args.scale_factor, args.table
    source = os.path.join(scratch, "floor-input")
    timing.measure([bench, "--table", table, "--scale-factor", sf, "--format", "lance", "--zero-copy",
                    "--output-dir", source])
    ours = [bench, "--table", table, "--scale-factor", sf, "--format", "lance", "--write-only", "--json",
            "--output-dir", os.path.join(scratch, "write-only")]
    seconds = {"floor: lance Dataset::write": [], "lance-bridge core (Rust)": [],
               "ours, write only, zero-copy": [], "ours, write only, copy": []}
    for _ in range(args.runs):
        timing.wait_until_quiet()
        _, out = timing.measure([floor, "--input", os.path.join(source, f"{table}.lance"), "--repeat", "1",
                                 "--json", "--output-dir", os.path.join(scratch, "floor")])
        result = json_lines(out)[0]
        seconds["floor: lance Dataset::write"].append(result["floor_seconds"])
        seconds["lance-bridge core (Rust)"].append(result["core_seconds"])
        for label, extra in (("ours, write only, zero-copy", ["--zero-copy"]), ("ours, write only, copy", [])):
            timing.wait_until_quiet()
            _, out = timing.measure(ours + extra)
            seconds[label].append(json_lines(out)[0]["seconds"])
    return seconds


def memory_scaling(args, scratch):
    bench = os.path.join(args.build_dir, "bin", "tpch_benchmark")
    rows = []
    for sf in args.memory.split(","):
        timing.wait_until_quiet()
        _, out = timing.measure([bench, "--table", "lineitem", "--scale-factor", sf, "--format", "lance",
                                 "--zero-copy", "--json", "--output-dir", os.path.join(scratch, "memory")])
        report = json_lines(out)[0]
        rows.append({k: report[k] for k in ("scale_factor", "rows", "seconds", "peak_rss_mib", "bytes_on_disk")})
        print(f"  memory: SF {sf}: {report['peak_rss_mib']:.0f} MiB peak RSS", file=sys.stderr)
    return rows


def chart(path, title, results):
    """Median wall and CPU seconds of each contender, side by side."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = list(results)
    walls = [timing.median(results[label], "wall") for label in labels]
    cpus = [timing.median(results[label], "cpu") for label in labels]
    fig, ax = plt.subplots(figsize=(9, 0.75 * len(labels) + 1.4))
    rows = range(len(labels))[::-1]
    height = 0.38
    wall_bars = ax.barh([r + height / 2 for r in rows], walls, height, label="wall s",
                        color=["#1f77b4" if label.startswith("ours") else "#999999" for label in labels])
    cpu_bars = ax.barh([r - height / 2 for r in rows], cpus, height, label="CPU s (user + sys)",
                       color=["#9ecae1" if label.startswith("ours") else "#d9d9d9" for label in labels])
    ax.bar_label(wall_bars, fmt="%.2f s", padding=3, fontsize=8)
    ax.bar_label(cpu_bars, fmt="%.2f cpu", padding=3, fontsize=8)
    ax.set_yticks(list(rows), labels)
    ax.set_xlabel("seconds, median (lower is better); upper bar wall, lower bar CPU")
    ax.set_title(title)
    ax.set_xlim(0, max(walls + cpus) * 1.25)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def table(seconds, reference):
    base = statistics.median(seconds[reference])
    lines = ["| command | median s | min s | vs " + reference + " |", "| --- | ---: | ---: | ---: |"]
    for label, values in seconds.items():
        median = statistics.median(values)
        lines.append(f"| {label} | {median:.2f} | {min(values):.2f} | {median / base:.2f}x |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("build_dir")
    parser.add_argument("--scale-factor", default="1")
    parser.add_argument("--table", default="lineitem")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--memory", default="", help="scale factors for the memory check, e.g. 1,5,10")
    parser.add_argument("--scratch", default=None, help="where the data goes (default: a temporary folder)")
    args = parser.parse_args()

    scratch = args.scratch or tempfile.mkdtemp(prefix="tpch-peers-")
    os.makedirs(scratch, exist_ok=True)
    name = f"peers-{args.table}-sf{args.scale_factor}"
    result = {"table": args.table, "scale_factor": float(args.scale_factor), "runs": args.runs, "machine": machine()}

    contenders = Contenders(args, scratch)
    print(f"end to end: {args.table} at SF {args.scale_factor}, {args.runs} alternating rounds", file=sys.stderr)
    results = contenders.run_all(args.runs, scratch)
    for records in results.values():
        for record in records:
            record["reports"] = json_lines(record.pop("stdout"))
    result["end_to_end"] = {"runs": results,
                            "commands": {k: [" ".join(c) for c in v] for k, v in contenders.commands.items()}}
    print(f"\n{args.table} at SF {args.scale_factor}, whole processes, median of {args.runs} alternating runs\n")
    print(timing.markdown_table(results, "tpchgen-cli -> Parquet"))

    if args.table != "all":
        print("write only (batches in memory)", file=sys.stderr)
        floor = write_only(args, scratch)
        result["write_only"] = {"seconds": floor}
        print(f"\nthe write alone, batches in memory, median of {args.runs} alternating runs\n")
        print(table(floor, "floor: lance Dataset::write"))
    if args.memory:
        result["memory"] = memory_scaling(args, scratch)
        print("\n| scale factor | rows | seconds | peak RSS MiB |\n| ---: | ---: | ---: | ---: |")
        for row in result["memory"]:
            print(f"| {row['scale_factor']:g} | {row['rows']:,} | {row['seconds']:.2f} | {row['peak_rss_mib']:.0f} |")

    os.makedirs(RESULTS, exist_ok=True)
    with open(os.path.join(RESULTS, name + ".json"), "w") as f:
        json.dump(result, f, indent=2)
    chart(os.path.join(RESULTS, name + ".png"),
          f"TPC-H {args.table}, SF {args.scale_factor}, {result['machine']['cores']} cores", results)
    if not args.scratch:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"\nresults: {os.path.join(RESULTS, name)}.json and .png")


if __name__ == "__main__":
    main()
