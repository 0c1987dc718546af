"""TPC-H in parts, as many machines would write it: 4 tpch-lance processes each
write their part of every table (Lance pieces left pending, Parquet part files),
then `tpch-lance commit` makes each table one version. Every table reads back
equal to dbgen's output; a missing or disagreeing part is refused and nothing
is committed; committing twice is harmless.

usage: parts_commit_test.py BIN_DIR REFERENCE_MD5(sf0.1) WORK_DIR
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish  # noqa: E402


def main():
    bin_dir, reference, work = sys.argv[1:4]
    tpch, inspect = os.path.join(bin_dir, "tpch-lance"), os.path.join(bin_dir, "lance-bridge-inspect")
    shutil.rmtree(work, ignore_errors=True)
    expected = {line.split()[1].removesuffix(".tbl"): line.split()[0] for line in open(reference)}
    run = lambda *args: subprocess.run([tpch, *args], capture_output=True, text=True)
    dump_md5 = lambda path, fmt="lance": hashlib.md5(subprocess.run(
        [inspect, path, "--format", fmt, "--tbl"], capture_output=True, check=True).stdout).hexdigest()

    # Four processes at once, one part each, then one commit.
    lance_dir = os.path.join(work, "lance")
    writers = [subprocess.Popen([tpch, "--scale-factor", "0.1", "--parts", "4", "--part", str(k), "--threads", "1",
                                 "--quiet", "--output-dir", lance_dir], stderr=subprocess.PIPE, text=True)
               for k in range(1, 5)]
    codes = [(w.wait(), w.stderr.read()) for w in writers]
    check(all(rc == 0 for rc, _ in codes), f"4 part writers succeed {[c for c in codes if c[0]]}")
    pending = sorted(os.listdir(os.path.join(lance_dir, "_pending", "lineitem")))
    check(pending == [f"part-{k}-of-4.sf0.1.piece" for k in range(1, 5)], f"pieces saved: {pending}")
    check(not os.path.exists(os.path.join(lance_dir, "lineitem.lance", "_versions")), "nothing committed before commit")
    done = run("commit", "--output-dir", lance_dir)
    check(done.returncode == 0, f"commit succeeds ({done.stderr.strip()})")
    for table, digest in sorted(expected.items()):
        uri = os.path.join(lance_dir, f"{table}.lance")
        version = re.search(r"version: (\d+)", subprocess.run([inspect, uri], capture_output=True, text=True).stdout)
        check(dump_md5(uri) == digest and version and version.group(1) == "1",
              f"{table}: 4 parts, one version, equal to dbgen's output")
    check(all(not os.listdir(os.path.join(lance_dir, "_pending", t)) for t in expected), "pending pieces removed")
    again = run("commit", "--output-dir", lance_dir)
    check(again.returncode == 0 and "nothing pending" in again.stdout, "a second commit does nothing")

    # Appending parts wait beside a committed dataset; cleanup (any age) leaves their files alone.
    for k in (1, 2):
        run("--scale-factor", "0.1", "--tables", "nation", "--mode", "append", "--parts", "2", "--part", str(k),
            "--quiet", "--output-dir", lance_dir)
    cleaned = run("cleanup", "--tables", "nation", "--output-dir", lance_dir, "--older-than", "0")
    appended = run("commit", "--tables", "nation", "--mode", "append", "--output-dir", lance_dir)
    nation = os.path.join(lance_dir, "nation.lance")
    one_copy = subprocess.run([tpch, "--scale-factor", "0.1", "--tables", "nation", "--format", "tbl", "--quiet",
                               "--output-dir", os.path.join(work, "tbl")], check=True)
    text = open(os.path.join(work, "tbl", "nation.tbl"), "rb").read()
    check(cleaned.returncode == 0 and "removed 0 orphaned" in cleaned.stdout and appended.returncode == 0
          and dump_md5(nation) == hashlib.md5(text * 2).hexdigest(),
          f"cleanup spares pending parts; appended parts commit as version 2 ({cleaned.stdout.strip()[-80:]})")

    # A missing part, then parts that disagree: refused, nothing committed.
    partial = os.path.join(work, "partial")
    for k in (1, 2, 4):
        run("--scale-factor", "0.1", "--tables", "nation,region", "--parts", "4", "--part", str(k), "--quiet",
            "--output-dir", partial)
    refused = run("commit", "--output-dir", partial, "--tables", "nation,region")
    check(refused.returncode == 2 and "missing part(s) 3 of 4" in refused.stderr, f"a missing part is refused ({refused.stderr.strip()})")
    check(not os.path.exists(os.path.join(partial, "nation.lance", "_versions")), "nothing committed")
    run("--scale-factor", "0.2", "--tables", "nation,region", "--parts", "4", "--part", "3", "--quiet",
        "--output-dir", partial)
    refused = run("commit", "--output-dir", partial, "--tables", "nation,region")
    check(refused.returncode == 2 and "disagree" in refused.stderr, f"parts of another scale factor are refused ({refused.stderr.strip()})")
    again = run("--scale-factor", "0.1", "--tables", "nation", "--parts", "4", "--part", "1", "--output-dir", partial)
    check(again.returncode == 2 and "already pending" in again.stderr, "a part already pending is not written again")

    # A part of another schema (another program's rows under a part's name): refused before any commit.
    mixed = os.path.join(work, "mixed")
    run("--scale-factor", "0.1", "--tables", "region,nation", "--parts", "2", "--part", "1", "--quiet", "--output-dir", mixed)
    run("--scale-factor", "0.1", "--tables", "region", "--parts", "2", "--part", "2", "--quiet", "--output-dir", mixed)
    subprocess.run([os.path.join(bin_dir, "piece_tool"), "prepare", os.path.join(mixed, "nation.lance"), "0", "10",
                    os.path.join(mixed, "_pending", "nation", "part-2-of-2.sf0.1.piece"), "overwrite"],
                   check=True, capture_output=True)
    refused = run("commit", "--output-dir", mixed, "--tables", "region,nation")
    check(refused.returncode == 2 and "schema" in refused.stderr
          and not os.path.exists(os.path.join(mixed, "region.lance", "_versions")),
          f"parts of another schema are refused before any table is committed ({refused.stderr.strip()[-150:]})")

    # Parquet parts: one file per part, concatenated they are the table.
    parquet_dir = os.path.join(work, "parquet")
    for k in (1, 2):
        run("--scale-factor", "0.1", "--format", "parquet", "--tables", "orders,lineitem", "--parts", "2", "--part",
            str(k), "--quiet", "--output-dir", parquet_dir)
    for table in ("orders", "lineitem"):
        text = b"".join(subprocess.run([inspect, os.path.join(parquet_dir, table, f"part-{k}.parquet"), "--format",
                                        "parquet", "--tbl"], capture_output=True, check=True).stdout for k in (1, 2))
        check(hashlib.md5(text).hexdigest() == expected[table], f"{table}: Parquet parts 1 and 2 equal dbgen's output")
    shutil.rmtree(work, ignore_errors=True)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
