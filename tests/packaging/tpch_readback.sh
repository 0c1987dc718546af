#!/usr/bin/env bash
# Installed programs, checked end to end: BIN_DIR/tpch-lance writes the eight
# TPC-H tables at SF 0.01 as Lance into OUT_DIR, and BIN_DIR/lance-bridge-inspect
# reads each back as .tbl text, whose md5 must be dbgen's (REFERENCE_MD5).
#   tpch_readback.sh BIN_DIR OUT_DIR REFERENCE_MD5
set -euo pipefail
bin=$1 out=$2 reference=$3
"$bin/tpch-lance" --help >/dev/null
"$bin/tpch-lance" --scale-factor 0.01 --output-dir "$out" --quiet
while read -r sum file; do
  table=${file%.tbl}
  got=$("$bin/lance-bridge-inspect" "$out/$table.lance" --tbl | md5sum | cut -d' ' -f1)
  [ "$got" = "$sum" ] || { echo "FAIL: $table read back from Lance: md5 $got, dbgen's is $sum"; exit 1; }
done <"$reference"
echo "ok: $bin/tpch-lance wrote SF 0.01; each table reads back with dbgen's md5"
