#!/usr/bin/env bash
# Installs what is missing, builds, and runs PaviKit's main job. Until the gateway lands, that is a replay of
# the bundled demo page at Minitel line speed (1200 bit/s) in this terminal.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/install-deps.sh
bash ci/build.sh release
exec build/simulators/pavi replay --ansi --pace 1200 fixtures/demo/demo.vdt
