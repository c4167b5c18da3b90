"""Expertfolio settings: one file, driven by environment variables.

Development needs no variables at all. Production is DJANGO_DEBUG=0 plus a real
DJANGO_SECRET_KEY, EXPERTFOLIO_SIGNING_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL (see README.md).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import xstatic.pkg.bootstrap
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.log import DEFAULT_LOGGING
from whitenoise.compress import Compressor

from config.env import env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent


VAR_DIR = Path(os.environ.get("EXPERTFOLIO_VAR_DIR", BASE_DIR / "var"))

DEBUG = env_bool("DJANGO_DEBUG", True)

_DEV_SECRET_KEY = "django-insecure-development-only-never-use-this-key-in-production"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not DEBUG and (
    len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure") or len(set(SECRET_KEY)) < 5
):
    raise ImproperlyConfigured(
        "DJANGO_DEBUG=0 needs DJANGO_SECRET_KEY set to at least 50 random characters, e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )
SECRET_KEY = SECRET_KEY or _DEV_SECRET_KEY

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Django's widget templates, found by the project's engine (FORM_RENDERER below).
    "django.forms",
    "whitenoise.runserver_nostatic",
    "config.apps.StaticFilesConfig",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "csp",
    "django_htmx",
    # No models: what every app shares, its template tags among them.
    "common",
    "profiles",
    "rubrics",
    "portfolio",
    "onboarding",
    "guide",
    "account",
    "seeding",
    "credentials",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Inside authentication, so it knows who is signed in; outside the views' own headers.
    "config.middleware.private_pages",
    "django.contrib.messages.middleware.MessageMiddleware",
    # request.htmx: whether htmx sent the request, so a view can answer with a fragment.
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Axes last: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "profiles.context_processors.roles",
                "common.context_processors.site",
            ],
        },
    },
]

# Widgets are drawn by the project's template engine, so templates/django/forms/ overrides
# one of Django's (an input shows a refused value in a type that allows it), and values are
# shown again without NUL characters (common.forms.FormRenderer).
FORM_RENDERER = "common.forms.FormRenderer"

# --- Database -----------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if not DATABASE_URL:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'expertfolio.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60), conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent requests on SQLite wait for the write lock instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache --------------------------------------------------------------------
# Fragments that are the same for everyone who sees them, keyed by the version of what they
# show (never a whole signed-in page), and the sessions. Redis is shared by every app server;
# without it each process keeps its own small copy.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "expertfolio"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            # Fragments of a few KB; none over a few hundred KB is kept.
            "OPTIONS": {"MAX_ENTRIES": env_int("DJANGO_CACHE_ENTRIES", 1000)},
        }
    }

# --- Accounts -----------------------------------------------------------------
AUTH_USER_MODEL = "profiles.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sessions in the database; with Redis, read through it (written to both). A process's own
# memory is not shared, so without Redis every read goes to the database: a sign-out on one
# server then holds on every other at once.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "landing"

# Password-reset emails to one address (django-ratelimit, counted in the default cache: shared
# by every app server when REDIS_URL is set).
PASSWORD_RESET_RATE = "3/h"
# Signups from one client network (the same way): a refusal tells whether an address is taken.
SIGNUP_RATE = "20/h"

# Failed-login throttling (django-axes): the state lives in the database, so it
# holds across several app servers.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "profiles.throttling.login_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The client's address behind reverse proxies: django-axes reads it with django-ipware.
# AXES_PROXY_COUNT is how many proxies in front of the app add to X-Forwarded-For; each
# appends the address it was reached from, so the client is that many entries from the right.
# A header with more entries than that was partly written by the client: ipware then falls
# back to the proxy's own address, so made-up entries neither dodge nor cause a lockout.
PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0)
if PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    # ipware counts the proxies named in the header: the one nearest the app names the client.
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT - 1
    AXES_IPWARE_PROXY_ORDER = "left-most"
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
AXES_VERBOSE = False

# --- Internationalisation ----------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
# The product is in English only and has no translations: without the translation
# machinery, every lazy label, choice and date format skips a per-thread language lookup
# (about a tenth of the queue page's time, bench/README.md).
USE_I18N = False
USE_TZ = True

# --- Files --------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
# Bootstrap comes from the XStatic-Bootstrap package, served as our own static files.
STATICFILES_DIRS = [BASE_DIR / "static", ("vendor/bootstrap", xstatic.pkg.bootstrap.BASE_DIR)]
# Uploaded work samples are private: they live outside every served directory
# and are only streamed by the permission-checked download view.
PRIVATE_UPLOAD_ROOT = Path(os.environ.get("EXPERTFOLIO_UPLOAD_ROOT", VAR_DIR / "uploads"))
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_UPLOAD_ROOT, "base_url": None},
    },
    "staticfiles": {
        # Hashed, compressed names need collectstatic, which production runs at start.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
# Uploads in an S3-compatible object store instead of the local disk: a configuration change.
# Files stay private (no public ACL); the download view still streams them after its check.
if os.environ.get("EXPERTFOLIO_STORAGE", "filesystem") == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("EXPERTFOLIO_S3_BUCKET", "expertfolio-uploads"),
            "endpoint_url": os.environ.get("EXPERTFOLIO_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("EXPERTFOLIO_S3_REGION") or None,
            "access_key": os.environ.get("EXPERTFOLIO_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("EXPERTFOLIO_S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("EXPERTFOLIO_S3_PREFIX", "uploads"),
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
# Source maps are fetched by developer tools only; compressing them costs start-up time.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
UPLOAD_MAX_BYTES = env_int("EXPERTFOLIO_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
UPLOAD_QUOTA_BYTES = env_int("EXPERTFOLIO_UPLOAD_QUOTA_BYTES", 200 * 1024 * 1024)
FILE_UPLOAD_PERMISSIONS = 0o600
# The size cap is applied while the request is read, before any view runs (common/uploadcap.py).
FILE_UPLOAD_HANDLERS = [
    "common.uploadcap.UploadCapHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# The benchmark editor posts six fields for each of up to 500 items (portfolio/validators.py).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 4000

# --- Email --------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "Expertfolio <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = 10  # seconds: a mail server that hangs must not hold a request

# The address of the site in links that leave it (decision emails).
# Without one, the development server's own address (PORT, as `make run` and bin/serve use).
SITE_URL = os.environ.get(
    "EXPERTFOLIO_SITE_URL", f"http://127.0.0.1:{env_int('PORT', 8000)}"
).rstrip("/")

# --- Credentials --------------------------------------------------------------
# The Ed25519 private key that signs approval credentials: a private JWK on one line or a
# PKCS#8 PEM (credentials/keys.py). Development makes one under VAR_DIR when it is unset.
SIGNING_KEY = os.environ.get("EXPERTFOLIO_SIGNING_KEY", "")
if not DEBUG and not SIGNING_KEY.strip():
    raise ImproperlyConfigured(
        "DJANGO_DEBUG=0 needs EXPERTFOLIO_SIGNING_KEY set to the Ed25519 private key that signs "
        "credentials, as a private JWK or a PEM; print a new one with: python -m credentials.keys"
    )
# The public halves of keys that signed credentials before the current one replaced them: a
# JSON list of Ed25519 JWKs, or a JWK Set. /.well-known/jwks.json keeps publishing them, so
# the credentials they signed still check out after a rotation.
RETIRED_SIGNING_KEYS = os.environ.get("EXPERTFOLIO_RETIRED_SIGNING_KEYS", "")

# --- Reviews ------------------------------------------------------------------
# How many submitted reviews decide a round; when they disagree, staff adjudicate.
REVIEWS_REQUIRED = env_int("EXPERTFOLIO_REVIEWS_REQUIRED", 1)
# A rejected expert may submit a revised portfolio again after this many days.
RESUBMIT_AFTER_REJECTION_DAYS = env_int("EXPERTFOLIO_RESUBMIT_AFTER_REJECTION_DAYS", 180)
if REVIEWS_REQUIRED < 1:
    raise ImproperlyConfigured("EXPERTFOLIO_REVIEWS_REQUIRED must be 1 or more.")
# Staff's target for a round's wait; the pipeline counts the rounds waiting longer.
REVIEW_TARGET_DAYS = env_int("EXPERTFOLIO_REVIEW_TARGET_DAYS", 7)
# A claim not submitted within this many days expires and the round goes back to the queue.
CLAIM_DAYS = env_int("EXPERTFOLIO_CLAIM_DAYS", 7)
# A resubmitted round waits this long for the reviewer who decided the previous round.
FIRST_OFFER_HOURS = env_int("EXPERTFOLIO_FIRST_OFFER_HOURS", 72)
# Reviewers never see who the expert is (name, email, public address, avatar).
BLIND_REVIEW = env_bool("EXPERTFOLIO_BLIND_REVIEW", False)
if REVIEW_TARGET_DAYS < 1 or CLAIM_DAYS < 1 or FIRST_OFFER_HOURS < 0:
    raise ImproperlyConfigured(
        "EXPERTFOLIO_REVIEW_TARGET_DAYS and EXPERTFOLIO_CLAIM_DAYS must be 1 or more, "
        "EXPERTFOLIO_FIRST_OFFER_HOURS 0 or more."
    )

# --- Security -----------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_TLS_PROXY", False) else None
)
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# Load balancers probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("DJANGO_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Powerful browser features, all off: no page uses one (django-permissions-policy).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture",
        "encrypted-media", "fullscreen", "geolocation", "gyroscope", "magnetometer",
        "microphone", "midi", "payment", "picture-in-picture", "publickey-credentials-get",
        "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
    )
}  # fmt: skip
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Bootstrap draws some controls with data: SVG images.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Forms --------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# --- Logging ------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"django.server": DEFAULT_LOGGING["formatters"]["django.server"]},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": DEFAULT_LOGGING["handlers"]["django.server"],
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # Django's own "django" handler (DEBUG only) would print each of its messages a
        # second time beside the root's. Configuring "django" resets its children, so the
        # development server's request lines get Django's own handler back here.
        "django": {"handlers": []},
        "django.server": DEFAULT_LOGGING["loggers"]["django.server"],
    },
}
