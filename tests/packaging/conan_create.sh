#!/usr/bin/env bash
# `conan create` of the recipe (conanfile.py) in a Conan home of the test's own,
# with no remote: it builds lance-bridge from the source tree, packages it, and
# builds and runs test_package/ against the package (find_package through
# Conan's CMakeDeps, the packaged tpch-lance on PATH). A copy of test_package/
# is used, so nothing is written into the source tree.
#
#   conan_create.sh CONAN SOURCE_DIR WORK_DIR
# LANCE_BRIDGE_CARGO_TARGET_DIR (passed on to the recipe) reuses compiled lance.
set -euo pipefail
conan=$1 source=$2 work=$3

rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
export CONAN_HOME="$work/conan-home"
"$conan" profile detect --force >/dev/null
# Nothing to download: the recipe requires no other package.
"$conan" remote remove conancenter >/dev/null 2>&1 || true
cp -r "$source/test_package" "$work/test_package"
"$conan" create "$source" --test-folder="$work/test_package" \
  -c tools.cmake.cmaketoolchain:generator=Ninja -c tools.build:jobs="$(nproc)"
"$conan" list "lance-bridge/*:*"
