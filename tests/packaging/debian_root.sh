#!/usr/bin/env bash
# Makes (once) the brand-new minimal Debian or Ubuntu root that the package test
# installs lance-bridge's .deb and tarball into: the release this machine runs,
# minbase plus what a C++ user of the package has (root-packages: cmake, g++,
# make, pkg-config), and no Rust toolchain. It is kept as a tar file in CACHE_DIR
# (made again when root-packages changes); the test unpacks a fresh copy each
# run, so the test itself needs no network. Prints the tar file's path, or
# nothing (and why, on stderr) where no root can be made: not Debian or Ubuntu,
# or not root.
#
#   bash tests/packaging/debian_root.sh CACHE_DIR      (~1 min the first time; Debian's mirrors)
set -euo pipefail
cache=$1
packages_file="$(dirname "$0")/root-packages"

. /etc/os-release
case "${ID:-}" in
  debian) mirror=http://deb.debian.org/debian ;;
  ubuntu) mirror=http://archive.ubuntu.com/ubuntu ;;
  *) echo "debian_root: not Debian or Ubuntu (${ID:-unknown}): no root for the package test" >&2; exit 0 ;;
esac
if [ "$(id -u)" -ne 0 ]; then
  echo "debian_root: not root: no root for the package test (it installs a .deb in a chroot)" >&2
  exit 0
fi

tar_file="$cache/debian-root-$VERSION_CODENAME-$(sha256sum "$packages_file" | cut -c1-12).tar"
if [ ! -s "$tar_file" ]; then
  command -v mmdebstrap >/dev/null || { echo "debian_root: no mmdebstrap (bash .ci/install-deps installs it)" >&2; exit 1; }
  echo "debian_root: making a minimal $VERSION_CODENAME root for the package test: $tar_file" >&2
  mkdir -p "$cache"
  include=$(paste -sd, "$packages_file")
  mmdebstrap --quiet --format=tar --variant=minbase --include="$include" \
    "$VERSION_CODENAME" "$tar_file.partial" "$mirror" >&2
  mv "$tar_file.partial" "$tar_file"
fi
echo "$tar_file"
