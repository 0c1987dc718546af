#!/usr/bin/env bash
# Builds everything (Rust crates and C++ targets) in one CMake configure + build,
# then runs every test: googletest suites, integration tests and the cargo tests.
#
#   bash tests/run.sh            install the tests' Python packages, build into ./build, test
#
# The Python tests (pylance read-back, the local S3-compatible server, Ray) need
# the packages pinned in tests/requirements.txt: this script installs them into
# an environment of the project's own (LANCE_BRIDGE_VENV, default
# ~/.cache/lance-bridge/venv; reinstalled when a requirements file changes) and
# configures the tests with its Python. Every test then runs: a skipped test
# fails the run, and the last line counts passed, failed and skipped tests.
# The package test installs the .deb into a minimal Debian root without Rust,
# which tests/packaging/debian_root.sh makes once (as root, on Debian/Ubuntu).
# LANCE_BRIDGE_ALLOW_SKIPS=1 installs nothing: tests whose packages are missing
# are skipped, and each is named with its reason above that line.
#
# BUILD_DIR (default ./build), BUILD_TYPE (default Release) and
# LANCE_BRIDGE_CARGO_TARGET_DIR (cargo's target folder; default <build>/cargo)
# can be set: point the latter somewhere lasting to keep the compiled
# dependencies (lance: ~40 minutes on 2 cores, docs/build.md) across clones. CMAKE_ARGS and
# CTEST_ARGS are passed on.
#
#   BUILD_DIR=build-sanitize BUILD_TYPE=Debug CMAKE_ARGS=-DLANCE_BRIDGE_SANITIZE=ON bash tests/run.sh
#                                the C++ side under ASan + UBSan (see README)
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${BUILD_DIR:-build}
cmake_args=(-DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}")
[ -n "${LANCE_BRIDGE_CARGO_TARGET_DIR:-}" ] && cmake_args+=(-DLANCE_BRIDGE_CARGO_TARGET_DIR="$LANCE_BRIDGE_CARGO_TARGET_DIR")
# A build folder keeps the generator it was first configured with (CMake refuses
# another), so choose one only for a new folder: Ninja when it is installed.
if [ ! -f "$build_dir/CMakeCache.txt" ] && command -v ninja >/dev/null; then
  cmake_args+=(-G Ninja)
fi

if [ "${LANCE_BRIDGE_ALLOW_SKIPS:-0}" != 1 ]; then
  venv=$(realpath -m "${LANCE_BRIDGE_VENV:-$HOME/.cache/lance-bridge/venv}")
  bash tests/python_env.sh "$venv"
  cmake_args+=(-DPython3_EXECUTABLE="$venv/bin/python")
  # A minimal Debian root without Rust, which the package test installs the .deb into.
  # Should it fail (a mirror down, say), only the package test fails, saying so.
  debian_root=$(bash tests/packaging/debian_root.sh "$HOME/.cache/lance-bridge") \
    || { echo "run.sh: no Debian root for the package test (see above)"; debian_root=""; }
  cmake_args+=(-DLANCE_BRIDGE_TEST_DEBIAN_ROOT="$debian_root")
fi

cmake -S . -B "$build_dir" "${cmake_args[@]}" ${CMAKE_ARGS:-}
cmake --build "$build_dir" --parallel "$(nproc)"
results="$(cd "$build_dir" && pwd)/ctest-results.xml"
rm -f "$results"
status=0
ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)" --output-junit "$results" ${CTEST_ARGS:-} || status=$?
# ctest counts a skipped test as passed: this names the skips and fails on them.
if [ -f "$results" ]; then
  python3 tests/ctest_summary.py "$results" || status=1
else
  echo "run.sh: ctest wrote no results ($results)"
  status=1
fi
exit "$status"
