#!/usr/bin/env bash
# Installs what is missing, builds, and starts the gateway on its embedded welcome service:
# ws://localhost:8182/ and telnet on port 8183 (Ctrl-C stops it, sending each session's FIN).
# Extra arguments go to pavi-gateway, e.g. `bash ci/start.sh --cfgfile /etc/minipavi/config.xml`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/install-deps.sh
bash ci/build.sh release
if [ "$#" -eq 0 ]; then
  echo "Connect a Minitel emulator to ws://localhost:8182/ or telnet to localhost port 8183."
fi
exec build/gateway/app/pavi-gateway "$@"
