"""Settings of the ceiling app: jiedao's DATABASES (WAL, NORMAL, IMMEDIATE, kept-open connections),
nothing else. DEBUG stays off exactly as in jiedao."""

from __future__ import annotations

from jiedao import settings as product

SECRET_KEY = product.SECRET_KEY
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES = product.DATABASES
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
INSTALLED_APPS = ["bench.ceiling"]
MIDDLEWARE: list[str] = []
ROOT_URLCONF = "bench.ceiling.urls"
TEMPLATES: list[dict[str, object]] = []
USE_TZ = True
TIME_ZONE = product.TIME_ZONE
LOGGING = product.LOGGING
