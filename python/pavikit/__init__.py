"""PaviKit from Python: Minitel screens, a simulated Minitel, a fake MiniPavi service, the gateway, the modem.

    import pavikit
    with pavikit.FakeService({"/": {"text": "Bonjour"}}) as service, \\
         pavikit.Gateway({"durl": service.url()}) as gateway, \\
         pavikit.Terminal() as minitel:
        minitel.connect(gateway.url)
        minitel.wait_for(text="BONJOUR")

The compiled half is ``pavikit._core`` (built by CMake into ``<build>/python/pavikit``); this file re-exports it
with the pure-Python parts: FakeService pages as dicts or callables, stress() and conformance() result objects.
"""

from __future__ import annotations

import base64
import json
import os
import pkgutil
import tempfile
import weakref
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Union

# The compiled module lives in the build directory (or next to this file once installed): both are portions of
# this package when PYTHONPATH holds <build>/python and <source>/python.
__path__ = pkgutil.extend_path(__path__, __name__)

from . import _core  # noqa: E402
from ._core import (  # noqa: E402,F401
    BerResult,
    Cell,
    Colour,
    ConnectionClosed,
    CursorKey,
    Decoder,
    Gateway,
    Key,
    Line,
    Match,
    Page,
    Screen,
    Size,
    Terminal,
    Transcript,
    WaitTimeout,
    compress,
    decode,
    encode_position,
    encode_text,
    key_bytes,
    key_from_name,
    load_transcript,
)

__version__ = _core.__version__
HAS_TELEPHONY: bool = bool(_core.HAS_TELEPHONY)

__all__ = [
    "BerResult", "Cell", "Colour", "ConformanceResult", "ConnectionClosed", "CursorKey", "Decoder", "FakeService",
    "Gateway", "Key", "Line", "Match", "Modem", "PCE", "Page", "PceResult", "Screen", "Size", "StressResult",
    "Terminal", "Transcript", "WaitTimeout", "compress", "conformance", "decode", "encode_position", "encode_text",
    "key_bytes", "key_from_name", "load_transcript", "stress",
]


# --------------------------------------------------------------------------------------------------------------
# FakeService: pages as dicts (a declarative FakeScript page each) or callables (called with the request dict).

_PageSpec = Union[Mapping[str, Any], str, bytes, Callable[[Dict[str, Any]], Any]]


def _page_json(spec: Any, where: str) -> Dict[str, Any]:
    """A page value (dict, text or bytes) as a FakeScript page object."""
    if isinstance(spec, str):
        return {"bytes": "0C", "text": spec}
    if isinstance(spec, (bytes, bytearray)):
        return {"base64": base64.b64encode(bytes(spec)).decode("ascii")}
    if not isinstance(spec, Mapping):
        raise TypeError(f"{where}: a page is a dict, a str, bytes or a callable, not {type(spec).__name__}")
    page: Dict[str, Any] = {}
    clear = spec.get("clear", True)
    if not isinstance(clear, bool):
        raise TypeError(f"{where}: 'clear' must be True or False")
    if clear and "text" in spec and "bytes" not in spec and "content" not in spec:
        page["bytes"] = "0C"  # a text page is a new page: FF first, as services send it
    for key, value in spec.items():
        if key == "clear":
            continue
        if key == "content":  # raw videotex bytes, as a service writes them before base64
            if not isinstance(value, (bytes, bytearray, str)):
                raise TypeError(f"{where}: 'content' must be bytes or str")
            raw = value.encode("latin-1") if isinstance(value, str) else bytes(value)
            page["base64"] = base64.b64encode(raw).decode("ascii")
        elif key == "command":
            page["COMMAND"] = value
        elif isinstance(value, (bytes, bytearray)):
            raise TypeError(f"{where}: '{key}' cannot be bytes (only 'content' takes raw bytes)")
        else:
            page[key] = value
    return page


class FakeService:
    """A fake MiniPavi service on 127.0.0.1 (a free port by default), for the gateway to call.

    ``pages`` maps a path ("/", "/form") to what the service answers there:

    * a dict of page keys: ``text`` (UTF-8, encoded as videotex, on a cleared page unless ``clear`` is False),
      ``content`` (raw videotex bytes), ``bytes``
      (hex notation), ``COMMAND``/``command`` (e.g. ``{"name": "InputTxt", "param": {...}}``), ``next``,
      ``context``, ``echo``, ``directcall``, ``routes``, ``fault`` (see simulators/fake_service/fake_script.hpp);
    * a str (a text page) or bytes (a raw videotex page);
    * a callable receiving the request dict (``fctn``, ``content``, ``context``, ``json``, ``path``...) and
      returning one of the above, or None to let the other pages answer.

    ``handler`` is a callable consulted first for every request. Every request is kept in ``requests``. An
    exception raised by a callable answers HTTP 500 and is listed in ``errors``.
    """

    def __init__(self, pages: Optional[Mapping[str, _PageSpec]] = None, *, handler: Optional[Callable] = None,
                 start: Optional[str] = None, script: Union[None, str, os.PathLike, Mapping[str, Any]] = None,
                 port: int = 0, keep_alive: bool = True) -> None:
        if not 0 <= port <= 65535:
            raise ValueError(f"port must be 0..65535, got {port}")
        if handler is not None and not callable(handler):
            raise TypeError("handler must be callable")
        self._callables: Dict[str, Callable] = {}
        self._handler = handler
        script_json, base_dir = self._script(pages or {}, start, script)
        self._core = _core.FakeServiceCore(script_json, base_dir, port, keep_alive)
        self._update_dispatcher()

    def _update_dispatcher(self) -> None:
        # Python runs per request only when some page needs it: declarative pages are answered in C++ alone.
        # A weak reference: the compiled service must not keep this object (and itself) alive in a cycle.
        if self._callables or self._handler is not None:
            me = weakref.ref(self)
            self._core.set_dispatcher(lambda request: FakeService._dispatch_to(me, request))
        else:
            self._core.set_dispatcher(None)

    @staticmethod
    def _dispatch_to(me: "weakref.ref[FakeService]", request: Dict[str, Any]) -> Optional[str]:
        service = me()
        return None if service is None else service._dispatch(request)

    def _script(self, pages: Mapping[str, _PageSpec], start: Optional[str], script: Any):
        if script is not None:
            if pages:
                raise ValueError("give either pages or script, not both")
            if isinstance(script, Mapping):
                return json.dumps(script), ""
            path = os.fspath(script)
            if not os.path.isfile(path):
                raise FileNotFoundError(f"fake service script not found: {path}")
            with open(path, encoding="utf-8") as f:
                return f.read(), os.path.dirname(os.path.abspath(path))
        if not isinstance(pages, Mapping):
            raise TypeError("pages must be a dict of path -> page")
        declared: Dict[str, Any] = {}
        for path, spec in pages.items():
            if not isinstance(path, str) or not path.startswith("/"):
                raise ValueError(f"page keys are URL paths starting with '/', got {path!r}")
            if callable(spec) and not isinstance(spec, Mapping):
                self._callables[path.split("?", 1)[0]] = spec
                declared[path] = {"path": path, "text": ""}  # so that page_url() and `next` know the path
            else:
                page = _page_json(spec, f"page {path}")
                page.setdefault("path", path)
                declared[path] = page
        if not declared:
            return "", ""
        first = start or next(iter(declared))
        if first not in declared:
            raise ValueError(f"start page {first!r} is not among the pages")
        return json.dumps({"start": first, "pages": declared}), os.getcwd()

    # Runs on the service's thread (the GIL is taken for it).
    def _dispatch(self, request: Dict[str, Any]) -> Optional[str]:
        answer = None
        if self._handler is not None:
            answer = self._handler(request)
        if answer is None:
            page = self._callables.get(request["path"])
            if page is None:
                return None
            answer = page(request)
            if answer is None:
                return None
        body = _page_json(answer, f"the reply to {request['path']}")
        body.setdefault("path", request["path"])
        return json.dumps({"start": "reply", "pages": {"reply": body}})

    # --- Where it listens.
    def url(self, path: str = "/") -> str:
        """The service's URL for `path` ("http://127.0.0.1:PORT/...") : give it to the gateway as its durl."""
        return self._core.url(path)

    @property
    def base_url(self) -> str:
        return self._core.base_url

    @property
    def port(self) -> int:
        return self._core.port

    # --- What it received.
    @property
    def requests(self) -> List[Dict[str, Any]]:
        """Every request since the start (or clear_requests()), oldest first, as dicts."""
        return self._core.requests

    @property
    def last_request(self) -> Optional[Dict[str, Any]]:
        return self._core.last_request

    def wait_for_requests(self, count: int, timeout: float = 5.0) -> List[Dict[str, Any]]:
        """Waits until `count` requests have arrived (WaitTimeout otherwise) and returns them all."""
        if count < 0:
            raise ValueError("count must be >= 0")
        self._core.wait_for_requests(count, timeout)
        return self.requests

    def clear_requests(self) -> None:
        self._core.clear_requests()

    @property
    def errors(self) -> List[str]:
        """Exceptions raised by the page callables (each answered with HTTP 500)."""
        return self._core.errors

    def set_pages(self, pages: Mapping[str, _PageSpec], start: Optional[str] = None) -> None:
        """Replaces the pages."""
        self._callables = {}
        script_json, base_dir = self._script(pages, start, None)
        if not script_json:
            raise ValueError("set_pages needs at least one page")
        self._core.set_script(script_json, base_dir)
        self._update_dispatcher()

    def stop(self) -> None:
        self._core.stop()

    def __del__(self) -> None:
        core = getattr(self, "_core", None)
        if core is not None:
            core.stop()

    close = stop

    def __enter__(self) -> "FakeService":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()


# --------------------------------------------------------------------------------------------------------------
# Modem and PCE.

class Modem:
    """The V.23 modem of a Minitel line: bytes <-> 8 kHz audio, WAV files, bit-error-rate measurements."""

    @staticmethod
    def encode(data: bytes, channel: str = "forward", level_dbm0: float = -22.0,
               answer_sequence: bool = False) -> List[int]:
        """`data` as V.23 audio (channel 'forward' = 1200 bit/s to the Minitel, 'backward' = 75 bit/s)."""
        return _core.modem.encode(bytes(data), channel, level_dbm0, answer_sequence)

    @staticmethod
    def decode(samples: Sequence[int], channel: str = "forward", errors: str = "substitute",
               cutoff_dbm0: float = -38.0) -> bytes:
        """The bytes heard in `samples`; characters with errors become SUB ('substitute'), vanish or are kept."""
        return _core.modem.decode(list(samples), channel, errors, cutoff_dbm0)["data"]

    @staticmethod
    def decode_details(samples: Sequence[int], channel: str = "forward", errors: str = "substitute") -> Dict[str, Any]:
        return _core.modem.decode(list(samples), channel, errors, -38.0)

    @staticmethod
    def encode_wav(path: Union[str, os.PathLike], data: bytes, channel: str = "forward",
                   line: Union[None, str, Line] = None, answer_sequence: bool = False) -> None:
        """Writes `data` as a V.23 WAV file, through `line` (a channel description or Line) when given."""
        samples = Modem.encode(data, channel, answer_sequence=answer_sequence)
        if line is not None:
            line = line if isinstance(line, Line) else Line(line)
            samples = line.process(samples, bit_rate=1200.0 if channel in ("forward", "1200") else 75.0)
        _core.modem.write_wav(os.fspath(path), samples)

    @staticmethod
    def decode_wav(path: Union[str, os.PathLike], channel: str = "forward", errors: str = "substitute") -> bytes:
        """The bytes in a WAV recording (any rate and channel count libsndfile reads)."""
        return Modem.decode(_core.modem.read_wav(os.fspath(path)), channel, errors)

    @staticmethod
    def read_wav(path: Union[str, os.PathLike]) -> List[int]:
        return _core.modem.read_wav(os.fspath(path))

    @staticmethod
    def write_wav(path: Union[str, os.PathLike], samples: Sequence[int]) -> None:
        _core.modem.write_wav(os.fspath(path), list(samples))

    @staticmethod
    def ber(ebn0_db: float, channel: str = "forward", max_bits: int = 200000, min_bits: int = 20000,
            seed: int = 1) -> BerResult:
        """Measures the receiver's bit error rate at `ebn0_db` (PRBS-15 through white noise)."""
        return _core.modem.measure_ber(float(ebn0_db), channel, max_bits, min_bits, seed)


@dataclass
class PceResult:
    """What a PCE transfer delivered, in simulated time."""
    started: bool
    complete: bool
    intact: bool
    delivered: bytes
    seconds: float
    new_blocks: int
    repeated_blocks: int
    nacks: int


class PCE:
    """PCE error correction (a gateway's sender and a Minitel) over a byte link with faults, in simulated time.

        PCE(faults="ber=1e-3,seed=7").transfer(b"...")  ->  PceResult
    """

    def __init__(self, faults: str = "", upstream_faults: str = "") -> None:
        # Parsed now so that a bad description fails here, with the reason.
        _core.modem.pce_transfer(b"", faults, upstream_faults, 1.0)
        self.faults = faults
        self.upstream_faults = upstream_faults

    def transfer(self, data: bytes, limit: float = 120.0) -> PceResult:
        """Sends `data` once PCE is on; `limit` bounds the simulated seconds."""
        return PceResult(**_core.modem.pce_transfer(bytes(data), self.faults, self.upstream_faults, limit))


# --------------------------------------------------------------------------------------------------------------
# stress() and conformance(): the `pavi` commands in-process, their JSON reports as objects.

def _run_pavi(args: List[str]) -> "tuple[int, str, str]":
    code, out, err = _core.run_cli([str(a) for a in args])
    return code, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


@dataclass
class StressResult:
    """The report of a stress run (``pavi stress --json``); ``report`` holds it whole."""
    ok: bool
    report: Dict[str, Any]
    stderr: str = ""

    @property
    def sessions_completed(self) -> int:
        return int(self.report["sessions"]["completed"])

    @property
    def sessions_failed(self) -> int:
        return int(self.report["sessions"]["failed"])

    @property
    def requests(self) -> int:
        return int(self.report["requests"]["count"])

    @property
    def requests_per_second(self) -> float:
        return float(self.report["requests"]["per_second"])

    @property
    def latency_ms(self) -> Dict[str, float]:
        """p50, p90, p99 and max latencies in milliseconds, and the number of samples."""
        return dict(self.report["latency_ms"])

    @property
    def errors(self) -> Dict[str, int]:
        """Failures by kind ("connect", "timeout"...)."""
        return dict(self.report["errors"])


def stress(url: Optional[str] = None, *, script: str, users: int = 1, count: Optional[int] = None,
           duration: Optional[float] = None, service: Optional[str] = None, ramp_up: float = 0.0,
           think_ms: int = 0, identity: Optional[str] = None) -> StressResult:
    """Loads a gateway (`url`: ws://, telnet://) or a service (`service`: http://) with `users` virtual users,
    each playing the visit `script` (its text, or a file path; docs/SCRIPTS.md), bounded by `count` visits or
    `duration` seconds. Returns a StressResult; ValueError on bad arguments."""
    if (url is None) == (service is None):
        raise ValueError("give either a gateway url or service=, not both")
    if count is None and duration is None:
        raise ValueError("bound the run with count= or duration=")
    with tempfile.TemporaryDirectory(prefix="pavikit-stress-") as tmp:
        path = script
        if not os.path.isfile(script):
            path = os.path.join(tmp, "visit.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write(script)
        args = ["stress", "--script", path, "--json", "--quiet", "--users", users]
        args += [url] if url is not None else ["--service", service]
        if count is not None:
            args += ["--count", count]
        if duration is not None:
            args += ["--duration", duration]
        if ramp_up:
            args += ["--ramp-up", ramp_up]
        if think_ms:
            args += ["--think", think_ms]
        if identity:
            args += ["--identity", identity]
        code, out, err = _run_pavi(args)
    if code == 2:
        raise ValueError(err.strip() or "pavi stress: bad usage")
    try:
        report = json.loads(out)
    except json.JSONDecodeError:
        raise RuntimeError(f"pavi stress gave no report (exit {code}): {err.strip()}") from None
    return StressResult(ok=code == 0, report=report, stderr=err)


@dataclass
class ConformanceResult:
    """The report of a conformance run (``pavi conformance --format json``); ``report`` holds it whole."""
    ok: bool
    report: Dict[str, Any]
    checks: List[Dict[str, Any]] = field(default_factory=list)
    stderr: str = ""

    def verdicts(self) -> Dict[str, str]:
        """Check key -> 'pass', 'fail' or 'skip'."""
        return {c["key"]: c["verdict"] for c in self.checks}

    def failed(self) -> List[Dict[str, Any]]:
        return [c for c in self.checks if c.get("verdict") == "fail"]

    @property
    def counts(self) -> Dict[str, int]:
        return dict(self.report.get("checks", {}))


def conformance(gateway: str, *, service_url: Optional[str] = None, telnet: Optional[str] = None,
                only: Sequence[str] = (), timeout: float = 5.0, wait: float = 30.0,
                strict_quirks: bool = False) -> ConformanceResult:
    """Runs the gateway conformance suite against `gateway` (ws://HOST:PORT). With `service_url`, the fake
    service listens there and the gateway must use it as its durl. Returns a ConformanceResult."""
    if timeout <= 0 or wait < 0:
        raise ValueError("timeout must be > 0 and wait >= 0 seconds")
    args = ["conformance", "--gateway", gateway, "--format", "json", "--timeout", int(timeout * 1000),
            "--wait", max(1, int(round(wait)))]
    if service_url:
        args += ["--service-url", service_url]
    if telnet:
        args += ["--telnet", telnet]
    if only:
        args += ["--only", ",".join(only)]
    if strict_quirks:
        args.append("--strict-quirks")
    code, out, err = _run_pavi(args)
    if code == 2:
        raise ValueError(err.strip() or "pavi conformance: bad usage")
    try:
        report = json.loads(out)
    except json.JSONDecodeError:
        raise RuntimeError(f"pavi conformance gave no report (exit {code}): {err.strip() or out.strip()}") from None
    checks = list(report.get("results", []))
    return ConformanceResult(ok=code == 0, report=report, checks=checks, stderr=err)
