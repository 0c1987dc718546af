#!/usr/bin/env bash
# The packages from `cpack` installed as a new user would, on a brand-new minimal
# Debian/Ubuntu root without any Rust toolchain (tests/packaging/debian_root.sh
# makes it; a fresh copy is unpacked here, offline): the .deb with apt-get, then,
# once it is removed, the tarball untarred into /opt. Each time tpch-lance writes
# the eight TPC-H tables at SF 0.01 as Lance, lance-bridge-inspect reads them back
# as .tbl text whose md5 must be dbgen's, and a consumer project builds against
# the package with find_package(lance_bridge) and with pkg-config, and runs.
#
#   fresh_root_install.sh ROOT_TAR PACKAGES_DIR CONSUMER_DIR REFERENCE_MD5 WORK_DIR
# Exit 77 (skipped) when there is no root to use, or when not run as root.
set -euo pipefail
root_tar=$1 packages=$2 consumer=$3 reference=$4 work=$5

if [ -z "$root_tar" ] || [ ! -s "$root_tar" ]; then
  echo "skipped: no fresh Debian root at '${root_tar}' (tests/run.sh makes one when run as root on Debian/Ubuntu)"
  exit 77
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "skipped: installing a .deb into a chroot needs root"
  exit 77
fi
deb=$(ls "$packages"/lance-bridge_*.deb)
tgz=$(ls "$packages"/lance-bridge-*.tar.gz)

root="$work/root"
rm -rf "$work"
mkdir -p "$root"
trap 'rm -rf "$work"' EXIT
tar -xf "$root_tar" -C "$root"
mkdir -p "$root/check"
cp "$deb" "$tgz" "$reference" "$(dirname "$0")/in_fresh_root.sh" "$(dirname "$0")/tpch_readback.sh" \
  "$(dirname "$0")/consumers.sh" "$root/check/"
cp -r "$consumer" "$root/check/consumer"
# Its own mount namespace and a /proc of its own (nothing stays mounted after
# it), and a network namespace with only loopback: the install needs no network.
unshare --mount --pid --net --fork --mount-proc="$root/proc" \
  chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
  /bin/bash /check/in_fresh_root.sh "/check/$(basename "$deb")" "/check/$(basename "$tgz")" \
  /check/consumer "/check/$(basename "$reference")"
