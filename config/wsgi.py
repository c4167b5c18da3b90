"""WSGI entry point for gunicorn: `gunicorn config.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# After setup: views and templates load now, not during the first visitors' requests, and
# memory a large page needed goes back to the system afterwards; what start-up made is kept
# out of the garbage collector's way.
from config.worker import give_back_freed_memory, settle, warm  # noqa: E402

give_back_freed_memory()
warm()
settle()
