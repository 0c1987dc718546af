"""Changes made from C++ (lance_bridge::Dataset::merge_insert, delete_rows,
update, through the lance-bridge command line) against pylance making the same change to a twin
of the same dataset: the same counts, the same new version, the same rows. The
plain upsert is also checked against rows computed here, without lance.

usage: changes_vs_pylance_test.py BIN_DIR WORK_DIR     (needs pylance: checks.require)
"""

import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish, require, run_cli  # noqa: E402

require("lance", "pyarrow")
import lance  # noqa: E402
import pyarrow as pa  # noqa: E402


def base_table():
    """100 rows: id 0..99, a value, a tag (every 7th null), in two fragments' worth."""
    ids = list(range(100))
    return pa.table({
        "id": pa.array(ids, pa.int64()),
        "value": pa.array([i * 10 for i in ids], pa.int64()),
        "tag": pa.array([None if i % 7 == 0 else f"t{i % 5}" for i in ids], pa.string()),
    })


def source_table():
    """Keys 90..129: 10 that the base has (90..99), 30 it does not."""
    ids = list(range(90, 130))
    return pa.table({
        "id": pa.array(ids, pa.int64()),
        "value": pa.array([1000 + i for i in ids], pa.int64()),
        "tag": pa.array([f"s{i}" for i in ids], pa.string()),
    })


def twins(work, name):
    """The base dataset twice: one for C++, one for pylance (same rows, same fragments)."""
    paths = [os.path.join(work, f"{name}-cpp.lance"), os.path.join(work, f"{name}-py.lance")]
    for path in paths:
        lance.write_dataset(base_table(), path, max_rows_per_file=50)
    return paths


def rows(path):
    return lance.dataset(path).to_table().sort_by("id").to_pylist()


def compare(said, cpp_path, py_path, cpp, expected_counts):
    """The C++ change's summary, version and rows against pylance's on the twin."""
    code, summary = cpp
    check(code == 0, f"{said}: lance-bridge succeeds ({summary if code else ''})")
    if code != 0:
        return
    counts = {k: summary[k] for k in ("inserted", "updated", "deleted")}
    check(counts == expected_counts, f"{said}: counts {counts} equal pylance's {expected_counts}")
    check(summary["version"] == lance.dataset(py_path).version == lance.dataset(cpp_path).version,
          f"{said}: version {summary['version']} equals pylance's {lance.dataset(py_path).version}")
    check(rows(cpp_path) == rows(py_path), f"{said}: the rows equal pylance's")


def merges(bin_dir, work, source):
    # The plain upsert, also against rows computed here.
    cpp, py = twins(work, "upsert")
    stats = lance.dataset(py).merge_insert("id").when_matched_update_all().when_not_matched_insert_all().execute(
        pa.Table.from_pylist(lance.dataset(source).to_table().to_pylist()))
    compare("upsert", cpp, py, run_cli(bin_dir, "merge", cpp, source, "--on", "id"),
            {"inserted": stats["num_inserted_rows"], "updated": stats["num_updated_rows"],
             "deleted": stats["num_deleted_rows"]})
    by_id = {r["id"]: r for r in base_table().to_pylist()}
    by_id.update({r["id"]: r for r in source_table().to_pylist()})
    check(rows(cpp) == [by_id[i] for i in sorted(by_id)], "upsert: the rows are the base's with the source's upserted")

    cases = [
        ("insert only, matches kept", ["--when-matched", "do_nothing"],
         lambda b: b.when_not_matched_insert_all()),
        ("update matches, delete the rest", ["--no-insert", "--delete-not-in-source"],
         lambda b: b.when_matched_update_all().when_not_matched_by_source_delete()),
        ("update where the source's value is larger",
         ["--when-matched", "update_if", "--if", "source.value > target.value + 50"],
         lambda b: b.when_matched_update_all(condition="source.value > target.value + 50").when_not_matched_insert_all()),
        ("delete matches", ["--when-matched", "delete", "--no-insert"],
         lambda b: b.when_matched_delete()),
    ]
    for said, args, build in cases:
        cpp, py = twins(work, said.replace(" ", "_"))
        stats = build(lance.dataset(py).merge_insert("id")).execute(lance.dataset(source).to_table())
        compare(said, cpp, py, run_cli(bin_dir, "merge", cpp, source, "--on", "id", *args),
                {"inserted": stats["num_inserted_rows"], "updated": stats["num_updated_rows"],
                 "deleted": stats["num_deleted_rows"]})


def deletes_and_updates(bin_dir, work):
    cpp, py = twins(work, "delete")
    result = lance.dataset(py).delete("id >= 40 AND tag IS NOT NULL")
    compare("delete", cpp, py, run_cli(bin_dir, "delete", cpp, "id >= 40 AND tag IS NOT NULL"),
            {"inserted": 0, "updated": 0, "deleted": result["num_deleted_rows"]})

    cpp, py = twins(work, "update")
    result = lance.dataset(py).update({"value": "value * 2 + id", "tag": "'x'"}, where="id % 3 = 0")
    compare("update", cpp, py, run_cli(bin_dir, "update", cpp, "--where", "id % 3 = 0",
                                               "--set", "value=value * 2 + id", "--set", "tag='x'"),
            {"inserted": 0, "updated": result["num_rows_updated"], "deleted": 0})

    cpp, py = twins(work, "update_all")
    result = lance.dataset(py).update({"value": "-value"})
    compare("update of every row", cpp, py, run_cli(bin_dir, "update", cpp, "--set", "value=-value"),
            {"inserted": 0, "updated": result["num_rows_updated"], "deleted": 0})


def refusals(bin_dir, work, source):
    """Bad changes fail with the kind's name, and change nothing."""
    cpp, _ = twins(work, "refused")
    before = rows(cpp)
    for said, args, exit_code, kind in [
        ("an unknown key column", ["merge", cpp, source, "--on", "no_such"], 2, "invalid_argument"),
        ("a match under WhenMatched::Fail", ["merge", cpp, source, "--on", "id", "--when-matched", "fail"], 1, ""),
        ("a predicate that does not parse", ["delete", cpp, "id >>> 3"], 2, "invalid_argument"),
        ("an empty predicate", ["delete", cpp, ""], 2, "invalid_argument"),
        ("an unknown column to set", ["update", cpp, "--set", "no_such=1"], 2, "invalid_argument"),
    ]:
        code, message = run_cli(bin_dir, *args)
        check(code == exit_code and message.startswith(f"lance-bridge: {kind}"),
              f"{said} is refused, exit {exit_code} ({code}: {message[:200]})")
    check(rows(cpp) == before and lance.dataset(cpp).version == 1, "the refused changes changed nothing")


def main():
    bin_dir, work = sys.argv[1:3]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    source = os.path.join(work, "source.lance")
    lance.write_dataset(source_table(), source)
    merges(bin_dir, work, source)
    deletes_and_updates(bin_dir, work)
    refusals(bin_dir, work, source)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
