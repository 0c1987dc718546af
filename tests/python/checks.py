"""The scripted tests' checks: each prints one line, failures are counted, and
the script ends with one closing line ('N passed, N failed') and its exit status."""

FAILURES = []
PASSED = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    (PASSED if condition else FAILURES).append(what)


def finish():
    """Prints the closing line and returns the exit status."""
    print(f"{len(PASSED)} checks passed, {len(FAILURES)} failed")
    return 1 if FAILURES else 0


def reference_md5(path):
    """dbgen's md5 sums (an `md5sum` listing of <table>.tbl files): {table: md5}."""
    sums = {}
    for line in open(path):
        digest, name = line.split()
        sums[name.removesuffix(".tbl")] = digest
    return sums
