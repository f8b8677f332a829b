#!/usr/bin/env python3
"""Builds the pavikit wheel from the compiled module and the package sources, with the standard library only
(a wheel is a zip file with a dist-info folder; PEP 427). The tag is this interpreter's, e.g.
cp311-cp311-linux_x86_64: the wheel installs on the same Python and platform it was built for.

usage: make_wheel.py --module build/python/pavikit/_core.so --package python/pavikit --version 0.1.0 --output DIR
(CMake target: pavikit_wheel.)"""

import argparse
import base64
import hashlib
import os
import sys
import sysconfig
import zipfile


def tag() -> str:
    interpreter = f"cp{sys.version_info.major}{sys.version_info.minor}"
    platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return f"{interpreter}-{interpreter}-{platform}"


def record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--module", required=True)
    parser.add_argument("--package", required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("--output", required=True)
    args = parser.parse_args()

    files = {}
    for name in sorted(os.listdir(args.package)):
        if name.endswith((".py", ".pyi")) or name == "py.typed":
            with open(os.path.join(args.package, name), "rb") as f:
                files[f"pavikit/{name}"] = f.read()
    with open(args.module, "rb") as f:
        files[f"pavikit/{os.path.basename(args.module)}"] = f.read()

    dist_info = f"pavikit-{args.version}.dist-info"
    files[f"{dist_info}/METADATA"] = (
        "Metadata-Version: 2.1\n"
        f"Name: pavikit\nVersion: {args.version}\n"
        "Summary: PaviKit: Minitel screens, a simulated Minitel, a fake MiniPavi service, the gateway, the modem\n"
        "Requires-Python: >=3.9\n").encode()
    files[f"{dist_info}/WHEEL"] = (
        "Wheel-Version: 1.0\nGenerator: pavikit make_wheel.py\nRoot-Is-Purelib: false\n"
        f"Tag: {tag()}\n").encode()
    # No pytest11 entry point: suites opt in with pytest_plugins = ["pavikit.pytest_plugin"] (registering the
    # plugin both ways would make pytest refuse it).
    record = [record_line(name, data) for name, data in files.items()] + [f"{dist_info}/RECORD,,"]
    files[f"{dist_info}/RECORD"] = ("\n".join(record) + "\n").encode()

    os.makedirs(args.output, exist_ok=True)
    wheel = os.path.join(args.output, f"pavikit-{args.version}-{tag()}.whl")
    with zipfile.ZipFile(wheel, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    print(wheel)
    return 0


if __name__ == "__main__":
    sys.exit(main())
