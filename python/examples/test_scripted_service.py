"""A declarative service: dict pages with routes, no Python code on the service side; then a small load test."""

import pavikit
from pavikit import Key

PAGES = {
    "/": {"text": "METEO\n1 Paris  2 Brest", "context": "menu",
          "COMMAND": {"name": "InputTxt", "param": {"x": 1, "y": 5, "l": 1, "validwith": 128}},
          "routes": [{"fctn": "ENVOI", "content": "1", "goto": "/paris"},
                     {"fctn": "ENVOI", "content": "2", "goto": "/brest"}]},
    "/paris": {"text": "PARIS : soleil, 21 C", "next": "/"},
    "/brest": {"text": "BREST : crachin, 14 C", "next": "/"},
}


def test_choose_a_town(fake_service, minitel):
    fake_service.set_pages(PAGES)
    minitel.connect()
    minitel.wait_for(text="METEO")
    minitel.type("2")
    minitel.press(Key.ENVOI)
    match = minitel.wait_for(regex=r"BREST : (\w+), (\d+) C")
    assert match.groups[1:] == ["crachin", "14"]
    assert fake_service.last_request["content"] == ["2"]


def test_ten_visits_under_load(fake_service, gateway):
    fake_service.set_pages(PAGES)
    result = pavikit.stress(gateway.url, users=5, count=10, script="""
expect "METEO"
type 1
press Envoi
expect "PARIS"
""")
    assert result.ok, result.report
    assert result.sessions_completed == 10
