"""Commit storms: many processes appending to one dataset at once, on local disk
and on a real S3-compatible server (moto on 127.0.0.1), with parts commits
racing the appends. Each append writes rows of its own (ids nobody else writes,
piece_tool's sample rows); afterwards every id is there exactly once with the
values computed here from the id, the latest version number is exactly one
more per append and per parts commit, and every append's process says it
committed. The time each commit took under contention (the process's wall
time) is reported.

usage: commit_storm_test.py BIN_DIR WORK_DIR [--processes 16] [--appends 25]
                            [--parts-committers 2] [--parts-rounds 5] [--rows 100] [--only local,s3]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish, require  # noqa: E402

require("lance", "moto.server", "boto3")
import lance  # noqa: E402
import logging  # noqa: E402

from s3_local import LocalS3  # noqa: E402

logging.getLogger("werkzeug").setLevel(logging.ERROR)


def sample_text(i):
    """piece_tool's `text` column, as tests/cpp/test_support.cpp makes it."""
    return f"row {i}" + "x" * (i % 5)


class Storm:
    def __init__(self, tool, uri, env, rows):
        self.tool, self.uri, self.env, self.rows = tool, uri, env, rows
        self.lock = threading.Lock()
        self.seconds, self.failures, self.ranges = [], [], []

    def run(self, *args):
        started = time.monotonic()
        done = subprocess.run([self.tool, *args], capture_output=True, text=True, env=self.env, timeout=600)
        return done, time.monotonic() - started

    def appender(self, first_ids):
        for first in first_ids:
            done, seconds = self.run("write", self.uri, str(first), str(self.rows), "append")
            with self.lock:
                if done.returncode == 0:
                    self.seconds.append(seconds)
                    self.ranges.append((first, self.rows))
                else:
                    self.failures.append(done.stderr.strip()[-300:])

    def parts_committer(self, first_ids, folder):
        for r, first in enumerate(first_ids):
            pieces = [os.path.join(folder, f"round-{r}-piece-{k}") for k in (0, 1)]
            ok = True
            for k, piece in enumerate(pieces):
                done, _ = self.run("prepare", self.uri, str(first + k * self.rows), str(self.rows), piece, "append")
                ok = ok and done.returncode == 0
            done, seconds = self.run("commit", self.uri, *pieces)
            with self.lock:
                if ok and done.returncode == 0:
                    self.seconds.append(seconds)
                    self.ranges.append((first, 2 * self.rows))
                else:
                    self.failures.append(done.stderr.strip()[-300:])


def storm(name, bin_dir, uri, storage_options, env, work, a):
    tool = os.path.join(bin_dir, "piece_tool")
    s = Storm(tool, uri, env, a.rows)
    done, _ = s.run("write", uri, "0", "1000", "create")
    check(done.returncode == 0, f"{name}: the dataset is created ({done.stderr.strip()[-200:]})")
    next_id = 1000
    threads = []
    for p in range(a.processes):
        firsts = [next_id + i * a.rows for i in range(a.appends)]
        next_id += a.appends * a.rows
        threads.append(threading.Thread(target=s.appender, args=(firsts,)))
    for c in range(a.parts_committers):
        folder = os.path.join(work, f"{name}-committer-{c}")
        os.makedirs(folder, exist_ok=True)
        firsts = [next_id + r * 2 * a.rows for r in range(a.parts_rounds)]
        next_id += a.parts_rounds * 2 * a.rows
        threads.append(threading.Thread(target=s.parts_committer, args=(firsts, folder)))
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    commits = a.processes * a.appends + a.parts_committers * a.parts_rounds
    check(not s.failures, f"{name}: all {commits} commits of {len(threads)} processes succeed {s.failures[:2]}")
    ds = lance.dataset(uri, storage_options=storage_options)
    check(ds.version == 1 + commits and len(ds.versions()) == 1 + commits,
          f"{name}: exactly one version per commit: latest {ds.version}, {len(ds.versions())} versions, "
          f"expected {1 + commits}")
    table = ds.to_table(columns=["id", "small", "text"])
    ids = table["id"].to_pylist()
    expected = list(range(0, 1000)) + [i for first, n in s.ranges for i in range(first, first + n)]
    check(sorted(ids) == sorted(expected) and len(set(ids)) == len(ids),
          f"{name}: every row of every commit is there exactly once ({len(ids)} rows, {len(expected)} expected)")
    texts, smalls = table["text"].to_pylist(), table["small"].to_pylist()
    wrong = [i for i, t, m in zip(ids, texts, smalls) if t != sample_text(i) or m != i % 1000 - 500]
    check(not wrong, f"{name}: every row holds the values its id gives ({len(wrong)} do not: {wrong[:3]})")
    times = sorted(s.seconds)
    q = statistics.quantiles(times, n=10) if len(times) >= 10 else [float("nan")] * 9
    line = (f"| {name} | {len(threads)} | {commits} | {elapsed:.1f} s | {commits / elapsed:.1f} | "
            f"{statistics.median(times):.2f} s | {q[8]:.2f} s | {times[-1]:.2f} s |")
    print(line, flush=True)
    return line


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bin_dir")
    parser.add_argument("work")
    parser.add_argument("--processes", type=int, default=16)
    parser.add_argument("--appends", type=int, default=25)
    parser.add_argument("--parts-committers", type=int, default=2)
    parser.add_argument("--parts-rounds", type=int, default=5)
    parser.add_argument("--rows", type=int, default=100)
    parser.add_argument("--only", default="local,s3")
    a = parser.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    lines = ["| where | processes | commits | wall | commits/s | per commit: median | p90 | slowest |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    if "local" in a.only:
        lines.append(storm("local", a.bin_dir, os.path.join(a.work, "storm.lance"), None, dict(os.environ), a.work, a))
    if "s3" in a.only:
        with LocalS3() as s3:
            lines.append(storm("s3", a.bin_dir, f"s3://{s3.bucket}/storm.lance", s3.options(),
                               s3.env(with_credentials=True), a.work, a))
    print("\n".join(lines))
    return finish()


if __name__ == "__main__":
    sys.exit(main())
