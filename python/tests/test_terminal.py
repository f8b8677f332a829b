"""Terminal from Python: waits, keys, transcript, and every error path as a Python exception with a clear message
(refused connections, bad arguments, timeouts, a line closed under a wait, keys on a hung-up line)."""

import pytest

import pavikit
from pavikit import Key


def test_waits_keys_and_transcript(fake_service, minitel):
    fake_service.set_pages({"/": {"text": "Tapez un nombre", "echo": "on",
                                  "COMMAND": {"name": "InputTxt",
                                              "param": {"x": 1, "y": 3, "l": 5, "validwith": 128}}}})
    minitel.connect()
    match = minitel.wait_for(regex=r"Tapez un (\w+)")
    assert (match.row, match.col) == (1, 1) and match.groups == ["Tapez un nombre", "nombre"]
    minitel.type("42")
    minitel.press("Envoi")
    request = fake_service.wait_for_requests(2)[1]
    assert request["fctn"] == "ENVOI" and request["content"] == ["42"]
    transcript = minitel.transcript
    assert b"\x13\x41" in transcript.sent
    kinds = {entry[1] for entry in transcript.entries}
    assert {"rx", "tx"} <= kinds
    assert transcript.replay_screen().row(1).startswith("Tapez un nombre")
    assert minitel.connected and minitel.endpoint.startswith("ws://")


def test_transcript_save_and_load(tmp_path, fake_service, minitel):
    fake_service.set_pages({"/": "Page"})
    minitel.connect()
    minitel.wait_for(text="Page")
    path = tmp_path / "visit.jsonl"
    minitel.transcript.save(str(path))
    assert pavikit.load_transcript(str(path)).received == minitel.transcript.received
    with pytest.raises(ValueError):
        pavikit.load_transcript(str(tmp_path / "missing.jsonl"))


def test_a_wait_that_times_out_raises_wait_timeout_with_the_screen(fake_service, minitel):
    fake_service.set_pages({"/": "Bonjour"})
    minitel.connect()
    minitel.wait_for(text="Bonjour")
    with pytest.raises(pavikit.WaitTimeout) as error:
        minitel.wait_for(text="Au revoir", timeout=0.1)
    assert "Au revoir" in str(error.value) and "Bonjour" in str(error.value)
    assert isinstance(error.value, TimeoutError)


def test_a_closed_line_ends_a_wait_with_connection_closed(fake_service, minitel):
    fake_service.set_pages({"/": {"text": "Fin", "COMMAND": {"name": "libCnx"}}})
    minitel.connect()
    minitel.wait_for_disconnect(timeout=5)
    with pytest.raises(pavikit.ConnectionClosed, match="not connected"):
        minitel.type("X")
    with pytest.raises(pavikit.ConnectionClosed):
        minitel.wait_for(text="never there", timeout=2)
    with pytest.raises(ConnectionError):
        minitel.press(Key.ENVOI)


def test_refused_and_malformed_connections_raise_connection_error():
    with pavikit.Terminal() as minitel:
        with pytest.raises(ConnectionError, match="127.0.0.1:1"):
            minitel.connect("ws://127.0.0.1:1/", timeout=2)
        with pytest.raises(ConnectionError):
            minitel.connect("gopher://example.org/", timeout=1)
        with pytest.raises(pavikit.ConnectionClosed, match="not connected .*unknown scheme"):
            minitel.type("hello")
    with pytest.raises(pavikit.ConnectionClosed, match="call connect"):
        pavikit.Terminal().type("hello")


def test_bad_arguments_raise_value_or_type_error():
    minitel = pavikit.Terminal()
    with pytest.raises(ValueError, match="exactly one"):
        minitel.wait_for()
    with pytest.raises(ValueError, match="exactly one"):
        minitel.wait_for(text="a", regex="b")
    with pytest.raises(ValueError, match="invalid regex"):
        minitel.wait_for(regex="([")
    with pytest.raises(ValueError, match="timeout"):
        minitel.wait_for(text="a", timeout=-1)
    with pytest.raises(ValueError, match="row"):
        minitel.wait_for(regex="a", row=25)
    with pytest.raises(ValueError, match="unknown Minitel key"):
        minitel.press("ENVOY")
    with pytest.raises(TypeError):
        minitel.press(3.5)
    with pytest.raises(ValueError, match="unknown Minitel model"):
        pavikit.Terminal(model="vt100")
    with pytest.raises(ValueError, match="did not dial"):
        minitel.line_status
