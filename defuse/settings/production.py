"""Production: refuses to start without a secret key and allowed hosts; secure cookies and HSTS."""

from .base import *

DEBUG = False
SECRET_KEY = require_env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in require_env("DJANGO_ALLOWED_HOSTS").split(",")]
# The site's one canonical address: officers' xAPI identity, links in e-mail and feeds. Set it
# later and every officer would become a second learner in the agency's LRS.
WAGTAILADMIN_BASE_URL = canonical_base_url(require_env("DEFUSE_BASE_URL"))
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# Load balancers and monitors ask for /health/ over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# Asking browsers to preload HSTS is an operator's decision (it is hard to undo), so the header's
# preload flag is opt-in through DJANGO_HSTS_PRELOAD and Django's reminder about it is silenced.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
