"""Settings for Portal Humas, read from the environment only.

Development defaults work on a machine with PostgreSQL and Redis on localhost.
``HUMAS_ENV=production`` switches on the production checks: a real SECRET_KEY,
DEBUG off, secure cookies, HSTS and SSL redirect.
"""

from __future__ import annotations

import importlib
import importlib.util
from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from humas.env import database_from_url, envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(envstr("HUMAS_VAR_DIR", str(BASE_DIR / "var")))

ENVIRONMENT = envstr("HUMAS_ENV", "development")
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured("HUMAS_ENV must be 'development' or 'production'")
PRODUCTION = ENVIRONMENT == "production"

_DEV_SECRET = "dev-only-insecure-key-portal-humas-not-for-production"  # noqa: S105 (refused in production)
SECRET_KEY = envstr("SECRET_KEY", "" if PRODUCTION else _DEV_SECRET)
DEBUG = envbool("DEBUG", not PRODUCTION)
if PRODUCTION:
    if len(SECRET_KEY) < 50 or SECRET_KEY == _DEV_SECRET or SECRET_KEY.startswith("django-insecure"):
        raise ImproperlyConfigured("Production needs SECRET_KEY: a random string of at least 50 characters")
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be off in production")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]", "testserver"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Production needs ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

# The office this portal belongs to.
SITE_NAME = envstr("SITE_NAME", "Portal Humas")
OFFICE_NAME = envstr("OFFICE_NAME", "Bagian Hubungan Masyarakat Sekretariat Daerah Kota Harapan Jaya")
OFFICE_REGION = envstr("OFFICE_REGION", "Pemerintah Kota Harapan Jaya")
OFFICE_ADDRESS = envstr("OFFICE_ADDRESS", "Jl. Merdeka No. 1, Harapan Jaya 40111")
OFFICE_PHONE = envstr("OFFICE_PHONE", "(022) 1234567")
OFFICE_EMAIL = envstr("OFFICE_EMAIL", "humas@harapanjaya.go.id")
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "axes",
    "csp",
    # CKEditor 5 for the release editor: its static build and widget template (releases/widgets.py)
    "django_ckeditor_5",
    "humas",
    "releases",
    "media_relations",
    "ppid",
    "visits",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "humas.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "humas.urls"
WSGI_APPLICATION = "humas.wsgi.application"
AUTH_USER_MODEL = "humas.User"

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
                "humas.context_processors.portal",
            ],
        },
    },
]

DATABASES = {"default": database_from_url(envstr("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/humas"))}
DATABASES["default"]["CONN_MAX_AGE"] = envint("DB_CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = envstr("REDIS_URL", "redis://127.0.0.1:6379/0")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": envstr("CACHE_KEY_PREFIX", "humas"),
        "TIMEOUT": 300,
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.cache"
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 60 * 60 * 8)

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "humas:login"
LOGIN_REDIRECT_URL = "humas:after-login"
LOGOUT_REDIRECT_URL = "home"

# Login lockout: five failures for one username from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = envint("PROXY_COUNT", 0)

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = envstr("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/unggahan/"
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(VAR_DIR / "media" / "public")))
PRIVATE_MEDIA_ROOT = Path(envstr("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "media" / "private")))
SERVE_PUBLIC_MEDIA = envbool("SERVE_PUBLIC_MEDIA", not PRODUCTION)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Personal data and unpublished files: no base URL, streamed only by permission-checked views.
    "private": {
        "BACKEND": "humas.private_media.PrivateFileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT)},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# Mail
EMAIL_BACKEND = envstr(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <noreply@harapanjaya.go.id>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: the broker carries pointers to database rows, never the work itself.
CELERY_BROKER_URL = envstr("CELERY_BROKER_URL", REDIS_URL)
CELERY_RESULT_BACKEND = None
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "socket_connect_timeout": 3, "socket_timeout": 5}
# A publish that cannot reach Redis gives up quickly: the outbox row stays and the sweep re-queues it.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
CELERY_TASK_ALWAYS_EAGER = False
# Keep the JSON log format of LOGGING in workers too.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    "humas-heartbeat": {"task": "humas.tasks.heartbeat", "schedule": 60.0},
}
# Each app declares its periodic jobs in ``<app>/beat.py`` as ``SCHEDULE`` (a plain dict, no
# Django imports), so an app's deadlines and sweeps live beside its tasks.
for _app in ("releases", "media_relations", "ppid", "visits"):
    if importlib.util.find_spec(f"{_app}.beat") is not None:
        CELERY_BEAT_SCHEDULE.update(importlib.import_module(f"{_app}.beat").SCHEDULE)

# Security headers. Content-Security-Policy forbids inline scripts and styles everywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
if envbool("BEHIND_TLS_PROXY", PRODUCTION):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if PRODUCTION and not SECURE_HSTS_PRELOAD:
    # Preloading is a decision for the domain's owner, not a default we can take for them.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "humas.logging.JsonFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"}},
    "root": {"handlers": ["stdout"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "celery": {"level": "INFO"},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Public-form protection shared by PPID, visits and journalist registration.
PUBLIC_FORM_RATE = envstr("PUBLIC_FORM_RATE", "10/h")

# PPID
# Requests closed more than this many years ago are anonymised by `manage.py ppid_anonymise`
# (personal data and identity scans removed; dates, outcomes and working days kept).
PPID_RETENTION_YEARS = envint("PPID_RETENTION_YEARS", 5)

# Visits
# Working days between today and the first day a visit may be requested for.
VISITS_MIN_LEAD_WORKING_DAYS = envint("VISITS_MIN_LEAD_WORKING_DAYS", 7)
# How long a pending request or a proposal holds its room and time tentatively.
VISITS_HOLD_DAYS = envint("VISITS_HOLD_DAYS", 5)
# Length of a visit when the delegation asks for a start time only.
VISITS_DEFAULT_DURATION_MINUTES = envint("VISITS_DEFAULT_DURATION_MINUTES", 120)
# Receiving hours when no ReceivingRule rows exist (Monday to Friday).
VISITS_DEFAULT_HOURS = (envstr("VISITS_DEFAULT_START", "08:00"), envstr("VISITS_DEFAULT_END", "15:00"))
# A delegation can ask to reschedule until this many working days before its visit.
VISITS_RESCHEDULE_CUTOFF_WORKING_DAYS = envint("VISITS_RESCHEDULE_CUTOFF_WORKING_DAYS", 3)
# How long a waiting-list offer stays open after a cancellation frees a slot.
VISITS_OFFER_HOURS = envint("VISITS_OFFER_HOURS", 48)
# Status links stop working this many days after the visit (or the request, if never booked).
VISITS_TOKEN_DAYS = envint("VISITS_TOKEN_DAYS", 60)
