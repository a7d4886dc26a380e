"""WSGI entry point of the ceiling app (gunicorn -c config/gunicorn.conf.py bench.ceiling.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.ceiling.settings")

application = get_wsgi_application()
