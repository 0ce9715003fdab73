"""
Settings for the Kayano 14 archive.

One file, every knob read from the environment (or a `.env` file beside
`manage.py`). The defaults are safe for production: DEBUG is off, there is no
SECRET_KEY unless DEBUG is on, and ALLOWED_HOSTS is empty. `.env.example`
documents every variable.
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent

if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")
env = environ.Env()
# An empty value means unset: `CACHE_URL=` must not be a broken cache address, and
# `STATIC_ROOT=` must not mean the current directory.
env.ENVIRON = {name: value for name, value in os.environ.items() if value.strip()}


def refuse_to_start(reason):
    """Stop with one plain line, not a traceback: this is the operator's first contact."""
    sys.exit(f"Refusing to start: {reason}")


DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        refuse_to_start(
            "SECRET_KEY is not set. Export it (or put it in .env), "
            "or set DEBUG=true for local development."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)

# The site's one public address. Every absolute URL (canonical links, sharing cards, JSON-LD,
# feeds, sitemaps, robots.txt) is built from it, never from the Host a client sends.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
if not SITE_URL:
    refuse_to_start(
        "SITE_URL is not set. Give the site's public address, e.g. https://kayano14.example.org."
    )
SITE_URL_PARTS = urlsplit(SITE_URL)
CSRF_TRUSTED_ORIGINS = env.list(
    "CSRF_TRUSTED_ORIGINS", default=[f"{SITE_URL_PARTS.scheme}://{SITE_URL_PARTS.netloc}"]
)

# The code release being served; part of every page-cache key and ETag, so a deploy shows at
# once. Unset, the static files manifest's hash stands in for it (see catalog/release.py).
RELEASE = env.str("RELEASE", default="")

INSTALLED_APPS = [
    "kayano_site.apps.KayanoAdminConfig",  # Django's admin, with a second factor for staff
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "reversion",
    "reversion_compare",
    "import_export",
    "axes",
    "catalog",
]

MIDDLEWARE = [
    "kayano_site.request_id.RequestIdMiddleware",  # first: everything after it logs with the id
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A 404 for an address that moved (a renamed entry) becomes a 301 to its new one.
    "catalog.redirects.RedirectMiddleware",
    # Anonymous visitors are answered from the page cache before the rest of the stack runs.
    "catalog.caching.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "kayano_site.security.PermissionsPolicyMiddleware",
    # Every admin POST (saves, bulk actions, imports) is recorded as one restorable revision.
    "kayano_site.revisions.AdminRevisionMiddleware",
    # Last, as django-axes requires: locks the admin login after repeated failures.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "kayano_site.urls"

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
                "catalog.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "kayano_site.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Persistent connections: opening one per request would cost more than most pages.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://kayano")}
if CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache":
    # The cache only ever holds disposable copies: when Redis is down or slow, log it and
    # carry on uncached (django-redis' IGNORE_EXCEPTIONS) rather than fail the request.
    CACHES["default"]["OPTIONS"] = {
        "IGNORE_EXCEPTIONS": True,
        "SOCKET_CONNECT_TIMEOUT": env.float("CACHE_TIMEOUT", default=0.25),
        "SOCKET_TIMEOUT": env.float("CACHE_TIMEOUT", default=0.25),
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# The /data/ downloads, rebuilt after each change of the catalog (catalog/download_files.py).
DOWNLOADS_ROOT = env.path("DOWNLOADS_ROOT", default=BASE_DIR / "downloads")
DOWNLOADS_BUILD_IN_BACKGROUND = True
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "kayano_site.storage.StaticFilesStorage"
    },
}
MEDIA_ORIGINS = []

# A change form submits each citation and price row with its values as opened (for the
# two-editor merge, `catalog/conflict_rows.py`): up to 300 citations and 100 price rows,
# about 5,300 fields, where Django's default allows 1,000.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 6000

# Uploads on S3-compatible storage (django-storages) when a bucket is named. Credentials
# come from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), read by boto3.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default=None)
    AWS_S3_CUSTOM_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", default=None)
    AWS_S3_FILE_OVERWRITE = False
    AWS_QUERYSTRING_AUTH = False
    AWS_DEFAULT_ACL = None
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=2592000"}
    MEDIA_ORIGINS = [
        f"https://{AWS_S3_CUSTOM_DOMAIN}"
        if AWS_S3_CUSTOM_DOMAIN
        else AWS_S3_ENDPOINT_URL or f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"
    ]

# Security. Production defaults; each can be relaxed from the environment (e.g. `make serve`
# turns off the HTTPS redirect to smoke-test on plain http://127.0.0.1).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env.bool("SECURE_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
# Preloading is a promise to browsers that is slow to undo: opt in deliberately.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    # Django's deploy check asks for preloading; leaving it off is this project's choice.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
# Django's defaults already send nosniff, X-Frame-Options: DENY, COOP same-origin and
# HttpOnly session cookies; these are the choices that differ from them.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# No inline script or style anywhere. JSON-LD blocks are data, which browsers never run,
# so they need no nonce (a nonce in a cached page would be shared by every visitor).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Admin login throttling (django-axes): five failures lock out that username from that
# address for an hour. Unlock early with `manage.py axes_reset_username USERNAME`.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)

# A second factor for every staff login (an authenticator app, or a recovery code). On
# unless DEBUG; a wrong code is throttled by django-otp, a wrong password counts for axes.
ADMIN_REQUIRE_2FA = env.bool("ADMIN_REQUIRE_2FA", default=not DEBUG)
OTP_TOTP_ISSUER = "Kayano 14 Archive"
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind nginx every request comes from the proxy: count failures per real client instead.
AXES_CLIENT_IP_CALLABLE = "kayano_site.client_ip.client_ip"
# Peers whose X-Forwarded-For is believed (the same list gunicorn trusts); a request over a
# unix socket has no peer address and always comes from the local proxy.
TRUSTED_PROXIES = env.list("FORWARDED_ALLOW_IPS", default=["127.0.0.1", "::1"])

# Editors import and export CSV/JSON (the admin side is catalog/importing.py); an import
# with any bad row saves nothing.
IMPORT_EXPORT_USE_TRANSACTIONS = True
# A previewed file waits for its confirm in the media storage, which every app server shares
# (MEDIA_ROOT, or the S3 bucket once there are several), not in one server's /tmp.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "catalog.importing.PendingImportStorage"
if not AWS_STORAGE_BUCKET_NAME:
    # On disk, readable by the app's user only: nginx's /media/ cannot serve a pending file.
    STORAGES["import_export"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"file_permissions_mode": 0o600, "directory_permissions_mode": 0o700},
    }
# Off: it only deletes a leading "=" (in JSON too). catalog.importing.SpreadsheetCSV quotes
# every cell a spreadsheet would run (=, +, -, @) instead, and reads it back as typed.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False

# The public name of the site, used in titles, feeds and sharing cards.
SITE_NAME = "Kayano 14 Archive"

LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "kayano_site.request_id.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name} [{request_id}] {message}", "style": "{"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "plain",
        },
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    # Django's default handlers (console in DEBUG, mail_admins) would print errors twice,
    # without the id: its records reach stdout through the root handler only.
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "axes": {"handlers": [], "level": "WARNING", "propagate": True},
    },
}
