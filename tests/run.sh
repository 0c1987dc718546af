#!/usr/bin/env bash
# Builds everything (Rust crates and C++ targets) in one CMake configure + build,
# then runs every test: googletest suites, integration tests and the cargo tests.
#
#   bash tests/run.sh            build into ./build and test
#
# BUILD_DIR (default ./build) and LANCE_BRIDGE_CARGO_TARGET_DIR (default
# ~/.cache/lance-bridge/target: compiled dependencies survive new clones) can be set.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${BUILD_DIR:-build}
cargo_target=${LANCE_BRIDGE_CARGO_TARGET_DIR:-$HOME/.cache/lance-bridge/target}
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)

cmake -S . -B "$build_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
  -DLANCE_BRIDGE_CARGO_TARGET_DIR="$cargo_target" ${CMAKE_ARGS:-}
cmake --build "$build_dir" --parallel "$(nproc)"
ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)" ${CTEST_ARGS:-}
