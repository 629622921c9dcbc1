"""Test runs: fast hashing, mail kept in memory, the same database choice as everywhere else."""

import os

# Under pytest-xdist each worker takes a Redis database of its own (15, 14, … from REDIS_URL's):
# the suite empties the cache around every test, and Redis's FLUSHDB would otherwise empty the
# other worker's in the middle of its test. Set before base reads it, and kept in the
# environment for the processes a test starts.
# A process a test starts inherits both variables and must not move again.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
_moved = os.environ.get("DEFUSE_TEST_REDIS_FOR_WORKER") == _worker
if _worker.startswith("gw") and not _moved and os.environ.get("REDIS_URL", "")[-1:].isdigit():
    _server, _, _database = os.environ["REDIS_URL"].rstrip("/").rpartition("/")
    os.environ["REDIS_URL"] = f"{_server}/{max(int(_database) - int(_worker[2:]), 0)}"
    os.environ["DEFUSE_TEST_REDIS_FOR_WORKER"] = _worker

from .base import *  # noqa: E402

SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
POST_OFFICE["BACKENDS"] = {"default": "django.core.mail.backends.locmem.EmailBackend"}
MEDIA_ROOT = VAR_DIR / "test-media"
STORAGES["imports"]["OPTIONS"]["location"] = str(VAR_DIR / "test-imports")
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

# A second factor is required of no role in the suite (force_login has none); the tests of
# accounts/mfa.py require it again. Security keys on http://localhost for the browser tests.
DEFUSE_MFA_REQUIRED_ROLES = []
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
