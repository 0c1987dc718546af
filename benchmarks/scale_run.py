#!/usr/bin/env python3
"""TPC-H at a large scale factor on one machine, three ways, checked against each other:

  single   tpch-lance, one process, every table (the reference)
  ray      distributed/benchmark_ray.py: a local Ray, --parts tasks, one commit
  tpchgen  tpchgen-cli -> Parquet (the fastest peer; local only)

For each: wall seconds, CPU seconds (user + sys: of the process tree as wait4
reports it, and of the whole machine from /proc/stat, which also counts Ray's
own processes), peak RSS (of the process; for Ray of the biggest part, from the
driver's report), the machine's peak memory in use, the bytes written to the
disk (from /proc/diskstats, after a sync) and the output's size. Then every
table of `single` and `ray` is read back by streaming (lance-bridge-inspect
--checksum --columns: one batch in memory at a time) and their rows and
per-column checksums must be equal (the exit status is 1 if not). Each output
is deleted once measured, so the disk holds one at a time (at SF 100 a Lance
copy is ~45 GB). Runs one after another, after a sync, on a machine checked to
be quiet: nothing else heavy may run meanwhile.

  python3 benchmarks/scale_run.py --scale-factor 100 --parts 16 --work /data/scale
  python3 benchmarks/scale_run.py --scale-factor 10 --parts 16 --s3     # onto a local S3 server

--s3 starts moto's S3 server in this process on 127.0.0.1 and writes single and
ray there (tpchgen is skipped). Their read-back fetches every object whole from
the server into a local copy and reads that: moto reads a whole object for each
ranged GET, which makes lance's ranged reads through it take hours at SF 10.
Needs: a build (build/bin), ray (distributed/requirements.txt), tpchgen-cli
(benchmarks/requirements.txt), moto for --s3.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import timing  # noqa: E402

TABLES = ["region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"]


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--scale-factor", required=True)
    p.add_argument("--parts", type=int, default=16)
    p.add_argument("--work", default="/tmp/lance-bridge-scale", help="a new or empty local folder for the outputs")
    p.add_argument("--bin", default=os.path.join(ROOT, "build", "bin"), help="folder of tpch-lance and "
                   "lance-bridge-inspect")
    p.add_argument("--s3", action="store_true", help="write onto a local S3 server (moto) instead of --work")
    p.add_argument("--only", default="single,ray,tpchgen", help="which runs, comma-separated")
    p.add_argument("--report", help="write every figure as JSON to this file")
    p.add_argument("--no-checksums", action="store_true", help="time the runs only (a rerun of the figures)")
    p.add_argument("--no-wait", action="store_true", help="do not wait for a quiet machine (a check, not a "
                   "measurement: the tests' small version)")
    args = p.parse_args()
    args.only = args.only.split(",")
    unknown = set(args.only) - {"single", "ray", "tpchgen"}
    if unknown:
        p.error(f"--only: unknown run(s) {sorted(unknown)}")
    if args.s3 and "tpchgen" in args.only:
        args.only.remove("tpchgen")
    return args


class MachineMeter:
    """Over a stretch of time: busy CPU seconds of the whole machine, peak memory
    in use (MemTotal - MemAvailable, sampled every 0.5 s, above what was in use at
    the start) and bytes written to block devices."""

    def __init__(self):
        self.hz = os.sysconf("SC_CLK_TCK")
        self.start_busy = self._busy()
        self.start_written = self._written()
        self.base = self.peak = self._in_use()
        self.running = True
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    @staticmethod
    def _busy():
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:9]]
        return sum(v) - v[3] - v[4] - v[7]  # all but idle, iowait and steal

    @staticmethod
    def _in_use():
        info = {}
        with open("/proc/meminfo") as f:
            for line in f:
                key, value = line.split(":")
                info[key] = int(value.split()[0]) * 1024
        return info["MemTotal"] - info["MemAvailable"]

    @staticmethod
    def _written():
        """Bytes written to whole disks (not partitions, not loop or ram devices)."""
        total = 0
        with open("/proc/diskstats") as f:
            for line in f:
                fields = line.split()
                name = fields[2]
                if os.path.exists(f"/sys/block/{name}") and not name.startswith(("loop", "ram", "zram")):
                    total += int(fields[9]) * 512
        return total

    def _sample(self):
        while self.running:
            self.peak = max(self.peak, self._in_use())
            time.sleep(0.5)

    def stop(self):
        self.running = False
        self.thread.join()
        busy = (self._busy() - self.start_busy) / self.hz
        os.sync()  # what the run left dirty is its writing too
        return {"machine_cpu": round(busy, 1), "machine_peak_mem_mib": round((self.peak - self.base) / 2**20),
                "disk_written_gib": round((self._written() - self.start_written) / 2**30, 2)}


def run(label, command, env=None, wait=True):
    """Measures one command on a quiet machine; exits if it fails."""
    quiet = timing.wait_until_quiet() if wait else None
    print(f"{label}: {' '.join(command)}", flush=True)
    meter = MachineMeter()
    record, stdout = timing.measure(command, env=env)
    record.update(meter.stop())
    record["before"] = quiet
    print(f"  {record['wall']:.1f} s wall, {record['cpu']:.1f} CPU s (machine {record['machine_cpu']:.1f}), "
          f"peak RSS {record['peak_rss_mib']:,.0f} MiB, {record['disk_written_gib']} GiB written", flush=True)
    return record, stdout


def local_size(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(path) for f in files)


def checksums(inspect, base, storage, record):
    """{table: {"rows", "checksum", "columns": {name: checksum}}}, each table read
    back by streaming; the time the reads took goes into `record`."""
    sums, start = {}, time.monotonic()
    for table in TABLES:
        out = subprocess.run([inspect, f"{base}/{table}.lance", "--checksum", "--columns"] + storage,
                             capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"reading {base}/{table}.lance failed: {out.stderr.strip()}")
        lines = [dict(field.split("=", 1) for field in line.split()) for line in out.stdout.splitlines()]
        sums[table] = {"rows": int(lines[0]["rows"]), "checksum": lines[0]["checksum"],
                       "columns": {line["column"]: line["checksum"] for line in lines[1:]}}
    record["checksum_seconds"] = round(time.monotonic() - start, 1)
    return sums


def download(server, prefix, into):
    """Every object under `prefix` of the server's bucket, fetched whole (one GET
    each), into the same relative paths under `into`."""
    client = server.client()
    for item in server.objects(prefix + "/"):
        path = os.path.join(into, item["Key"])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        body = client.get_object(Bucket=server.bucket, Key=item["Key"])["Body"]
        with open(path, "wb") as f:
            shutil.copyfileobj(body, f, 1 << 20)


def compare(reference, other):
    """The differences between two checksum sets, as lines (none: equal)."""
    problems = []
    for table in TABLES:
        a, b = reference[table], other[table]
        if a["rows"] != b["rows"]:
            problems.append(f"{table}: {b['rows']:,} rows, the single run has {a['rows']:,}")
        for column, value in a["columns"].items():
            if b["columns"].get(column) != value:
                problems.append(f"{table}.{column}: checksum {b['columns'].get(column)} vs {value}")
        if set(b["columns"]) != set(a["columns"]):
            problems.append(f"{table}: columns {sorted(b['columns'])} vs {sorted(a['columns'])}")
    return problems


def ray_row(record, ray_report):
    parts = ray_report["parts"]
    record["parts_cpu"] = round(sum(p["cpu"] for p in parts) + ray_report["commit"]["cpu"], 1)
    record["part_peak_rss_mib"] = max(p["peak_rss_mib"] for p in parts)
    record["part_wall"] = [min(p["wall"] for p in parts), max(p["wall"] for p in parts)]
    record["commit_wall"] = ray_report["commit"]["wall"]


def markdown(results, sf, parts, s3):
    where = "local S3 server (moto)" if s3 else "local disk"
    lines = [f"TPC-H SF {sf}, all eight tables, onto {where}:", "",
             "| run | wall s | CPU s (process tree) | CPU s (machine) | peak RSS MiB | machine peak memory MiB "
             "| disk written GiB | output GiB | read back + checksums s |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    names = {"single": "tpch-lance, one process", "ray": f"benchmark_ray.py, local Ray, {parts} parts, one commit",
             "tpchgen": "tpchgen-cli → Parquet"}
    for label, r in results.items():
        cpu = r["parts_cpu"] if label == "ray" else r["cpu"]
        rss = r["part_peak_rss_mib"] if label == "ray" else r["peak_rss_mib"]
        rss_note = " (biggest part)" if label == "ray" else ""
        lines.append(f"| {names[label]} | {r['wall']:.1f} | {cpu:.1f} | {r['machine_cpu']:.1f} | {rss:,.0f}{rss_note} "
                     f"| {r['machine_peak_mem_mib']:,} | {r['disk_written_gib']} | {r['output_gib']} "
                     f"| {r.get('checksum_seconds', '')} |")
    return "\n".join(lines)


def main():
    args = parse_args()
    tpch, inspect = os.path.join(args.bin, "tpch-lance"), os.path.join(args.bin, "lance-bridge-inspect")
    for program in (tpch, inspect):
        if not os.access(program, os.X_OK):
            sys.exit(f"no {program}: build first (cmake --build build)")
    # The outputs are deleted once measured: only in a folder of this run's own.
    if os.path.isdir(args.work) and os.listdir(args.work):
        sys.exit(f"--work {args.work} is not empty: give a new or empty folder (its contents would be mixed "
                 "with, and removed as, this run's outputs)")
    os.makedirs(args.work, exist_ok=True)
    env = dict(os.environ, RAY_USAGE_STATS_ENABLED="0")
    env.pop("RAY_ADDRESS", None)

    server, storage = None, []
    if args.s3:
        sys.path.insert(0, os.path.join(ROOT, "tests", "python"))
        from s3_local import LocalS3

        import logging

        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's server logs every request
        server = LocalS3().__enter__()
        storage = server.cli_options()
        env = dict(server.env(), RAY_USAGE_STATS_ENABLED="0")

    def output(label):
        return f"s3://{server.bucket}/{label}" if server else os.path.join(args.work, label)

    def size_gib(label):
        if server:
            return round(sum(o["Size"] for o in server.objects(label + "/")) / 2**30, 2)
        return round(local_size(output(label)) / 2**30, 2)

    def remove(label):
        if server:
            keys = server.keys(label + "/")
            for first in range(0, len(keys), 1000):  # DeleteObjects takes up to 1,000 keys
                server.client().delete_objects(
                    Bucket=server.bucket, Delete={"Objects": [{"Key": k} for k in keys[first:first + 1000]]})
        else:
            shutil.rmtree(output(label), ignore_errors=True)

    results, sums, failed = {}, {}, False
    try:
        for label in args.only:  # in the order given (a rerun can take them in the other order)
            if label == "single":
                command = [tpch, "--scale-factor", args.scale_factor, "--output-dir", output(label)] + storage
            elif label == "ray":
                report = os.path.join(args.work, "ray-report.json")
                command = [sys.executable, os.path.join(ROOT, "distributed", "benchmark_ray.py"), "--scale-factor",
                           args.scale_factor, "--parts", str(args.parts), "--output-dir", output(label),
                           "--program", tpch, "--report", report, "--quiet"] + storage
            else:
                command = [timing.tpchgen_cli(), "parquet", "-s", args.scale_factor, "-o", output(label),
                           "-n", str(os.cpu_count())]
            record, _ = run(label, command, env=env, wait=not args.no_wait)
            record["output_gib"] = size_gib(label)
            if label == "ray":
                with open(report) as f:
                    record["ray_report"] = json.load(f)
                ray_row(record, record["ray_report"])
            if label in ("single", "ray") and not args.no_checksums:
                if server:
                    # moto reads a whole object for every ranged GET, and lance's
                    # reads are ranged: one plain GET per object into a local copy,
                    # read back there.
                    copy = os.path.join(args.work, label + "-copy")
                    start = time.monotonic()
                    download(server, label, copy)
                    sums[label] = checksums(inspect, os.path.join(copy, label), [], record)
                    record["checksum_seconds"] = round(time.monotonic() - start, 1)
                    shutil.rmtree(copy)
                else:
                    sums[label] = checksums(inspect, output(label), storage, record)
                print(f"  read back and checksummed in {record['checksum_seconds']} s: "
                      f"{sum(t['rows'] for t in sums[label].values()):,} rows", flush=True)
            results[label] = record
            remove(label)
    finally:
        if server:
            server.__exit__(None, None, None)

    if "single" in sums and "ray" in sums:
        problems = compare(sums["single"], sums["ray"])
        results["ray"]["equal_to_single"] = not problems
        for line in problems:
            print(f"  DIFFERENT: {line}", flush=True)
        failed = bool(problems)
        if not problems:
            print(f"ray's {len(TABLES)} tables equal the single run's: rows and every column's checksum", flush=True)

    table = markdown(results, args.scale_factor, args.parts, args.s3)
    print("\n" + table)
    if args.report:
        with open(args.report, "w") as f:
            json.dump({"scale_factor": args.scale_factor, "parts": args.parts, "s3": args.s3, "results": results,
                       "checksums": sums, "table": table}, f, indent=1)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
