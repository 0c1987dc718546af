"""Timing whole processes fairly, for the comparison scripts.

Each command runs with its output going to files (no pipe can stall it), is
timed from outside for wall seconds, and its CPU seconds (user + sys, every
thread and every child it waited for) and peak RSS come from wait4(2).
Before each command, dirty pages of earlier commands are flushed (os.sync,
not timed), so nobody pays for another's writes, and the machine is checked
to be quiet: the share of CPU busy over one second and the load average are
recorded, and a busy machine is waited for (up to a limit) instead of measured.
On a virtual machine the host can take CPU from it whatever runs inside (steal
time): each run records the share stolen while it ran, so a slow run can be
told from a slow program.
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def installed_program(name):
    """A program pip installed beside this Python (tpchgen-cli, tpcgen-cli): its
    own binary, not a version manager's shim (a shell script whose start-up
    would be timed too)."""
    import sysconfig

    beside = os.path.join(sysconfig.get_path("scripts"), name)
    found = beside if os.access(beside, os.X_OK) else shutil.which(name)
    if not found:
        sys.exit(f"{name} not found: pip install -r benchmarks/requirements.txt")
    return os.path.realpath(found)


def tpchgen_cli():
    return installed_program("tpchgen-cli")


def _cpu_times():
    """(total, idle, steal) jiffies of all cores since boot."""
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    steal = values[7] if len(values) > 7 else 0
    return sum(values[:8]), idle, steal


def busy_share(seconds=1.0):
    """Over the next `seconds`: the share of all cores busy, and the share the
    hypervisor gave to other machines (steal: a shared host's noise)."""
    total0, idle0, steal0 = _cpu_times()
    time.sleep(seconds)
    total1, idle1, steal1 = _cpu_times()
    total = max(total1 - total0, 1)
    return 1.0 - (idle1 - idle0) / total, (steal1 - steal0) / total


class StealMeter:
    """The steal share over a stretch of time (a whole measurement)."""

    def __init__(self):
        self.start = _cpu_times()

    def share(self):
        total0, _, steal0 = self.start
        total1, _, steal1 = _cpu_times()
        return round((steal1 - steal0) / max(total1 - total0, 1), 3)


def load_average():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def wait_until_quiet(max_busy=0.10, patience=180):
    """Flushes dirty pages, then waits until less than `max_busy` of the CPU is
    used by others. Returns what was seen just before the measurement."""
    os.sync()
    deadline = time.monotonic() + patience
    while True:
        busy, steal = busy_share()
        if busy <= max_busy or time.monotonic() > deadline:
            if busy > max_busy:
                print(f"  warning: the machine stayed {busy:.0%} busy; measuring anyway", file=sys.stderr)
            return {"busy_share": round(busy, 3), "steal_share": round(steal, 3), "load_average": load_average()}


def measure(command, env=None, cwd=None, capture=True):
    """Runs `command` to completion. Returns (record, stdout text): record has
    wall, user, sys and cpu seconds and peak RSS in MiB. Without `capture`,
    standard output goes to /dev/null (for commands that print data).

    Peak RSS comes from wait4 too, and Linux counts in it the memory of the
    process that started the child (this script) until the child's exec: the
    script therefore never holds a command's output in memory."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        steal = StealMeter()
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out if capture else subprocess.DEVNULL, stderr=err,
                                   stdin=subprocess.DEVNULL, env=env, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read()
        if process.returncode != 0:
            sys.exit(f"failed ({process.returncode}): {' '.join(command)}\n{err.read()[-4000:]}")
    record = {
        "wall": round(wall, 3),
        "user": round(usage.ru_utime, 3),
        "sys": round(usage.ru_stime, 3),
        "cpu": round(usage.ru_utime + usage.ru_stime, 3),
        "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),
        "steal_share": steal.share(),
    }
    return record, stdout


def round_orders(labels):
    """The orders of successive rounds: a Williams design (a balanced Latin square).
    Over its rounds each contender runs once in each position and follows every
    other contender equally often (exactly once for an even count; the mirrored
    rounds are added for an odd one). A plain rotation keeps the cyclic order:
    every contender then always follows the same one, and inherits whatever that
    one leaves behind (freed memory to reclaim, dirty pages, a cooling CPU) in
    every round."""
    n = len(labels)
    first, low, high = [0], 1, n - 1
    while len(first) < n:
        first.append(low)
        low += 1
        if len(first) < n:
            first.append(high)
            high -= 1
    rows = [[(k + r) % n for k in first] for r in range(n)]
    if n % 2:
        rows += [list(reversed(row)) for row in rows]
    return [[labels[k] for k in row] for row in rows]


def run_rounds(commands, runs, before_each=None, capture=True, after_each=None, quiet=True):
    """Runs every contender once per round, `runs` rounds, in the orders of
    round_orders (no contender always follows the same one). Each contender is
    a list of steps (commands) whose times add up. Returns {label: [record per
    round]}, each record with the quiet check before it.
    `after_each(label, record)` runs after each contender's run (to read what it
    left behind); `quiet=False` skips waiting for a quiet machine (for counts,
    such as callgrind's, that do not depend on it)."""
    labels = list(commands)
    orders = round_orders(labels)
    results = {label: [] for label in labels}
    for i in range(runs):
        for label in orders[i % len(orders)]:
            if before_each:
                before_each(label)
            total = {"wall": 0.0, "user": 0.0, "sys": 0.0, "cpu": 0.0, "peak_rss_mib": 0.0, "steal_share": 0.0,
                     "stdout": ""}
            total["before"] = wait_until_quiet() if quiet else None
            for step in commands[label]:
                record, stdout = measure(step, capture=capture)
                for key in ("wall", "user", "sys", "cpu"):
                    total[key] = round(total[key] + record[key], 3)
                total["peak_rss_mib"] = max(total["peak_rss_mib"], record["peak_rss_mib"])
                total["steal_share"] = max(total["steal_share"], record["steal_share"])
                total["stdout"] += stdout
            results[label].append(total)
            if after_each:
                after_each(label, total)
        print(f"  round {i + 1}/{runs}: " + ", ".join(
            f"{label} {results[label][-1]['wall']:.2f}s/{results[label][-1]['cpu']:.2f}cpu"
            f"/{results[label][-1]['steal_share']:.0%}steal" for label in labels), file=sys.stderr)
    return results


def median(records, key):
    return statistics.median(r[key] for r in records)


def markdown_table(results, reference):
    """Medians of wall and CPU seconds, and each as a ratio to `reference`."""
    base_wall, base_cpu = median(results[reference], "wall"), median(results[reference], "cpu")
    lines = [f"| command | wall s | user s | sys s | CPU s | peak RSS MiB | steal | wall vs ref | CPU vs ref |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for label, records in results.items():
        wall, cpu = median(records, "wall"), median(records, "cpu")
        lines.append(f"| {label} | {wall:.2f} | {median(records, 'user'):.2f} | {median(records, 'sys'):.2f} | "
                     f"{cpu:.2f} | {median(records, 'peak_rss_mib'):.0f} | {median(records, 'steal_share'):.0%} | "
                     f"{wall / base_wall:.2f}x | {cpu / base_cpu:.2f}x |")
    return "\n".join(lines)
