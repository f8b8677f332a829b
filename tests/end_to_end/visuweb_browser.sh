#!/bin/bash
# VisuWeb in a real browser: pavi-gateway with httpport (allowip 127.0.0.1 from its config file) and three
# simulated users held on the welcome service (`pavi stress --hold`); headless Chromium loads the home page,
# saves a screenshot into OUTDIR and dumps the DOM, which must show the three live connections. Everything
# started here is stopped by PID. Exit 77 (skipped) only when chromium is absent and cannot be installed.
# usage: visuweb_browser.sh PAVI_GATEWAY PAVI OUTDIR
set -u
gateway=$(realpath "$1") pavi=$(realpath "$2") outdir=$(realpath -m "$3")

find_chromium() { command -v chromium || command -v chromium-browser || true; }
browser=$(find_chromium)
if [ -z "$browser" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium >/dev/null 2>&1
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium >/dev/null 2>&1
  fi
  browser=$(find_chromium)
fi
if [ -z "$browser" ]; then
  echo "SKIP: chromium is not installed and could not be installed (run ci/install-deps.sh as root)"
  exit 77
fi

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wsport=$(free_port)
httpport=$(free_port)
work=$(mktemp -d)
mkdir -p "$outdir"
screenshot="$outdir/visuweb_browser.png"
rm -f "$screenshot"
gateway_pid="" stress_pid=""
cleanup() {
  [ -n "$stress_pid" ] && kill "$stress_pid" 2>/dev/null && wait "$stress_pid" 2>/dev/null
  [ -n "$gateway_pid" ] && kill "$gateway_pid" 2>/dev/null && wait "$gateway_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

cat >"$work/gateway.xml" <<XML
<config><general>
  <host>127.0.0.1</host><durl>internal:</durl><maxc>20</maxc><maxhisto>10</maxhisto>
  <wsport>$wsport</wsport><httpport>$httpport</httpport><httpuser>visu</httpuser><httppwd>secret</httppwd>
  <lpath>$work/logs</lpath><spath>$work/stats</spath>
  <visuweb><allowip>127.0.0.1</allowip></visuweb>
</general></config>
XML
(cd "$work" && exec "$gateway" --cfgfile "$work/gateway.xml") >"$work/gateway.log" 2>&1 &
gateway_pid=$!
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$httpport") 2>/dev/null && break
  kill -0 "$gateway_pid" 2>/dev/null || { cat "$work/gateway.log"; echo "FAIL: pavi-gateway did not start"; exit 1; }
  sleep 0.1
done

# Each user reaches the welcome page, then holds the line open (no Connexion/Fin).
printf 'timeout 10s\nexpect "Bienvenue"\n' >"$work/hold.txt"
"$pavi" stress "ws://127.0.0.1:$wsport" --script "$work/hold.txt" --users 3 --hold --duration 120 >"$work/stress.log" 2>&1 &
stress_pid=$!

# Until visujson (allowip: no password) shows the three users.
live=0
for _ in $(seq 150); do
  live=$(/usr/bin/python3 - "$httpport" <<'PY'
import json, sys, urllib.request
try:
    with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/?action=visujson", timeout=2) as r:
        print(json.load(r)["cnxtotal"])
except Exception:
    print(0)
PY
)
  [ "$live" -ge 3 ] && break
  sleep 0.2
done
[ "$live" -ge 3 ] || { cat "$work/stress.log"; echo "FAIL: the three simulated users never showed in visujson"; exit 1; }

url="http://127.0.0.1:$httpport/"
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --user-data-dir="$work/profile"
       --window-size=1280,900 --hide-scrollbars)
timeout 60 "$browser" "${flags[@]}" --screenshot="$screenshot" "$url" >"$work/shot.log" 2>&1
timeout 60 "$browser" "${flags[@]}" --user-data-dir="$work/profile2" --dump-dom "$url" >"$work/dom.html" 2>"$work/dom.log"

fail=0
check() { grep -q -- "$1" "$work/dom.html" || { echo "FAIL: the DOM lacks $2"; fail=1; }; }
check "<title>\[[0-9]*\] VisuWeb MiniPAVI</title>" "the title"
check "connexion(s) en cours" "the status line"
check "Dernières connexions" "the history heading"
check "Derniers logs" "the log panel"
rows=$(grep -o "<td>IN/WS</td>" "$work/dom.html" | wc -l)
[ "$rows" -ge 3 ] || { echo "FAIL: $rows live IN/WS rows in the DOM, expected at least 3"; fail=1; }
grep -q "Connexion #" "$work/dom.html" || { echo "FAIL: no log line in the DOM"; fail=1; }

# The screenshot: a PNG of the window size that is not blank (more than a handful of distinct pixel rows).
/usr/bin/python3 - "$screenshot" <<'PY' || fail=1
import struct, sys, zlib
path = sys.argv[1]
try:
    data = open(path, "rb").read()
except OSError:
    sys.exit(f"FAIL: no screenshot at {path}")
if not data.startswith(b"\x89PNG\r\n\x1a\n"):
    sys.exit("FAIL: the screenshot is not a PNG")
width, height = struct.unpack(">II", data[16:24])
idat, pos = b"", 8
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    if kind == b"IDAT":
        idat += data[pos + 8:pos + 8 + length]
    pos += 12 + length
raw = zlib.decompress(idat)
stride = len(raw) // height
distinct_rows = len({raw[y * stride + 1:(y + 1) * stride] for y in range(height)})
if width < 800 or height < 600 or distinct_rows < 50:
    sys.exit(f"FAIL: screenshot {width}x{height} with {distinct_rows} distinct rows looks blank")
print(f"screenshot {path}: {width}x{height}, {distinct_rows} distinct rows")
PY

if [ "$fail" -ne 0 ]; then
  echo "--- DOM"; head -c 4000 "$work/dom.html"; echo; echo "--- chromium"; tail -5 "$work/shot.log" "$work/dom.log"
  exit 1
fi
echo "PASS: VisuWeb rendered in $browser with $rows live users; screenshot $screenshot"
