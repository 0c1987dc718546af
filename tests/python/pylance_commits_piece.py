"""A piece prepared by the C++ API in one process is committed by pylance in
another: the piece's fragments, read with lance.FragmentMetadata.from_json, go
into lance.LanceOperation.Append (and .Overwrite for a new dataset), and the
dataset reads back equal to the same rows written by one C++ writer.

usage: pylance_commits_piece.py BIN_DIR WORK_DIR     (needs pylance: checks.require)
"""

import json
import os
import shutil
import subprocess
import sys

from checks import require  # this folder: the script's own

require("lance")
import lance  # noqa: E402


def main():
    bin_dir, work = sys.argv[1:3]
    tool, inspect = os.path.join(bin_dir, "piece_tool"), os.path.join(bin_dir, "lance-bridge-inspect")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    single, appended, created = (os.path.join(work, n) for n in ("single.lance", "appended.lance", "created.lance"))
    run = lambda *args: subprocess.run([tool, *args], check=True, capture_output=True, text=True).stdout
    checksum = lambda uri: subprocess.run([inspect, uri, "--checksum"], check=True, capture_output=True,
                                          text=True).stdout.strip()
    piece_path = os.path.join(work, "p.piece")
    failures = 0

    run("write", single, "0", "300")

    # Append: C++ writes 100 rows and prepares 200 more; Python commits them.
    run("write", appended, "0", "100")
    run("prepare", appended, "100", "200", piece_path, "append")
    piece = json.load(open(piece_path))
    fragments = [lance.FragmentMetadata.from_json(json.dumps(f)) for f in piece["fragments"]]
    dataset = lance.LanceDataset.commit(appended, lance.LanceOperation.Append(fragments),
                                        read_version=piece["read_version"])
    ok = dataset.version == 2 and dataset.count_rows() == 300 and checksum(appended) == checksum(single)
    print(f"{'ok  ' if ok else 'FAIL'} pylance committed an appending piece: version {dataset.version}, "
          f"{dataset.count_rows()} rows, {checksum(appended)}")
    failures += not ok

    # Create: a piece for a new dataset, committed as an Overwrite.
    run("prepare", created, "0", "300", piece_path)
    piece = json.load(open(piece_path))
    fragments = [lance.FragmentMetadata.from_json(json.dumps(f)) for f in piece["fragments"]]
    schema = lance.dataset(single).schema
    dataset = lance.LanceDataset.commit(created, lance.LanceOperation.Overwrite(schema, fragments))
    ok = dataset.version == 1 and checksum(created) == checksum(single)
    print(f"{'ok  ' if ok else 'FAIL'} pylance committed a creating piece: version {dataset.version}, {checksum(created)}")
    failures += not ok
    shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
