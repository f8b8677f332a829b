"""pytest fixtures for service authors: ``fake_service``, ``gateway`` (calling it) and ``minitel`` (connected to it).

Enable it with ``pytest_plugins = ["pavikit.pytest_plugin"]`` in a conftest.py (or ``-p pavikit.pytest_plugin``):

    def test_home(fake_service, minitel):
        fake_service.set_pages({"/": {"text": "Bonjour"}})
        minitel.connect()
        minitel.wait_for(text="BONJOUR")
        assert fake_service.requests[0]["fctn"] == "CNX"

Options: ``--pavikit-timeout`` (seconds, the default of minitel.wait_for), ``--pavikit-screens DIR`` (a PNG and the
transcript of the Minitel's screen are written there for every failed test).
"""

from __future__ import annotations

import os
import re
from typing import Any, Iterator, Optional

import pytest

import pavikit


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("pavikit")
    group.addoption("--pavikit-timeout", type=float, default=5.0,
                    help="default timeout of minitel.wait_for, in seconds (default 5)")
    group.addoption("--pavikit-screens", default=None,
                    help="directory where the Minitel's screen (PNG) and transcript of each failed test are saved")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: Any) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.pavikit_failed = report.failed  # type: ignore[attr-defined]


class Minitel(pavikit.Terminal):
    """A simulated Minitel whose connect() and dial() default to the test's gateway."""

    def __init__(self, gateway: Optional[pavikit.Gateway], timeout: float) -> None:
        super().__init__()
        self._gateway = gateway
        self._timeout = timeout

    def connect(self, url: Optional[str] = None, **options: Any) -> None:  # type: ignore[override]
        if url is None:
            if self._gateway is None:
                raise ValueError("no gateway: give connect() a URL")
            url = self._gateway.url
        super().connect(url, **options)

    def dial(self, url: Optional[str] = None, **options: Any) -> dict:  # type: ignore[override]
        if url is None:
            if self._gateway is None:
                raise ValueError("no gateway: give dial() a URL")
            url = self._gateway.telnet_url
        return super().dial(url, **options)

    def wait_for(self, *, text: Optional[str] = None, regex: Optional[str] = None,  # type: ignore[override]
                 timeout: Optional[float] = None, row: Optional[int] = None, col: int = 0) -> pavikit.Match:
        return super().wait_for(text=text, regex=regex, timeout=self._timeout if timeout is None else timeout,
                                row=row, col=col)


@pytest.fixture
def fake_service() -> Iterator[pavikit.FakeService]:
    """A FakeService with no pages yet (set_pages() in the test). Fails the test if a page callable raised."""
    service = pavikit.FakeService()
    try:
        yield service
        errors = service.errors
    finally:
        service.stop()
    if errors:
        pytest.fail("the fake service's page callables raised:\n" + "\n".join(errors), pytrace=False)


@pytest.fixture
def gateway(fake_service: pavikit.FakeService) -> Iterator[pavikit.Gateway]:
    """An embedded gateway (ws and telnet on free ports) whose default service is `fake_service`."""
    with pavikit.Gateway({"durl": fake_service.url("/")}, listen=["ws", "telnet"]) as gw:
        yield gw


@pytest.fixture
def minitel(request: pytest.FixtureRequest, gateway: pavikit.Gateway) -> Iterator[Minitel]:
    """A simulated Minitel for `gateway`: call minitel.connect() (or dial()) once the pages are set."""
    terminal = Minitel(gateway, request.config.getoption("--pavikit-timeout"))
    try:
        yield terminal
    finally:
        screens = request.config.getoption("--pavikit-screens")
        if screens and getattr(request.node, "pavikit_failed", False):
            os.makedirs(screens, exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
            terminal.screen.save_png(os.path.join(screens, name + ".png"), scale=2)
            terminal.transcript.save(os.path.join(screens, name + ".jsonl"))
        terminal.disconnect()
