"""The scripted tests' checks: each prints one line, failures are counted, and
the script ends with one closing line ('N passed, N failed') and its exit status;
and how they read a dataset back through lance-bridge-inspect."""

import hashlib
import importlib
import os
import re
import subprocess
import sys

FAILURES = []
PASSED = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    (PASSED if condition else FAILURES).append(what)


def finish():
    """Prints the closing line and returns the exit status."""
    print(f"{len(PASSED)} checks passed, {len(FAILURES)} failed")
    return 1 if FAILURES else 0


# Exit status that ctest counts as a skip (SKIP_RETURN_CODE in tests/CMakeLists.txt).
SKIPPED = 77


def require(*modules):
    """Imports the Python packages a test needs, or ends the script. tests/run.sh
    installs them all (tests/requirements.txt), so a missing one is a failure
    (exit 1) saying what is missing; only when the user asked for skips
    (LANCE_BRIDGE_ALLOW_SKIPS=1) does the test end as skipped instead."""
    missing = []
    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(module)
    if not missing:
        return
    what = ", ".join(missing)
    if os.environ.get("LANCE_BRIDGE_ALLOW_SKIPS") == "1":
        print(f"skipped: {what} not installed (LANCE_BRIDGE_ALLOW_SKIPS=1)")
        sys.exit(SKIPPED)
    print(f"FAIL {what} not installed in {sys.executable}: `bash tests/run.sh` installs "
          "tests/requirements.txt into its own environment (LANCE_BRIDGE_ALLOW_SKIPS=1 skips instead)")
    sys.exit(1)


def reference_md5(path):
    """dbgen's or dsdgen's md5 sums (an `md5sum` listing of <table>.tbl or
    <table>.dat files): {table: md5}."""
    sums = {}
    for line in open(path):
        digest, name = line.split()
        sums[name.removesuffix(".tbl").removesuffix(".dat")] = digest
    return sums


def tbl_md5(inspect, uri, *options, env=None):
    """The md5 of a dataset's (or a Parquet file's) rows as dbgen text
    (`lance-bridge-inspect URI --tbl`); None if it cannot be read."""
    done = subprocess.run([inspect, uri, "--tbl", *options], capture_output=True, env=env)
    return hashlib.md5(done.stdout).hexdigest() if done.returncode == 0 else None


def dataset_summary(inspect, uri, *options, env=None):
    """The numbers in lance-bridge-inspect's summary of a dataset
    ({"rows": 15000, "version": 1, "fragments": 2}); {} if it cannot be read."""
    done = subprocess.run([inspect, uri, *options], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        return {}
    return {key: int(value) for key, value in re.findall(r"^(\w+): (\d+)$", done.stdout, re.M)}


def run_cli(bin_dir, *args):
    """Runs the lance-bridge command line (cpp/tools/lance-bridge): (0, its
    "key: value" lines as a dict, whole numbers as ints), or (exit status, its
    message) when it fails."""
    done = subprocess.run([os.path.join(bin_dir, "lance-bridge"), "--quiet", *args], capture_output=True, text=True)
    if done.returncode != 0:
        return done.returncode, done.stderr.strip()
    facts = {}
    for line in done.stdout.splitlines():
        key, _, value = line.partition(": ")
        facts[key] = int(value) if value.lstrip("-").isdigit() else value
    return 0, facts


def write_table(header, rows, path=None):
    """Prints `rows` as a Markdown table under `header` (column names), and
    writes it to `path` too when one is given (the fault tests' reports)."""
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(str(c).replace("|", "/") for c in row) + " |" for row in rows]
    print("\n".join(lines))
    if path:
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")


def lineitem_text(tpch_lance, sf, reference, work):
    """lineitem's dbgen .tbl text at `sf` from `tpch-lance --format tbl`, checked
    against dbgen's md5 first: the oracle the fault tests hold every version to."""
    out = os.path.join(work, f"tbl-{sf}")
    subprocess.run([tpch_lance, "--scale-factor", sf, "--tables", "lineitem", "--format", "tbl", "--mode", "overwrite",
                    "--quiet", "--output-dir", out], check=True)
    with open(os.path.join(out, "lineitem.tbl"), "rb") as f:
        text = f.read()
    check(hashlib.md5(text).hexdigest() == reference_md5(reference)["lineitem"],
          f"lineitem at SF {sf} as text equals dbgen's (the oracle every version is checked against)")
    return text
