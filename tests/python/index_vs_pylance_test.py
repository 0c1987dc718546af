"""Indexes and searches from C++ (the lance-bridge command line over
lance_bridge::Dataset) against pylance on the same data:

- scalar, full-text and vector indexes built by C++ on one twin and by pylance
  on the other: the same names, types, columns and rows covered, and pylance
  reads and uses the ones C++ built;
- searches from C++ and from pylance on the same dataset and index: the same
  rows with the same _distance / _score (full text also across the twins: the
  tokenising defaults are pylance's);
- exact vector search from C++ against a brute force in numpy;
- optimize after an append and drop, on both twins, end the same;
- the command line's refusals (exit 2, nothing committed) and --help.

usage: index_vs_pylance_test.py BIN_DIR WORK_DIR     (needs pylance: checks.require)
"""

import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish, require, run_cli  # noqa: E402

require("lance", "pyarrow", "numpy")
import lance  # noqa: E402
import numpy as np  # noqa: E402
import pyarrow as pa  # noqa: E402

DIM = 16
ROWS = 4000
WORDS = ["apple", "banana", "cherry", "damson", "elder", "fig", "grape", "running", "runs"]


def table(first, count, seed):
    rng = np.random.default_rng(seed)
    ids = np.arange(first, first + count)
    vectors = rng.standard_normal((count, DIM)).astype(np.float32)
    return pa.table({
        "id": pa.array(ids, pa.int64()),
        "grp": pa.array(ids % 10, pa.int64()),
        "labels": pa.array([[f"l{i % 3}", f"m{i % 4}"] for i in ids], pa.list_(pa.string())),
        "text": pa.array([f"The {WORDS[i % 9]} and the {WORDS[(i // 9) % 9]}" for i in ids], pa.string()),
        "vec": pa.FixedSizeListArray.from_arrays(pa.array(vectors.reshape(-1)), DIM),
    })


class Cli:
    def __init__(self, bin_dir):
        self.bin_dir = bin_dir
        self.path = os.path.join(bin_dir, "lance-bridge")

    def run(self, *args, quiet=True):
        """(exit status, stdout, stderr)."""
        done = subprocess.run([self.path, *(["--quiet"] if quiet else []), *args], capture_output=True, text=True)
        return done.returncode, done.stdout, done.stderr

    def facts(self, *args):
        """checks.run_cli's facts; a failure ends the test."""
        code, facts = run_cli(self.bin_dir, *args)
        if code != 0:
            raise RuntimeError(f"lance-bridge {' '.join(args)}: exit {code}: {facts}")
        return facts

    def rows(self, *args):
        """A search's TSV as a list of dicts (numbers as floats)."""
        code, out, err = self.run("search", *args)
        if code != 0:
            raise RuntimeError(f"lance-bridge search: exit {code}: {err.strip()}")
        lines = out.splitlines()
        names = lines[0].split("\t")
        return [dict(zip(names, (float(v) for v in line.split("\t")))) for line in lines[1:]]


def indexes_of(path):
    """pylance's view: name -> (type, columns, rows indexed)."""
    return {d.name: (d.index_type, list(d.field_names), d.num_rows_indexed)
            for d in lance.dataset(path).describe_indices()}


def cli_indexes(cli, path):
    out = {}
    for name, text in cli.facts("index", "list", path).items():
        fields = dict(part.split("=", 1) for part in text.split())
        out[name] = fields
    return out


def vec_literal(v):
    return ",".join(repr(float(x)) for x in v)


def close(a, b, tolerance=1e-4):
    return abs(a - b) <= tolerance * max(1.0, abs(a), abs(b))


def same_results(cpp, py, key):
    """Same ids in the same order, and the same distance or score."""
    return ([int(r["id"]) for r in cpp] == py["id"].to_pylist()
            and all(close(r[key], s) for r, s in zip(cpp, py[key].to_pylist())))


def scalar_indexes(cli, cpp_path, py_path):
    for column, kind, py_kind in [("id", "btree", "BTREE"), ("grp", "bitmap", "BITMAP"),
                                  ("labels", "label_list", "LABEL_LIST"), ("text", "inverted", "INVERTED")]:
        cli.facts("index", "create", cpp_path, column, "--type", kind)
        lance.dataset(py_path).create_scalar_index(column, py_kind)
    cpp, py = indexes_of(cpp_path), indexes_of(py_path)
    check(cpp == py, f"scalar and full-text indexes built by C++ equal pylance's ({sorted(cpp)})")
    listed = cli_indexes(cli, cpp_path)
    check({n: (f["type"], f["columns"].split(","), int(f["rows_indexed"])) for n, f in listed.items()} == cpp,
          "lance-bridge index list says what pylance sees")
    for where in ["grp = 3", "id BETWEEN 100 AND 199", "array_has_any(labels, ['l1'])"]:
        ds_cpp, ds_py = lance.dataset(cpp_path), lance.dataset(py_path)
        a = ds_cpp.to_table(filter=where, columns=["id"]).sort_by("id")
        b = ds_py.to_table(filter=where, columns=["id"]).sort_by("id")
        plan = ds_cpp.scanner(filter=where, columns=["id"]).explain_plan()
        uses_index = any(node in plan for node in ("ScalarIndexQuery", "MaterializeIndex", "ScalarIndex"))
        check(a == b and uses_index,
              f"pylance filters with the C++ index: '{where}' ({a.num_rows} rows, as on the twin)"
              + ("" if uses_index else f"; plan: {plan}"))


def full_text(cli, cpp_path, py_path):
    for query in ["cherry", "running", "fig grape"]:
        cpp = cli.rows(cpp_path, "--text", query, "--columns", "id,_score")
        on_cpp = lance.dataset(cpp_path).to_table(full_text_query=query, columns=["id", "_score"])
        on_py = lance.dataset(py_path).to_table(full_text_query=query, columns=["id", "_score"])
        expected = {i for i in range(ROWS) if query in (WORDS[i % 9], WORDS[(i // 9) % 9])}
        check(same_results(cpp, on_cpp, "_score"),
              f"full text '{query}': C++ finds what pylance finds with the same index ({len(cpp)} rows, same scores)")
        check(sorted(int(r["id"]) for r in cpp) == sorted(on_py["id"].to_pylist()),
              f"full text '{query}': the same rows as pylance's own index on the twin")
        if query == "cherry":
            check({int(r["id"]) for r in cpp} == expected, "full text 'cherry': exactly the rows with the word")
    filtered = cli.rows(cpp_path, "--text", "cherry", "--filter", "grp = 2", "--prefilter", "--columns", "id")
    check(filtered and all(int(r["id"]) % 10 == 2 for r in filtered), "full text with a prefilter keeps group 2 only")


def vectors(cli, cpp_path, py_path, data):
    vecs = np.stack(data.column("vec").to_pylist()).astype(np.float32)
    rng = np.random.default_rng(99)
    # 20 queries: recall over fewer swings too much between two builds of a
    # randomised index (HNSW's graph, k-means' start) to compare the two sides.
    queries = rng.standard_normal((20, DIM)).astype(np.float32)
    exact_ok = True
    for q in queries[:5]:
        cpp = cli.rows(cpp_path, "--nearest", "vec", "--vector", vec_literal(q), "-k", "10", "--exact",
                       "--columns", "id,_distance")
        d = ((vecs - q) ** 2).sum(axis=1)
        truth = np.argsort(d, kind="stable")[:10]
        exact_ok &= [int(r["id"]) for r in cpp] == [int(data["id"][int(i)].as_py()) for i in truth]
        exact_ok &= all(close(r["_distance"], float(d[i]), 1e-3) for r, i in zip(cpp, truth))
    check(exact_ok, "exact search from C++: numpy's brute-force neighbours and distances")
    builds = [
        ("ivf_flat", ["--partitions", "4"], {"index_type": "IVF_FLAT", "num_partitions": 4}),
        ("ivf_pq", ["--partitions", "4", "--sub-vectors", "4"],
         {"index_type": "IVF_PQ", "num_partitions": 4, "num_sub_vectors": 4}),
        ("ivf_hnsw_sq", ["--partitions", "4"], {"index_type": "IVF_HNSW_SQ", "num_partitions": 4}),
    ]
    for kind, flags, py_args in builds:
        code, out, err = cli.run("index", "create", cpp_path, "vec", "--type", kind, "--replace", *flags,
                                 quiet=False)
        stages = [line for line in err.splitlines() if line.startswith("index: ")]
        check(code != 0 or any(" done " in line for line in stages),
              f"{kind}: progress on standard error, stage by stage ({len(stages)} lines, e.g. "
              f"{stages[-1] if stages else 'none'!r})")
        check(code == 0, f"C++ builds {kind} ({err.strip()[-200:] if code else 'ok'})")
        lance.dataset(py_path).create_index("vec", replace=True, **py_args)
        cpp_type = indexes_of(cpp_path).get("vec_idx", ("?",))[0]
        py_type = indexes_of(py_path).get("vec_idx", ("?",))[0]
        check(cpp_type == py_type, f"{kind}: the C++ index is what pylance builds ({cpp_type})")
        same, recall_cpp, recall_py = True, [], []
        for q in queries:
            cpp = cli.rows(cpp_path, "--nearest", "vec", "--vector", vec_literal(q), "-k", "10", "--nprobes", "4",
                           "--columns", "id,_distance")
            on_cpp = lance.dataset(cpp_path).to_table(
                nearest={"column": "vec", "q": q, "k": 10, "nprobes": 4}, columns=["id", "_distance"])
            on_py = lance.dataset(py_path).to_table(
                nearest={"column": "vec", "q": q, "k": 10, "nprobes": 4}, columns=["id", "_distance"])
            same &= same_results(cpp, on_cpp, "_distance")
            truth = set(np.argsort(((vecs - q) ** 2).sum(axis=1))[:10].tolist())
            recall_cpp.append(len(truth & {int(r["id"]) for r in cpp}) / 10)
            recall_py.append(len(truth & set(on_py["id"].to_pylist())) / 10)
        check(same, f"{kind}: C++ and pylance searching the same index find the same rows and distances")
        check(abs(np.mean(recall_cpp) - np.mean(recall_py)) <= 0.25,
              f"{kind}: recall@10 of the C++ index {np.mean(recall_cpp):.2f}, of pylance's {np.mean(recall_py):.2f}")
    prefiltered = cli.rows(cpp_path, "--nearest", "vec", "--vector", vec_literal(queries[0]), "-k", "5",
                           "--filter", "grp = 7", "--prefilter", "--columns", "id")
    check(len(prefiltered) == 5 and all(int(r["id"]) % 10 == 7 for r in prefiltered),
          "vector search with a prefilter: 5 rows, all of group 7")


def optimize_and_drop(cli, cpp_path, py_path):
    extra = table(ROWS, 500, seed=2)
    for path in (cpp_path, py_path):
        lance.write_dataset(extra, path, mode="append")
    unindexed = {n: f["rows_unindexed"] for n, f in cli_indexes(cli, cpp_path).items()}
    check(set(unindexed.values()) == {"500"}, f"after an append every index misses the 500 new rows ({unindexed})")
    cli.facts("index", "optimize", cpp_path)
    lance.dataset(py_path).optimize.optimize_indices()
    after = {n: int(f["rows_unindexed"]) for n, f in cli_indexes(cli, cpp_path).items()}
    py_after = {n: lance.dataset(py_path).stats.index_stats(n)["num_unindexed_rows"] for n in indexes_of(py_path)}
    check(after == py_after and set(after.values()) == {0}, f"optimized: nothing unindexed, as pylance's ({after})")
    cli.facts("index", "drop", cpp_path, "grp_idx")
    lance.dataset(py_path).drop_index("grp_idx")
    check(sorted(indexes_of(cpp_path)) == sorted(indexes_of(py_path)), "dropped: the same indexes as pylance's")
    check(lance.dataset(cpp_path).count_rows() == ROWS + 500, "dropping an index loses no row")


def refusals(cli, cpp_path):
    version = lance.dataset(cpp_path).version
    for args, what in [
        (["index", "create", cpp_path, "vec", "--type", "ivf_pq"], "ivf_pq without --sub-vectors"),
        (["index", "create", cpp_path, "vec", "--type", "ivf_rq"], "an unknown index type"),
        (["index", "create", cpp_path, "nope", "--type", "btree"], "an unknown column"),
        (["index", "create", cpp_path, "id", "--type", "btree"], "a name taken, without --replace"),
        (["index", "drop", cpp_path, "nope_idx"], "dropping no such index"),
        (["index", "optimize", cpp_path, "nope_idx"], "optimizing no such index"),
        (["delete", cpp_path, "id < 10", "info", cpp_path], "two commands in one"),
        (["search", cpp_path, "--nearest", "vec", "--vector", "1,2"], "a query vector of the wrong size"),
        (["search", cpp_path, "--nearest", "vec", "--vector", "1,x"], "a query vector that is not numbers"),
        (["search", cpp_path, "--nearest", "vec", "--text", "a", "--vector", "1"], "two searches at once"),
        (["delete", cpp_path + "-missing", "true"], "no dataset there"),
        (["cleanup", cpp_path], "cleanup without --older-than"),
        (["frobnicate", cpp_path], "an unknown command"),
    ]:
        code, _, err = cli.run(*args)
        check(code == 2 and err.strip(), f"refused with exit 2: {what} ({err.strip().splitlines()[-1][:90] if err.strip() else ''})")
    check(lance.dataset(cpp_path).version == version, "the refusals committed nothing")
    code, out, _ = cli.run("info", cpp_path, "--quiet")
    check(code == 0 and "rows: " in out, "options of the program may follow the command (info URI --quiet)")
    code, out, _ = cli.run("--help")
    check(code == 0 and "search" in out and "index" in out, "lance-bridge --help lists the commands")
    code, out, _ = cli.run("index", "create", "--help")
    check(code == 0 and "--sub-vectors" in out, "lance-bridge index create --help explains its options")


def main():
    bin_dir, work = sys.argv[1], sys.argv[2]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    cli = Cli(bin_dir)
    data = table(0, ROWS, seed=1)
    cpp_path, py_path = os.path.join(work, "cpp.lance"), os.path.join(work, "py.lance")
    for path in (cpp_path, py_path):
        lance.write_dataset(data, path, max_rows_per_file=1500)
    scalar_indexes(cli, cpp_path, py_path)
    full_text(cli, cpp_path, py_path)
    vectors(cli, cpp_path, py_path, data)
    optimize_and_drop(cli, cpp_path, py_path)
    refusals(cli, cpp_path)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
