#!/usr/bin/env bash
# Builds everything (Rust crates and C++ targets) in one CMake configure + build,
# then runs every test: googletest suites, integration tests and the cargo tests.
#
#   bash tests/run.sh            build into ./build and test
#
# BUILD_DIR (default ./build), BUILD_TYPE (default Release; Debug builds the
# Rust crates with cargo's dev profile) and LANCE_BRIDGE_CARGO_TARGET_DIR
# (cargo's target folder; default <build>/cargo) can be set: point the latter
# somewhere lasting to keep the compiled dependencies (lance: ~30 minutes in
# release, ~8 in dev) across clones. CMAKE_ARGS and CTEST_ARGS are passed on.
#
#   BUILD_DIR=build-sanitize BUILD_TYPE=Debug CMAKE_ARGS=-DLANCE_BRIDGE_SANITIZE=ON bash tests/run.sh
#                                the C++ side under ASan + UBSan (see README)
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${BUILD_DIR:-build}
cargo_target=()
[ -n "${LANCE_BRIDGE_CARGO_TARGET_DIR:-}" ] && cargo_target=(-DLANCE_BRIDGE_CARGO_TARGET_DIR="$LANCE_BRIDGE_CARGO_TARGET_DIR")
# A build folder keeps the generator it was first configured with (CMake refuses
# another), so choose one only for a new folder: Ninja when it is installed.
generator=()
if [ ! -f "$build_dir/CMakeCache.txt" ] && command -v ninja >/dev/null; then
  generator=(-G Ninja)
fi

cmake -S . -B "$build_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" "${cargo_target[@]}" ${CMAKE_ARGS:-}
cmake --build "$build_dir" --parallel "$(nproc)"
ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)" ${CTEST_ARGS:-}
