"""Summit KB settings, read from the environment (12-factor).

With nothing set you get the embedded default: SQLite in ``var/``, Celery tasks
run in-process, DEBUG on. ``DATABASE_URL`` selects PostgreSQL, ``REDIS_URL``
selects Redis as the Celery broker and result backend. ``DJANGO_ENV=production``
is the production profile: DEBUG off, a secret key and hosts required, secure
cookies and HTTPS redirects on (it passes ``manage.py check --deploy``).
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from summit_kb.env import env_bool, env_int, env_list, env_url, redis_database_after

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SUMMIT_KB_VAR_DIR", BASE_DIR / "var"))

ENVIRONMENT = os.environ.get("DJANGO_ENV", "development").strip().lower()
if ENVIRONMENT not in ("development", "production"):
    raise ImproperlyConfigured(
        f"DJANGO_ENV={ENVIRONMENT!r} is not a profile: use development or production."
    )
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env_bool("DJANGO_DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    # DEBUG pages show settings and tracebacks to anyone: never on the production profile.
    raise ImproperlyConfigured(
        "DJANGO_DEBUG=true is not allowed in the production profile: unset it or use false."
    )

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in the production profile.")
    # A development key only: the production profile refuses to start without its own.
    SECRET_KEY = "dev-only-insecure-key-summit-kb-do-not-use-in-production"
elif PRODUCTION and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be at least 50 characters in production.")

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must name the site's hosts in production.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's assets, served by the project: no CDN
    "summit_kb",
    "entities",
    "articles",
    "timeline",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "summit_kb.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "summit_kb.middleware.RequestGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that it is the first to see a view's exception (a database outage).
    "summit_kb.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "summit_kb.urls"
WSGI_APPLICATION = "summit_kb.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env_url("DATABASE_URL", schemes=("postgres", "postgresql", "sqlite"))
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "summit_kb.sqlite3",
            # The in-process tasks and the dev server write from several threads.
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int(
        "DATABASE_CONNECT_TIMEOUT", 5
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Celery ---------------------------------------------------------------------------------
REDIS_URL = env_url("REDIS_URL", schemes=("redis", "rediss"))
if REDIS_URL:
    # Shared by every web process: API throttle counters must not be per process.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_database_after(REDIS_URL),
            "KEY_PREFIX": "summit-kb",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    # The embedded default: tasks run in the process that enqueues them.
    CELERY_BROKER_URL = "memory://localhost/"
    CELERY_RESULT_BACKEND = None
    CELERY_TASK_ALWAYS_EAGER = True
    CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
# A broker that is down must not hang a request: fail fast, the sweep re-queues later.
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 1,
    "socket_connect_timeout": 3,
    # An unacknowledged task (its worker died) is handed out again after this long.
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 15 * 60),
}
CELERY_BEAT_SCHEDULE = {
    "sweep-articles": {"task": "articles.tasks.sweep_articles_task", "schedule": 60.0},
}

# Articles left queued (the broker was down) or processing (a worker died) longer than
# this are re-queued by the sweep.
ARTICLE_QUEUED_STALE_AFTER = timedelta(seconds=env_int("ARTICLE_QUEUED_STALE_AFTER", 60))
# The sweep asks the workers what they run, so an article a dead worker held is re-queued
# after the grace; the time limit is for when no worker answers: the task's hard limit
# (180 s) plus a margin, so a live worker is never overtaken.
ARTICLE_PROCESSING_STALE_AFTER = timedelta(seconds=env_int("ARTICLE_PROCESSING_STALE_AFTER", 240))
ARTICLE_ORPHAN_GRACE = timedelta(seconds=env_int("ARTICLE_ORPHAN_GRACE", 20))
ARTICLE_SWEEP_BATCH = 500  # per minute: far above the ingest rate, small enough for one query

# A request may spell an article of 1 MB of text in up to six bytes a character (JSON's
# \u escapes): the API measures the article itself and needs the whole request to do so.
# Larger requests are refused before they are read (413 in the API's error shape).
DATA_UPLOAD_MAX_MEMORY_SIZE = 6_500_000

# --- Auth, i18n, static ---------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
if not PRODUCTION:
    # WhiteNoise warns on every start when the folder is missing; collectstatic fills it.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "summit_kb.api_tokens.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # JSON only: the schema and /api/docs/ are the browsable documentation.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "summit_kb.api.exception_handler",
    # Per client: anonymous readers by address, token holders by user. The counters live in
    # the default cache: per process unless CACHES points at a shared one (Redis).
    "DEFAULT_THROTTLE_CLASSES": [
        "summit_kb.throttles.AnonThrottle",
        "summit_kb.throttles.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_ANON_RATE", "120/minute"),
        "user": os.environ.get("API_USER_RATE", "600/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Summit KB API",
    "DESCRIPTION": (
        "News coverage of the run-up to the Helsinki summit of 16 July 2018: the timeline "
        "of events with the article sentences that report them, the entities of the story, "
        "their quotes, and the articles.\n\n"
        "Reads are public and throttled per client (429 with `Retry-After`). Writes need a "
        "token (`Authorization: Token <key>`) of a user with the permission: an editor makes "
        "one in the admin under Summit KB › API tokens, sees the key once, and can revoke it "
        "there. Every error "
        'answers `{"message": ..., "extra": {...}}`; a wrong parameter is a 400 whose '
        "message and `extra.parameter` name it."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "summit_kb.api_tokens.public_reads_need_no_token",
    ],
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "EventKindEnum": "timeline.models.EventKind",
        "EntityKindEnum": "entities.models.EntityKind",
        "PrecisionEnum": "summit_kb.partial_dates.Precision",
        "ArticleStatusEnum": "articles.models.ArticleStatus",
    },
}

# --- Production hardening -------------------------------------------------------------------
# A load balancer's plain-HTTP health probe must get its answer, not a redirect to HTTPS.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
