"""Concurrent changes from separate processes (the lance-bridge command line,
so each process has its own lance, runtime and view of the dataset), started
at the same moment: two upserts of the same keys, a delete and an insert, an
upsert during a compaction. Each is one lance transaction: both land, or the
loser exits 1 with a conflict error and none of its change is visible; no row
is lost or doubled, and every upsert is all-or-nothing. Each race is run a few
times, so that different interleavings are met. (The same races with threads
in one process: Changes.* in changes_test.cpp.)

usage: change_races_test.py BIN_DIR WORK_DIR     (needs pylance: checks.require)
"""

import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish, require  # noqa: E402

require("lance", "pyarrow")
import lance  # noqa: E402
import pyarrow as pa  # noqa: E402

ROUNDS = 3


def rows(ids, value):
    return pa.table({"id": pa.array(ids, pa.int64()), "value": pa.array([value] * len(ids), pa.int64())})


def race(bin_dir, *commands):
    """Starts every command at once; [(exit status, stderr)] in order."""
    cli = os.path.join(bin_dir, "lance-bridge")
    started = [subprocess.Popen([cli, "--quiet", *c], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for c in commands]
    out = []
    for p in started:
        _, err = p.communicate()
        out.append((p.returncode, err.strip()))
    return out


def outcome_ok(results):
    """Each process succeeded, or failed with a conflict (exit 1)."""
    return all(code == 0 or (code == 1 and "conflict" in err) for code, err in results)


def table_of(path):
    t = lance.dataset(path).to_table().sort_by("id")
    return dict(zip(t["id"].to_pylist(), t["value"].to_pylist())), t.num_rows


def two_upserts(bin_dir, work, n):
    path, a, b = (os.path.join(work, f"{x}{n}.lance") for x in ("upserts", "a", "b"))
    lance.write_dataset(rows(range(200), 0), path, max_rows_per_file=50)
    lance.write_dataset(rows(range(100), 1), a)
    lance.write_dataset(rows(range(100), 2), b)
    results = race(bin_dir, ["merge", path, a, "--on", "id"], ["merge", path, b, "--on", "id"])
    values, count = table_of(path)
    landed = {1 + i for i, (code, _) in enumerate(results) if code == 0}
    changed = {values[k] for k in range(100)}
    check(outcome_ok(results) and landed, f"two upserts of the same keys, round {n}: each lands or conflicts "
          f"({[c for c, _ in results]})")
    check(count == 200 and sorted(values) == list(range(200)), f"  round {n}: 200 keys, each once")
    check(len(changed) == 1 and changed <= landed and all(values[k] == 0 for k in range(100, 200)),
          f"  round {n}: keys 0-99 all hold one upsert's values ({changed}), from one that landed ({landed})")


def delete_and_insert(bin_dir, work, n):
    path, new = os.path.join(work, f"delins{n}.lance"), os.path.join(work, f"new{n}.lance")
    lance.write_dataset(rows(range(200), 0), path, max_rows_per_file=50)
    lance.write_dataset(rows(range(1000, 1100), 5), new)
    results = race(bin_dir, ["delete", path, "id < 50"], ["merge", path, new, "--on", "id"])
    values, count = table_of(path)
    expected = set(range(200))
    if results[0][0] == 0:
        expected -= set(range(50))
    if results[1][0] == 0:
        expected |= set(range(1000, 1100))
    check(outcome_ok(results), f"a delete and an insert, round {n}: each lands or conflicts ({[c for c, _ in results]})")
    check(set(values) == expected and count == len(expected),
          f"  round {n}: exactly the rows the landed changes leave ({count})")


def upsert_during_compaction(bin_dir, work, n):
    path, src = os.path.join(work, f"compact{n}.lance"), os.path.join(work, f"src{n}.lance")
    for i in range(20):
        lance.write_dataset(rows(range(i * 10, i * 10 + 10), 0), path, mode="append" if i else "create")
    lance.write_dataset(rows(list(range(0, 200, 2)) + list(range(500, 520)), 9), src)
    results = race(bin_dir, ["compact", path], ["merge", path, src, "--on", "id"])
    values, count = table_of(path)
    fragments = len(lance.dataset(path).get_fragments())
    check(outcome_ok(results), f"an upsert during a compaction, round {n}: each lands or conflicts "
          f"({[c for c, _ in results]}, {fragments} fragments now)")
    if results[1][0] == 0:
        good = count == 220 and all(values[k] == (9 if k % 2 == 0 or k >= 500 else 0) for k in values)
    else:
        good = count == 200 and set(values.values()) == {0}
    check(good, f"  round {n}: every row once, the upsert all or nothing ({count} rows)")


def main():
    bin_dir, work = sys.argv[1], sys.argv[2]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    for n in range(ROUNDS):
        two_upserts(bin_dir, work, n)
        delete_and_insert(bin_dir, work, n)
        upsert_during_compaction(bin_dir, work, n)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
