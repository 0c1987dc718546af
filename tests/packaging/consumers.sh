#!/usr/bin/env bash
# An installed lance-bridge, used as consumer projects would use it: tests/consumer
# built with CMake and find_package(lance_bridge) (CMAKE_ARGS tell where to find
# it), and its main.cpp compiled with pkg-config's flags (PKG_CONFIG_PATH from the
# caller's environment; the compiler is CXX, else g++) and the library's folder
# as its RPATH. Each program
# writes a small dataset and reads its row count back.
#   consumers.sh CONSUMER_DIR WORK_DIR [CMAKE_ARG ...]
set -euo pipefail
consumer=$1 work=$2
shift 2
rm -rf "$work"
mkdir -p "$work"
cmake -S "$consumer" -B "$work/cmake" -DCONSUMER_USE_FIND_PACKAGE=ON -DCMAKE_BUILD_TYPE=Release "$@" \
  >"$work/build.log" 2>&1 || { cat "$work/build.log"; echo "FAIL: find_package(lance_bridge)"; exit 1; }
cmake --build "$work/cmake" >>"$work/build.log" 2>&1 || { cat "$work/build.log"; echo "FAIL: consumer build"; exit 1; }
"$work/cmake/consumer_app" "$work/find_package.lance"
libdir=$(pkg-config --variable=libdir lance_bridge)
# shellcheck disable=SC2046  # pkg-config's flags are words
"${CXX:-g++}" "$consumer/main.cpp" $(pkg-config --cflags --libs lance_bridge) -Wl,-rpath,"$libdir" -o "$work/pkg_config_app"
"$work/pkg_config_app" "$work/pkg_config.lance"
echo "ok: consumers built with find_package and with pkg-config, and ran"
