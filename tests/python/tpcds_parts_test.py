"""tpcds-lance's parts at large scale factors against tpcgen-cli's (whose
output is byte-identical to dsdgen v4.0.0's): one part of each sales channel,
its returns and inventory, at SF 10 to 1,000, as .dat text. A part is a slice
from the middle of the table, so this checks what the SF 1 sums cannot reach:
row counts and key ranges at larger scale factors, the catalog's order dates
far into the calendar (including a part starting on a day's first order), and
every stream jumped to a part's first order.

usage: tpcds_parts_test.py BIN_DIR WORK_DIR
"""

import hashlib
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish  # noqa: E402

# (table, scale factor, parts, part)
CASES = [
    ("catalog_sales", "10", 53, 9),    # starts on the first order of a day
    ("catalog_returns", "10", 53, 9),
    ("store_sales", "100", 2000, 1234),
    ("store_returns", "100", 2000, 1234),
    ("web_sales", "1000", 20000, 13579),
    ("web_returns", "1000", 20000, 13579),
    ("inventory", "100", 500, 321),
    ("customer", "1000", 40, 17),
]


def md5(path):
    with open(path, "rb") as f:
        return hashlib.md5(f.read()).hexdigest()


def main():
    bin_dir, work = sys.argv[1:3]
    shutil.rmtree(work, ignore_errors=True)
    tpcgen = shutil.which("tpcgen-cli", path=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])
    check(tpcgen is not None, "tpcgen-cli is installed (the oracle's text)")
    if tpcgen is None:
        return finish()
    for table, sf, parts, part in CASES:
        ours, theirs = os.path.join(work, "ours", f"{table}-{sf}"), os.path.join(work, "tpcgen", f"{table}-{sf}")
        subprocess.run([os.path.join(bin_dir, "tpcds-lance"), "--format", "dat", "--tables", table, "--scale-factor",
                        sf, "--parts", str(parts), "--part", str(part), "--output-dir", ours, "--quiet"], check=True)
        subprocess.run([tpcgen, "tpcds", "dat", "-s", sf, "-T", table, "--parts", str(parts), "--part", str(part),
                        "-n", "1", "-o", theirs], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        mine = os.path.join(ours, f"{table}.dat.{part}")
        oracle = os.path.join(theirs, table, f"{table}.{part}.dat")
        lines = sum(1 for _ in open(mine, "rb"))
        check(lines > 0 and md5(mine) == md5(oracle),
              f"{table} SF {sf}, part {part} of {parts}: {lines:,} rows, equal to tpcgen-cli's")
        shutil.rmtree(ours)
        shutil.rmtree(theirs)
    shutil.rmtree(work, ignore_errors=True)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
