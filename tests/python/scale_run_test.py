"""The small version of the SF 100 run (benchmarks/scale_run.py): TPC-H SF 0.02,
one process against distributed/benchmark_ray.py on a local Ray with 3 parts, locally
and on a local S3 server; every table's rows and per-column checksums must be
equal, and the Ray driver's report must account for every part. Also: the
comparison reports a difference (one changed column checksum, one changed row
count), and lance-bridge-inspect refuses --columns without --checksum.

usage: scale_run_test.py BIN_DIR WORK_DIR   (needs ray and moto: checks.require)
"""

import copy
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from checks import check, finish, require  # noqa: E402

require("ray", "moto.server", "boto3")
sys.path.insert(0, os.path.join(HERE, "..", "..", "benchmarks"))
import scale_run  # noqa: E402

SCRIPT = os.path.join(HERE, "..", "..", "benchmarks", "scale_run.py")


def main():
    bin_dir, work = sys.argv[1:3]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    inspect = os.path.join(bin_dir, "lance-bridge-inspect")

    refused = subprocess.run([inspect, os.path.join(work, "x.lance"), "--columns"], capture_output=True, text=True)
    check(refused.returncode == 2 and "--columns goes with --checksum" in refused.stderr,
          f"inspect --columns without --checksum: exit 2 and says why ({refused.returncode}: {refused.stderr.strip()})")

    for where in ("local", "s3"):
        report = os.path.join(work, f"{where}.json")
        command = [sys.executable, SCRIPT, "--scale-factor", "0.02", "--parts", "3", "--only", "single,ray",
                   "--no-wait", "--bin", bin_dir, "--work", os.path.join(work, where), "--report", report]
        done = subprocess.run(command + (["--s3"] if where == "s3" else []), capture_output=True, text=True)
        print(done.stdout[-2500:], done.stderr[-2500:])
        check(done.returncode == 0, f"{where}: scale_run.py exits 0 ({done.returncode})")
        if done.returncode != 0:
            continue
        with open(report) as f:
            result = json.load(f)
        sums, ray = result["checksums"], result["results"]["ray"]
        rows = {table: sums["single"][table]["rows"] for table in scale_run.TABLES}
        check(rows["region"] == 5 and rows["nation"] == 25 and rows["orders"] == 30_000,
              f"{where}: the single run has TPC-H's rows at SF 0.02 ({rows})")
        check(all(len(sums["single"][t]["columns"]) > 2 for t in scale_run.TABLES),
              f"{where}: every table has a checksum per column")
        check(sums["ray"] == sums["single"] and ray["equal_to_single"],
              f"{where}: the Ray run's rows and per-column checksums equal the single run's")
        parts = ray["ray_report"]["parts"]
        check(sorted(p["part"] for p in parts) == [1, 2, 3] and all(p["cpu"] > 0 and p["peak_rss_mib"] > 0
                                                                  for p in parts),
              f"{where}: the driver reports CPU and peak RSS of each of the 3 parts")
        check(sum(p["rows"] for p in parts) == sum(rows.values()),
              f"{where}: the parts' rows add up to the single run's ({sum(p['rows'] for p in parts):,})")
        if where == "local":
            check(not any(os.path.exists(os.path.join(work, where, label)) for label in ("single", "ray")),
                  "local: each output is removed once measured")

            changed = copy.deepcopy(sums["single"])
            changed["lineitem"]["columns"]["l_comment"] = "0" * 16
            changed["orders"]["rows"] += 1
            problems = scale_run.compare(sums["single"], changed)
            check(len(problems) == 2 and any("l_comment" in p for p in problems),
                  f"the comparison reports a changed column and a changed row count ({problems})")
    return finish()


if __name__ == "__main__":
    sys.exit(main())
