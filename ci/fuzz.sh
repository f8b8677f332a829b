#!/usr/bin/env bash
# Runs each libFuzzer target for a while (default 60 s each) with clang, ASan and UBSan.
# usage: ci/fuzz.sh [seconds]   New crashes land in build-fuzz/; copy a reproducer into tests/fuzz/corpus-<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
bash ci/install-deps.sh
command -v clang++ >/dev/null || apt-get install -y -q clang libclang-rt-14-dev
CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DPAVIKIT_FUZZ=ON -DPAVIKIT_BENCH=OFF -DPAVIKIT_PYTHON=OFF \
  -DPython_EXECUTABLE=/usr/bin/python3 >/dev/null
targets=$(sed -n 's/^pavikit_fuzz_target(\([a-z0-9_]*\).*/\1/p' tests/fuzz/CMakeLists.txt)
cmake --build build-fuzz -j "$(nproc)" --target $targets
for t in $targets; do
  mkdir -p "build-fuzz/corpus-$t"
  (cd build-fuzz && "./tests/fuzz/$t" -max_total_time="$seconds" "corpus-$t" "../tests/fuzz/corpus-$t")
done
