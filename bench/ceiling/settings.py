"""Settings of the ceiling app: the product's database settings, nothing else.

``DATABASES`` is taken from ``config.settings`` (evaluated with the same environment as the
product's server), so the engine, the SQLite pragmas (WAL, ``SQLITE_SYNCHRONOUS``, IMMEDIATE
transactions), PostgreSQL's persistent connections and the database itself are identical. No
middleware, no sessions, no templates, no translations: one form, one insert.
"""

from __future__ import annotations

from config import settings as product

SECRET_KEY = product.SECRET_KEY
DEBUG = False
ALLOWED_HOSTS = product.ALLOWED_HOSTS
INSTALLED_APPS = ["bench.ceiling"]
MIDDLEWARE: list[str] = []
ROOT_URLCONF = "bench.ceiling.urls"
WSGI_APPLICATION = "bench.ceiling.wsgi.application"
DATABASES = product.DATABASES
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_I18N = False
USE_TZ = True
TIME_ZONE = product.TIME_ZONE
DATA_UPLOAD_MAX_NUMBER_FIELDS = product.DATA_UPLOAD_MAX_NUMBER_FIELDS
LOGGING_CONFIG = None
# Read by the shipped gunicorn logger (config/gunicorn_logging.py) for every access-log line.
BEHIND_PROXY = product.BEHIND_PROXY
