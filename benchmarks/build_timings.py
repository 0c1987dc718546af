"""Where a cold cargo build's time goes, from the report `cargo build --timings`
writes (target/cargo-timings/cargo-timing.html).

Prints the build's wall time, the sum of every unit's time (each rustc or
build-script run, timed by cargo; rustc runs use more than one core while they
generate code, so this is not CPU time: measure that with /usr/bin/time), the
units grouped by crate family (lance, datafusion, arrow, aws/object storage, the
rest) and the slowest crates, and every crate compiled more than once: the same
crate in two units is a second compile only when both are libraries for the
target: a crate that build scripts or proc-macros use as well as the program is
compiled once for each (with the build-override profile and, under resolver 2,
its own features), which cargo's report does not tell apart.

usage: python3 benchmarks/build_timings.py cargo-timing.html [TOP]
"""

import collections
import json
import re
import sys

FAMILIES = [
    ("ours (lance-bridge crates)", ("lance-bridge",)),
    ("lance", ("lance",)),
    ("datafusion", ("datafusion",)),
    ("arrow and parquet", ("arrow", "parquet")),
    ("object storage (aws, object_store, http, tls)",
     ("aws", "object_store", "opendal", "reqwest", "hyper", "rustls", "ring", "h2", "tower", "http")),
    ("tantivy and text", ("tantivy", "jieba", "lindera", "tokenizers")),
]


def units(html):
    """The report's unit list: [{name, version, mode, target, start, duration, ...}]."""
    match = re.search(r"const UNIT_DATA = (\[.*?\]);\n", html, re.S)
    if not match:
        sys.exit("no UNIT_DATA in this file: is it cargo's --timings report?")
    return json.loads(match.group(1))


def family(name):
    for label, prefixes in FAMILIES:
        if name.startswith(prefixes):
            return label
    return "everything else"


def main():
    html = open(sys.argv[1]).read()
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    data = units(html)
    wall = max(u["start"] + u["duration"] for u in data)
    total = sum(u["duration"] for u in data)
    print(f"{len(data)} units, wall {wall / 60:.1f} min, sum of unit times {total / 60:.1f} min")

    by_family = collections.Counter()
    for u in data:
        by_family[family(u["name"])] += u["duration"]
    print("\nby family (unit-minutes, share):")
    for label, seconds in by_family.most_common():
        print(f"  {label:48} {seconds / 60:6.1f}  {seconds / total:5.1%}")

    by_crate = collections.Counter()
    for u in data:
        by_crate[f'{u["name"]} {u["version"]}'] += u["duration"]
    print(f"\nslowest {top} crates (unit-seconds, all of a crate's units):")
    for crate, seconds in by_crate.most_common(top):
        print(f"  {crate:48} {seconds:7.1f}")

    libs = collections.defaultdict(list)
    for u in data:
        if u["mode"] == "todo" and "build-script" not in u["target"]:
            libs[(u["name"], u["version"])].append(u)
    twice = {k: v for k, v in libs.items() if len(v) > 1}
    print(f"\ncrates compiled more than once as a library: {len(twice)}")
    for (name, version), us in sorted(twice.items(), key=lambda kv: -sum(u["duration"] for u in kv[1])):
        print(f"  {name} {version}: {len(us)} times, {sum(u['duration'] for u in us):.1f} s "
              f"({', '.join(u['target'].strip() or 'lib' for u in us)})")


if __name__ == "__main__":
    main()
