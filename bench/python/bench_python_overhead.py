#!/usr/bin/env python3
"""What calling PaviKit from Python costs: the same two operations timed from Python and from C++
(bench_python_counterpart), on the same machine, one after the other.

  decode      pavikit.decode(page) on a ~1 kB page: a fresh decoder, the page, a copy of the screen.
  round trip  minitel.press(ENVOI) then minitel.wait_for(text=...) through an in-process gateway to a scripted
              fake service (no Python callable on the service side), until the new page is on screen.

usage: PYTHONPATH=build/python:python /usr/bin/python3 bench/python/bench_python_overhead.py \
           --counterpart build/bench/python/bench_python_counterpart [--decodes N] [--round-trips N] [--json]
"""

import argparse
import json
import platform
import subprocess
import sys
import time

import pavikit

SCRIPT = {"start": "home", "pages": {"home": {"path": "/", "bytes": "0C", "text": "R{index}.",
          "COMMAND": {"name": "InputTxt", "param": {"x": 1, "y": 3, "l": 1, "validwith": 128}}}}}


def bench_page() -> bytes:
    page = pavikit.Page().clear()
    for row in range(1, 21):
        page.at(row, 1).fg(pavikit.Colour(row % 8)).text(f"Ligne {row} : le Minitel répond à PaviKit")
    return page.bytes


def decode_us(iterations: int) -> float:
    page = bench_page()
    start = time.perf_counter()
    for _ in range(iterations):
        screen = pavikit.decode(page)
    elapsed = time.perf_counter() - start
    assert screen.row(1).startswith("Ligne 1")
    return elapsed / iterations * 1e6


def round_trip_us(iterations: int) -> float:
    with pavikit.FakeService(script=SCRIPT) as service, \
            pavikit.Gateway({"durl": service.url("/")}, listen=["ws"]) as gateway, \
            pavikit.Terminal() as minitel:
        minitel.connect(gateway.url)
        minitel.wait_for(text="R0.")
        start = time.perf_counter()
        for i in range(1, iterations + 1):
            minitel.press(pavikit.Key.ENVOI)
            minitel.wait_for(text=f"R{i}.")
        return (time.perf_counter() - start) / iterations * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--counterpart", help="the bench_python_counterpart program (C++ figures)")
    parser.add_argument("--decodes", type=int, default=20000)
    parser.add_argument("--round-trips", type=int, default=300)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    python = {"decode_us": decode_us(args.decodes), "round_trip_us": round_trip_us(args.round_trips)}
    cpp = None
    if args.counterpart:
        out = subprocess.run([args.counterpart, str(args.decodes), str(args.round_trips)], check=True,
                             capture_output=True, text=True).stdout
        cpp = json.loads(out)
    figures = {"machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
               "python": platform.python_version(), "pavikit": pavikit.__version__,
               "decodes": args.decodes, "round_trips": args.round_trips, "from_python": python, "from_cpp": cpp}
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"{'operation':<12} {'Python (us)':>12} {'C++ (us)':>10} {'overhead':>10}")
    for key, label in (("decode_us", "decode"), ("round_trip_us", "round trip")):
        py = python[key]
        if cpp:
            c = cpp[key]
            print(f"{label:<12} {py:>12.2f} {c:>10.2f} {py - c:>+9.2f} ({(py / c - 1) * 100:+.0f}%)")
        else:
            print(f"{label:<12} {py:>12.2f} {'-':>10} {'-':>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
