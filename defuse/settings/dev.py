"""Local development: DEBUG on, mail to the console (queued, then delivered by the worker), a
fixed throwaway secret."""

from .base import *

DEBUG = True
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "dev-only-insecure-key-never-use-in-production"
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
# The demo's logins work with their passwords alone; production requires a second factor of
# supervisors, chiefs, writers, editors and administrators (DEFUSE_MFA_REQUIRED_ROLES).
DEFUSE_MFA_REQUIRED_ROLES = env_list("DEFUSE_MFA_REQUIRED_ROLES", "")
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
POST_OFFICE["BACKENDS"] = {
    "default": os.environ.get(
        "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
    )
}
