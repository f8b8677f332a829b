# The pavikit fixtures (fake_service, gateway, minitel) for every suite here.
pytest_plugins = ["pavikit.pytest_plugin"]
