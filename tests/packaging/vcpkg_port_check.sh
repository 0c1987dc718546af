#!/usr/bin/env bash
# By hand, where vcpkg is installed (not in ctest: no package registry here
# carries the vcpkg tool): installs the overlay port ports/lance-bridge from this
# source tree into VCPKG_ROOT, then uses it as a vcpkg user would. The packaged
# tpch-lance writes TPC-H SF 0.01 as Lance and lance-bridge-inspect reads each
# table back with dbgen's md5; tests/consumer builds with vcpkg's toolchain file
# and find_package(lance_bridge), and with pkg-config, and runs.
#
#   VCPKG_ROOT=<vcpkg> bash tests/packaging/vcpkg_port_check.sh [TRIPLET]   (default x64-linux)
# Offline: VCPKG_FORCE_SYSTEM_BINARIES=1 (system cmake and ninja), and the port's
# one dependency, cli11, comes from a stand-in port that copies the system's
# CLI11 (vcpkg-offline-ports/; vcpkg's own downloads its source). Set
# LANCE_BRIDGE_CARGO_TARGET_DIR to reuse compiled lance.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
vcpkg_root=${VCPKG_ROOT:?set VCPKG_ROOT to a vcpkg checkout with its vcpkg binary}
triplet=${1:-x64-linux}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$vcpkg_root/vcpkg" remove lance-bridge cli11 --triplet="$triplet" >/dev/null 2>&1 || true
"$vcpkg_root/vcpkg" install lance-bridge --overlay-ports="$repo/ports" \
  --overlay-ports="$repo/tests/packaging/vcpkg-offline-ports" --triplet="$triplet" --binarysource=clear \
  | tee "$work/install.log" | tail -3
# vcpkg_check_linkage(ONLY_DYNAMIC_LIBRARY) makes a static triplet build it as a shared library.
if grep -q "warning:" "$work/install.log"; then
  grep -B2 -A4 "warning:" "$work/install.log"; echo "FAIL: vcpkg warned about the port"; exit 1
fi

installed="$vcpkg_root/installed/$triplet"
tools="$installed/tools/lance-bridge"
bash "$repo/tests/packaging/tpch_readback.sh" "$tools" "$work/tpch" "$repo/tests/fixtures/tpch-reference/sf0.01.md5"

PKG_CONFIG_PATH="$installed/lib/pkgconfig" bash "$repo/tests/packaging/consumers.sh" "$repo/tests/consumer" "$work/consumers" \
  -DCMAKE_TOOLCHAIN_FILE="$vcpkg_root/scripts/buildsystems/vcpkg.cmake" -DVCPKG_TARGET_TRIPLET="$triplet"
echo "ok: vcpkg port lance-bridge ($triplet): installed, programs and consumers (find_package, pkg-config) work"
