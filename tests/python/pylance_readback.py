"""Reads the Lance datasets tpch-lance writes with pylance (Python), renders every
row as dbgen .tbl text and checks it against the md5 sums of the official dbgen:
what the C++ writer streamed through the bridge reads back value for value.

usage: pylance_readback.py TPCH_LANCE SCALE_FACTOR REFERENCE_MD5 WORK_DIR
Exits 77 (skipped) when pylance is not installed.
"""

import datetime
import decimal
import hashlib
import shutil
import subprocess
import sys

try:
    import lance
except ImportError:
    print("pylance is not installed: skipped (pip install pylance)")
    sys.exit(77)


def render(value, whole_number):
    if isinstance(value, decimal.Decimal) and whole_number:
        return str(int(value))
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def main():
    tpch_lance, scale_factor, reference, work = sys.argv[1:5]
    shutil.rmtree(work, ignore_errors=True)
    subprocess.run([tpch_lance, "--scale-factor", scale_factor, "--output-dir", work, "--quiet"], check=True)
    expected = {}
    for line in open(reference):
        digest, name = line.split()
        expected[name.removesuffix(".tbl")] = digest
    failures = 0
    for table, digest in sorted(expected.items()):
        data = lance.dataset(f"{work}/{table}.lance").to_table()
        columns = [data.column(i).to_pylist() for i in range(data.num_columns)]
        whole = [name == "l_quantity" for name in data.column_names]
        md5 = hashlib.md5()
        for row in range(data.num_rows):
            cells = (render(columns[c][row], whole[c]) for c in range(len(columns)))
            md5.update(("|".join(cells) + "|\n").encode())
        status = "ok" if md5.hexdigest() == digest else "MISMATCH"
        failures += status != "ok"
        print(f"{table:9} {data.num_rows:8} rows  pylance {lance.__version__}  {status}")
    shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
