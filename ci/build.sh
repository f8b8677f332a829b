#!/usr/bin/env bash
# Configures and builds PaviKit with CMake + Ninja (ccache when present), and prints how long it took.
# usage: ci/build.sh [release|asan]   (env: BUILD_DIR, JOBS, CMAKE_ARGS)
set -euo pipefail
cd "$(dirname "$0")/.."

flavour=${1:-release}
jobs=${JOBS:-$(nproc)}
case "$flavour" in
  release)
    dir=${BUILD_DIR:-build}
    args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
    targets=(all)
    ;;
  asan)
    # Only the test programs: the sanitizer pass exists to run the unit tests under ASan + UBSan.
    dir=${BUILD_DIR:-build-asan}
    args=(-DCMAKE_BUILD_TYPE=Debug -DPAVIKIT_SANITIZE=ON -DPAVIKIT_BENCH=OFF -DPAVIKIT_PYTHON=OFF)
    targets=(all)
    ;;
  *)
    echo "usage: ci/build.sh [release|asan]" >&2
    exit 2
    ;;
esac

start=$(date +%s)
# shellcheck disable=SC2086
cmake -S . -B "$dir" -G Ninja -DPython_EXECUTABLE=/usr/bin/python3 "${args[@]}" ${CMAKE_ARGS:-} >/dev/null
cmake --build "$dir" -j "$jobs" --target "${targets[@]}"
echo "build ($flavour): $(( $(date +%s) - start )) s in $dir"
