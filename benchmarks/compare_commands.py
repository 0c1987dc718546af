#!/usr/bin/env python3
"""Any commands side by side, as the other comparisons time them (timing.py:
whole processes, alternating in a balanced order (each follows every other equally often), a quiet machine
and synced disks before each run, medians of wall, user + sys and peak RSS),
plus wall / (CPU / cores): how far each run is from keeping every core busy.
For trying a setting (an environment variable, an option, another build)
against the default before anything is changed for good.

usage: compare_commands.py [--runs 9] [--clean DIR] LABEL=COMMAND [LABEL=COMMAND ...]
  COMMAND is split like a shell would (shlex); leading NAME=VALUE words are set
  in its environment. --clean DIR: removed before each run (the commands'
  output folder; give one inside a folder of your own).

example:
  compare_commands.py --clean /tmp/me/out \\
    'default=build/bin/tpch-lance -s 1 --tables lineitem -q -o /tmp/me/out' \\
    'lance3=LANCE_CPU_THREADS=3 build/bin/tpch-lance -s 1 --tables lineitem -q -o /tmp/me/out'
"""

import argparse
import os
import shlex
import shutil
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import timing  # noqa: E402


def command_of(text):
    """The words of `text`, run through env(1) when it starts with NAME=VALUE."""
    words = shlex.split(text)
    return (["env"] + words) if words and "=" in words[0] and not words[0].startswith("/") else words


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--clean", default=None, help="a folder removed before each run")
    parser.add_argument("contenders", nargs="+", metavar="LABEL=COMMAND")
    args = parser.parse_args()
    commands = {}
    for contender in args.contenders:
        label, sep, text = contender.partition("=")
        if not sep or not text.strip():
            parser.error(f"expected LABEL=COMMAND, got {contender!r}")
        commands[label] = [command_of(text)]

    def clean(_label):
        if args.clean:
            shutil.rmtree(args.clean, ignore_errors=True)

    results = timing.run_rounds(commands, args.runs, before_each=clean, capture=False)
    clean(None)
    cores = os.cpu_count() or 1
    print(timing.markdown_table(results, next(iter(commands))))
    print()
    print("| command | wall ÷ (CPU ÷ cores), median | each run, sorted |")
    print("| --- | ---: | --- |")
    for label, records in results.items():
        ratios = sorted(r["wall"] / (r["cpu"] / cores) for r in records)
        print(f"| {label} | {statistics.median(ratios):.3f} | {' '.join(f'{x:.3f}' for x in ratios)} |")


if __name__ == "__main__":
    main()
