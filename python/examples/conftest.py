# The pavikit fixtures (fake_service, gateway, minitel) for the example suites.
pytest_plugins = ["pavikit.pytest_plugin"]
