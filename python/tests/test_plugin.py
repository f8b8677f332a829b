"""The pytest plugin as a service author uses it: a test in five lines."""


def test_home_page(fake_service, minitel):
    fake_service.set_pages({"/": {"text": "Bienvenue sur 3615 TEST"}})
    minitel.connect()
    minitel.wait_for(text="Bienvenue sur 3615 TEST")
    assert fake_service.requests[0]["fctn"] == "CNX"


def test_the_gateway_fixture_calls_the_fake_service(fake_service, gateway):
    assert gateway.durl == fake_service.url("/")
