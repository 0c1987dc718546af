#!/usr/bin/env python3
"""The C++ client (client_bench) against pylance (client_bench_pylance.py) on
the same data, side by side in one run: alternating rounds (timing.py), a
quiet machine before each run, medians. Each run is a whole process (wall,
user + sys, peak RSS as timing.py measures) and reports the operation's own
wall and CPU seconds, start-up and imports left out: the table compares those.

  vector search   N x DIM random float32 (seeded), an IVF_PQ index built once
                  by pylance; Q queries, k=10, nprobes, refine: queries/s and
                  recall@10 against exact neighbours (numpy, brute force)
  index build     IVF_PQ on the same vectors (replacing the index)
  merge_insert    10 % of lineitem (every tenth row, l_extendedprice changed)
                  upserted by (l_orderkey, l_linenumber) into a fresh copy
  compaction      100 appends of 1,000 rows, compacted (a fresh copy each run)

usage: compare_client.py --bin build/bin --lineitem DIR/lineitem.lance --work DIR
                         [--rows 1000000] [--dim 128] [--queries 200] [--runs 5]
                         [--index-runs 3] [--only search,index,merge,compact]
"""

import argparse
import os
import json
import shutil
import statistics
import subprocess
import sys

import lance
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import timing  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def prepare(a):
    """Writes the data every comparison reads, and the exact neighbours of the
    queries (truth.txt); runs in a child process (see main)."""
    rng = np.random.default_rng(1)
    vectors = os.path.join(a.work, "vectors.lance")
    if not os.path.exists(vectors):
        schema = pa.schema([("id", pa.int64()), ("vec", pa.list_(pa.float32(), a.dim))])

        def batches():
            for first in range(0, a.rows, 100_000):
                n = min(100_000, a.rows - first)
                v = rng.standard_normal((n, a.dim)).astype(np.float32)
                yield pa.record_batch([pa.array(np.arange(first, first + n), pa.int64()),
                                       pa.FixedSizeListArray.from_arrays(pa.array(v.reshape(-1)), a.dim)],
                                      schema=schema)
        lance.write_dataset(pa.RecordBatchReader.from_batches(schema, batches()), vectors)
    queries = np.random.default_rng(2).standard_normal((a.queries, a.dim)).astype(np.float32)
    queries.tofile(os.path.join(a.work, "queries.f32"))
    table = lance.dataset(vectors).to_table(columns=["id", "vec"])
    vecs = table["vec"].combine_chunks().values.to_numpy().reshape(-1, a.dim)
    ids = table["id"].to_numpy()
    with open(os.path.join(a.work, "truth.txt"), "w") as f:
        for q in queries:
            d = ((vecs - q) ** 2).sum(axis=1)
            f.write(" ".join(map(str, ids[np.argpartition(d, 10)[:10]].tolist())) + "\n")
    source = os.path.join(a.work, "lineitem-tenth.lance")
    if not os.path.exists(source):
        t = lance.dataset(a.lineitem).to_table()
        tenth = t.take(pa.array(range(0, t.num_rows, 10)))
        tenth = tenth.set_column(tenth.schema.get_field_index("l_comment"), "l_comment",
                                 pc.binary_join_element_wise(tenth["l_comment"], pa.scalar("!"), ""))
        lance.write_dataset(tenth, source)
    appended = os.path.join(a.work, "appends.lance")
    if not os.path.exists(appended):
        for i in range(100):
            ids = np.arange(i * 1000, (i + 1) * 1000)
            lance.write_dataset(pa.table({"id": ids, "value": ids * 0.5, "text": [f"row {j}" for j in ids]}),
                                appended, mode="append" if i else "create")


def read_ids(path):
    with open(path) as f:
        return [set(map(int, line.split())) for line in f if line.strip()]


def recall(ids_file, truth):
    found = read_ids(ids_file)
    return statistics.mean(len(a & b) / len(b) for a, b in zip(found, truth))


def medians(records, key):
    values = [json.loads(r["stdout"].strip().splitlines()[-1])[key] for r in records]
    return statistics.median(values), values


def compare(name, commands, runs, before_each=None, extra=None):
    results = timing.run_rounds(commands, runs, before_each=before_each, capture=True)
    rows = []
    for label, records in results.items():
        wall, _ = medians(records, "op_wall")
        cpu, _ = medians(records, "op_cpu")
        rows.append((label, wall, cpu, statistics.median(r["wall"] for r in records),
                     statistics.median(r["cpu"] for r in records), statistics.median(r["peak_rss_mib"] for r in records)))
    print(f"\n### {name} ({runs} rounds)\n")
    print("| side | operation: wall | operation: CPU | process: wall | process: CPU | peak RSS |" + (" " + extra[0] + " |" if extra else ""))
    print("| --- | ---: | ---: | ---: | ---: | ---: |" + (" ---: |" if extra else ""))
    for label, wall, cpu, pwall, pcpu, rss in rows:
        cell = f" {extra[1](label, results[label])} |" if extra else ""
        print(f"| {label} | {wall:.3f} s | {cpu:.3f} s | {pwall:.2f} s | {pcpu:.2f} s | {rss:.0f} MiB |{cell}")
    print("\n| side | operation: user | sys | minor faults | voluntary switches | involuntary switches |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label, records in results.items():
        cells = [medians(records, key)[0] for key in ("op_user", "op_sys", "op_minflt", "op_nvcsw", "op_nivcsw")]
        print(f"| {label} | {cells[0]:.3f} s | {cells[1]:.3f} s | " + " | ".join(f"{c:,.0f}" for c in cells[2:]) + " |")
    (c_wall, c_cpu), (p_wall, p_cpu) = [(r[1], r[2]) for r in rows[:2]]
    print(f"\nC++ ÷ pylance, operation: wall {c_wall / p_wall:.3f}, CPU {c_cpu / p_cpu:.3f}")
    sys.stdout.flush()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", required=True)
    parser.add_argument("--lineitem", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--dim", type=int, default=128)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--index-runs", type=int, default=3, help="rounds of the (long) index build")
    parser.add_argument("--only", default="search,index,merge,compact")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    a = parser.parse_args()
    os.makedirs(a.work, exist_ok=True)
    if a.prepare:
        prepare(a)
        return
    subprocess.run([sys.executable, os.path.abspath(__file__), "--prepare", *sys.argv[1:]], check=True)
    cpp = os.path.join(a.bin, "client_bench")
    py = [sys.executable, os.path.join(HERE, "client_bench_pylance.py")]
    only = a.only.split(",")
    w = lambda name: os.path.join(a.work, name)  # noqa: E731
    vectors = w("vectors.lance")
    partitions, sub_vectors = str(max(1, a.rows // 4096)), str(a.dim // 8)
    index_args = [vectors, "vec", "ivf_pq", partitions, sub_vectors]
    if "index" in only or not lance.dataset(vectors).describe_indices():
        compare(f"IVF_PQ index build: {a.rows:,} x {a.dim} float32, {partitions} partitions, {sub_vectors} sub-vectors",
                {"C++": [[cpp, "index", *index_args]], "pylance": [py + ["index", *index_args]]},
                a.index_runs if "index" in only else 1)
    if "search" in only:
        truth = read_ids(w("truth.txt"))
        ids = {"C++": w("ids-cpp.txt"), "pylance": w("ids-py.txt")}
        for nprobes, refine in [("20", "0"), ("20", "10")]:
            def qps_and_recall(label, records):
                wall, _ = medians(records, "op_wall")
                return f"{a.queries / wall:.0f} q/s, recall@10 {recall(ids[label], truth):.3f}"
            search_args = [vectors, "vec", w("queries.f32"), str(a.dim), "10", nprobes, refine]
            compare(f"vector search: {a.queries} queries, k=10, nprobes {nprobes}, refine {refine}",
                    {"C++": [[cpp, "search", *search_args, ids["C++"]]],
                     "pylance": [py + ["search", *search_args, ids["pylance"]]]},
                    a.runs, extra=("queries/s, recall@10", qps_and_recall))
    if "merge" in only:
        target, source = w("lineitem-target.lance"), w("lineitem-tenth.lance")

        def fresh_target(_label):
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(a.lineitem, target)
            os.sync()  # the copy's write-back would otherwise run during the measured operation
        compare(f"merge_insert: {lance.dataset(source).count_rows():,} rows (10 % of lineitem) "
                "by (l_orderkey, l_linenumber)",
                {"C++": [[cpp, "merge", target, source, "l_orderkey,l_linenumber"]],
                 "pylance": [py + ["merge", target, source, "l_orderkey,l_linenumber"]]},
                a.runs, before_each=fresh_target)
        shutil.rmtree(target, ignore_errors=True)
    if "compact" in only:
        target = w("appends-run.lance")

        def fresh_appends(_label):
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(w("appends.lance"), target)
            os.sync()
        compare("compaction: 100 appends of 1,000 rows",
                {"C++": [[cpp, "compact", target]], "pylance": [py + ["compact", target]]},
                a.runs, before_each=fresh_appends)


if __name__ == "__main__":
    main()
