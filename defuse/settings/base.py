"""Settings shared by every environment. Per-deploy values come from environment variables."""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .database import databases_from_env

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("DEFUSE_VAR_DIR", BASE_DIR / "var"))


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in {"1", "true", "yes", "on"}:
        return True
    if value.strip().lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
DEBUG = False

INSTALLED_APPS = [
    "defuse.platform",
    "defuse.core",
    "defuse.accounts",
    "defuse.hub",
    "defuse.training",
    "defuse.field",
    "defuse.insights",
    "defuse.records",
    "defuse.demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "defuse.accounts.wagtail_users_app.DefuseUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "huey.contrib.djhuey",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
    "post_office",
    "csp",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",  # allauth's list of security keys
]

MIDDLEWARE = [
    "defuse.platform.client_address.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "defuse.platform.middleware.ReaderCacheMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "defuse.platform.sites.KnownSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "defuse.accounts.session_rules.SessionRulesMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "defuse.accounts.mfa.SecondFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "axes.middleware.AxesMiddleware",
    # Innermost, so that it sees view exceptions first: malformed requests answer 400.
    "defuse.platform.bad_requests.MalformedRequestMiddleware",
]

ROOT_URLCONF = "defuse.urls"
WSGI_APPLICATION = "defuse.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "defuse.platform.context_processors.navigation",
                "defuse.platform.context_processors.work_links",
            ],
        },
    },
]

DATABASES = databases_from_env(os.environ, VAR_DIR / "defuse.sqlite3")
DATABASE_ROUTERS = ["defuse.platform.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis down degrades, never fails: a cache error is a miss (logged), reads go to the database,
# sessions to their database copy, rate limits fail open (RATELIMIT_FAIL_OPEN).
REDIS_CACHE_OPTIONS = {
    "IGNORE_EXCEPTIONS": True,
    "SOCKET_CONNECT_TIMEOUT": 0.5,
    "SOCKET_TIMEOUT": 0.5,
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True


def redis_caches(url: str) -> dict:
    """The caches with Redis at url (also what the Redis outage tests configure)."""
    redis = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "defuse",
        "OPTIONS": REDIS_CACHE_OPTIONS,
    }
    return {
        "default": redis,
        "shared": redis,
        # What is cached under the content version: a copy in each process in front of Redis
        # (platform/versioned_cache.py).
        "local": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "defuse-local",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
        "versioned": {
            "BACKEND": "defuse.platform.versioned_cache.VersionedCache",
            "OPTIONS": {"LOCAL": "local", "SHARED": "default", "LOCAL_SECONDS": 60},
        },
    }


if os.environ.get("REDIS_URL"):
    CACHES = redis_caches(os.environ["REDIS_URL"])
    # Sessions are read from Redis and written through to the database, so every app server
    # shares them and a Redis restart signs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},  # page fragments of many items, not 300
        },
        # What every process must count together (rate limits, view marks): in the database.
        "shared": {
            "BACKEND": "defuse.platform.shared_cache.SharedDatabaseCache",
            "LOCATION": "defuse_shared_cache",  # platform.SharedCacheEntry, made by migrate
            # Its add() and incr() never cull; the worker deletes expired rows hourly.
            "OPTIONS": {"MAX_ENTRIES": 1_000_000},
        },
    }
    CACHES["versioned"] = CACHES["default"]  # the default cache is already in the process

# Background and scheduled tasks (scheduled publishing, newsletters): huey, storing its queue
# in SQLite beside the database by default, in Redis when REDIS_URL is set. Run the worker with
# `manage.py run_huey`; scripts/run.sh starts one.
if os.environ.get("REDIS_URL"):
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": "defuse",
        "url": os.environ["REDIS_URL"],
        "immediate": False,
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "defuse",
        "filename": str(VAR_DIR / "tasks.sqlite3"),
        "immediate": False,
    }

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("DEFUSE_TIME_ZONE", "America/Chicago")
# The agency's ORI (nine characters), sent with its FBI use-of-force export.
DEFUSE_AGENCY_ORI = os.environ.get("DEFUSE_AGENCY_ORI", "").strip().upper()
# Open data: every published combination of quasi-identifiers shared by at least k rows, and at
# most this share of rows left out (docs/open-data.md).
DEFUSE_OPEN_DATA_K = int(os.environ.get("DEFUSE_OPEN_DATA_K", "5"))
DEFUSE_OPEN_DATA_MAX_SUPPRESSED = float(os.environ.get("DEFUSE_OPEN_DATA_MAX_SUPPRESSED", "0.05"))
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DEFUSE_MEDIA_ROOT", VAR_DIR / "media"))
# Django serves uploads itself only in development and tests; in production nginx does.
DEFUSE_SERVE_MEDIA = False
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Files uploaded for import wait here between the page's steps: private, never under media.
    "imports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": os.environ.get("DEFUSE_IMPORTS_DIR", str(VAR_DIR / "imports"))},
    },
}

DEFAULT_FROM_EMAIL = os.environ.get("DEFUSE_FROM_EMAIL", "Defuse <defuse@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Every e-mail is queued in the database, in the same transaction as what caused it
# (django-post-office), and delivered by the worker, with retries: a mail server that is down
# never fails a request or loses a message. DJANGO_EMAIL_BACKEND names what delivers it.
EMAIL_BACKEND = "defuse.platform.mail.QueuedEmailBackend"
POST_OFFICE = {
    "BACKENDS": {
        "default": os.environ.get(
            "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
        )
    },
    "DEFAULT_PRIORITY": "medium",  # queued, never sent in the request
    # Retried every 15 minutes for 12 hours before it counts as failed (the admin can requeue).
    "MAX_RETRIES": int(os.environ.get("DEFUSE_MAIL_RETRIES", "48")),
    "RETRY_INTERVAL": timedelta(minutes=15),
    "THREADS_PER_PROCESS": 1,
    "LOG_LEVEL": 1,  # failures only
    "MESSAGE_ID_ENABLED": True,
}
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))  # a hung server never holds the worker
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Defuse"
WAGTAILADMIN_BASE_URL = os.environ.get("DEFUSE_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "wagtail.search.backends.database"}
}
WAGTAILDOCS_EXTENSIONS = [
    *["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"],
    *["mp4", "webm", "vtt"],  # videos and their captions, played by the browser's <video>
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("DEFUSE_MAX_UPLOAD_MB", "500")) * 1024 * 1024
# Each upload's content must match its extension (libmagic): see defuse/platform/uploads.py.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "defuse.platform.uploads.CheckedDocumentForm"
# Images: Wagtail opens each one, so a file that is not really an image is refused. No SVG
# (it can carry scripts).
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(os.environ.get("DEFUSE_MAX_IMAGE_MB", "20")) * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000
# Media files are served directly (by nginx in production) so that <video> can seek with ranges.
WAGTAILDOCS_SERVE_METHOD = "direct"
WAGTAIL_PASSWORD_RESET_ENABLED = True
# Readers and officers sign in through the site's own login page, not the admin's.
WAGTAILADMIN_LOGIN_URL = "accounts:login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"), "propagate": True},
        "defuse": {"level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"), "propagate": True},
        # Delivery failures (logged, and kept in the admin's Post Office log), not every
        # minute's "0 emails attempted".
        "post_office": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}


# Sessions end after this long without a request, and this long after signing in however busy
# (accounts/session_rules.py; CJIS asks for a lock after at most 30 minutes).
DEFUSE_IDLE_MINUTES = int(os.environ.get("DEFUSE_IDLE_MINUTES", "30"))
DEFUSE_SESSION_HOURS = int(os.environ.get("DEFUSE_SESSION_HOURS", "12"))
# Accounts nobody has signed in to for this many days are disabled by the worker; the
# usernames listed (a break-glass administrator) are left alone (accounts/inactive.py).
DEFUSE_INACTIVE_DAYS = int(os.environ.get("DEFUSE_INACTIVE_DAYS", "90"))
DEFUSE_INACTIVE_EXEMPT = env_list("DEFUSE_INACTIVE_EXEMPT")

# The worker purges what the retention schedule says is due, nightly, only once this is on
# (records/retention.py); `manage.py purge_records --dry-run` lists it meanwhile.
DEFUSE_RETENTION_PURGE = env_bool("DEFUSE_RETENTION_PURGE", False)

# Single sign-on with the agency's OpenID Connect provider (accounts/sso.py): its issuer
# address, this client's id and secret, the button's label, the claim holding the person's
# groups and which group gives which role ("Defuse-Officers=officer,Defuse-Chiefs=chief"), and
# the claim naming their unit (empty: units are set in Defuse).
DEFUSE_OIDC_ISSUER = os.environ.get("DEFUSE_OIDC_ISSUER", "").strip().rstrip("/")
DEFUSE_OIDC_CLIENT_ID = os.environ.get("DEFUSE_OIDC_CLIENT_ID", "").strip()
DEFUSE_OIDC_CLIENT_SECRET = os.environ.get("DEFUSE_OIDC_CLIENT_SECRET", "").strip()
DEFUSE_OIDC_NAME = os.environ.get("DEFUSE_OIDC_NAME", "").strip() or "your agency's sign-in"
DEFUSE_OIDC_SCOPES = env_list("DEFUSE_OIDC_SCOPES", "openid,profile,email,offline_access")
DEFUSE_OIDC_GROUPS_CLAIM = os.environ.get("DEFUSE_OIDC_GROUPS_CLAIM", "groups").strip()
DEFUSE_OIDC_ROLE_GROUPS = dict(
    pair.rsplit("=", 1) for pair in env_list("DEFUSE_OIDC_ROLE_GROUPS") if "=" in pair
)
DEFUSE_OIDC_UNIT_CLAIM = os.environ.get("DEFUSE_OIDC_UNIT_CLAIM", "").strip()
# Passwords: off for everyone but the break-glass administrators listed, once SSO works.
DEFUSE_PASSWORD_SIGN_IN = env_bool("DEFUSE_PASSWORD_SIGN_IN", True)
DEFUSE_BREAK_GLASS = env_list("DEFUSE_BREAK_GLASS")

ACCOUNT_ADAPTER = "defuse.accounts.sso.AccountAdapter"
ACCOUNT_FORMS = {"login": "defuse.accounts.forms.SignInForm"}
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SESSION_REMEMBER = True  # the session rules (session_rules.py) end sessions instead
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False  # signed in, sent to sign in: say why (login.html)
# Sign-in is limited by django-axes (failures, below) and not by allauth as well: allauth's
# limits refuse everyone when the cache is down, and people must still sign in then.
ACCOUNT_RATE_LIMITS = {"login": None, "login_failed": None}
# A second factor (accounts/mfa.py): TOTP apps, security keys and passkeys, recovery codes;
# required for these roles, unless the identity provider says it did multi-factor sign-in
# (its `amr` claim names one of DEFUSE_MFA_PROVIDER_AMR).
DEFUSE_MFA_REQUIRED_ROLES = env_list(
    "DEFUSE_MFA_REQUIRED_ROLES", "supervisor,chief,writer,editor,administrator"
)
DEFUSE_MFA_PROVIDER_AMR = env_list("DEFUSE_MFA_PROVIDER_AMR", "mfa,otp,hwk,swk,sc,fpt,face")
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_ALLOW_UNVERIFIED_EMAIL = True  # accounts are made by administrators or the provider
MFA_TOTP_ISSUER = "Defuse"
# Plain-http origins for security keys: only for tests and development on loopback.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env_bool("DEFUSE_WEBAUTHN_INSECURE_ORIGIN", False)
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_ADAPTER = "defuse.accounts.sso.SingleSignOnAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_STORE_TOKENS = True  # the refresh token: sync_accounts() asks the provider with it
SOCIALACCOUNT_PROVIDERS: dict[str, Any] = {}
if DEFUSE_OIDC_ISSUER and DEFUSE_OIDC_CLIENT_ID:
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": "agency",
                "name": DEFUSE_OIDC_NAME,
                "client_id": DEFUSE_OIDC_CLIENT_ID,
                "secret": DEFUSE_OIDC_CLIENT_SECRET,
                "settings": {"server_url": DEFUSE_OIDC_ISSUER, "scope": DEFUSE_OIDC_SCOPES},
            }
        ],
    }

# The audit trail's digests are keyed with this (else with the secret key): keep it out of the
# database and its backups, and the same across restarts (accounts/audit.py).
DEFUSE_AUDIT_KEY = os.environ.get("DEFUSE_AUDIT_KEY", "")
# Audit records also go to syslog for the agency's SIEM: "host:port" (UDP) or a socket path.
DEFUSE_AUDIT_SYSLOG = os.environ.get("DEFUSE_AUDIT_SYSLOG", "")
if DEFUSE_AUDIT_SYSLOG:
    _host, _, _port = DEFUSE_AUDIT_SYSLOG.rpartition(":")
    LOGGING["handlers"]["audit_syslog"] = {  # type: ignore[index]
        "class": "logging.handlers.SysLogHandler",
        "address": (_host, int(_port)) if _host and _port.isdigit() else DEFUSE_AUDIT_SYSLOG,
        "facility": "auth",
    }
    LOGGING["loggers"]["defuse.audit"] = {  # type: ignore[index]
        "handlers": ["audit_syslog"],
        "level": "INFO",
        "propagate": True,
    }


def canonical_base_url(value: str) -> str:
    """DEFUSE_BASE_URL checked: an http(s) address with a host and nothing after it."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"DEFUSE_BASE_URL must be the site's address, such as https://defuse.example.org "
            f"(got {value!r})."
        )
    return value.strip().rstrip("/")


def require_env(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"{name} is not set. Production settings refuse to start without it; "
            "see .env.example for every variable Defuse reads."
        )
    return value


# No third-party requests: no Gravatar avatars in the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Training records as xAPI 1.0.3 statements; sent to an LRS only when an endpoint is set.
DEFUSE_XAPI_ENDPOINT = os.environ.get("DEFUSE_XAPI_ENDPOINT", "")  # e.g. https://lrs.example/xAPI/
DEFUSE_XAPI_USERNAME = os.environ.get("DEFUSE_XAPI_USERNAME", "")
DEFUSE_XAPI_PASSWORD = os.environ.get("DEFUSE_XAPI_PASSWORD", "")
DEFUSE_XAPI_BATCH_SIZE = int(os.environ.get("DEFUSE_XAPI_BATCH_SIZE", "50"))
# Extra seconds allowed past a decision timer for the round trip before "no decision" applies.
DEFUSE_TIMER_GRACE_SECONDS = float(os.environ.get("DEFUSE_TIMER_GRACE_SECONDS", "2"))

# Security baseline (issue 6). Every page: a Content-Security-Policy with no inline scripts.
# Wagtail's admin is left out: its editor needs inline behaviour we do not control.
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "media-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Login throttling: five failures for a username from one address lock it for 15 minutes.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "defuse.accounts.backends.CachedPermissionsBackend",  # Django's ModelBackend, cached
]
# The proxies whose X-Forwarded-For is believed (networks, comma-separated): deploy/'s nginx
# runs on the same host. See defuse/platform/client_address.py.
DEFUSE_TRUSTED_PROXIES = env_list("DEFUSE_TRUSTED_PROXIES", "127.0.0.0/8,::1")
try:
    [ipaddress.ip_network(item, strict=False) for item in DEFUSE_TRUSTED_PROXIES]
except ValueError as error:
    raise ImproperlyConfigured(f"DEFUSE_TRUSTED_PROXIES: {error}") from None
AXES_FAILURE_LIMIT = int(os.environ.get("DEFUSE_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "defuse.accounts.backends.username_for_axes"
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"

# Rate limits on public forms and search (django-ratelimit; counted in the cache).
RATELIMIT_VIEW = "defuse.platform.views.rate_limited"
RATELIMIT_USE_CACHE = "shared"  # counted across every process, with or without Redis
RATELIMIT_FAIL_OPEN = True  # a cache outage lets requests through rather than refusing all
DEFUSE_RATE_SEARCH = os.environ.get("DEFUSE_RATE_SEARCH", "60/m")
DEFUSE_RATE_FORMS = os.environ.get("DEFUSE_RATE_FORMS", "10/h")

# Anonymous hub pages may be kept by browsers and shared caches for this long.
# /health/ answers 503 when the worker's heartbeat is older than this, or a data disk has less
# free space than this.
DEFUSE_HEALTH_WORKER_MAX_AGE = int(os.environ.get("DEFUSE_HEALTH_WORKER_MAX_AGE", "300"))
DEFUSE_HEALTH_MIN_FREE_MB = int(os.environ.get("DEFUSE_HEALTH_MIN_FREE_MB", "500"))
DEFUSE_PUBLIC_MAX_AGE = int(os.environ.get("DEFUSE_PUBLIC_MAX_AGE", "300"))
# The shared cache in front (deploy/nginx.conf) is told to forget a page, and the listings that
# show it, when it is published, unpublished, moved or deleted: PURGE requests to this address.
# Several app servers, each with its nginx: list every one's purge address, comma-separated.
WAGTAILFRONTENDCACHE = {
    f"nginx-{number}": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": location,  # e.g. http://127.0.0.1:8081 (deploy/nginx/purge.conf)
    }
    for number, location in enumerate(env_list("DEFUSE_FRONTEND_CACHE_URL"), start=1)
}

# Past one machine: uploaded media in an S3-compatible bucket (django-storages; install the
# "s3" extra). Links stay on the site's own address (/media/...), which nginx passes to the
# bucket, so the Content-Security-Policy and "no third-party requests" still hold.
if os.environ.get("DEFUSE_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["DEFUSE_S3_BUCKET"],
            "endpoint_url": os.environ.get("DEFUSE_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("DEFUSE_S3_REGION") or None,
            "custom_domain": os.environ.get("DEFUSE_S3_PUBLIC_PREFIX", "") or None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }

# Past PostgreSQL's full-text search: Wagtail's OpenSearch backend (pip install opensearch-py,
# then manage.py update_index). With PostgreSQL only: on SQLite, search reads SQLite's own index.
if os.environ.get("DEFUSE_OPENSEARCH_URL"):
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        raise ImproperlyConfigured("DEFUSE_OPENSEARCH_URL needs PostgreSQL (DATABASE_URL).")
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.opensearch3",
            "URLS": env_list("DEFUSE_OPENSEARCH_URL"),
            "INDEX": os.environ.get("DEFUSE_OPENSEARCH_INDEX", "defuse"),
        }
    }
