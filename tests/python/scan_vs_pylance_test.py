"""lance_bridge::Dataset against pylance: tpch-lance writes lineitem at SF 0.1,
then the same queries (a projection and a SQL filter) run through the C++ API
(scan_tool) and through pylance's to_table over the same dataset. Row counts,
count_rows and the exact decimal sum of l_extendedprice agree; for the first
query pyarrow.compute, filtering the whole table without lance, agrees too.

usage: scan_vs_pylance_test.py BIN_DIR WORK_DIR     (needs pylance: checks.require)
"""

import decimal
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish, require  # noqa: E402

require("lance", "pyarrow.compute")
import lance  # noqa: E402
import pyarrow.compute as pc  # noqa: E402

SUMMED = "l_extendedprice"
QUERIES = [
    ("l_quantity > 45 AND l_shipmode = 'AIR'", [SUMMED, "l_orderkey"]),
    # TPC-H Q6's predicate (lance compares decimals with decimal literals only: the casts)
    ("l_shipdate >= date '1994-01-01' AND l_shipdate < date '1995-01-01' "
     "AND l_discount BETWEEN CAST('0.05' AS DECIMAL(15,2)) AND CAST('0.07' AS DECIMAL(15,2)) "
     "AND l_quantity < 24", [SUMMED, "l_discount"]),
    ("l_returnflag = 'R' OR l_comment LIKE '%special%'", [SUMMED]),
    ("l_quantity > 1000", [SUMMED]),
]


def exact_sum(column, scale):
    """The sum of a decimal column's values (nulls skipped), with its scale, as text."""
    total = sum((v for v in column.to_pylist() if v is not None), decimal.Decimal(0))
    return str(total.quantize(decimal.Decimal(1).scaleb(-scale)))


def scan_tool(tool, uri, predicate, columns):
    """Runs the C++ query; returns its printed values as a dict."""
    done = subprocess.run([tool, uri, predicate, *columns], capture_output=True, text=True)
    check(done.returncode == 0, f"scan_tool runs: {predicate} {done.stderr.strip()}")
    return dict(line.split(" ", 1) for line in done.stdout.splitlines())


def main():
    bin_dir, work = sys.argv[1:3]
    shutil.rmtree(work, ignore_errors=True)
    subprocess.run([os.path.join(bin_dir, "tpch-lance"), "--scale-factor", "0.1", "--tables", "lineitem",
                    "--output-dir", work, "--quiet"], check=True)
    uri = os.path.join(work, "lineitem.lance")
    dataset = lance.dataset(uri)
    scale = dataset.schema.field(SUMMED).type.scale

    results = []
    for predicate, columns in QUERIES:
        table = dataset.to_table(columns=columns, filter=predicate)
        expected = {"rows": str(table.num_rows), "count_rows": str(dataset.count_rows(filter=predicate)),
                    "sum": exact_sum(table.column(SUMMED), scale)}
        actual = scan_tool(os.path.join(bin_dir, "scan_tool"), uri, predicate, columns)
        check(actual == expected, f"C++ {actual} == pylance {expected}: {predicate}")
        results.append(actual)

    # The first query without lance: filter the whole table with pyarrow.compute.
    whole = dataset.to_table(columns=[SUMMED, "l_quantity", "l_shipmode"])
    kept = whole.filter(pc.and_(pc.greater(whole["l_quantity"], 45), pc.equal(whole["l_shipmode"], "AIR")))
    independent = {"rows": str(kept.num_rows), "sum": exact_sum(kept.column(SUMMED), scale)}
    check(kept.num_rows > 0 and {k: results[0].get(k) for k in independent} == independent,
          f"C++ {results[0]} == pyarrow.compute {independent}: {QUERIES[0][0]}")

    shutil.rmtree(work, ignore_errors=True)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
