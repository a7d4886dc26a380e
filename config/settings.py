"""Prongsai settings: one module, driven by environment variables.

Every value that differs between a laptop demo and a production instance comes from the
environment. Helpers below refuse bad values loudly (ImproperlyConfigured) instead of guessing.
See README.md, "Configuration", for the full list.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import os
import sys
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no)")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer") from exc
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={value} must be at least {minimum}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


DEBUG = env_bool("DEBUG", False)
# The test suite (pytest) gets fast password hashing (MD5), a dev secret, immediate tasks and no
# HTTPS. PRONGSAI_TESTING=1 asks for the same outside pytest, which is accepted only for the
# tooling of `make types` and `make unit` (mypy's Django plugin, compilemessages/makemessages):
# on a server it would silently weaken every password and turn HTTPS off.
_UNDER_PYTEST = "pytest" in sys.modules
_TEST_TOOLING = "mypy" in sys.modules or (
    len(sys.argv) > 1
    and Path(sys.argv[0]).name == "manage.py"
    and sys.argv[1] in {"compilemessages", "makemessages"}
)
if env_bool("PRONGSAI_TESTING", False) and not (_UNDER_PYTEST or _TEST_TOOLING):
    raise ImproperlyConfigured(
        "PRONGSAI_TESTING=1 is only for the test suite (it switches to fast insecure password "
        "hashing and turns HTTPS off). Run the tests with pytest (make unit); for a local "
        "instance use DEBUG=1; in production unset PRONGSAI_TESTING."
    )
TESTING = _UNDER_PYTEST or (env_bool("PRONGSAI_TESTING", False) and _TEST_TOOLING)

_DEV_SECRET = "dev-only-insecure-secret-key-change-me-0123456789abcdefghijklmnop"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it to a long random string (or DEBUG=1 for a local demo)."
        )
    SECRET_KEY = _DEV_SECRET
elif len(SECRET_KEY) < 50 and not (DEBUG or TESTING):
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long in production")

# --- Audit log (prongsai/core/audit.py, audit_anchor.py) ---------------------------------------
# HMAC keys of the audit chain, "ID:SECRET,ID:SECRET": the highest id signs new entries, older
# ones stay to verify what they signed (rotation: add a higher id, keep the old one). Separate
# from SECRET_KEY and never stored in the database. Anchors (head and entry count, published daily)
# are appended to AUDIT_ANCHOR_PATH: put it where a database user cannot write (another disk or
# host, an append-only `chattr +a` file, a synced share).
_DEV_AUDIT_KEY = "dev-only-audit-chain-key-not-for-production-0123456789"


def _audit_keys(raw: str) -> dict[int, str]:
    keys: dict[int, str] = {}
    for part in (p.strip() for p in raw.split(",")):
        if not part:
            continue
        key_id, sep, secret = part.partition(":")
        if not sep or not key_id.strip().isdigit() or int(key_id) < 1:
            raise ImproperlyConfigured(
                "AUDIT_KEYS must look like '1:SECRET' or '1:OLD,2:NEW' (ids are whole numbers "
                "from 1)"
            )
        if int(key_id) in keys:
            raise ImproperlyConfigured(f"AUDIT_KEYS lists key {int(key_id)} twice")
        if len(secret) < 32 and not (DEBUG or TESTING):
            raise ImproperlyConfigured(
                f"AUDIT_KEYS key {int(key_id)} is shorter than 32 characters"
            )
        if secret == SECRET_KEY:
            raise ImproperlyConfigured("AUDIT_KEYS must not reuse SECRET_KEY: use its own secret")
        keys[int(key_id)] = secret
    return keys


AUDIT_KEYS = _audit_keys(env_str("AUDIT_KEYS", ""))
if not AUDIT_KEYS:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "AUDIT_KEYS is not set: give the audit chain its own signing key, e.g. "
            "AUDIT_KEYS=1:$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')"
        )
    AUDIT_KEYS = {1: _DEV_AUDIT_KEY}
AUDIT_ANCHOR_PATH = Path(env_str("AUDIT_ANCHOR_PATH", str(BASE_DIR / "var" / "audit-anchors.log")))


def _fernet_key(name: str, raw: str) -> str:
    """A Fernet key: 32 bytes, URL-safe base64 (``Fernet.generate_key()``)."""
    try:
        decoded = base64.urlsafe_b64decode(raw.encode())
    except (binascii.Error, ValueError):
        decoded = b""
    if len(decoded) != 32:
        raise ImproperlyConfigured(
            f"{name} must be 32 bytes in URL-safe base64 (make one with python -c 'from "
            "cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')"
        )
    return raw


# Encryption at rest (prongsai/core/encryption.py): IIT codes until their slips are printed, the
# stored slips PDF. Its own key, not SECRET_KEY (rotating one must not lose the other); old keys,
# comma-separated, still decrypt after a rotation. A fixed development key only for DEBUG/tests.
_DEV_DATA_KEY = base64.urlsafe_b64encode(hashlib.sha256(b"prongsai-dev-only-data-key").digest())
DATA_ENCRYPTION_KEY = os.environ.get("DATA_ENCRYPTION_KEY", "")
if not DATA_ENCRYPTION_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "DATA_ENCRYPTION_KEY is not set. Generate one with python -c 'from cryptography.fernet "
            "import Fernet; print(Fernet.generate_key().decode())' (or DEBUG=1 for a local demo)."
        )
    DATA_ENCRYPTION_KEY = _DEV_DATA_KEY.decode()
DATA_ENCRYPTION_KEY = _fernet_key("DATA_ENCRYPTION_KEY", DATA_ENCRYPTION_KEY)
DATA_ENCRYPTION_OLD_KEYS = [
    _fernet_key("DATA_ENCRYPTION_OLD_KEYS", key) for key in env_list("DATA_ENCRYPTION_OLD_KEYS", [])
]

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG or TESTING else [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is empty: list the host names this site answers to")

# Absolute base URL used in links printed by commands and put in documents (public OIT pages,
# survey QR codes), no trailing slash. Unset: the address each request came in on (scheme, host
# and port), kept with the documents and mails asked from it (prongsai/core/site.py); commands
# run without a request then use http://127.0.0.1:8000.
SITE_URL = env_str("SITE_URL", "").rstrip("/")
if SITE_URL and not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"SITE_URL={SITE_URL!r} must start with http:// or https://")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "axes",  # log-in throttling (failed attempts kept in the database)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ninja",  # django-ninja: its Swagger UI assets are served from our static files (no CDN)
    # Our apps, in data-flow order (a lower app never imports a higher one; see README).
    "prongsai.core",
    "prongsai.mail",
    "prongsai.organizations",
    "prongsai.accounts",
    "prongsai.documents",
    "prongsai.spreadsheets",
    "prongsai.frameworks",
    "prongsai.assessments",
    "prongsai.surveys",
    "prongsai.disclosures",
    "prongsai.publications",
    "prongsai.prechecks",
    "prongsai.measures",
    "prongsai.complaints",
    "prongsai.inquiries",
    "prongsai.risks",
    "prongsai.records",
    "prongsai.custody",
    "prongsai.procurement",
    "prongsai.opendata",
    "prongsai.scoring",
    "prongsai.reports",
    "prongsai.portal",
    "prongsai.website",
    "prongsai.rollup",
    "prongsai.api",
    "prongsai.demo",
]

MIDDLEWARE = [
    "prongsai.website.hosts.UnitHostMiddleware",  # first: a unit's own host name (its site at /)
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "prongsai.core.site.SiteUrlMiddleware",  # after Common: the host is checked by then
    "django.middleware.csrf.CsrfViewMiddleware",
    "prongsai.core.middleware.Utf8RequestMiddleware",  # after CSRF: its check needs the form
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "prongsai.accounts.middleware.SecondFactorMiddleware",
    "prongsai.accounts.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "prongsai.core.middleware.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a refused log-in into our lock-out page
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "prongsai.organizations.context_processors.navigation",
                "prongsai.assessments.context_processors.years",
            ],
            "builtins": ["prongsai.core.templatetags.thai"],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
# SQLite (WAL, IMMEDIATE transactions) by default; PostgreSQL when DATABASE_URL says so.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    try:
        _db: dict[str, Any] = dict(dj_database_url.parse(DATABASE_URL))
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from exc
    if _db["ENGINE"] not in (
        "django.db.backends.postgresql",
        "django.db.backends.sqlite3",
    ):
        raise ImproperlyConfigured(f"DATABASE_URL engine {_db['ENGINE']} is not supported")
    if _db["ENGINE"] == "django.db.backends.postgresql":
        # Persistent connections: without them a form-and-insert endpoint loses ~75% throughput.
        _db["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 600)
        _db["CONN_HEALTH_CHECKS"] = True
else:
    _db = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "var" / "prongsai.sqlite3")),
    }
# FULL syncs the WAL to disk at every commit: an acknowledged answer survives a power cut.
# NORMAL (faster) may lose the last commits on power loss (never on a process crash).
SQLITE_SYNCHRONOUS = env_str("SQLITE_SYNCHRONOUS", "FULL").strip().upper()
if SQLITE_SYNCHRONOUS not in ("FULL", "NORMAL"):
    raise ImproperlyConfigured(f"SQLITE_SYNCHRONOUS={SQLITE_SYNCHRONOUS!r} must be FULL or NORMAL")
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["OPTIONS"] = {
        # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue on busy_timeout
        # instead of failing with "database is locked" half-way through a transaction.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            f"PRAGMA synchronous={SQLITE_SYNCHRONOUS};"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA busy_timeout=20000;"
        ),
    }
    Path(_db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 default, opted into now

# --- Auth -----------------------------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Hashing cost is irrelevant to what the tests check and would dominate their run time.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses log-ins of locked-out accounts
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Log-in throttling (django-axes, database handler: shared by every app server). An account, and
# separately a client address, is paused after LOGIN_FAILURE_LIMIT wrong passwords for
# LOGIN_LOCKOUT_MINUTES; `manage.py account_unlock` or Django admin lifts it earlier.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10, minimum=1)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: per account, per address
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "prongsai.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "prongsai.core.client_address.client_address"  # BEHIND_PROXY hops
AXES_DISABLE_ACCESS_LOG = True  # successful log-ins are not logged with their address
AXES_VERBOSE = False
# Second factor (django-otp, prongsai/accounts): required for platform admins and for the roles
# whose rule says so in prongsai/organizations/duties.py (unit admins, evaluators; later apps add
# theirs). SECOND_FACTOR_ROLES adds roles by name, or `*` for every account.
SECOND_FACTOR_ROLES = env_list("SECOND_FACTOR_ROLES", [])
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Prongsai")

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Bangkok")
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files --------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not (DEBUG or TESTING)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Uploaded files: a folder (MEDIA_ROOT; shared storage when several app servers run), or an
# S3-compatible bucket through django-storages (`pip install prongsai[s3]`).
MEDIA_STORAGE = env_str("MEDIA_STORAGE", "filesystem")
if MEDIA_STORAGE == "s3":
    try:
        import storages  # noqa: F401
    except ImportError as exc:
        raise ImproperlyConfigured(
            "MEDIA_STORAGE=s3 needs django-storages: pip install 'prongsai[s3]'"
        ) from exc
    if not os.environ.get("S3_BUCKET"):
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs S3_BUCKET (the bucket's name)")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["S3_BUCKET"],
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
elif MEDIA_STORAGE != "filesystem":
    raise ImproperlyConfigured(f"MEDIA_STORAGE={MEDIA_STORAGE!r} must be 'filesystem' or 's3'")
# Where `manage.py backup` writes its archives unless told otherwise (--output).
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(BASE_DIR / "var" / "backups")))
# Uploaded files are never served from MEDIA_URL directly: views check access and set safe
# headers (Content-Disposition, X-Content-Type-Options) before streaming them.
MEDIA_URL = "/media-not-served/"

# Upload limits (bytes). A request body above DATA_UPLOAD_MAX_MEMORY_SIZE is refused before any
# view code runs; a single evidence file above UPLOAD_MAX_FILE_SIZE gets a clear form error.
UPLOAD_MAX_FILE_SIZE = env_int("UPLOAD_MAX_FILE_SIZE", 20 * 1024 * 1024, minimum=1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024, minimum=1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG or TESTING
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "prongsai@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Every mail is queued (prongsai/mail) and sent by a task: a failed attempt is retried after
# MAIL_RETRY_SECONDS × 3ⁿ (at most 6 h apart), MAIL_MAX_ATTEMPTS times in all, then shown to
# admins as not delivered. EMAIL_TIMEOUT bounds one attempt (seconds).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20, minimum=1)
MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 6, minimum=1)
MAIL_RETRY_SECONDS = env_int("MAIL_RETRY_SECONDS", 60, minimum=1)

# --- Background tasks -----------------------------------------------------------------------
# "immediate" runs tasks in the request (demo, tests); "database" queues them for
# `manage.py db_worker`.
_TASKS = env_str("TASKS_BACKEND", "immediate" if DEBUG or TESTING else "database")
if _TASKS not in ("immediate", "database"):
    raise ImproperlyConfigured(f"TASKS_BACKEND={_TASKS!r} must be 'immediate' or 'database'")
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if _TASKS == "immediate"
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

# --- Evidence pre-checker (prongsai/prechecks) ----------------------------------------------
# Every OIT link is fetched by a task (never in a request) with these bounds. Addresses in
# private, loopback, link-local and other non-public ranges are refused (checked on the resolved
# address, and again after every redirect) unless listed in PRECHECK_ALLOWED_NETWORKS
# (comma-separated CIDRs, e.g. "127.0.0.2/32" for a local test server; empty in production).
PRECHECK_CONNECT_TIMEOUT = env_int("PRECHECK_CONNECT_TIMEOUT", 5, minimum=1)
PRECHECK_READ_TIMEOUT = env_int("PRECHECK_READ_TIMEOUT", 20, minimum=1)
PRECHECK_TOTAL_TIMEOUT = env_int("PRECHECK_TOTAL_TIMEOUT", 60, minimum=1)
PRECHECK_MAX_BYTES = env_int("PRECHECK_MAX_BYTES", 20 * 1024 * 1024, minimum=1024)
PRECHECK_MAX_REDIRECTS = env_int("PRECHECK_MAX_REDIRECTS", 5, minimum=0)
PRECHECK_PER_HOST = min(env_int("PRECHECK_PER_HOST", 4, minimum=1), 4)
PRECHECK_CONCURRENCY = env_int("PRECHECK_CONCURRENCY", 16, minimum=1)
# Helper processes that read and check fetched pages while the fetching goes on (64 links or
# more); 0 reads them in the fetching loop. Default: one per core beyond the first.
PRECHECK_READ_PROCESSES = env_int(
    "PRECHECK_READ_PROCESSES", max((os.cpu_count() or 1) - 1, 0), minimum=0
)
PRECHECK_ALLOWED_NETWORKS = env_list("PRECHECK_ALLOWED_NETWORKS", [])
# Off in the test suite: no test ever sends a packet past this machine (public addresses are
# refused and host names other than localhost are not even looked up).
PRECHECK_PUBLIC_INTERNET = env_bool("PRECHECK_PUBLIC_INTERNET", not TESTING)
# Dotted path to a callable returning prechecks.engine.FetchOptions (a resolver and transport):
# `make demo` points it at the demo's stand-in transport, so the demo never leaves the machine.
PRECHECK_FETCH_OPTIONS = env_str("PRECHECK_FETCH_OPTIONS", "")
try:
    import ipaddress as _ipaddress

    for _network in PRECHECK_ALLOWED_NETWORKS:
        _ipaddress.ip_network(_network, strict=False)
except ValueError as _exc:
    raise ImproperlyConfigured(f"PRECHECK_ALLOWED_NETWORKS: {_exc}") from _exc

# --- Generated documents (prongsai/documents) -----------------------------------------------
# Files are rendered by the task worker and kept this many days (published, frozen versions are
# kept for good); a render still "running" after DOCUMENTS_RENDER_TIMEOUT seconds lost its
# worker and may be retried. Files live in MEDIA_ROOT: app servers and workers must share it.
DOCUMENTS_KEEP_DAYS = env_int("DOCUMENTS_KEEP_DAYS", 7, minimum=1)
DOCUMENTS_RENDER_TIMEOUT = env_int("DOCUMENTS_RENDER_TIMEOUT", 15 * 60, minimum=60)

# --- Parent organisations' roll-up (prongsai/rollup) ---------------------------------------
# Reporting rates: an OIT item counts as sent on time when it went to the evaluator at most this
# many days after the end of the data period it covers (DHIS2's "expiry days").
ROLLUP_ON_TIME_DAYS = env_int("ROLLUP_ON_TIME_DAYS", 30)
# --- Security -------------------------------------------------------------------------------
SECURE_HTTPS = env_bool("SECURE_HTTPS", not DEBUG and not TESTING)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_SSL_REDIRECT = SECURE_HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if SECURE_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
# How many reverse proxies (TLS terminator, load balancer) stand in front, each appending to
# X-Forwarded-For: the client address is that many entries from the right
# (prongsai/core/client_address.py); with any, X-Forwarded-Proto is trusted.
BEHIND_PROXY = env_int("BEHIND_PROXY", 0)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # views that must be framed (file previews) opt in, see core/middleware.py
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12, minimum=60)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "prongsai.core.views.csrf_failure"  # Thai explanation, not Django's page

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Nothing logged about the IIT pages below ERROR (prongsai/surveys/anonymous_paths.py).
    "filters": {
        "anonymous_surveys": {"()": "prongsai.surveys.anonymous_paths.DropAnonymousSurveyRecords"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["anonymous_surveys"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    # Each published audit anchor is also logged, so that a log collector keeps a copy.
    "loggers": {"prongsai.audit": {"level": "INFO"}},
}

# --- Surveys (IIT / EIT): anti-stuffing and anonymity settings (prongsai/surveys) ------------
# Stored answers per client address per minute (EIT); benchmarks raise it. Code attempts per
# address per minute (IIT, against guessing). Proof-of-work difficulty in leading zero bits
# (browsers solve it in static JS; 16 ≈ 65,000 hashes). Without JavaScript the form must have
# been open this many seconds. Ballot lifetime after a code is entered; a survey form's challenge
# lifetime (an answer to a form opened longer ago is refused). IIT answers are exported only
# from this many respondents up. The largest survey answer body (bytes; a bigger one is refused
# before it is read); the lifetime of the cookie that marks a device which already answered.
SURVEY_RATE_LIMIT_PER_MINUTE = env_int("SURVEY_RATE_LIMIT_PER_MINUTE", 30, minimum=1)
SURVEY_CODE_ATTEMPTS_PER_MINUTE = env_int("SURVEY_CODE_ATTEMPTS_PER_MINUTE", 10, minimum=1)
SURVEY_POW_BITS = env_int("SURVEY_POW_BITS", 16)
if SURVEY_POW_BITS > 24:
    raise ImproperlyConfigured("SURVEY_POW_BITS must be at most 24 (phones must solve it)")
SURVEY_MIN_SECONDS_WITHOUT_JS = env_int("SURVEY_MIN_SECONDS_WITHOUT_JS", 8)
SURVEY_BALLOT_MAX_AGE = env_int("SURVEY_BALLOT_MAX_AGE", 7 * 24 * 3600, minimum=600)
SURVEY_CHALLENGE_MAX_AGE = env_int("SURVEY_CHALLENGE_MAX_AGE", 6 * 3600, minimum=600)
SURVEY_MAX_BODY_BYTES = env_int("SURVEY_MAX_BODY_BYTES", 20_000, minimum=1_000)
SURVEY_DEVICE_COOKIE_AGE = env_int("SURVEY_DEVICE_COOKIE_AGE", 180 * 24 * 3600, minimum=3600)
SURVEY_IIT_EXPORT_MIN = env_int("SURVEY_IIT_EXPORT_MIN", 5, minimum=1)
# IIT answers wait in the ballot box until at least this many can be written together, in
# random order (prongsai/surveys/services/ballot_box.py).
SURVEY_IIT_BATCH_MIN = env_int("SURVEY_IIT_BATCH_MIN", 5, minimum=1)

# --- Complaints (O16) and questions (O4): prongsai/complaints, prongsai/inquiries -------------
# Days to acknowledge a complaint, to give the first answer and to conclude it; closed cases
# are purged (content, files, identity) after COMPLAINTS_RETENTION_DAYS, keeping the statistics
# row. Public statistics show counts below COMPLAINTS_SUPPRESS_BELOW as "< N". Complaints stored
# per client address per minute; wrong receipt codes per address per minute before it waits.
COMPLAINTS_ACK_DAYS = env_int("COMPLAINTS_ACK_DAYS", 7, minimum=1)
COMPLAINTS_ANSWER_DAYS = env_int("COMPLAINTS_ANSWER_DAYS", 15, minimum=1)
COMPLAINTS_CONCLUDE_DAYS = env_int("COMPLAINTS_CONCLUDE_DAYS", 90, minimum=1)
COMPLAINTS_RETENTION_DAYS = env_int("COMPLAINTS_RETENTION_DAYS", 5 * 365, minimum=30)
COMPLAINTS_SUPPRESS_BELOW = env_int("COMPLAINTS_SUPPRESS_BELOW", 5, minimum=1)
COMPLAINTS_RATE_LIMIT_PER_MINUTE = env_int("COMPLAINTS_RATE_LIMIT_PER_MINUTE", 5, minimum=1)
COMPLAINTS_CODE_ATTEMPTS_PER_MINUTE = env_int("COMPLAINTS_CODE_ATTEMPTS_PER_MINUTE", 5, minimum=1)
INQUIRIES_RATE_LIMIT_PER_MINUTE = env_int("INQUIRIES_RATE_LIMIT_PER_MINUTE", 5, minimum=1)
# Questions from the public are answered within this many days (the O4 page shows the share).
INQUIRIES_ANSWER_DAYS = env_int("INQUIRIES_ANSWER_DAYS", 15, minimum=1)
# REST API (/api/v1/): requests each personal token may make per minute (all app servers).
API_RATE_LIMIT_PER_MINUTE = env_int("API_RATE_LIMIT_PER_MINUTE", 600, minimum=1)

# SQLite connections persist too under gunicorn (as PostgreSQL's do above). Otherwise every
# request opens and closes the database, and the last connection to close a WAL database
# checkpoints and deletes the WAL file: stalls of ~200 ms under load (bench/surveys_ladder.py).
# Not with runserver (DEBUG), which starts a thread per request.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and not (DEBUG or TESTING):
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 600)
