"""Browser tests of the default theme (a package, so its conftest does not shadow tests/conftest.py)."""
