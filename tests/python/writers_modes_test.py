"""tpch-lance with several writers per table, in each mode: create, overwrite
and append each make one version, and the rows read back are dbgen's, in
dbgen's order (after the append: twice over). Orders at SF 0.01 has 15,000
rows: in 2,000-row batches, 2 and 3 writers each get batches of their own, and
each writer's data files are fragments of their own.

usage: writers_modes_test.py BIN_DIR REFERENCE_MD5(sf0.01) WORK_DIR
"""

import hashlib
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, dataset_summary, finish, reference_md5, tbl_md5  # noqa: E402


def main():
    bin_dir, reference, work = sys.argv[1:4]
    tpch, inspect = os.path.join(bin_dir, "tpch-lance"), os.path.join(bin_dir, "lance-bridge-inspect")
    shutil.rmtree(work, ignore_errors=True)
    expected = reference_md5(reference)

    # dbgen's orders.tbl, from the generator checked against the reference.
    subprocess.run([tpch, "--scale-factor", "0.01", "--tables", "orders", "--format", "tbl", "--quiet",
                    "--output-dir", os.path.join(work, "tbl")], check=True)
    with open(os.path.join(work, "tbl", "orders.tbl"), "rb") as f:
        text = f.read()
    check(hashlib.md5(text).hexdigest() == expected["orders"], "orders.tbl is dbgen's")

    lance_dir = os.path.join(work, "lance")
    uri = os.path.join(lance_dir, "orders.lance")

    def write(mode, writers):
        done = subprocess.run([tpch, "--scale-factor", "0.01", "--tables", "orders", "--mode", mode,
                               "--writers", str(writers), "--batch-rows", "2000", "--quiet",
                               "--output-dir", lance_dir], capture_output=True, text=True)
        check(done.returncode == 0, f"{mode} with {writers} writers succeeds ({done.stderr.strip()})")
        summary = dataset_summary(inspect, uri)
        return summary.get("version"), summary.get("rows"), summary.get("fragments"), tbl_md5(inspect, uri)

    once, twice = hashlib.md5(text).hexdigest(), hashlib.md5(text * 2).hexdigest()
    version, rows, fragments, digest = write("create", 2)
    check((version, rows) == (1, 15000) and digest == once, f"create, 2 writers: version 1, dbgen's rows in order")
    check(fragments == 2, f"create: one fragment per writer (got {fragments})")

    version, rows, fragments, digest = write("overwrite", 3)
    check((version, rows) == (2, 15000) and digest == once, f"overwrite, 3 writers: version 2, dbgen's rows in order")
    check(fragments == 3, f"overwrite: the 3 writers' fragments replace the 2 (got {fragments})")

    version, rows, fragments, digest = write("append", 2)
    check((version, rows) == (3, 30000) and digest == twice,
          f"append, 2 writers: version 3, dbgen's rows twice, in order")
    check(fragments == 5, f"append: 2 fragments added to the 3 (got {fragments})")
    return finish()


if __name__ == "__main__":
    sys.exit(main())
