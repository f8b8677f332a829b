#!/usr/bin/env bash
# The gateway's end-to-end load run (docs/BENCHMARKS.md, "Gateway load run"): bench_fake_service (a fast
# MiniPavi service in its own process), pavi-gateway in front of it, and `pavi stress` driving simulated
# Minitels over ws, each in its own process so that each is measured apart. Phases:
#   idle        N simulated Minitels connect, get the home page and stay connected, idle (pavi stress --hold):
#               the gateway's RSS before and while they are held -> RSS per idle session
#   throughput  U users with no think time, each Envoi a round trip to the service -> round trips/s
#   latency     A users at a human pace (think before each key), through the gateway, then the same users
#               straight against the service (pavi stress --service): the difference is what the gateway adds
# Every connection is made to 127.0.0.1, on free ports; the fake service listens on 127.0.0.1 only, but
# pavi-gateway has no bind option and listens on every address for the few minutes of the run.
# Every process is stopped by its PID on exit, and every phase is bounded in time.
#
# usage: bench/gateway/gateway_load_run.sh BUILD_DIR [--idle N] [--idle-ramp S] [--throughput-users U]
#          [--active A] [--think MS[,MS...]] [--seconds S] [--warm-up S] [--page-bytes B]
#          [--phases idle,throughput,latency] [--keep]
# Defaults: --idle 10000 --idle-ramp 20 --throughput-users 200 --active 1000 --think 500,100 --seconds 20
#   --warm-up 6 --page-bytes 930 (the mean page of ../shared/corpus/vdt).
# env GATEWAY_PREFIX: words put before the gateway's command, for profiling; they must exec the gateway in the
#   same process (its PID is the one measured), e.g. "env LD_PRELOAD=/tmp/x.so" or "valgrind --tool=massif".
set -euo pipefail

usage() {
  sed -n '/^# usage:/,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}

[ $# -ge 1 ] || usage
build=$(cd "$1" && pwd) || usage
shift
idle_sessions=10000
idle_ramp=20
throughput_users=200
active_users=1000
think_ms=500,100
measure_seconds=20
warm_up_seconds=6
page_bytes=930
phases=idle,throughput,latency
keep=false
while [ $# -gt 0 ]; do
  case "$1" in
    --idle) idle_sessions=$2; shift 2 ;;
    --idle-ramp) idle_ramp=$2; shift 2 ;;
    --throughput-users) throughput_users=$2; shift 2 ;;
    --active) active_users=$2; shift 2 ;;
    --think) think_ms=$2; shift 2 ;;
    --seconds) measure_seconds=$2; shift 2 ;;
    --warm-up) warm_up_seconds=$2; shift 2 ;;
    --page-bytes) page_bytes=$2; shift 2 ;;
    --phases) phases=$2; shift 2 ;;
    --keep) keep=true; shift ;;
    *) usage ;;
  esac
done

pavi=$build/simulators/pavi
gateway=$build/gateway/app/pavi-gateway
service=$build/bench/gateway/bench_fake_service
for program in "$pavi" "$gateway" "$service"; do
  if [ ! -x "$program" ]; then
    echo "gateway_load_run: $program is missing; build it first:" >&2
    echo "  cmake --build $build --target pavi pavi-gateway bench_fake_service" >&2
    exit 2
  fi
done

# Each side of N sessions holds N sockets in its own process, so N must fit under the open-files limit.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
fd_limit=$(ulimit -n)
if [ "$fd_limit" != unlimited ] && [ "$idle_sessions" -gt $((fd_limit - 200)) ]; then
  echo "gateway_load_run: ulimit -n is $fd_limit: holding $((fd_limit - 200)) idle sessions instead of $idle_sessions" >&2
  idle_sessions=$((fd_limit - 200))
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/gateway-load-run.XXXXXX")
cd "$work"  # the gateway's log and statistics paths are relative (./)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]+"${pids[@]}"}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]+"${pids[@]}"}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if $keep; then echo "gateway_load_run: logs kept in $work" >&2; else rm -rf "$work"; fi
}
# A process that ended is forgotten, so that its PID, if reused, is never signalled.
forget() {
  local pid kept=()
  for pid in "${pids[@]+"${pids[@]}"}"; do [ "$pid" = "$1" ] || kept+=("$pid"); done
  pids=("${kept[@]+"${kept[@]}"}")
}
trap cleanup EXIT
trap 'exit 130' INT TERM
trap 'echo "gateway_load_run: failed at line $LINENO" >&2' ERR

log() { echo "[$(date +%T)] $*" >&2; }
tick=$(getconf CLK_TCK)

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # utime + stime of the whole process
# Nanoseconds all threads of a process ran, and waited runnable for a CPU (/proc/PID/task/*/schedstat).
sched_ns() { cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{run += $1; wait += $2} END {printf "%.0f %.0f", run, wait}'; }
fd_count() { find "/proc/$1/fd" -mindepth 1 -maxdepth 1 | wc -l; }
# The fake service's counters: "requests R cnx C envoi E other O connections N".
service_stats() {
  local reply
  exec 3<>"/dev/tcp/127.0.0.1/$service_port"
  printf 'GET /stats HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  reply=$(cat <&3)
  exec 3<&-
  echo "$reply" | grep '^requests' || echo "requests ? cnx ? envoi ? other ? connections ?"
}
service_count() { service_stats | awk -v key="$1" '{for (i = 1; i < NF; i++) if ($i == key) print $(i + 1)}'; }
# A number from pavi stress's JSON report (each key used here appears once).
json_number() { (grep -o "\"$2\": [0-9.eE+-]*" "$1" || echo "- ?") | head -1 | awk '{print $2}'; }
# The program `timeout` runs (its only child), once it has started it.
child_of() {
  local child=
  for _ in $(seq 50); do
    child=$(awk '{print $1}' "/proc/$1/task/$1/children" 2>/dev/null || true)
    [ -n "$child" ] && break
    sleep 0.02
  done
  echo "${child:-$1}"
}
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
percent() { awk -v t="$1" -v s="$2" -v hz="$tick" 'BEGIN {printf "%.0f", (s > 0 ? 100 * t / hz / s : 0)}'; }

# --- visit scripts ------------------------------------------------------------------------------------------
cat >"$work/idle.txt" <<'EOF'
# Connect, wait for the service's home page, then (pavi stress --hold) stay connected and idle.
expect "ACCUEIL" timeout=60s
EOF
{
  echo "# One connection, then round trips: type a letter, Envoi, wait for the service's page that shows it."
  echo "# Longer than any phase: each user connects once, and the run's end cuts the visit short."
  echo 'timeout 10s'
  echo 'expect "ACCUEIL" timeout=60s'
  for _ in $(seq 2000); do
    printf 'type A\npress Envoi\nexpect "PAGE A"\ntype B\npress Envoi\nexpect "PAGE B"\n'
  done
} >"$work/round_trips.txt"

# --- the fake service and the gateway -----------------------------------------------------------------------
"$service" --page-bytes "$page_bytes" >"$work/service.log" 2>&1 &
service_pid=$!
pids+=("$service_pid")
for _ in $(seq 100); do
  grep -q '^listening' "$work/service.log" && break
  sleep 0.05
done
service_port=$(sed -n 's#^listening http://127.0.0.1:\([0-9]*\)$#\1#p' "$work/service.log")
[ -n "$service_port" ] || { echo "gateway_load_run: the fake service did not start" >&2; cat "$work/service.log" >&2; exit 1; }
service_url=http://127.0.0.1:$service_port/home

gateway_pid=
for _ in 1 2 3 4 5; do
  ws_port=$((20000 + RANDOM % 12000))  # below the ephemeral range (32768-60999) that the clients use
  port_in_use "$ws_port" && continue
  # shellcheck disable=SC2086  # the prefix is words on purpose
  (exec ${GATEWAY_PREFIX:-} "$gateway" --host 127.0.0.1 --maxc $((idle_sessions + 1000)) --wsport "$ws_port" \
    --durl "$service_url") >"$work/gateway.log" 2>&1 &
  gateway_pid=$!
  for _ in $(seq 100); do
    grep -q 'Passerelle prête' "$work/gateway.log" && break
    kill -0 "$gateway_pid" 2>/dev/null || break
    sleep 0.05
  done
  if grep -q 'Passerelle prête' "$work/gateway.log"; then break; fi
  wait "$gateway_pid" 2>/dev/null || true
  gateway_pid=
done
[ -n "$gateway_pid" ] || { echo "gateway_load_run: the gateway did not start" >&2; cat "$work/gateway.log" >&2; exit 1; }
pids+=("$gateway_pid")
gateway_url=ws://127.0.0.1:$ws_port/

load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
log "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; ulimit -n $fd_limit; load average $load_at_start"
log "fake service $service_url (pages of about $page_bytes bytes; pid $service_pid), gateway $gateway_url (pid $gateway_pid), work dir $work"

# Runs `pavi stress ARGS...` bounded to LIMIT seconds, its JSON report into FILE.
stress() {
  local limit=$1 file=$2
  shift 2
  timeout -k 10 "$limit" "$pavi" stress "$@" --json >"$file" 2>"$file.err" || true
}

# A short warm-up, so that the "before" RSS is that of a gateway that has already served sessions.
stress 60 "$work/warm.json" "$gateway_url" --script "$work/round_trips.txt" --users 20 --duration 2
report=()

# --- idle sessions --------------------------------------------------------------------------------------------
if [[ ,$phases, == *,idle,* ]]; then
  # The warm-up's sessions are closed once the gateway's socket count stops falling.
  fds_before=$(fd_count "$gateway_pid")
  for _ in $(seq 20); do
    sleep 0.5
    fds_now=$(fd_count "$gateway_pid")
    [ "$fds_now" -ge "$fds_before" ] && break
    fds_before=$fds_now
  done
  rss_before=$(rss_kb "$gateway_pid")
  cnx_before=$(service_count cnx)
  log "idle: holding $idle_sessions sessions (ramp-up ${idle_ramp} s); gateway RSS before: $rss_before kB"
  hold_limit=$((idle_ramp + 120))
  timeout -k 10 "$hold_limit" "$pavi" stress "$gateway_url" --script "$work/idle.txt" --users "$idle_sessions" \
    --ramp-up "$idle_ramp" --hold --duration "$hold_limit" --json >"$work/idle.json" 2>"$work/idle.json.err" &
  stress_pid=$!
  pids+=("$stress_pid")
  pavi_pid=$(child_of "$stress_pid")
  # Held = the service answered every CNX and pavi stress reports every line held (its progress line).
  deadline=$((SECONDS + idle_ramp + 90))
  held=0
  while [ $SECONDS -lt $deadline ] && kill -0 "$stress_pid" 2>/dev/null; do
    sleep 1
    held=$( (grep -o 'held [0-9]*' "$work/idle.json.err" || true) | tail -1 | awk '{print $2}')
    [ "${held:-0}" -ge "$idle_sessions" ] && break
  done
  cnx_seen=$(( $(service_count cnx) - cnx_before ))
  sleep 2  # let the last pages leave the gateway's buffers
  t0_gateway=$(cpu_ticks "$gateway_pid")
  sleep 5
  rss_held=$(rss_kb "$gateway_pid")
  gateway_idle_cpu=$(percent $(( $(cpu_ticks "$gateway_pid") - t0_gateway )) 5)
  fds_held=$(fd_count "$gateway_pid")
  stress_rss=$(rss_kb "$pavi_pid" || echo 0)
  kill -INT "$pavi_pid" 2>/dev/null || true
  wait "$stress_pid" 2>/dev/null || true
  forget "$stress_pid"
  held_peak=$(json_number "$work/idle.json" held_peak)
  idle_failed=$(json_number "$work/idle.json" failed)
  sockets=$((fds_held - fds_before))
  per_session=$(awk -v a="$rss_before" -v b="$rss_held" -v n="$held_peak" 'BEGIN {printf "%.1f", (n > 0 ? (b - a) / n : 0)}')
  # The sessions close as the Minitels hang up: wait for the gateway's sockets to go, then its RSS after.
  for _ in $(seq 60); do [ "$(fd_count "$gateway_pid")" -le $((fds_before + 5)) ] && break; sleep 0.5; done
  rss_after=$(rss_kb "$gateway_pid")
  report+=("idle sessions: $held_peak held at once ($sockets more sockets in the gateway, $cnx_seen CNX answered, $idle_failed failed)")
  report+=("  gateway RSS: $rss_before kB before, $rss_held kB while held, $rss_after kB after they hung up")
  report+=("  RSS per idle session: $per_session kB   (target < 20 KB)   gateway CPU while idle: $gateway_idle_cpu %")
  report+=("  pavi stress RSS while holding: $stress_rss kB")
  for line in "${report[@]}"; do log "$line"; done
fi

# --- round trips/s ------------------------------------------------------------------------------------------
# Runs a gateway- or service-mode load of USERS users with THINK ms, measured after the warm-up; sets `measured`.
measure_load() {
  local name=$1 users=$2 think=$3 target=("${@:4}")
  local limit=$((warm_up_seconds + measure_seconds + 60)) duration=$((warm_up_seconds + measure_seconds))
  timeout -k 10 "$limit" "$pavi" stress "${target[@]}" --script "$work/round_trips.txt" --users "$users" \
    --ramp-up $((warm_up_seconds / 2)) --think "$think" --warm-up "$warm_up_seconds" --duration "$duration" \
    --json >"$work/$name.json" 2>"$work/$name.json.err" &
  local stress_pid=$!
  pids+=("$stress_pid")
  local pavi_pid
  pavi_pid=$(child_of "$stress_pid")
  sleep "$warm_up_seconds"
  local envoi0 conn0 g0 s0 p0 t0 envoi1 conn1 g1 s1 p1 t1 gs0 gs1 ps0 ps1
  gs0=$(sched_ns "$gateway_pid"); ps0=$(sched_ns "$pavi_pid")
  envoi0=$(service_count envoi); conn0=$(service_count connections); g0=$(cpu_ticks "$gateway_pid"); s0=$(cpu_ticks "$service_pid")
  p0=$(cpu_ticks "$pavi_pid" 2>/dev/null || echo 0); t0=$(date +%s.%N)
  sleep $((measure_seconds - 2))
  gs1=$(sched_ns "$gateway_pid"); ps1=$(sched_ns "$pavi_pid")
  envoi1=$(service_count envoi); conn1=$(service_count connections); g1=$(cpu_ticks "$gateway_pid"); s1=$(cpu_ticks "$service_pid")
  p1=$(cpu_ticks "$pavi_pid" 2>/dev/null || echo 0); t1=$(date +%s.%N)
  wait "$stress_pid" 2>/dev/null || true
  forget "$stress_pid"
  local seconds
  seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')
  measured="$(json_number "$work/$name.json" per_second) waits/s (service: $(awk -v e=$((envoi1 - envoi0)) -v s="$seconds" 'BEGIN {printf "%.0f", e / s}') Envoi/s,"
  measured+=" $(awk -v e=$((conn1 - conn0)) -v s="$seconds" 'BEGIN {printf "%.0f", e / s}') new connections/s)"
  measured+="  p50 $(json_number "$work/$name.json" p50) ms  p99 $(json_number "$work/$name.json" p99) ms"
  measured+="  failed $(json_number "$work/$name.json" failed)"
  measured+="  CPU: gateway $(percent $((g1 - g0)) "$seconds") %, service $(percent $((s1 - s0)) "$seconds") %,"
  measured+=" pavi stress $(percent $((p1 - p0)) "$seconds") % (of one core)"
  # Per round trip: how long the gateway's threads ran, and how long they waited for a CPU (run queue).
  measured+="; per round trip, gateway $(awk -v a="$gs0" -v b="$gs1" -v n=$((envoi1 - envoi0)) 'BEGIN {
    split(a, x, " "); split(b, y, " "); if (n > 0) printf "%.0f us on CPU + %.0f us waiting for one", (y[1] - x[1]) / n / 1000, (y[2] - x[2]) / n / 1000}')"
  measured+=", pavi stress $(awk -v a="$ps0" -v b="$ps1" -v n=$((envoi1 - envoi0)) 'BEGIN {
    split(a, x, " "); split(b, y, " "); if (n > 0) printf "%.0f + %.0f us", (y[1] - x[1]) / n / 1000, (y[2] - x[2]) / n / 1000}')"
}

if [[ ,$phases, == *,throughput,* ]]; then
  log "throughput: $throughput_users users, no think time, through the gateway"
  measure_load throughput "$throughput_users" 0 "$gateway_url"
  report+=("round trips, $throughput_users users, no think, through the gateway: $measured   (target >= 5,000/s)")
  log "${report[-1]}"
  log "throughput: the same users straight against the service (pavi stress --service)"
  measure_load throughput_service "$throughput_users" 0 --service "$service_url"
  report+=("round trips, $throughput_users users, no think, straight to the service: $measured")
  log "${report[-1]}"
fi

# --- latency the gateway adds ----------------------------------------------------------------------------------
if [[ ,$phases, == *,latency,* ]]; then
  IFS=, read -r -a paces <<<"$think_ms"
  for think in "${paces[@]}"; do
    log "latency: $active_users users, think $think ms before each key, through the gateway"
    measure_load "latency_$think" "$active_users" "$think" "$gateway_url"
    report+=("latency, $active_users active users (think $think ms per key), through the gateway: $measured")
    log "${report[-1]}"
    log "latency: the same users straight against the service"
    measure_load "latency_service_$think" "$active_users" "$think" --service "$service_url"
    report+=("latency, $active_users active users (think $think ms per key), straight to the service: $measured")
    log "${report[-1]}"
    added() {
      awk -v g="$(json_number "$work/latency_$think.json" "$1")" \
        -v s="$(json_number "$work/latency_service_$think.json" "$1")" 'BEGIN {printf "%.2f", g - s}'
    }
    report+=("  added by the gateway: p50 $(added p50) ms, p99 $(added p99) ms   (target p99 < 5 ms)")
    log "${report[-1]}"
  done
fi

echo
echo "Gateway load run, $(date -u +%F) on $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, pages of" \
  "$page_bytes bytes," \
  "load average at the start / end: $load_at_start / $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%s\n' "${report[@]}"
echo "gateway RSS at the end: $(rss_kb "$gateway_pid") kB; fake service: $(service_stats)"
