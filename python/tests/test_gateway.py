"""The embedded Gateway: started on free ports, a context manager, configured from a dict or a MiniPavi XML file;
bad configs raise ValueError/TypeError with the reason, a stopped gateway says so."""

import os

import pytest

import pavikit


def test_the_gateway_listens_on_free_ports_and_serves_its_welcome_page():
    with pavikit.Gateway(listen=["ws", "telnet"]) as gateway, pavikit.Terminal() as minitel:
        assert gateway.running
        assert gateway.url.startswith("ws://127.0.0.1:") and gateway.port("ws") > 0
        assert gateway.telnet_url == f"telnet://127.0.0.1:{gateway.port('telnet')}"
        assert gateway.port("wss") == 0
        assert gateway.durl == "internal:"
        minitel.connect(gateway.telnet_url)
        minitel.wait_for(text="PaviKit", timeout=10)
    assert not gateway.running


def test_config_dict_and_file(tmp_path):
    config = tmp_path / "config.xml"
    config.write_text("<config><general><host>example.org</host><maxc>3</maxc>"
                      "<durl>http://127.0.0.1:9/</durl></general></config>")
    with pavikit.Gateway({"timeout": 120}, cfgfile=str(config), listen=["telnet"]) as gateway:
        assert gateway.durl == "http://127.0.0.1:9/"
        assert gateway.url.startswith("telnet://")
        with pytest.raises(ValueError, match="no ws listener"):
            gateway.ws_url


@pytest.mark.parametrize("kwargs, error, message", [
    ({"config": {"nosuchkey": 1}}, ValueError, "unknown gateway config key 'nosuchkey'"),
    ({"config": {"maxc": "ten"}}, TypeError, "'maxc' must be an int"),
    ({"config": {"maxc": 0}}, ValueError, "maximum connections"),
    ({"config": ["durl"]}, TypeError, "config must be a dict"),
    ({"listen": ["gopher"]}, ValueError, "unknown listener 'gopher'"),
    ({"listen": []}, ValueError, "at least one"),
    ({"listen": ["wss"]}, ValueError, "ssl"),
    ({"cfgfile": "/nonexistent/pavi.xml"}, ValueError, "nonexistent"),
])
def test_bad_configurations_raise_with_the_reason(kwargs, error, message):
    with pytest.raises(error, match=message):
        pavikit.Gateway(**kwargs)


def test_a_stopped_gateway_refuses_politely():
    gateway = pavikit.Gateway(listen=["ws"])
    gateway.stop(grace=0.5)
    gateway.stop()  # idempotent
    with pytest.raises(pavikit.ConnectionClosed, match="stopped"):
        gateway.url
    with pytest.raises(ValueError, match="grace"):
        gateway.stop(grace=-1)


def test_logs_go_to_a_folder_of_the_gateways_own_unless_the_config_names_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the original's default folder, "./", must stay clean
    gateway = pavikit.Gateway(listen=["telnet"])
    folder = gateway.log_folder
    with pavikit.Terminal() as minitel:
        minitel.connect(gateway.telnet_url)
        minitel.wait_for(text="PaviKit", timeout=10)
    gateway.stop(grace=1.0)
    assert any(name.endswith(".log") for name in os.listdir(folder))
    assert os.listdir(tmp_path) == []
    del gateway
    assert not os.path.exists(folder)

    named = tmp_path / "logs"
    named.mkdir()
    with pavikit.Gateway({"lpath": str(named) + "/"}, listen=["telnet"]) as gateway:
        assert gateway.log_folder == str(named) + "/"
