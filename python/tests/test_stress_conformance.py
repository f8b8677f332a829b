"""stress() and conformance(): the `pavi` tools run in-process, their reports returned as result objects."""

import pytest

import pavikit

VISIT = """
timeout 5s
expect "ACCUEIL"
type 1
press Envoi
expect "CHOIX 1"
press Connexion/Fin
"""


def service_pages():
    return {"/": {"text": "ACCUEIL", "COMMAND": {"name": "InputTxt",
                                                 "param": {"x": 1, "y": 2, "l": 2, "validwith": 128}},
                  "routes": [{"fctn": "ENVOI", "goto": "/choix"}]},
            "/choix": {"text": "CHOIX {content.0}", "next": "/"}}


def test_stress_through_the_gateway(fake_service, gateway):
    fake_service.set_pages(service_pages())
    result = pavikit.stress(gateway.url, script=VISIT, users=3, count=6)
    assert result.ok, result.report
    assert result.sessions_completed == 6 and result.sessions_failed == 0
    assert result.latency_ms["samples"] > 0
    assert result.errors == {}


def test_stress_straight_at_the_service(fake_service):
    fake_service.set_pages(service_pages())
    result = pavikit.stress(service=fake_service.url("/"), script=VISIT, users=2, count=4)
    assert result.ok and result.requests >= 4 * 3  # CNX, ENVOI, FIN per visit


def test_a_failing_visit_is_reported_not_raised(fake_service, gateway):
    fake_service.set_pages({"/": "AUTRE CHOSE"})
    result = pavikit.stress(gateway.url, script='timeout 300ms\nexpect "ACCUEIL"\n', count=1)
    assert not result.ok and result.sessions_failed == 1
    assert result.errors == {"timeout": 1}


def test_stress_bad_arguments():
    with pytest.raises(ValueError, match="not both"):
        pavikit.stress("ws://127.0.0.1:1", service="http://127.0.0.1:1/", script="", count=1)
    with pytest.raises(ValueError, match="count= or duration="):
        pavikit.stress("ws://127.0.0.1:1", script="")
    with pytest.raises(ValueError, match="unknown key"):
        pavikit.stress("ws://127.0.0.1:1", script="press Envoy\n", count=1)


def test_conformance_against_the_embedded_gateway(unused_port):
    service_url = f"http://127.0.0.1:{unused_port}/home"
    with pavikit.Gateway({"durl": service_url}, listen=["ws"]) as gateway:
        result = pavikit.conformance(gateway.ws_url, service_url=service_url, only=["C-003", "C-014"], timeout=5)
    assert result.ok, result.failed()
    assert result.checks and set(result.verdicts().values()) <= {"pass", "skip"}
    assert result.counts["pass"] >= 1


def test_conformance_against_nothing_fails_cleanly(unused_port):
    with pytest.raises(RuntimeError, match="does not accept connections"):
        pavikit.conformance(f"ws://127.0.0.1:{unused_port}", wait=1, only=["C-003"])
    with pytest.raises(ValueError, match="timeout"):
        pavikit.conformance("ws://127.0.0.1:1", timeout=0)


@pytest.fixture
def unused_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
