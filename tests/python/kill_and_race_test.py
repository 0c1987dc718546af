"""tpch-lance appends that race and appends that are killed.

1. Four tpch-lance processes append lineitem (SF 0.01) to one dataset at once:
   every commit lands, one version each, and the rows are five whole copies.
2. 20 appends killed with SIGKILL at random moments (seeded): after each, the
   dataset opens at its last committed version with exactly that version's
   rows (a whole number of copies, one per version), and the next append
   succeeds. At the end the rows, rendered as dbgen text, are exactly k copies
   of dbgen's lineitem.
3. What the killed writers left behind is listed and removed by `tpch-lance
   cleanup`, and the rows do not change.

usage: kill_and_race_test.py BIN_DIR REFERENCE_MD5(sf0.01) WORK_DIR [KILLS]
"""

import hashlib
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, dataset_summary, finish, reference_md5, tbl_md5  # noqa: E402


def main():
    bin_dir, reference, work = sys.argv[1:4]
    kills = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    tpch = os.path.join(bin_dir, "tpch-lance")
    inspect = os.path.join(bin_dir, "lance-bridge-inspect")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    dataset = os.path.join(work, "lineitem.lance")
    append = [tpch, "--scale-factor", "0.01", "--tables", "lineitem", "--output-dir", work, "--mode", "append",
              "--quiet", "--threads", "1"]

    # dbgen's lineitem text, checked against the reference sum: what one copy is.
    subprocess.run([tpch, "--scale-factor", "0.01", "--tables", "lineitem", "--format", "tbl", "--quiet",
                    "--output-dir", os.path.join(work, "tbl")], check=True)
    one_copy = open(os.path.join(work, "tbl", "lineitem.tbl"), "rb").read()
    check(hashlib.md5(one_copy).hexdigest() == reference_md5(reference)["lineitem"], "one copy of lineitem equals dbgen's")
    copy_rows = one_copy.count(b"\n")

    def state():
        summary = dataset_summary(inspect, dataset)
        return summary["rows"], summary["version"]

    def rows_are_copies(copies):
        return tbl_md5(inspect, dataset) == hashlib.md5(one_copy * copies).hexdigest()

    create = [arg for arg in append if arg not in ("--mode", "append")]
    started = time.monotonic()
    subprocess.run(create, check=True)  # version 1
    # Kills land anywhere in a write as long as this one took: start-up, text
    # pool, generation and encoding, the commit.
    duration = time.monotonic() - started

    # 1. Four processes append at once.
    racers = [subprocess.Popen(append, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    codes = [(p.wait(), p.stderr.read()) for p in racers]
    check(all(rc == 0 for rc, _ in codes), f"four concurrent appends all succeed ({[c for c in codes if c[0]]})")
    check(state() == (5 * copy_rows, 5), f"five copies in five versions: {state()}")
    check(rows_are_copies(5), "the rows are five whole copies of lineitem")

    # 2. Kills at random moments.
    rng = random.Random(20261126)
    killed_midway = 0
    for k in range(kills):
        rows_before, version_before = state()
        process = subprocess.Popen(append, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, 0.9 * duration))
        finished_first = process.poll() is not None
        process.send_signal(signal.SIGKILL)
        process.wait()
        killed_midway += not finished_first
        rows, version = state()
        consistent = rows == version * copy_rows and version in (version_before, version_before + 1)
        check(consistent, f"kill {k + 1}: version {version}, {rows} rows ({'killed' if not finished_first else 'had finished'})")
    check(killed_midway >= kills // 2, f"{killed_midway} of {kills} kills hit a running write "
                                        f"(one write takes {duration:.2f} s)")
    subprocess.run(append, check=True)
    rows, version = state()
    check(rows == version * copy_rows, f"the append after the kills succeeds: version {version}")
    check(rows_are_copies(version), f"the rows are exactly {version} copies of lineitem")

    # 3. What the killed writers left: listed, removed, rows unchanged.
    cleanup = [tpch, "cleanup", "--tables", "lineitem", "--output-dir", work, "--older-than", "0"]
    listed = subprocess.run(cleanup + ["--dry-run"], capture_output=True, text=True, check=True).stdout
    removed = subprocess.run(cleanup, capture_output=True, text=True, check=True).stdout
    after = subprocess.run(cleanup + ["--dry-run"], capture_output=True, text=True, check=True).stdout
    count = lambda text: int(re.search(r"(\d+) orphaned", text).group(1))
    print(listed.strip().splitlines()[-1], "|", removed.strip().splitlines()[-1])
    check(count(listed) == count(removed) and count(after) == 0, "cleanup removes every orphan it lists")
    check(state() == (rows, version) and rows_are_copies(version), "cleanup changes no row")
    shutil.rmtree(work, ignore_errors=True)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
