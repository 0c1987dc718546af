#!/usr/bin/env python3
"""Who runs into a symbol: of the samples in a `perf record --call-graph dwarf`
profile whose innermost frame is SYMBOL (say the kernel's clear_page_erms, which
zeroes fresh pages), how many there are, and the first user-space frames of
their stacks, counted.

usage: perf_callers.py PERF_DATA [SYMBOL] [--frames N] [--top K]

example (where lineitem's page zeroing comes from):
  perf record -F 999 --call-graph dwarf,16384 -o /tmp/me/zc.perf -- \\
    build/bin/tpch-lance -s 1 --tables lineitem -q -o /tmp/me/out
  python3 benchmarks/perf_callers.py /tmp/me/zc.perf clear_page_erms
"""

import argparse
import collections
import subprocess


def stacks(perf_data):
    """Each sample's thread name and frames (innermost first), from `perf script`."""
    text = subprocess.run(["perf", "script", "-i", perf_data, "-F", "comm,ip,sym,dso"],
                          capture_output=True, text=True, check=True).stdout
    for block in text.split("\n\n"):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        if lines:
            yield lines[0].split()[0], lines[1:]


def frame_symbol(frame):
    """'ffff... name+0x12 (dso)' -> name."""
    parts = frame.split(None, 1)
    name = parts[1].rsplit(" (", 1)[0] if len(parts) > 1 else "?"
    return name.split("+0x")[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("perf_data")
    parser.add_argument("symbol", nargs="?", default="clear_page_erms")
    parser.add_argument("--frames", type=int, default=3, help="user-space frames shown per stack (default 3)")
    parser.add_argument("--top", type=int, default=12, help="stacks listed (default 12)")
    args = parser.parse_args()

    total = hits = 0
    by_thread = collections.Counter()
    by_stack = collections.Counter()
    for thread, frames in stacks(args.perf_data):
        total += 1
        if not frames or frame_symbol(frames[0]) != args.symbol:
            continue
        hits += 1
        by_thread[thread] += 1
        user = [frame_symbol(f) for f in frames if "[kernel.kallsyms]" not in f]
        by_stack[" <- ".join(s[:70] for s in user[:args.frames]) or "(kernel only)"] += 1

    print(f"{args.perf_data}: {hits} of {total} samples in {args.symbol} ({100 * hits / max(total, 1):.1f} %)")
    print("by thread: " + ", ".join(f"{name} {n}" for name, n in by_thread.most_common()))
    for stack, n in by_stack.most_common(args.top):
        print(f"{n:7d}  {stack}")


if __name__ == "__main__":
    main()
