"""TPC-DS's 99 queries (as DuckDB ships them, tpcds_queries()) over what
tpcds-lance wrote, read back through pylance, against the same queries over
dsdgen's own text: tpcgen-cli's .dat files (byte-identical to dsdgen v4.0.0's),
loaded into DuckDB's TPC-DS schema (dsdgen(sf=0)). Every query must give the
same answer; and every table's columns must be the schema's, name for name.

DuckDB's own dsdgen is not the oracle: its data differs from dsdgen v4.0.0's
(35 reasons instead of 75, other text and prices), so its answers differ too.

usage: tpcds_queries_test.py BIN_DIR WORK_DIR SCALE_FACTOR
"""

import decimal
import glob
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from checks import check, finish, require  # noqa: E402

require("lance", "duckdb", "duckdb_extension_tpcds")
import duckdb  # noqa: E402
import duckdb_extension_tpcds  # noqa: E402
import lance  # noqa: E402


DUCKDB_SPELLING = {"s_tax_percentage": "s_tax_precentage"}


def tpcds_connection():
    """A DuckDB connection with the tpcds extension (from its PyPI package:
    DuckDB's own extension download needs the internet)."""
    con = duckdb.connect()
    root = os.path.dirname(duckdb_extension_tpcds.__file__)
    extension = glob.glob(os.path.join(root, "extensions", "*", "tpcds.duckdb_extension"))
    if not extension:
        raise SystemExit(f"FAIL no tpcds.duckdb_extension under {root}")
    con.execute(f"INSTALL '{extension[0]}'")
    con.execute("LOAD tpcds")
    con.execute("SET threads = 1")  # the same row order on both sides, for LIMIT ties
    con.execute("SET max_temp_directory_size = '2GB'")
    return con


def comparable(rows):
    """Rows as sortable tuples: floats rounded (sums in another order differ in
    the last bits), None first."""
    def value(v):
        if isinstance(v, float):
            return (1, round(v, 6))
        if isinstance(v, decimal.Decimal):
            return (1, float(v))
        return (0, "") if v is None else (1, v)
    return sorted(tuple(value(v) for v in row) for row in rows)


def main():
    bin_dir, work, sf = sys.argv[1], sys.argv[2], sys.argv[3]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    lance_dir = os.path.join(work, "lance")
    dat_dir = os.path.join(work, "dat")
    started = time.time()
    subprocess.run([os.path.join(bin_dir, "tpcds-lance"), "--scale-factor", sf, "--output-dir", lance_dir,
                    "--quiet"], check=True)
    tpcgen = shutil.which("tpcgen-cli", path=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])
    check(tpcgen is not None, "tpcgen-cli is installed (the oracle's text)")
    if tpcgen is None:
        return finish()
    subprocess.run([tpcgen, "tpcds", "dat", "-s", sf, "-n", "2", "-o", dat_dir], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"data written in {time.time() - started:.0f} s", flush=True)

    # Both sides in DuckDB's TPC-DS schema (its tables, with statistics for
    # the planner): dsdgen's text loaded as text, ours from Lance through pylance.
    oracle = tpcds_connection()
    oracle.execute("CALL dsdgen(sf = 0)")  # the schema, no rows
    ours = tpcds_connection()
    ours.execute("CALL dsdgen(sf = 0)")
    tables = [r[0] for r in oracle.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()]
    check(len(tables) == 24, f"DuckDB's TPC-DS schema has 24 tables ({len(tables)})")
    for table in tables:
        columns = oracle.execute("SELECT column_name, data_type FROM information_schema.columns "
                                 f"WHERE table_name = '{table}' ORDER BY ordinal_position").fetchall()
        # dsdgen ends every line with '|': one more, empty, column.
        spec = ", ".join(f"'{name}': '{kind}'" for name, kind in columns) + ", 'end_of_line': 'VARCHAR'"
        oracle.execute(f"INSERT INTO {table} SELECT * EXCLUDE (end_of_line) FROM read_csv("
                       f"'{dat_dir}/{table}.dat', delim = '|', header = false, quote = '', escape = '', "
                       f"columns = {{{spec}}})")
        arrow = lance.dataset(os.path.join(lance_dir, f"{table}.lance")).to_table()
        ours.register(f"{table}_lance", arrow)
        ours.execute(f"INSERT INTO {table} SELECT * FROM {table}_lance")
        ours.unregister(f"{table}_lance")
        # DuckDB spells store's tax column its own way; dsdgen's schema (and
        # ours) has the specification's s_tax_precentage.
        names = [DUCKDB_SPELLING.get(name, name) for name, _ in columns]
        check(arrow.column_names == names, f"{table}: the specification's columns, in order")
        rows = oracle.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        check(arrow.num_rows == rows, f"{table}: {arrow.num_rows} rows, dsdgen's {rows}")

    queries = oracle.execute("SELECT query_nr, query FROM tpcds_queries() ORDER BY query_nr").fetchall()
    check(len(queries) == 99, f"DuckDB ships 99 queries ({len(queries)})")
    nonempty = 0
    for number, query in queries:
        expected = comparable(oracle.execute(query).fetchall())
        answer = comparable(ours.execute(query).fetchall())
        nonempty += 1 if expected else 0
        check(answer == expected, f"query {number}: {len(answer)} rows, dsdgen's data gives {len(expected)}"
              + ("" if answer == expected else " (different)"))
    check(nonempty >= 90, f"{nonempty} of 99 queries return rows (an empty answer compares nothing)")
    print(f"total {time.time() - started:.0f} s")
    return finish()


if __name__ == "__main__":
    sys.exit(main())
