"""A throw-away app that is not in INSTALLED_APPS: tests/core/test_discovery.py adds it to the
project the way a new kind would arrive, to show its pages, API and menu entries need no edit
outside its folder."""
