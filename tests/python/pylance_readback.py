"""Reads the Lance datasets tpch-lance writes with pylance (Python), renders every
row as dbgen .tbl text and checks it against the md5 sums of the official dbgen:
what the C++ writer streamed through the bridge reads back value for value.

usage: pylance_readback.py TPCH_LANCE SCALE_FACTOR REFERENCE_MD5 WORK_DIR
Needs pylance (checks.require: missing, it fails unless LANCE_BRIDGE_ALLOW_SKIPS=1).
"""

import datetime
import decimal
import hashlib
import shutil
import subprocess
import sys

from checks import reference_md5, require  # this folder: the script's own, or put on sys.path by its importers

require("lance")
import lance  # noqa: E402


def render(value, whole_number):
    if isinstance(value, decimal.Decimal) and whole_number:
        return str(int(value))
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def tbl_md5(dataset):
    """The md5 of a Lance dataset's rows rendered as dbgen .tbl text."""
    return table_md5(dataset.to_table())


def table_md5(data):
    """The md5 of an Arrow table's rows rendered as dbgen .tbl text, and its rows."""
    columns = [data.column(i).to_pylist() for i in range(data.num_columns)]
    whole = [name == "l_quantity" for name in data.column_names]
    md5 = hashlib.md5()
    for row in range(data.num_rows):
        cells = (render(columns[c][row], whole[c]) for c in range(len(columns)))
        md5.update(("|".join(cells) + "|\n").encode())
    return md5.hexdigest(), data.num_rows


def check_against_dbgen(base, reference, storage_options=None):
    """Reads every table under `base` (a folder or s3:// prefix) with pylance
    and compares it with dbgen's md5 sums. Returns the number of mismatches."""
    expected = reference_md5(reference)
    failures = 0
    for table, digest in sorted(expected.items()):
        actual, rows = tbl_md5(lance.dataset(f"{base}/{table}.lance", storage_options=storage_options))
        status = "ok" if actual == digest else "MISMATCH"
        failures += status != "ok"
        print(f"{table:9} {rows:8} rows  pylance {lance.__version__}  {status}")
    return failures


def main():
    tpch_lance, scale_factor, reference, work = sys.argv[1:5]
    shutil.rmtree(work, ignore_errors=True)
    subprocess.run([tpch_lance, "--scale-factor", scale_factor, "--output-dir", work, "--quiet"], check=True)
    failures = check_against_dbgen(work, reference)
    shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
