"""Dial-in over a noisy telephone line. First through PaviKit's own V.23 line simulation (modems, noise, PCE) to
the gateway's telnet listener; then through the Asterisk soft modem once the telephony issue has landed."""

import pytest

import pavikit


def test_a_visit_over_a_noisy_v23_line(fake_service, minitel):
    fake_service.set_pages({"/": {"text": "Bonjour par le RTC", "COMMAND": {"name": "InputTxt",
                                  "param": {"x": 1, "y": 3, "l": 8, "validwith": 128}}}})
    status = minitel.dial(line="awgn=20dB,g711u,seed=4", timeout=30)
    assert status["connected"]
    minitel.wait_for(text="Bonjour par le RTC", timeout=30)
    minitel.type("MINITEL")
    minitel.press(pavikit.Key.ENVOI)
    request = fake_service.wait_for_requests(2, timeout=30)[1]
    assert request["fctn"] == "ENVOI"
    assert request["content"] == ["MINITEL"]
    assert request["typesocket"] == "TELN"
    assert minitel.line_status["bytes_to_terminal"] > 0


def test_pce_over_a_line_with_bursts_keeps_the_page_intact(fake_service, minitel):
    page = "".join(f"Ligne {i:02d} du test PCE\r\n" for i in range(1, 15))
    fake_service.set_pages({"/": {"text": page}})
    minitel.dial(line="awgn=22dB,burst=30ms/1s,seed=9", pce=True, timeout=30)
    minitel.wait_for(text="Ligne 14 du test PCE", timeout=60)
    assert "\N{SUBSTITUTE}" not in minitel.text
    assert minitel.line_status["pce_active"]


def test_dial_errors_are_python_exceptions(gateway):
    minitel = pavikit.Terminal()
    with pytest.raises(ValueError, match="line channel"):
        minitel.dial(gateway.telnet_url, line="awgn=loud")
    with pytest.raises(ConnectionError):
        minitel.dial("telnet://127.0.0.1:1", timeout=2)
    with pytest.raises(ValueError, match="speed"):
        minitel.dial(gateway.telnet_url, speed=-1)


@pytest.mark.skipif(not pavikit.HAS_TELEPHONY,
                    reason="dial-in through Asterisk needs the telephony simulator (simulators/asterisk/soft_modem.hpp);"
                           " the module was built without it: reconfigure and rebuild once it has landed")
def test_dial_in_through_the_asterisk_soft_modem_over_a_noisy_line(fake_service):
    fake_service.set_pages({"/": {"content": pavikit.Page().clear().text("Bonjour par le RTC").bytes,
                                  "COMMAND": {"name": "InputTxt", "param": {"x": 1, "y": 3, "l": 8, "validwith": 128}}}})
    with pavikit.Gateway({"durl": fake_service.url("/")}, listen=["asterisk"]) as gateway, \
            pavikit.Terminal() as minitel:
        status = minitel.dial_asterisk(gateway.port("asterisk"), line="ebn0=18dB,burst=50ms/4s,seed=11", pce=True)
        assert status["connected"]
        minitel.wait_for(text="Bonjour par le RTC", timeout=60)
        minitel.type("RTC")
        minitel.press(pavikit.Key.ENVOI)
        cnx, envoi = fake_service.wait_for_requests(2, timeout=60)
        assert cnx["typesocket"] == "AST" and cnx["remoteAddr"] == "0612345678"
        assert envoi["content"] == ["RTC"]
        with pytest.raises(ValueError, match="line channel"):
            minitel.dial_asterisk(gateway.port("asterisk"), line="ebn0=much")
