"""Faults injected between tpch-lance and a real S3-compatible server (moto on
127.0.0.1, behind the test's proxy, s3_faults.py): for a fault on one kind of
request, a write, an append, a parts commit or a discard either succeeds (lance
and object_store retry) or fails with a clear error and a non-zero exit; then,
read straight from the server, every committed version holds exactly its rows
(dbgen's lineitem, once per write: md5 of the .tbl text), the failed step left
no version, and run again without faults it succeeds. Orphaned data files are
counted and `tpch-lance cleanup` must remove them all.

A fault strikes once (lance or object_store should retry through it) or, as
`persistent`, on every request of its kind (the step must fail cleanly). Which
of an operation's requests of that kind it strikes is drawn from the seed, out
of the number a run without faults makes. And the ambiguous commit lance cannot
settle by itself: the manifest's answer lost, then every read failing for 20 s
(lance-bridge reads the version back and finds its transaction: success) or
for good (exit 3, commit_unknown, and the commit must in fact have landed once;
a parts commit run again must add nothing).

usage: s3_faults_test.py BIN_DIR REFERENCE_MD5(sf0.1) REFERENCE_MD5(sf0.01) WORK_DIR
                         [--all] [--seed N] [--report FILE]
  default  a bounded, seeded selection: every kind and every fault at least once,
           the ambiguous commit, and a persistent failure of each operation (ctest)
  --all    every fault x kind x operation (docs/reliability.md's table; by hand)
"""

import argparse
import logging
import os
import random
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish, lineitem_text, require, write_table  # noqa: E402

require("lance", "moto.server", "boto3")
import lance  # noqa: E402
from s3_faults import FAULTS, KINDS, FaultProxy, Rule  # noqa: E402
from s3_local import LocalS3  # noqa: E402

logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's server: no line per request

OPERATIONS = ["write", "append", "commit", "discard"]
# The scale factor each operation writes: 0.1 makes lineitem's data file ~25 MB,
# a multipart upload; the parts commit and discard move no data of their own.
SCALE = {"write": "0.1", "append": "0.1", "commit": "0.01", "discard": "0.01"}
# Copies of lineitem in each version after the operation, and before it (what a
# failed step must leave).
AFTER = {"write": [1], "append": [1, 2], "commit": [1, 2], "discard": [1]}
BEFORE = {"write": [], "append": [1], "commit": [1], "discard": [1]}
CLIENT_TIMEOUT = 3  # seconds: the `timeout` storage option given to the writers


class Bench:
    def __init__(self, bin_dir, s3, proxy, texts):
        self.tpch = os.path.join(bin_dir, "tpch-lance")
        self.inspect = os.path.join(bin_dir, "lance-bridge-inspect")
        self.s3, self.proxy, self.texts = s3, proxy, texts
        self.case = 0

    def options(self, through_proxy):
        options = self.s3.options()
        if through_proxy:
            options.update(aws_endpoint=self.proxy.endpoint, timeout=f"{CLIENT_TIMEOUT}s")
        return [a for k, v in options.items() for a in ("--storage-option", f"{k}={v}")]

    def tpch_lance(self, args, through_proxy=False):
        done = subprocess.run([self.tpch, *args, "--quiet", *self.options(through_proxy)],
                              capture_output=True, text=True, env=self.s3.env(), timeout=600)
        return done.returncode, (done.stdout + done.stderr).strip()

    def step(self, op, out):
        sf = SCALE[op]
        base = ["--tables", "lineitem", "--output-dir", out]
        return {"write": ["--scale-factor", sf, *base],
                "append": ["--scale-factor", sf, "--mode", "append", *base],
                "commit": ["commit", "--mode", "append", *base],
                "discard": ["discard", "--parts", "2", "--part", "1", *base]}[op]

    def setup(self, op):
        """A fresh prefix holding what `op` starts from, written without faults."""
        self.case += 1
        out = f"s3://{self.s3.bucket}/case-{self.case}"
        sf = SCALE[op]
        steps = []
        if op != "write":  # the dataset, created at this operation's scale
            steps.append(["--scale-factor", sf, "--tables", "lineitem", "--output-dir", out])
        if op == "commit":
            steps += [["--scale-factor", sf, "--mode", "append", "--parts", "2", "--part", k,
                       "--tables", "lineitem", "--output-dir", out] for k in ("1", "2")]
        if op == "discard":
            steps.append(["--scale-factor", sf, "--mode", "append", "--parts", "2", "--part", "1",
                          "--tables", "lineitem", "--output-dir", out])
        for args in steps:
            rc, text = self.tpch_lance(args)
            if rc != 0:
                raise RuntimeError(f"setup of {op} failed: {text}")
        return out

    def versions(self, out, op):
        """{version: copies of lineitem (at `op`'s scale) it holds} as read straight
        from the server; a version that cannot be read or holds anything else maps to None."""
        uri = f"{out}/lineitem.lance"
        try:
            listed = [v["version"] for v in lance.dataset(uri, storage_options=self.s3.options()).versions()]
        except Exception:  # no dataset at all (a create that failed)
            return {}
        text = self.texts[SCALE[op]]
        found = {}
        for version in listed:
            done = subprocess.run([self.inspect, uri, "--tbl", "--version", str(version), *self.options(False)],
                                  capture_output=True, env=self.s3.env())
            copies, rest = divmod(len(done.stdout), len(text))
            whole = done.returncode == 0 and rest == 0 and done.stdout == text * copies
            found[version] = copies if whole else None
        return found

    def cleanup(self, out, dry_run=False):
        """`tpch-lance cleanup` of lineitem straight on the server: (exit status, its output)."""
        done = subprocess.run([self.tpch, "cleanup", *(["--dry-run"] if dry_run else []), "--older-than", "0",
                               "--tables", "lineitem", "--output-dir", out, *self.options(False)],
                              capture_output=True, text=True, env=self.s3.env())
        return done.returncode, done.stdout

    def orphans(self, out):
        rc, listed = self.cleanup(out, dry_run=True)
        return sum(line.startswith("would remove") for line in listed.splitlines()) if rc == 0 else None

    def pending(self, out, every_part=False):
        """The pending piece files left: part 1's (a discard removes it), or every part's."""
        keys = self.s3.keys(out.split("/", 3)[3] + "/_pending/")
        return [k for k in keys if every_part or "part-1-of-2" in k]

    def run(self, op, rules):
        """One case: the operation through the proxy with `rules` armed, checked."""
        out = self.setup(op)
        self.proxy.arm(*rules)
        started = time.monotonic()
        rc, text = self.tpch_lance(self.step(op, out), through_proxy=True)
        seconds = time.monotonic() - started
        fired = list(self.proxy.fired)
        counts = dict(self.proxy.counts)
        self.proxy.arm()
        result = {"op": op, "rc": rc, "message": text.splitlines()[-1] if rc and text else "",
                  "fired": len(fired), "counts": counts, "seconds": seconds}
        expected = [{v + 1: n for v, n in enumerate(AFTER[op])}, {v + 1: n for v, n in enumerate(BEFORE[op])}]
        found = self.versions(out, op)
        result["after"], result["before"], result["found"] = found == expected[0], found == expected[1], found
        result["unknown"] = "commit_unknown" in text
        # A commit whose outcome is unknown is not run again blindly: an append
        # could land twice. A parts commit can: it sees its pieces committed.
        if rc != 0 and (not result["unknown"] or op == "commit"):
            result["retry_rc"], retry_text = self.tpch_lance(self.step(op, out), through_proxy=True)
            result["retry_message"] = retry_text[-300:]
            found = self.versions(out, op)
            result["retry_after"], result["found_after_retry"] = found == expected[0], found
        result["pending_left"] = self.pending(out, every_part=op == "commit")
        result["orphans"] = self.orphans(out)
        rc_clean, _ = self.cleanup(out)
        result["orphans_after_cleanup"] = self.orphans(out) if rc_clean == 0 else None
        result["after_cleanup"] = self.versions(out, op) == expected[0]
        return result


def judge(case, r):
    """Checks one case's result; returns its row for the report."""
    fault, kind, strikes = case
    what = f"{r['op']} with {fault} on {kind} ({strikes})"
    if fault != "none":
        check(r["fired"] > 0, f"{what}: the fault struck ({r['fired']} times)")
    else:
        check(r["rc"] == 0, f"{what}: succeeds")
    if r["rc"] == 0:
        check(r["after"], f"{what}: succeeded, and every version holds exactly its rows {r['found']}")
        outcome = "succeeded"
    elif r["unknown"]:
        check(r["rc"] == 3, f"{what}: exit 3 with commit_unknown: {r['message'][:200]}")
        check(r["after"], f"{what}: the commit had landed, once, every version holding exactly its rows {r['found']}")
        outcome = "commit_unknown (exit 3): it had landed"
        if r["op"] == "commit":
            check(r["retry_rc"] == 0 and r["retry_after"],
                  f"{what}: the parts commit run again finds its pieces committed, adds nothing {r['found_after_retry']}")
            outcome += "; commit run again: nothing added"
    elif r["op"] == "commit" and r["after"]:
        # The commit landed, the removal of its piece files failed: saying so,
        # and run again it only removes them.
        check(r["rc"] == 1 and "committed, but removing its pending files failed" in r["message"],
              f"{what}: exit 1 saying the commit landed and its pending files remain: {r['message'][:200]}")
        check(r["retry_rc"] == 0 and r["retry_after"] and not r["pending_left"],
              f"{what}: run again, the commit adds nothing and removes the pending files {r['found_after_retry']} "
              f"{r['pending_left']} {r['retry_message'][-200:]}")
        outcome = "committed, piece removal failed (exit 1); run again: removed, nothing added"
    else:
        check(r["rc"] in (1, 2) and r["message"], f"{what}: failed with exit {r['rc']} and a message: {r['message'][:200]}")
        check(r["before"], f"{what}: the failed step left every version as it was, and no new one {r['found']}")
        check(r["retry_rc"] == 0 and r["retry_after"],
              f"{what}: run again without faults, it succeeds {r['found_after_retry']} {r['retry_message'][-200:]}")
        outcome = f"failed (exit {r['rc']}), run again: succeeded"
    if r["op"] in ("discard", "commit"):
        check(not r["pending_left"], f"{what}: no pending piece is left {r['pending_left']}")
    check(r["orphans_after_cleanup"] == 0, f"{what}: cleanup removes every orphan ({r['orphans']} found)")
    check(r["after_cleanup"], f"{what}: cleanup removes nothing a version needs")
    lost = 0 if (r["after"] or r["before"]) and r["after_cleanup"] else "?"
    return (fault, kind, strikes, r["op"], outcome, lost, r["orphans"], "yes" if r["orphans_after_cleanup"] == 0 else "NO",
            f"{r['seconds']:.1f}", r["message"][:120])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bin_dir")
    parser.add_argument("reference")
    parser.add_argument("reference_sf001")
    parser.add_argument("work")
    parser.add_argument("--all", action="store_true")
    parser.add_argument("--seed", type=int, default=26)
    parser.add_argument("--report")
    a = parser.parse_args()
    os.makedirs(a.work, exist_ok=True)
    tpch = os.path.join(a.bin_dir, "tpch-lance")
    texts = {"0.1": lineitem_text(tpch, "0.1", a.reference, a.work),
             "0.01": lineitem_text(tpch, "0.01", a.reference_sf001, a.work)}
    rng = random.Random(a.seed)
    rows = []
    with LocalS3() as s3, FaultProxy(s3.port, CLIENT_TIMEOUT) as proxy:
        bench = Bench(a.bin_dir, s3, proxy, texts)
        # Without faults first: the requests each operation makes, by kind.
        counts = {}
        for op in OPERATIONS:
            r = bench.run(op, [])
            rows.append(judge(("none", "-", "-"), r))
            counts[op] = r["counts"]
            print(f"{op}: requests without faults {r['counts']}", flush=True)
        # (operation, fault, kind, strikes): strikes "once" (the n-th request of
        # the kind, n drawn from the seed) or "persistent" (every one).
        cases = []
        if a.all:
            cases += [(op, fault, kind, "once") for fault in FAULTS for kind in KINDS for op in OPERATIONS]
            cases += [(op, "500", kind, "persistent") for kind in KINDS for op in OPERATIONS]
        else:
            faults = FAULTS[:]
            rng.shuffle(faults)
            for i, kind in enumerate(KINDS):
                ops = [op for op in OPERATIONS if counts[op].get(kind)]
                cases.append((rng.choice(ops), faults[i % len(faults)], kind, "once"))
            cases.append(("append", "lost", "manifest", "once"))  # the ambiguous commit
            cases.append(("append", "reset", "part", "once"))  # a reset upload: no SIGPIPE may end the writer
            cases.append(("commit", "lost", "delete", "once"))  # committed, its piece files not all removed
            cases += [(op, "500", "manifest" if op != "discard" else "delete", "persistent") for op in OPERATIONS]
        # The ambiguous commit that lance cannot settle itself: the manifest's
        # answer lost, then every read failing for a while (lance gives up
        # reading the version back after ~12 s, lance-bridge goes on for ~30 s
        # more and finds its transaction) or for good (commit_unknown).
        for op in ("append", "commit"):
            cases += [(op, "lost", "manifest", "then reads fail 20 s"), (op, "lost", "manifest", "then every read fails")]
        for op, fault, kind, strikes in cases:
            n = counts[op].get(kind, 0)
            if n == 0:
                rows.append((fault, kind, strikes, op, "no request of this kind", "-", "-", "-", "-", ""))
                continue
            if strikes == "once":
                rules = [Rule(kind, fault, skip=rng.randrange(n))]
            elif strikes == "persistent":
                rules = [Rule(kind, fault, times=10**6)]
            else:
                lost = Rule(kind, fault)
                rules = [lost, Rule(("get", "list"), "500", after=lost, seconds=20 if "20 s" in strikes else 10**6)]
            r = bench.run(op, rules)
            rows.append(judge((fault, kind, strikes), r))
            print(" | ".join(map(str, rows[-1])), flush=True)
    write_table(["fault", "request", "strikes", "operation", "outcome", "rows lost", "orphans left",
                 "cleanup removes them", "seconds", "error"],
                rows, a.report)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
