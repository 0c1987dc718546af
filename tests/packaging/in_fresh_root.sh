#!/usr/bin/env bash
# Runs inside the fresh root (see fresh_root_install.sh).
#   in_fresh_root.sh DEB TARBALL CONSUMER_DIR REFERENCE_MD5
set -euo pipefail
deb=$1 tgz=$2 consumer=$3 reference=$4
step() { echo "== $*"; }

step "no Rust toolchain here"
for tool in cargo rustc rustup; do
  if command -v "$tool" >/dev/null; then echo "FAIL: $tool is installed in the fresh root"; exit 1; fi
done
[ ! -e /root/.cargo ] || { echo "FAIL: /root/.cargo exists in the fresh root"; exit 1; }

step "apt-get install $(basename "$deb")"
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb" >/tmp/apt.log 2>&1 \
  || { cat /tmp/apt.log; echo "FAIL: apt-get install of the .deb"; exit 1; }
dpkg -s lance-bridge | grep -E '^(Version|Depends|Installed-Size):'
bash "$(dirname "$0")/tpch_readback.sh" /usr/bin /tmp/tpch-deb "$reference"
bash "$(dirname "$0")/consumers.sh" "$consumer" /tmp/consumers-deb
step "apt-get remove lance-bridge"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -q lance-bridge >/tmp/apt.log 2>&1 \
  || { cat /tmp/apt.log; echo "FAIL: apt-get remove"; exit 1; }
left=$(ls /usr/lib/liblance_bridge* /usr/bin/tpch-lance /usr/include/lance_bridge 2>/dev/null || true)
[ -z "$left" ] || { echo "FAIL: left after removal: $left"; exit 1; }

step "untar $(basename "$tgz") into /opt"
tar -xzf "$tgz" -C /opt
prefix=$(echo /opt/lance-bridge-*)
bash "$(dirname "$0")/tpch_readback.sh" "$prefix/bin" /tmp/tpch-tgz "$reference"
PKG_CONFIG_PATH="$prefix/lib/pkgconfig" bash "$(dirname "$0")/consumers.sh" "$consumer" /tmp/consumers-tgz \
  -DCMAKE_PREFIX_PATH="$prefix"
echo "ok: the .deb and the tarball install and work without a Rust toolchain"
