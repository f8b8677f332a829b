"""FakeService from Python: pages as dicts and callables, the request log, and the error paths (a raising callable,
a bad script, a stopped service, a wait that times out). The HTTP side is exercised with urllib, as a gateway would."""

import json
import urllib.error
import urllib.request

import pytest

import pavikit


def post(url, pavi):
    body = json.dumps({"PAVI": pavi}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json",
                                                               "User-Agent": "MiniPAVI/1.6"})
    with urllib.request.urlopen(request, timeout=5) as reply:
        return json.loads(reply.read())


def pavi(fctn="CNX", content=(), context=""):
    return {"version": "1.6", "uniqueId": "17000000001234", "remoteAddr": "127.0.0.1", "typesocket": "WS",
            "versionminitel": "Cu;", "content": list(content), "datas": None, "context": context, "fctn": fctn,
            "webmedia": 0}


def content_of(reply):
    import base64
    return base64.b64decode(reply["content"])


def test_dict_pages_answer_and_requests_are_logged():
    with pavikit.FakeService({"/": {"text": "Bonjour", "context": "home", "echo": "on"}}) as service:
        reply = post(service.url("/"), pavi())
        assert b"Bonjour" in content_of(reply)
        assert reply["context"] == "home"
        [request] = service.wait_for_requests(1)
        assert request["fctn"] == "CNX"
        assert request["json"]["PAVI"]["uniqueId"] == "17000000001234"
        assert request["method"] == "POST" and request["path"] == "/"


def test_callable_pages_receive_the_request_dict():
    seen = []

    def form(request):
        seen.append(request["content"])
        return {"text": "Merci " + request["content"][0], "next": "/"}

    with pavikit.FakeService({"/": "Accueil", "/form": form}) as service:
        reply = post(service.url("/form"), pavi("ENVOI", ["DUPONT"]))
        assert b"Merci DUPONT" in content_of(reply)
        assert reply["next"].endswith("/")
        assert seen == [["DUPONT"]]
        assert b"Accueil" in content_of(post(service.url("/"), pavi()))


def test_raw_bytes_pages_and_handler_first():
    with pavikit.FakeService({"/": b"\x0cRAW"}, handler=lambda r: "HANDLED" if r["fctn"] == "SUITE" else None) as s:
        assert content_of(post(s.url("/"), pavi())) == b"\x0cRAW"
        assert b"HANDLED" in content_of(post(s.url("/"), pavi("SUITE")))


def test_a_raising_callable_gives_http_500_and_is_reported():
    def broken(request):
        raise KeyError("no such user")

    with pavikit.FakeService({"/": broken}) as service:
        with pytest.raises(urllib.error.HTTPError) as error:
            post(service.url("/"), pavi())
        assert error.value.code == 500
        assert len(service.errors) == 1 and "no such user" in service.errors[0]


def test_a_callable_returning_a_bad_page_is_reported():
    with pavikit.FakeService({"/": lambda r: 42}) as service:
        with pytest.raises(urllib.error.HTTPError):
            post(service.url("/"), pavi())
        assert "not int" in service.errors[0]


def test_bad_pages_and_scripts_raise_clear_errors():
    with pytest.raises(ValueError, match="URL paths"):
        pavikit.FakeService({"home": "x"})
    with pytest.raises(TypeError, match="a page is"):
        pavikit.FakeService({"/": 3.5})
    with pytest.raises(ValueError, match="fake service script"):
        pavikit.FakeService(script={"pages": {"a": {"goto": 1, "routes": "nope"}}})
    with pytest.raises(FileNotFoundError):
        pavikit.FakeService(script="/nonexistent/script.json")
    with pytest.raises(ValueError, match="port"):
        pavikit.FakeService(port=70000)


def test_waits_time_out_and_a_stopped_service_says_so():
    service = pavikit.FakeService()
    with pytest.raises(pavikit.WaitTimeout, match="waiting for 1 request"):
        service.wait_for_requests(1, timeout=0.05)
    with pytest.raises(ValueError, match="timeout"):
        service.wait_for_requests(1, timeout=-1)
    service.stop()
    service.stop()  # idempotent
    with pytest.raises(pavikit.ConnectionClosed, match="stopped"):
        service.url()
