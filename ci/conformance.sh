#!/usr/bin/env bash
# The conformance suite against the built gateway, for CI or a gateway operator: starts pavi-gateway on free
# 127.0.0.1 ports with its durl set to the address of the suite's fake service, runs `pavi conformance` with a JUnit
# report, stops the gateway by its PID, and exits with the suite's status (0 no check failed, (Q) items aside;
# 1 a check failed, or the gateway did not start or did not stop cleanly; 2 bad usage).
# usage: ci/conformance.sh [REPORT.xml [pavi conformance options...]]
#   ci/conformance.sh conformance.xml --strict-quirks      ci/conformance.sh out.xml --only C-036,C-043
# env: BUILD_DIR (default build), PAVI_GATEWAY and PAVI (the programs; default $BUILD_DIR/gateway/app/pavi-gateway
#      and $BUILD_DIR/simulators/pavi). The gateway's output goes to REPORT's name with .gateway.log.
# ctest already runs the whole suite against the gateway (tests/simulators/test_conformance_end_to_end.cpp), so
# ci/test.sh does not call this script.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
report=${1:-conformance.xml}
[ $# -gt 0 ] && shift
gateway_log="${report%.xml}.gateway.log"
build=${BUILD_DIR:-build}
[[ $build = /* ]] || build="$repo/$build"
gateway_bin=${PAVI_GATEWAY:-$build/gateway/app/pavi-gateway}
pavi_bin=${PAVI:-$build/simulators/pavi}
for program in "$gateway_bin" "$pavi_bin"; do
  if [ ! -x "$program" ]; then
    echo "ci/conformance.sh: $program is not built (bash ci/build.sh)" >&2
    exit 2
  fi
done

# Three ports free right now: ws, telnet, and the fake service's (the durl).
free_ports() {
  /usr/bin/python3 -c '
import socket
sockets = [socket.socket() for _ in range(3)]
for s in sockets: s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in sockets))'
}

gateway_pid=""
gateway_status=0
# SIGTERM, then SIGKILL from a watchdog if the gateway has not exited within 10 s; keeps its exit status.
stop_gateway() {
  [ -n "$gateway_pid" ] || return 0
  kill -TERM "$gateway_pid" 2>/dev/null || true
  ( sleep 10 && kill -KILL "$gateway_pid" ) >/dev/null 2>&1 &
  local watchdog=$!
  gateway_status=0
  wait "$gateway_pid" || gateway_status=$?
  kill "$watchdog" 2>/dev/null || true
  gateway_pid=""
}
pavi_pid=""
cleanup() {
  [ -z "$pavi_pid" ] || kill -TERM "$pavi_pid" 2>/dev/null || true
  stop_gateway
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for attempt in 1 2 3; do
  read -r ws_port telnet_port service_port < <(free_ports)
  durl="http://127.0.0.1:$service_port/home"
  "$gateway_bin" --host 127.0.0.1 --maxc 50 --wsport "$ws_port" --telnport "$telnet_port" --durl "$durl" \
    >"$gateway_log" 2>&1 &
  gateway_pid=$!
  for _ in $(seq 300); do
    grep -q "Passerelle prête." "$gateway_log" && break
    kill -0 "$gateway_pid" 2>/dev/null || break
    sleep 0.1
  done
  grep -q "Passerelle prête." "$gateway_log" && break
  stop_gateway
  # Another program took a port between our choice and the gateway's bind: choose again.
  grep -q "already in use" "$gateway_log" && [ "$attempt" -lt 3 ] && continue
  echo "ci/conformance.sh: pavi-gateway did not start (exit $gateway_status); its output:" >&2
  cat "$gateway_log" >&2
  exit 1
done

echo "ci/conformance.sh: pavi-gateway (pid $gateway_pid) on ws://127.0.0.1:$ws_port and telnet" \
     "127.0.0.1:$telnet_port, durl $durl; output in $gateway_log"
# In the background, so that an interrupt reaches the traps at once (they stop both programs).
"$pavi_bin" conformance --gateway "ws://127.0.0.1:$ws_port" --telnet "127.0.0.1:$telnet_port" \
  --service-url "$durl" --wait 30 --timeout 3000 --format junit --output "$report" "$@" &
pavi_pid=$!
status=0
wait "$pavi_pid" || status=$?
pavi_pid=""

stop_gateway
if [ "$gateway_status" -ne 0 ]; then
  echo "ci/conformance.sh: pavi-gateway exited with status $gateway_status when stopped (see $gateway_log)" >&2
  [ "$status" -eq 0 ] && status=1
fi
exit "$status"
