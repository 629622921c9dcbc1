"""Test runs: fast hashing, mail kept in memory, the same database choice as everywhere else."""

from .base import *

SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
POST_OFFICE["BACKENDS"] = {"default": "django.core.mail.backends.locmem.EmailBackend"}
MEDIA_ROOT = VAR_DIR / "test-media"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Serve static files from the apps' folders, as runserver does, without needing collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
DEFUSE_SERVE_MEDIA = True
# Tasks run at once, in the test's own process and database.
HUEY = {"huey_class": "huey.MemoryHuey", "name": "defuse-test", "immediate": True}

# Login throttling is switched off for the suite (the test client's login() has no request);
# its own tests switch it back on.
AXES_ENABLED = False
