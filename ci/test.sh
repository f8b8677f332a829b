#!/usr/bin/env bash
# The one test command: installs what is missing, builds, and runs every test — ctest on the release build,
# the unit tests again under ASan + UBSan, and the Python suites once python/ has them. Prints the durations.
set -euo pipefail
cd "$(dirname "$0")/.."

total_start=$(date +%s)
bash ci/install-deps.sh

bash ci/build.sh release
start=$(date +%s)
ctest --test-dir build --output-on-failure -j "$(nproc)" --timeout 600
echo "tests (release): $(( $(date +%s) - start )) s"

bash ci/build.sh asan
start=$(date +%s)
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j "$(nproc)" --timeout 900 -LE slow
echo "tests (asan+ubsan): $(( $(date +%s) - start )) s"

if [ -d python/tests ]; then
  start=$(date +%s)
  PYTHONPATH="$PWD/build/python:$PWD/python${PYTHONPATH:+:$PYTHONPATH}" /usr/bin/python3 -m pytest -q python/tests python/examples
  echo "tests (python): $(( $(date +%s) - start )) s"
fi

echo "total: $(( $(date +%s) - total_start )) s"
