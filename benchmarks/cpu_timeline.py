#!/usr/bin/env python3
"""How many cores a command keeps busy, over time: its CPU seconds (all threads,
user + sys from /proc) sampled every 50 ms, printed per 0.1 s as "second:cores".
Shows where a pipeline waits (target 3 of issue #14).

With --by-thread: one column per thread name (digits dropped, so lance's
"lance-cpu" pool is one column), per 0.2 s: which stage is busy when the total
dips (the generator, lance's encoder, the writer's runtime).

usage: cpu_timeline.py [--by-thread] COMMAND [ARGS...]
"""

import collections
import os
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(stat_text):
    fields = stat_text.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def whole_process(pid):
    """CPU seconds of the whole process so far, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return cpu_seconds(f.read())
    except OSError:
        return None


def per_thread(pid):
    """{(tid, name): CPU seconds} of the threads alive now."""
    threads = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return None
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                text = f.read()
        except OSError:
            continue  # the thread ended meanwhile
        name = text[text.index("(") + 1:text.rindex(")")].rstrip("0123456789-_ ")
        threads[(tid, name)] = cpu_seconds(text)
    return threads


def main():
    by_thread = len(sys.argv) > 1 and sys.argv[1] == "--by-thread"
    command = sys.argv[2:] if by_thread else sys.argv[1:]
    if not command:
        sys.exit(__doc__)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    start = time.perf_counter()
    last_time, last, samples = start, {} if by_thread else 0.0, []
    while process.poll() is None:
        time.sleep(0.05)
        now_cpu = per_thread(process.pid) if by_thread else whole_process(process.pid)
        if now_cpu is None:
            break
        now = time.perf_counter()
        if by_thread:
            # CPU since the last sample, per thread name (a thread seen for the
            # first time counts from zero; one that ended is simply not seen).
            used = collections.Counter()
            for key, seconds in now_cpu.items():
                used[key[1]] += seconds - last.get(key, 0.0)
            samples.append((now - start, {name: s / (now - last_time) for name, s in used.items()}))
        else:
            samples.append((now - start, (now_cpu - last) / (now - last_time)))
        last_time, last = now, now_cpu
    process.wait()
    print(f"wall {time.perf_counter() - start:.2f} s")
    if not by_thread:
        buckets = {}
        for t, cores in samples:
            buckets.setdefault(int(t * 10), []).append(cores)
        print(" ".join(f"{k / 10:.1f}:{sum(v) / len(v):.1f}" for k, v in sorted(buckets.items())))
        return
    buckets = collections.defaultdict(list)
    for t, cores in samples:
        buckets[int(t * 5)].append(cores)
    names = sorted({name for _, cores in samples for name in cores})
    print("second " + " ".join(f"{name[:12]:>12}" for name in names) + "        total")
    for k, rows in sorted(buckets.items()):
        means = [sum(r.get(name, 0.0) for r in rows) / len(rows) for name in names]
        print(f"{k / 5:6.1f} " + " ".join(f"{m:12.2f}" for m in means) + f" {sum(means):12.2f}")


if __name__ == "__main__":
    main()
