"""Django settings for jiedao. Everything a deployment changes comes from the environment."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("JIEDAO_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = os.environ.get("JIEDAO_DEBUG", "0") == "1"
TESTING = os.environ.get("JIEDAO_TESTING", "0") == "1"

# Keys come from the environment, else from VAR_DIR/keys.env (written once per machine by
# `python -m jiedao.core.keys`, which `make run` calls). The development keys below serve tests
# and JIEDAO_DEBUG runs only: any other start with one of them is refused (jiedao.core.keys).
if not TESTING:
    _keys_file = VAR_DIR / "keys.env"
    if _keys_file.is_file():
        for _line in _keys_file.read_text(encoding="utf-8").splitlines():
            _name, _sep, _value = _line.strip().partition("=")
            if _sep and not _name.startswith("#"):
                os.environ.setdefault(_name.strip(), _value.strip())
DEVELOPMENT_KEYS = {
    "SECRET_KEY": "dev-only-secret-key-change-me-in-production-0123456789abcdef",
    "DATA_KEYS": "dev1:ZGV2LW9ubHktZGF0YS1rZXktMzItYnl0ZXMtbG9uZyE=",
    "BLIND_INDEX_KEY": "dev-only-blind-index-key",
    "TOKEN_HASH_KEY": "dev-only-secret-key-change-me-in-production-0123456789abcdef",
}
SECRET_KEY = os.environ.get("JIEDAO_SECRET_KEY", DEVELOPMENT_KEYS["SECRET_KEY"])
ALLOWED_HOSTS = os.environ.get("JIEDAO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("JIEDAO_CSRF_TRUSTED_ORIGINS", "http://127.0.0.1:8000").split(",") if o
]

# Personal data keys: "kid:base64key,kid2:base64key" (first one encrypts, all decrypt).
DATA_KEYS = os.environ.get("JIEDAO_DATA_KEYS", DEVELOPMENT_KEYS["DATA_KEYS"])
BLIND_INDEX_KEY = os.environ.get("JIEDAO_BLIND_INDEX_KEY", DEVELOPMENT_KEYS["BLIND_INDEX_KEY"])
TOKEN_HASH_KEY = os.environ.get("JIEDAO_TOKEN_HASH_KEY", SECRET_KEY)

MAP_TILE_URL = os.environ.get("JIEDAO_MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("JIEDAO_MAP_TILE_ATTRIBUTION", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "huey.contrib.djhuey",
    "jiedao.core",
    "jiedao.staff",
    "jiedao.registry",
    "jiedao.cases",
    "jiedao.events",
    "jiedao.documents",
    "jiedao.petitions",
    "jiedao.mediation",
    "jiedao.registers",
    "jiedao.goals",
    "jiedao.reports",
    "jiedao.api",
    "jiedao.web",
    "jiedao.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "jiedao.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "jiedao.staff.middleware.StaffSessionMiddleware",
    "jiedao.core.acting.ActingJurisdictionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "jiedao.urls"
WSGI_APPLICATION = "jiedao.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "jiedao" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "jiedao.web.context.nav",
            ],
        },
    },
]

_default_db = f"sqlite:///{VAR_DIR / 'jiedao.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(os.environ.get("DATABASE_URL") or _default_db, conn_max_age=600)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + NORMAL sync + IMMEDIATE transactions: many readers, one writer without lock upgrades.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
            " PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456;"
        ),
    }
    # Explicit: pytest-django recognises SQLite in memory by this name only (our ENGINE is a subclass).
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("JIEDAO_TEST_DB_NAME") or ":memory:"}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:workbench"
LOGOUT_REDIRECT_URL = "web:login"
CSRF_FAILURE_VIEW = "jiedao.web.errors.csrf_failure"  # a page of the platform, JSON under /api/

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "jiedao" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("JIEDAO_STATIC_ROOT", BASE_DIR / "staticfiles"))
_NODE = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/htmx", _NODE / "htmx.org" / "dist"),
    ("vendor/echarts", _NODE / "echarts" / "dist"),
    ("vendor/leaflet", _NODE / "leaflet" / "dist"),
    ("vendor/bootstrap", _NODE / "bootstrap" / "dist"),
    ("vendor/swagger-ui", _NODE / "swagger-ui-dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
MEDIA_ROOT = Path(os.environ.get("JIEDAO_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"

MAX_UPLOAD_BYTES = int(os.environ.get("JIEDAO_MAX_UPLOAD_BYTES", 10 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 1024 * 1024

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": os.environ.get("JIEDAO_QUEUE_NAME", "jiedao"),
        "url": REDIS_URL,
        "immediate": False,
        "consumer": {"workers": 2, "worker_type": "thread"},
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "jiedao",
        "filename": str(VAR_DIR / "queue.sqlite3"),
        "immediate": False,
        "consumer": {"workers": 2, "worker_type": "thread"},
    }

if TESTING and not os.environ.get("JIEDAO_TEST_REAL_QUEUE"):
    # Tests run tasks synchronously; tests/services/ exercise the real Redis-backed consumer.
    HUEY["immediate"] = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("JIEDAO_LOG_LEVEL", "WARNING")},
}


# Safe outputs (等保 2.0): TLS behind a proxy, cookies, HSTS, no caching of personal data.
# A deployment sets these from the environment (README "配置", docs/运维手册.md §2); the defaults
# keep plain-HTTP development and tests working.
def _env_flag(name: str) -> bool:
    return os.environ.get(name, "0") == "1"


SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = _env_flag("JIEDAO_SECURE_COOKIES")
SECURE_SSL_REDIRECT = _env_flag("JIEDAO_SSL_REDIRECT")
SECURE_HSTS_SECONDS = int(os.environ.get("JIEDAO_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_flag("JIEDAO_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = _env_flag("JIEDAO_HSTS_PRELOAD")
# The header a TLS-terminating proxy sets, e.g. "X-Forwarded-Proto": only behind a proxy that
# overwrites it, or a client could claim HTTPS.
_proxy_header = os.environ.get("JIEDAO_PROXY_SSL_HEADER", "")
if _proxy_header:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")
X_FRAME_OPTIONS = "DENY"  # no page of ours is framed, not even by ourselves
MIDDLEWARE += ["jiedao.core.middleware.NoStoreForSignedInMiddleware", "csp.middleware.CSPMiddleware"]

# Content Security Policy (django-csp) on every page: scripts, styles, fonts and data only from
# this server, so an injected <script> or a foreign asset does not run or load. Styles allow
# 'unsafe-inline' because templates, htmx and ECharts set style attributes; no script does.
# Images may also come from the map tile server a deployment names.
_tile_origin = "/".join(MAP_TILE_URL.split("/")[:3]) if MAP_TILE_URL.startswith("http") else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *([_tile_origin] if _tile_origin else [])],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# 等保 身份鉴别 (jiedao/staff/passwords.py): password rules and age.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "jiedao.staff.passwords.LengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "jiedao.staff.passwords.CharacterClassesValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "jiedao.staff.passwords.UsernameValidator"},
    {"NAME": "jiedao.staff.passwords.CommonValidator"},
]
PASSWORD_MAX_AGE_DAYS = int(os.environ.get("JIEDAO_PASSWORD_MAX_AGE_DAYS", "90"))  # 0: no limit
# Login failures (jiedao/staff/lockout.py, django-axes): N failures for one account or from one
# address lock it for M minutes, the right password included.
INSTALLED_APPS += ["axes"]
AUTHENTICATION_BACKENDS = ["jiedao.staff.lockout.LockoutBackend", *AUTHENTICATION_BACKENDS]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AXES_FAILURE_LIMIT = int(os.environ.get("JIEDAO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("JIEDAO_LOGIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "jiedao.staff.lockout.source_address"
AXES_LOCKOUT_CALLABLE = "jiedao.staff.lockout.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # successes are in our audit log (jiedao/staff/signin_audit.py)
AXES_VERBOSE = False
# Sessions (jiedao/staff/sessions.py): idle timeout and absolute lifetime.
SESSION_IDLE_SECONDS = 60 * int(os.environ.get("JIEDAO_SESSION_IDLE_MINUTES", "30"))
SESSION_ABSOLUTE_SECONDS = 3600 * int(os.environ.get("JIEDAO_SESSION_MAX_HOURS", "12"))
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
