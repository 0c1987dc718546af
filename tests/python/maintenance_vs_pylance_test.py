"""Maintenance from C++ (lance_bridge::Dataset::compact_files,
cleanup_old_versions, tags, add/drop/alter_columns, through the lance-bridge
command line)
against pylance doing the same to a twin of the same dataset: the same
figures, the same versions, the same schema and rows. Tags are also read across:
a tag C++ makes is pylance's, and the other way round.

usage: maintenance_vs_pylance_test.py BIN_DIR WORK_DIR     (needs pylance: checks.require)
"""

import datetime
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish, require, run_cli  # noqa: E402

require("lance", "pyarrow")
import lance  # noqa: E402
import pyarrow as pa  # noqa: E402

APPENDS, ROWS_EACH = 20, 10


def batch(first):
    ids = list(range(first, first + ROWS_EACH))
    return pa.table({
        "id": pa.array(ids, pa.int64()),
        "value": pa.array([i * 3 for i in ids], pa.int64()),
        "tag": pa.array([None if i % 4 == 0 else f"t{i % 3}" for i in ids], pa.string()),
    })


def twins(work, name):
    """The same 20 small appends twice (20 fragments, 20 versions): for C++ and for pylance."""
    paths = [os.path.join(work, f"{name}-cpp.lance"), os.path.join(work, f"{name}-py.lance")]
    for path in paths:
        for k in range(APPENDS):
            lance.write_dataset(batch(k * ROWS_EACH), path, mode="create" if k == 0 else "append")
    return paths


def files_of(path):
    """Every file below a dataset's folder and its size."""
    found = {}
    for folder, _, names in os.walk(path):
        for name in names:
            full = os.path.join(folder, name)
            found[os.path.relpath(full, path)] = os.path.getsize(full)
    return found


def rows(path, version=None):
    return lance.dataset(path, version=version).to_table().sort_by("id").to_pylist()


def compaction_and_cleanup(bin_dir, work):
    cpp, py = twins(work, "compact")
    code, got = run_cli(bin_dir, "compact", cpp, "--target-rows", "70")
    metrics = lance.dataset(py).optimize.compact_files(target_rows_per_fragment=70)
    expected = {"fragments_removed": metrics.fragments_removed, "fragments_added": metrics.fragments_added,
                "files_removed": metrics.files_removed, "files_added": metrics.files_added,
                "version": lance.dataset(py).version}
    check(code == 0 and got == expected, f"compaction: {got} equals pylance's {expected}")
    fragments = [len(lance.dataset(p).get_fragments()) for p in (cpp, py)]
    check(fragments[0] == fragments[1] < APPENDS, f"compaction: {fragments[0]} fragments, as pylance's {fragments[1]}")
    written = [row for k in range(APPENDS) for row in batch(k * ROWS_EACH).to_pylist()]
    check(rows(cpp) == rows(py) == written, "compaction: every row written is still there, equal to pylance's")

    before = files_of(cpp)
    code, got = run_cli(bin_dir, "cleanup", cpp, "--older-than", "0")
    stats = lance.dataset(py).cleanup_old_versions(older_than=datetime.timedelta(0))
    check(code == 0 and got.get("old_versions") == stats.old_versions,
          f"cleanup: {got} removes pylance's old_versions {stats.old_versions}")
    # Bytes are the twin's own (each manifest holds its own timestamps): counted on disk.
    after = files_of(cpp)
    gone = {path: size for path, size in before.items() if path not in after}
    check(got.get("bytes_removed") == sum(gone.values()) and
          got.get("data_files_removed") == sum(1 for path in gone if path.startswith("data/")),
          f"cleanup: it reports what left the disk ({len(gone)} files, {sum(gone.values())} bytes)")
    versions = [[v["version"] for v in lance.dataset(p).versions()] for p in (cpp, py)]
    latest = lance.dataset(py).version
    check(versions[0] == versions[1] == [latest], f"cleanup: only the latest version ({latest}) is left: {versions}")
    check(rows(cpp) == rows(py), "cleanup: the rows are untouched")


def tags(bin_dir, work):
    cpp, _ = twins(work, "tags")
    code, _ = run_cli(bin_dir, "tag", "create", cpp, "first", "1")
    check(code == 0, "a tag made from C++")
    ds = lance.dataset(cpp)
    check({k: v["version"] for k, v in ds.tags.list().items()} == {"first": 1}, "pylance sees the tag C++ made")
    ds.tags.create("tenth", 10)
    code, got = run_cli(bin_dir, "tag", "list", cpp)
    check(code == 0 and got == {"first": 1, "tenth": 10}, f"C++ lists pylance's tag too: {got}")
    code, got = run_cli(bin_dir, "tag", "checkout", cpp, "tenth")
    check(code == 0 and got == {"version": 10, "rows": lance.dataset(cpp, version="tenth").count_rows()},
          f"checkout by tag reads the version it names: {got}")
    for said, args, kind in [("a tag name taken", ["tag", "create", cpp, "first", "2"], "already_exists"),
                             ("a missing tag", ["tag", "checkout", cpp, "nope"], "not_found"),
                             ("deleting a missing tag", ["tag", "delete", cpp, "nope"], "not_found")]:
        code, message = run_cli(bin_dir, *args)
        check(code == 2 and message.startswith(f"lance-bridge: {kind}"), f"{said}: {kind}, exit 2 ({message[:160]})")
    code, _ = run_cli(bin_dir, "tag", "delete", cpp, "first")
    check(code == 0 and list(lance.dataset(cpp).tags.list()) == ["tenth"], "a tag deleted from C++ is gone for pylance")

    # Cleanup keeps a tagged version, and says so when asked to remove it.
    code, message = run_cli(bin_dir, "cleanup", cpp, "--older-than", "0")
    check(code == 1, f"cleanup refuses to remove a tagged version, as pylance's default does ({message[:160]})")


def columns(bin_dir, work):
    cpp, py = twins(work, "columns")
    steps = [
        (["columns", "add", cpp, "double_value=value * 2", "label=concat('#', CAST(id AS STRING))"],
         lambda d: d.add_columns({"double_value": "value * 2", "label": "concat('#', CAST(id AS STRING))"})),
        (["columns", "drop", cpp, "tag"], lambda d: d.drop_columns(["tag"])),
        (["columns", "alter", cpp, "value", "--rename", "amount"],
         lambda d: d.alter_columns({"path": "value", "name": "amount"})),
    ]
    for args, pylance_does in steps:
        code, got = run_cli(bin_dir, *args)
        pylance_does(lance.dataset(py))
        said = " ".join(args[:2] + args[3:])
        check(code == 0 and got.get("version") == lance.dataset(py).version, f"{said}: version {got} as pylance's")
        check(lance.dataset(cpp).schema == lance.dataset(py).schema, f"{said}: the schema equals pylance's")
        check(rows(cpp) == rows(py), f"{said}: the rows equal pylance's")
    code, message = run_cli(bin_dir, "columns", "add", cpp, "broken=value +")
    check(code == 2 and "invalid_argument" in message, f"a malformed expression is refused ({message[:120]})")


def main():
    bin_dir, work = sys.argv[1:3]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    compaction_and_cleanup(bin_dir, work)
    tags(bin_dir, work)
    columns(bin_dir, work)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
