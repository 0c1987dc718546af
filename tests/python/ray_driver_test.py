"""distributed/benchmark_ray.py on a local Ray instance (2 CPUs, 127.0.0.1): TPC-H
SF 0.1 in 4 parts, one Ray task each, one commit; every table equals dbgen's
output in one version, into a local folder and into a local S3 server. Part 2's
first attempt fails after saving its piece: the driver discards it and retries.
Then TPC-DS SF 1 in 3 parts (inventory and customer_demographics are split, the
other tables go whole to part 1): every table equals dsdgen's, one version.

usage: ray_driver_test.py BIN_DIR TPCH_MD5(sf0.1) TPCDS_MD5(sf1) WORK_DIR
       (needs ray, pylance, moto: checks.require)
"""

import os
import shutil
import stat
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, dataset_summary, finish, reference_md5, require, tbl_md5  # noqa: E402

# The S3 half needs pylance and moto as well: all or nothing, no half-run test that passes.
require("ray", "lance", "moto.server", "boto3")
from pylance_readback import check_against_dbgen  # noqa: E402
from s3_local import LocalS3  # noqa: E402

DRIVER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "distributed", "benchmark_ray.py")


def flaky_wrapper(work, real):
    """A tpch-lance that fails part 2's first attempt after it saved its piece."""
    path = os.path.join(work, "flaky-tpch-lance")
    marker = os.path.join(work, "part2-failed-once")
    with open(path, "w") as f:
        f.write(f"""#!/bin/sh
case " $* " in
  *" --part 2 "*)
    case "$1" in discard|commit|cleanup) ;; *)
      if [ ! -e '{marker}' ]; then touch '{marker}'; '{real}' "$@"; echo 'simulated crash' >&2; exit 1; fi;;
    esac;;
esac
exec '{real}' "$@"
""")
    os.chmod(path, os.stat(path).st_mode | stat.S_IEXEC)
    return path, marker


def table_md5s(inspect, base, tables, env=None, extra=()):
    """{table: (md5 of its rows as dbgen text, its version)}."""
    return {table: (tbl_md5(inspect, f"{base}/{table}.lance", *extra, env=env),
                    dataset_summary(inspect, f"{base}/{table}.lance", *extra, env=env).get("version"))
            for table in tables}


def main():
    bin_dir, reference, tpcds_reference, work = sys.argv[1:5]
    tpch, inspect = os.path.join(bin_dir, "tpch-lance"), os.path.join(bin_dir, "lance-bridge-inspect")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    expected = reference_md5(reference)
    env = dict(os.environ, RAY_USAGE_STATS_ENABLED="0")
    env.pop("RAY_ADDRESS", None)

    flaky, marker = flaky_wrapper(work, tpch)
    out_dir = os.path.join(work, "tpch")
    done = subprocess.run([sys.executable, DRIVER, "--scale-factor", "0.1", "--parts", "4", "--output-dir", out_dir,
                           "--program", flaky, "--num-cpus", "2"], capture_output=True, text=True, env=env, timeout=600)
    print(done.stdout[-1500:], done.stderr[-1500:])
    check(done.returncode == 0, "the driver ran 4 parts on Ray and committed")
    check(os.path.exists(marker) and "part 2" in done.stdout and "2 attempts" in done.stdout,
          "part 2 failed once (after saving its piece) and was retried")
    sums = table_md5s(inspect, out_dir, expected)
    check(all(sums[t] == (expected[t], 1) for t in expected), f"every table equals dbgen's, one version: {sums}")

    with LocalS3() as s3:
        s3_env = dict(s3.env(), RAY_USAGE_STATS_ENABLED="0")
        s3_env.pop("RAY_ADDRESS", None)
        options = [f"--storage-option={k}={v}" for k, v in s3.options().items()]
        done = subprocess.run([sys.executable, DRIVER, "--scale-factor", "0.1", "--parts", "4", "--output-dir",
                               f"s3://{s3.bucket}/ray", "--program", tpch, "--num-cpus", "2", *options],
                              capture_output=True, text=True, env=s3_env, timeout=600)
        print(done.stdout[-800:], done.stderr[-800:])
        check(done.returncode == 0 and s3.keys("ray/_pending/") == [], "the driver wrote and committed on S3")
        check(check_against_dbgen(f"s3://{s3.bucket}/ray", reference, s3.options()) == 0,
              "pylance reads every table back from S3 equal to dbgen's")

    out_dir = os.path.join(work, "tpcds")
    done = subprocess.run([sys.executable, DRIVER, "--benchmark", "tpcds", "--scale-factor", "1", "--parts", "3",
                           "--output-dir", out_dir, "--num-cpus", "2",
                           "--program", os.path.join(bin_dir, "tpcds-lance")],
                          capture_output=True, text=True, env=env, timeout=900)
    print(done.stdout[-1500:], done.stderr[-1500:])
    check(done.returncode == 0 and "tpcds-lance on Ray" in done.stdout, "the driver ran TPC-DS in 3 parts and committed")
    expected = reference_md5(tpcds_reference)
    sums = table_md5s(inspect, out_dir, expected)
    check(len(expected) == 24 and all(sums[t] == (expected[t], 1) for t in expected),
          f"every TPC-DS table equals dsdgen's, one version: {sums}")
    shutil.rmtree(work, ignore_errors=True)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
