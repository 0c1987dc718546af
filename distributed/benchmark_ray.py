#!/usr/bin/env python3
"""TPC-H or TPC-DS into Lance on a Ray cluster: one Ray task per part runs
`tpch-lance --parts N --part K` (or tpcds-lance's; each writes its part of every
table and leaves it pending), then the driver runs `tpch-lance commit` once:
each table becomes one version whose rows are exactly those of a single run.

  python3 distributed/benchmark_ray.py --scale-factor 100 --parts 32 --output-dir s3://bucket/tpch \\
      --ray-address auto --storage-option aws_region=us-east-1
  python3 distributed/benchmark_ray.py --benchmark tpcds --scale-factor 100 --parts 32 ...

Without --ray-address a local Ray instance is started (on 127.0.0.1, with every
core, usage reporting off) and stopped at the end.

How the program reaches the workers: every task runs the program at --program
(default: `tpch-lance` or `tpcds-lance` on the PATH, or beside this repository's
build/bin), so it must exist at that path on every node: install lance-bridge
into the same prefix on each node (`cmake --install build --prefix /opt/lance-bridge`,
then --program /opt/lance-bridge/bin/tpch-lance), put it on a shared file
system, or bake it into the container image the cluster runs. The output must be
a location every node reaches: an object store URI, or a shared folder.

A part that fails is retried (--retries, default 2) after its pending piece, if
any, is discarded (`tpch-lance discard`); if a part still fails, nothing is
committed and the exit status is 1.

What it cost: each part's line says its wall and CPU seconds and peak RSS (of
its program's process, from wait4), the last line the total; --report FILE
writes every part's record (rows, attempts, wall, CPU, peak RSS, bytes written
to storage) and the commit's as JSON.
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def default_program(benchmark):
    name = f"{benchmark}-lance"
    found = shutil.which(name)
    built = os.path.join(HERE, "..", "build", "bin", name)
    return found or (os.path.abspath(built) if os.path.exists(built) else name)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--scale-factor", required=True)
    p.add_argument("--parts", type=int, required=True)
    p.add_argument("--output-dir", required=True, help="object store URI or shared folder every node reaches")
    p.add_argument("--benchmark", default="tpch", choices=["tpch", "tpcds"], help="TPC-H (tpch-lance, the default) "
                   "or TPC-DS (tpcds-lance)")
    p.add_argument("--tables", help="comma-separated tables (default: all of the benchmark's)")
    p.add_argument("--mode", default="create", choices=["create", "overwrite"])
    p.add_argument("--storage-option", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--ray-address", help="an existing cluster (e.g. auto, ray://host:10001); default: start one here")
    p.add_argument("--program", help="the program's path on every node (default: tpch-lance or tpcds-lance, on "
                   "the PATH or in this repository's build/bin)")
    p.add_argument("--threads-per-part", type=int, default=1, help="generation threads (and Ray CPUs) per task")
    p.add_argument("--num-cpus", type=int, default=os.cpu_count(), help="CPUs of the local Ray instance")
    p.add_argument("--retries", type=int, default=2, help="attempts after a part's first failure")
    p.add_argument("--report", metavar="FILE", help="write a JSON record of every part (rows, wall, CPU, peak RSS, "
                   "bytes written) and of the commit to FILE")
    p.add_argument("--quiet", action="store_true")
    args = p.parse_args()
    if args.parts < 1:
        p.error("--parts must be at least 1")
    for option in args.storage_option:
        if "=" not in option or option.startswith("="):
            p.error(f"--storage-option takes KEY=VALUE, got '{option}'")
    args.program = args.program or default_program(args.benchmark)
    return args


def common_flags(args):
    flags = ["--output-dir", args.output_dir]
    if args.tables:
        flags += ["--tables", args.tables]
    for option in args.storage_option:
        flags += ["--storage-option", option]
    return flags


def run_measured(command):
    """Runs `command` to completion with its output in files (no pipe can stall
    it). Returns (exit status, stdout, stderr, usage): usage has the child's own
    wall and CPU seconds (user + sys, its threads included), its peak RSS and the
    bytes it wrote to storage, from wait4(2)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.monotonic()
        process = subprocess.Popen(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL, text=True)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        record = {"wall": round(wall, 3), "cpu": round(usage.ru_utime + usage.ru_stime, 3),
                  "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),
                  "written_mib": round(usage.ru_oublock * 512 / 2**20, 1)}
        return os.waitstatus_to_exitcode(status), out.read(), err.read(), record


def run_part(args, part):
    """Runs in a Ray worker: writes part `part`, discarding a failed attempt's
    piece before each retry. Returns a record: part, rows, attempts, error, and
    the successful attempt's wall, CPU, peak RSS and bytes written (run_measured)."""
    program = args.program
    write = [program, "--scale-factor", args.scale_factor, "--parts", str(args.parts), "--part", str(part),
             "--threads", str(args.threads_per_part)] + common_flags(args)
    if args.mode == "overwrite":
        write += ["--mode", "overwrite"]
    discard = [program, "discard", "--quiet", "--parts", str(args.parts), "--part", str(part)] + common_flags(args)
    start, usage = time.monotonic(), {}
    record = {"part": part, "rows": 0, "attempts": 0, "error": "", "host": socket.gethostname()}
    for attempt in range(1, args.retries + 2):
        record["attempts"] = attempt
        try:
            if attempt > 1:
                subprocess.run(discard, capture_output=True, text=True)
            status, stdout, stderr, usage = run_measured(write)
        except OSError as e:  # the program is not at that path on this node
            record["error"] = f"cannot run {program}: {e}"
            break
        if status == 0:
            record["rows"] = next((int(line.split()[1].replace(",", "")) for line in stdout.splitlines()
                                   if line.startswith("total ")), 0)
            record["error"] = ""
            break
        last = (stderr or stdout).strip().splitlines()[-1:] or [f"exit {status}"]
        record["error"] = f"exit {status}: {last[0]}"
    record.update(usage)
    record["seconds"] = round(time.monotonic() - start, 3)
    return record


def main():
    args = parse_args()
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no usage reports leave the machine
    import ray

    if args.ray_address:
        ray.init(address=args.ray_address, logging_level="WARNING")
    else:
        ray.init(num_cpus=args.num_cpus, include_dashboard=False, _node_ip_address="127.0.0.1",
                 logging_level="WARNING")
    say = (lambda *a: None) if args.quiet else (lambda *a: print(*a, flush=True))
    task = ray.remote(num_cpus=args.threads_per_part, max_retries=0)(run_part)
    started = time.monotonic()
    pending = [task.remote(args, k) for k in range(1, args.parts + 1)]
    rows, failed, records = 0, [], []
    name = os.path.basename(args.program)
    say(f"{name} on Ray: SF {args.scale_factor} in {args.parts} parts into {args.output_dir}")
    while pending:
        ready, pending = ray.wait(pending, num_returns=1)
        record = ray.get(ready[0])
        records.append(record)
        done = args.parts - len(pending)
        elapsed = time.monotonic() - started
        rows += record["rows"]
        if record["error"]:
            failed.append(record["part"])
            say(f"  part {record['part']} FAILED after {record['attempts']} attempts: {record['error']}")
        else:
            retried = f", {record['attempts']} attempts" if record["attempts"] > 1 else ""
            say(f"  parts done {done}/{args.parts}: part {record['part']}, {record['rows']:,} rows in "
                f"{record['wall']:.1f} s ({record['cpu']:.1f} CPU s, peak RSS {record['peak_rss_mib']:,.0f} MiB)"
                f"{retried}; {rows / elapsed:,.0f} rows/s overall")
    if not args.ray_address:
        ray.shutdown()
    report = {"scale_factor": args.scale_factor, "parts": sorted(records, key=lambda r: r["part"])}
    if failed:
        write_report(args, report)
        print(f"benchmark_ray: parts {failed} failed; nothing committed (the other parts stay pending: write the "
              f"failed ones again, e.g. by running this again, then commit)", file=sys.stderr)
        return 1
    write_seconds = time.monotonic() - started
    commit = [args.program, "commit", "--mode", args.mode] + common_flags(args)
    status, stdout, stderr, report["commit"] = run_measured(commit)
    report["write_seconds"], report["seconds"] = round(write_seconds, 3), round(time.monotonic() - started, 3)
    write_report(args, report)
    if status != 0:
        print(f"benchmark_ray: commit failed: {stderr.strip()}", file=sys.stderr)
        return status
    say(stdout.rstrip())
    total = time.monotonic() - started
    cpu = sum(r["cpu"] for r in records) + report["commit"]["cpu"]
    peak = max(r["peak_rss_mib"] for r in records)
    say(f"{rows:,} rows in {args.parts} parts: written in {write_seconds:.1f} s, committed in "
        f"{total - write_seconds:.1f} s ({rows / total:,.0f} rows/s); {name} used {cpu:,.1f} CPU s, "
        f"peak RSS of a part {peak:,.0f} MiB")
    return 0


def write_report(args, report):
    if args.report:
        with open(args.report, "w") as f:
            json.dump(report, f, indent=1)


if __name__ == "__main__":
    sys.exit(main())
