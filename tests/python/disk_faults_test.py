"""Local disk faults under tpch-lance, for Lance and Parquet: a full disk (a file
size limit, RLIMIT_FSIZE: writes past it fail with EFBIG), and failing write,
fsync, link, file creation (an LD_PRELOAD library of the test's own,
tests/cpp/failing_io.c) and rename (strace's syscall fault injection: lance
renames through raw system calls, which no LD_PRELOAD library sees), during a
create, an append, an overwrite and a parts commit. Each faulted step must fail
with a clear error and a non-zero exit, leave every earlier version exactly as
it was (dbgen's lineitem, md5 of its .tbl text) with no new version and no
half-written output in sight, and succeed when run again without the fault;
`tpch-lance cleanup` then leaves no orphan.

usage: disk_faults_test.py BIN_DIR FAILING_IO_LIBRARY REFERENCE_MD5(sf0.01) WORK_DIR [--report FILE]
"""

import argparse
import os
import resource
import shutil
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish, lineitem_text, write_table  # noqa: E402

SF = "0.01"
# (format, operation): the copies of lineitem each version holds after it, and before it.
OPERATIONS = {
    ("lance", "create"): ([], [1]),
    ("lance", "append"): ([1], [1, 2]),
    ("lance", "overwrite"): ([1], [1, 1]),
    ("lance", "commit"): ([1], [1, 2]),
    ("parquet", "create"): (None, 1),
    ("parquet", "overwrite"): (1, 1),
}
# (name, how): the faults. "call:N" fails the N-th such call under the output
# folder (0: every one); "fsize" is a full disk; "rename" goes through strace.
FAULTS = ["full-disk", "write:1", "write:4", "write:0", "fsync:0", "link:0", "open:0", "rename:1"]


class Bench:
    def __init__(self, bin_dir, library, text, work):
        self.tpch = os.path.join(bin_dir, "tpch-lance")
        self.inspect = os.path.join(bin_dir, "lance-bridge-inspect")
        self.library, self.text, self.work = library, text, work
        self.case = 0

    def run(self, args, fault=None, out=None):
        """tpch-lance with `fault` in place: (exit status, output, whether the fault struck)."""
        command, env, limit = [self.tpch, *args, "--quiet"], dict(os.environ), None
        strace_log = os.path.join(self.work, "strace.log")
        if fault == "full-disk":
            limit = 1 << 20  # 1 MiB: lineitem's data file at SF 0.01 is larger
        elif fault and fault.startswith("rename"):
            command = ["strace", "-f", "-qq", "-o", strace_log, "-e", "trace=rename,renameat,renameat2",
                       "-e", "inject=rename,renameat,renameat2:error=ENOSPC:when=1", *command]
        elif fault:
            call, nth = fault.split(":")
            env.update(LD_PRELOAD=self.library, FAILING_IO_CALL=call, FAILING_IO_NTH=nth, FAILING_IO_UNDER=out)

        def limits():
            if limit:
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a signal, as with a full disk
                resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        done = subprocess.run(command, env=env, capture_output=True, text=True, preexec_fn=limits, timeout=600)
        text = (done.stdout + done.stderr).strip()
        if not fault:
            struck = False
        elif fault == "full-disk":
            struck = "too large" in text.lower() or "efbig" in text.lower() or "os error 27" in text
        elif fault.startswith("rename"):
            struck = "INJECTED" in open(strace_log).read()
        else:
            struck = "failing_io:" in text
        return done.returncode, text, struck

    def setup(self, fmt, op):
        self.case += 1
        out = os.path.join(self.work, f"case-{self.case}")
        shutil.rmtree(out, ignore_errors=True)
        os.makedirs(out)
        base = ["--scale-factor", SF, "--tables", "lineitem", "--format", fmt, "--output-dir", out]
        if op != "create":
            self.must(base)
        if op == "commit":
            for k in ("1", "2"):
                self.must([*base, "--mode", "append", "--parts", "2", "--part", k])
        return out, base

    def must(self, args):
        rc, text, _ = self.run(args)
        if rc != 0:
            raise RuntimeError(f"tpch-lance {' '.join(args)} failed: {text}")

    def step(self, op, base):
        if op == "commit":
            return ["commit", "--mode", "append", "--tables", "lineitem", "--output-dir", base[-1]]
        return [*base] + (["--mode", op] if op != "create" else [])

    def state(self, fmt, out):
        """Lance: [copies of lineitem in each version] (None: not exactly that);
        Parquet: copies in the file (None: unreadable or other rows), or no file."""
        if fmt == "parquet":
            path = os.path.join(out, "lineitem.parquet")
            if not os.path.exists(path):  # no file, or a half-written one under another name
                return None if [n for n in os.listdir(out) if not n.startswith(".")] else "none"
            return self.copies([path, "--format", "parquet", "--tbl"])
        uri = os.path.join(out, "lineitem.lance")
        versions_dir = os.path.join(uri, "_versions")
        if not os.path.isdir(versions_dir):
            return []
        count = len([n for n in os.listdir(versions_dir) if n.endswith(".manifest")])
        return [self.copies([uri, "--tbl", "--version", str(v)]) for v in range(1, count + 1)]

    def copies(self, args):
        done = subprocess.run([self.inspect, *args], capture_output=True)
        n, rest = divmod(len(done.stdout), len(self.text))
        return n if done.returncode == 0 and rest == 0 and done.stdout == self.text * n else None

    def orphans(self, fmt, out):
        if fmt == "parquet":  # the half-written file of a failed Parquet write, by its temporary name
            return [n for n in os.listdir(out) if n != "lineitem.parquet"]
        done = subprocess.run([self.tpch, "cleanup", "--dry-run", "--older-than", "0", "--output-dir", out,
                               "--tables", "lineitem"], capture_output=True, text=True)
        return [line for line in done.stdout.splitlines() if line.startswith("would remove")]

    def clean(self, fmt, out):
        if fmt == "lance":
            subprocess.run([self.tpch, "cleanup", "--older-than", "0", "--output-dir", out, "--tables", "lineitem",
                            "--quiet"], check=True)


def expected(fmt, copies):
    if fmt == "parquet":
        return "none" if copies is None else copies
    return copies


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bin_dir")
    parser.add_argument("library")
    parser.add_argument("reference")
    parser.add_argument("work")
    parser.add_argument("--report")
    a = parser.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    tpch = os.path.join(a.bin_dir, "tpch-lance")
    text = lineitem_text(tpch, SF, a.reference, a.work)
    bench = Bench(a.bin_dir, os.path.abspath(a.library), text, a.work)
    rows = []
    for (fmt, op), (before, after) in OPERATIONS.items():
        for fault in FAULTS:
            out, base = bench.setup(fmt, op)
            what = f"{fmt} {op} with {fault}"
            rc, message, struck = bench.run(bench.step(op, base), fault, out)
            if not struck:
                check(rc == 0 and bench.state(fmt, out) == expected(fmt, after),
                      f"{what}: no such call made; the step succeeded with exactly its rows ({message[-200:]})")
                rows.append((fmt, op, fault, "no such call", "-", "-", "-"))
                continue
            state = bench.state(fmt, out)
            if rc == 0:
                # A fault the writer survived (say a failed fsync of a file it then wrote again).
                check(state == expected(fmt, after), f"{what}: succeeded despite the fault, with exactly its rows {state}")
                outcome = "succeeded"
            else:
                last = message.splitlines()[-1] if message else ""
                check(rc in (1, 2) and "tpch-lance" in last, f"{what}: exit {rc}, saying why: {last[:200]}")
                check(state == expected(fmt, before), f"{what}: every earlier version intact, nothing new in sight {state}")
                orphans = bench.orphans(fmt, out)
                rc2, message2, _ = bench.run(bench.step(op, base))
                check(rc2 == 0 and bench.state(fmt, out) == expected(fmt, after),
                      f"{what}: run again without the fault, it succeeds {bench.state(fmt, out)} {message2[-200:]}")
                outcome = f"failed (exit {rc}), run again: succeeded"
            bench.clean(fmt, out)
            left = bench.orphans(fmt, out)
            check(not left, f"{what}: no orphan left after cleanup {left[:3]}")
            check(bench.state(fmt, out) == expected(fmt, after), f"{what}: cleanup removed nothing a version needs")
            rows.append((fmt, op, fault, outcome, 0, len(orphans) if rc else 0, (message.splitlines() or [""])[-1][:110]))
            print(" | ".join(map(str, rows[-1])), flush=True)
    write_table(["format", "operation", "fault", "outcome", "rows lost", "orphans before cleanup", "error"],
                rows, a.report)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
