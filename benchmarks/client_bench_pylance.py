"""client_bench_pylance: the operations of client_bench (client_bench.cpp)
with pylance, timed the same way inside the process (import excluded), with
the same arguments; prints the same JSON object."""

import json
import resource
import sys
import time

import lance
import numpy as np


def usage():
    """What the process has used so far (as client_bench's Usage)."""
    u = resource.getrusage(resource.RUSAGE_SELF)
    return {"user": u.ru_utime, "sys": u.ru_stime, "minflt": u.ru_minflt, "nvcsw": u.ru_nvcsw, "nivcsw": u.ru_nivcsw}


class Timer:
    def __init__(self):
        self.wall, self.start = time.monotonic(), usage()

    def print(self, **extra):
        end = usage()
        used = {key: end[key] - self.start[key] for key in end}
        print(json.dumps({"op_wall": round(time.monotonic() - self.wall, 4),
                          "op_cpu": round(used["user"] + used["sys"], 4),
                          "op_user": round(used["user"], 4), "op_sys": round(used["sys"], 4),
                          "op_minflt": used["minflt"], "op_nvcsw": used["nvcsw"], "op_nivcsw": used["nivcsw"],
                          **extra}))


def search(uri, column, queries_path, dim, k, nprobes, refine, ids_out):
    dataset = lance.dataset(uri)
    queries = np.fromfile(queries_path, dtype=np.float32).reshape(-1, int(dim))
    lines = []
    timer = Timer()
    for q in queries:
        nearest = {"column": column, "q": q, "k": int(k), "nprobes": int(nprobes)}
        if int(refine):
            nearest["refine_factor"] = int(refine)
        ids = dataset.to_table(columns=["id"], nearest=nearest)["id"].to_pylist()
        lines.append(" ".join(map(str, ids)) + " ")
    timer.print(queries=len(queries))
    with open(ids_out, "w") as f:
        f.write("\n".join(lines) + "\n")


def index(uri, column, kind, partitions, sub_vectors):
    args = {"index_type": kind.upper(), "num_partitions": int(partitions), "replace": True}
    if int(sub_vectors):
        args["num_sub_vectors"] = int(sub_vectors)
    timer = Timer()
    lance.dataset(uri).create_index(column, **args)
    timer.print()


def merge(uri, source_uri, keys):
    timer = Timer()
    source = lance.dataset(source_uri).scanner().to_reader()
    stats = (lance.dataset(uri).merge_insert(keys.split(","))
             .when_matched_update_all().when_not_matched_insert_all().execute(source))
    timer.print(updated=stats["num_updated_rows"], inserted=stats["num_inserted_rows"])


def compact(uri):
    timer = Timer()
    metrics = lance.dataset(uri).optimize.compact_files()
    timer.print(fragments_removed=metrics.fragments_removed)


if __name__ == "__main__":
    op, args = sys.argv[1], sys.argv[2:]
    {"search": search, "index": index, "merge": merge, "compact": compact}[op](*args)
