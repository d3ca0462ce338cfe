"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiedao.settings")
application = get_asgi_application()

from jiedao.core.keys import check  # noqa: E402  (needs settings)

check()
