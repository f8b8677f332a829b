#!/bin/bash
# The README's quick start, end to end: pavi-gateway with no durl serves its welcome page, and
# `pavi session` plays fixtures/scripts/welcome.txt against it. Ports are free ones on 127.0.0.1; the gateway
# is stopped by PID whatever happens.
# usage: quick_start_visit.sh PAVI_GATEWAY PAVI SCRIPT
set -u
gateway=$1 pavi=$2 script=$3
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
log=$(mktemp)
"$gateway" --host 127.0.0.1 --maxc 10 --wsport "$port" >"$log" 2>&1 &
gateway_pid=$!
trap 'kill "$gateway_pid" 2>/dev/null; wait "$gateway_pid" 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  kill -0 "$gateway_pid" 2>/dev/null || { cat "$log"; echo "pavi-gateway did not start"; exit 1; }
  sleep 0.1
done
timeout 60 "$pavi" session "ws://127.0.0.1:$port" --script "$script" --screens end
