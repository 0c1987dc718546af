#!/usr/bin/env python3
"""How many cores a command keeps busy, over time: its CPU seconds (all threads,
user + sys from /proc/PID/stat) sampled every 50 ms, printed per 0.1 s as
"second:cores". Shows where a pipeline waits (target 3 of issue #14).

usage: cpu_timeline.py COMMAND [ARGS...]
"""

import os
import subprocess
import sys
import time


def main():
    tick = os.sysconf("SC_CLK_TCK")
    process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    start = time.perf_counter()
    last_time, last_cpu, samples = start, 0.0, []
    while process.poll() is None:
        time.sleep(0.05)
        try:
            with open(f"/proc/{process.pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            break
        cpu = (int(fields[11]) + int(fields[12])) / tick  # utime, stime
        now = time.perf_counter()
        samples.append((now - start, (cpu - last_cpu) / (now - last_time)))
        last_time, last_cpu = now, cpu
    process.wait()
    buckets = {}
    for t, cores in samples:
        buckets.setdefault(int(t * 10), []).append(cores)
    print(f"wall {time.perf_counter() - start:.2f} s")
    print(" ".join(f"{k / 10:.1f}:{sum(v) / len(v):.1f}" for k, v in sorted(buckets.items())))


if __name__ == "__main__":
    main()
