"""A table whose commit fails while the next table is being written (tpch-lance
commits each table while it generates the next): the tables before it stay
committed and equal to dbgen's output, the failed table and the one after it are
rolled back (no version, none of their data files left; the one after is stopped
midway), no later table is started, the exit status is 1 and stderr names the
failed table. A file the run did not create is left as it was.

The commit is made to fail without touching tpch-lance: supplier.lance/_transactions
exists beforehand as a plain file, so lance can write supplier's data files but
not its transaction file, which it writes at commit.

usage: failed_commit_test.py BIN_DIR REFERENCE_MD5(sf0.01) WORK_DIR
"""

import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish, reference_md5, tbl_md5  # noqa: E402


def files_under(path):
    return sorted(os.path.relpath(os.path.join(root, name), path)
                  for root, _, names in os.walk(path) for name in names)


def scenario(tpch, inspect, expected, work, writers):
    """The run with `writers` writers per table: supplier's 100 rows are 2
    batches of 50, so with 2 writers the commit of both pieces fails, with 1
    the writer's own finish()."""
    said = f"{writers} writer(s): "
    blocker = os.path.join(work, "supplier.lance", "_transactions")
    os.makedirs(os.path.dirname(blocker))
    with open(blocker, "w") as f:
        f.write("not lance's\n")

    # Small batches: lineitem has 1,200, so supplier's failed commit (milliseconds
    # after its last batch) stops it long before its end.
    done = subprocess.run([tpch, "--scale-factor", "0.01", "--tables", "nation,supplier,lineitem,orders",
                           "--batch-rows", "50", "--writers", str(writers), "--output-dir", work],
                          capture_output=True, text=True)
    check(done.returncode == 1, f"{said}exit status 1 (got {done.returncode})")
    errors = [line for line in done.stderr.splitlines() if line.startswith("tpch-lance: ")]
    check(len(errors) == 2 and errors[0].startswith("tpch-lance: supplier: ") and "commit" in errors[0],
          f"{said}the first error names supplier's commit: {errors}")
    check(len(errors) == 2 and errors[1].startswith("tpch-lance: lineitem: rolled back"),
          f"{said}then lineitem is said to be rolled back: {errors}")
    check("lineitem: 100%" not in done.stderr, f"{said}lineitem was stopped midway (its progress never reached 100 %)")

    check(tbl_md5(inspect, os.path.join(work, "nation.lance")) == expected["nation"],
          f"{said}nation, committed before, reads back as dbgen's nation.tbl")

    for table in ("supplier", "lineitem"):
        path = os.path.join(work, f"{table}.lance")
        check(not os.path.exists(os.path.join(path, "_versions")), f"{said}{table}: no version committed")
        left = [f for f in files_under(path) if f != "_transactions"] if os.path.exists(path) else []
        check(left == [], f"{said}{table}: none of its data files left: {left}")
    check(not os.path.exists(os.path.join(work, "lineitem.lance")), f"{said}lineitem: its folder is gone too")
    supplier_left = sorted(os.listdir(os.path.join(work, "supplier.lance")))
    check(supplier_left == ["_transactions"], f"{said}supplier: the folders its writers made are gone: {supplier_left}")
    with open(blocker) as f:
        check(f.read() == "not lance's\n", f"{said}the file tpch-lance did not create is untouched")
    check(not os.path.exists(os.path.join(work, "orders.lance")), f"{said}orders, after the failure, never started")


def main():
    bin_dir, reference, work = sys.argv[1:4]
    tpch, inspect = os.path.join(bin_dir, "tpch-lance"), os.path.join(bin_dir, "lance-bridge-inspect")
    shutil.rmtree(work, ignore_errors=True)
    expected = reference_md5(reference)
    for writers in (1, 2):
        scenario(tpch, inspect, expected, os.path.join(work, f"writers-{writers}"), writers)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
