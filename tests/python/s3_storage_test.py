"""Lance datasets on a real S3-compatible server (moto, on 127.0.0.1), written by
tpch-lance and the C++ API and read back by pylance and lance-bridge-inspect:
create, append, overwrite, create refused, pieces prepared in two processes and
committed in a third, a discarded piece and an aborted write leaving no object,
storage options from the AWS_* variables, a bad endpoint and a bad bucket.

usage: s3_storage_test.py BIN_DIR REFERENCE_MD5(sf0.1) REFERENCE_MD5(sf0.01) WORK_DIR
Needs pylance and moto (checks.require: missing, they fail unless LANCE_BRIDGE_ALLOW_SKIPS=1).
"""

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish, reference_md5, require, tbl_md5  # noqa: E402

require("lance", "moto.server", "boto3")
from pylance_readback import check_against_dbgen, table_md5  # noqa: E402
from s3_local import LocalS3, free_port  # noqa: E402

TABLES = ["customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier"]


def parquet_md5s(s3, prefix, tables=TABLES):
    """Each Parquet object read with pyarrow's S3 filesystem, as dbgen text md5."""
    import pyarrow.fs
    import pyarrow.parquet

    fs = pyarrow.fs.S3FileSystem(endpoint_override=s3.endpoint, scheme="http", access_key="testing",
                                 secret_key="testing", region="us-east-1")
    return {t: table_md5(pyarrow.parquet.read_table(f"{s3.bucket}/{prefix}/{t}.parquet", filesystem=fs))[0]
            for t in tables}



def run(command, env, timeout=600):
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    return done.returncode, done.stdout + done.stderr


def info(inspect, uri, s3):
    rc, out = run([inspect, uri] + s3.cli_options(), s3.env())
    fields = dict(line.split(": ", 1) for line in out.splitlines() if ": " in line and not line.startswith(" "))
    return rc, fields.get("rows"), fields.get("version")


def main():
    bin_dir, reference, reference_sf001, work = sys.argv[1:5]
    tpch, inspect, pieces = (os.path.join(bin_dir, name) for name in ("tpch-lance", "lance-bridge-inspect", "piece_tool"))
    os.makedirs(work, exist_ok=True)
    with LocalS3() as s3:
        base = f"s3://{s3.bucket}"
        # All eight tables at SF 0.1 through tpch-lance, read back by pylance.
        rc, out = run([tpch, "--scale-factor", "0.1", "--output-dir", f"{base}/tpch", "--quiet"] + s3.cli_options(), s3.env())
        check(rc == 0, f"tpch-lance SF 0.1 to {base}/tpch ({out.strip()[-300:]})")
        check(check_against_dbgen(f"{base}/tpch", reference, s3.options()) == 0,
              "pylance reads all eight tables back from S3 equal to dbgen's")

        keys = s3.keys("tpch/")
        rc, out = run([tpch, "--scale-factor", "0.1", "--tables", "nation", "--output-dir", f"{base}/tpch"]
                      + s3.cli_options(), s3.env())
        check(rc == 2 and "already exists" in out and s3.keys("tpch/") == keys, "create over an existing dataset is refused, nothing changed")

        nation = f"{base}/tpch/nation.lance"
        for mode, rows, version in (("append", "50", "2"), ("overwrite", "25", "3")):
            rc, out = run([tpch, "--scale-factor", "0.1", "--tables", "nation", "--mode", mode, "--quiet",
                           "--output-dir", f"{base}/tpch"] + s3.cli_options(), s3.env())
            check(rc == 0 and info(inspect, nation, s3) == (0, rows, version), f"{mode}: {rows} rows, version {version}")

        # Storage options from the usual AWS_* variables alone.
        rc, out = run([inspect, nation], s3.env(with_credentials=True))
        check(rc == 0 and "rows: 25" in out, "lance-bridge-inspect with AWS_* variables and no options")

        # Pieces: two processes prepare, a third commits them as one version.
        cred = s3.env(with_credentials=True)
        target, single = f"{base}/pieces.lance", f"{base}/single.lance"
        run([pieces, "write", target, "0", "10"], cred)
        before = s3.keys("pieces.lance/")
        p1, p2, p3 = (os.path.join(work, f"p{k}.piece") for k in (1, 2, 3))
        rc1, _ = run([pieces, "prepare", target, "10", "40", p1, "append"], cred)
        rc2, _ = run([pieces, "prepare", target, "50", "40", p2, "append"], cred)
        check(rc1 == rc2 == 0 and len(s3.keys("pieces.lance/")) > len(before), "two processes prepared pieces on S3")
        rc, out = run([pieces, "commit", target, p1, p2], cred)
        check(rc == 0 and "version=2 rows=80" in out, f"a third process committed both as version 2 ({out.strip()})")
        run([pieces, "write", single, "0", "90"], cred)
        sums = [run([inspect, uri, "--checksum"], cred)[1].strip() for uri in (target, single)]
        check(sums[0] == sums[1] and "rows=90" in sums[0], f"pieces read back equal to one writer's rows ({sums})")

        committed = s3.keys("pieces.lance/")
        rc, _ = run([pieces, "prepare", target, "90", "40", p3, "append"], cred)
        grew = len(s3.keys("pieces.lance/")) > len(committed)
        rc, out = run([pieces, "discard", target, p3], cred)
        check(grew and rc == 0 and s3.keys("pieces.lance/") == committed, "a discarded piece leaves no object behind")
        rc, out = run([pieces, "abort", target, "200", "20000"], cred)
        check(rc == 0 and s3.keys("pieces.lance/") == committed, "an aborted write leaves no object behind")
        check(info(inspect, target, s3)[1:] == ("90", "2"), "the dataset is as committed")

        # TPC-H in parts on S3: two processes write, a third commits; pieces wait under _pending/.
        expected = reference_md5(reference_sf001)
        parts = [subprocess.Popen([tpch, "--scale-factor", "0.01", "--tables", "nation,lineitem", "--parts", "2",
                                   "--part", str(k), "--quiet", "--output-dir", f"{base}/parts"] + s3.cli_options(),
                                  env=s3.env()) for k in (1, 2)]
        codes = [p.wait() for p in parts]
        check(codes == [0, 0] and len(s3.keys("parts/_pending/")) == 4, "two part writers on S3")
        rc, out = run([tpch, "commit", "--tables", "nation,lineitem", "--output-dir", f"{base}/parts"] + s3.cli_options(),
                      s3.env())
        dumps = {t: tbl_md5(inspect, f"{base}/parts/{t}.lance", *s3.cli_options(), env=s3.env())
                 for t in ("nation", "lineitem")}
        check(rc == 0 and s3.keys("parts/_pending/") == [] and all(dumps[t] == expected[t] for t in dumps),
              f"tpch-lance commit on S3: one version per table equal to dbgen's, pieces removed ({out.strip()[-200:]})")

        # Bad endpoint and bad bucket: a clear error (exit 2), nothing written.
        closed = [f"--storage-option=aws_endpoint=http://127.0.0.1:{free_port()}", "--storage-option=client_max_retries=0",
                  "--storage-option=connect_timeout=2s"]
        rc, out = run([tpch, "--tables", "nation", "--output-dir", f"{base}/bad"] + s3.cli_options() + closed, s3.env(), 300)
        check(rc == 2 and "cannot reach" in out, f"a closed endpoint is refused with exit 2 ({out.strip()[-200:]})")
        rc, out = run([tpch, "--tables", "nation", "--output-dir", "s3://no-such-bucket/x"] + s3.cli_options(), s3.env(), 300)
        check(rc == 2 and "no-such-bucket" in out, f"a missing bucket is refused with exit 2 ({out.strip()[-200:]})")
        check([b["Name"] for b in s3.client().list_buckets()["Buckets"]] == [s3.bucket],
              "the missing bucket was not created")
        # Parquet objects: written by tpch-lance, read back by pyarrow's own S3 client.
        rc, out = run([tpch, "--scale-factor", "0.01", "--format", "parquet", "--quiet", "--output-dir", f"{base}/pq"]
                      + s3.cli_options(), s3.env())
        check(rc == 0 and s3.keys("pq/") == [f"pq/{t}.parquet" for t in sorted(TABLES)],
              f"Parquet to S3: one object per table, nothing else ({s3.keys('pq/')})")
        sums = parquet_md5s(s3, "pq")
        check(sums == expected, "pyarrow reads every Parquet object back equal to dbgen's")
        rc, out = run([tpch, "--scale-factor", "0.01", "--format", "parquet", "--tables", "nation",
                       "--output-dir", f"{base}/pq"] + s3.cli_options(), s3.env())
        check(rc == 2 and "already exists" in out, "Parquet create over an existing object is refused")
        rc, out = run([tpch, "--scale-factor", "0.01", "--format", "parquet", "--tables", "nation", "--mode", "overwrite",
                       "--quiet", "--output-dir", f"{base}/pq"] + s3.cli_options(), s3.env())
        check(rc == 0 and parquet_md5s(s3, "pq", ["nation"]) == {"nation": expected["nation"]}, "Parquet overwrite on S3")
        rc, out = run([pieces, "abort", f"{base}/aborted.parquet", "0", "1000000", "parquet"], cred)
        uploads = s3.client().list_multipart_uploads(Bucket=s3.bucket).get("Uploads", [])
        check(rc == 0 and s3.keys("aborted") == [] and uploads == [],
              f"an aborted Parquet upload leaves no object and no open upload ({uploads})")
    return finish()


if __name__ == "__main__":
    sys.exit(main())
