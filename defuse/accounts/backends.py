"""Permissions, read from the cache instead of two queries on every signed-in page.

Django's ModelBackend reads a person's permissions (their own and their groups') once per
request, and Defuse their groups (the roles); every signed-in page asks (the navigation).
They change only when someone's groups or permissions, or a group's permissions, change: each
such change bumps a version in the shared cache (accounts/apps.py), and the cached sets are
keyed by it, so a permission taken away is gone in every process within a second.
"""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import caches
from django.db import transaction

from defuse.platform.content_cache import bump_version, read_version

VERSION_KEY = "accounts:permissions-version"
SECONDS = 600


def permissions_version() -> int:
    return read_version(VERSION_KEY)


def cached_for_user(user, what: str, load):
    key = f"accounts:{what}:{permissions_version()}:{user.pk}"
    return caches["versioned"].get_or_set(key, load, SECONDS)


# A user saved with only these fields changed keeps their permissions (a sign-in, a profile).
HARMLESS_FIELDS = {"last_login", "first_name", "last_name", "email", "badge_number", "password"}


def forget_permissions(sender=None, update_fields=None, **kwargs) -> None:
    """Receiver: any change to who holds which permission or group."""
    if update_fields and set(update_fields) <= HARMLESS_FIELDS:
        return
    bump_version(VERSION_KEY)
    # Bumped again once the change is committed: a request that read the old rows between the
    # first bump and the commit must not keep them cached under the new version.
    transaction.on_commit(lambda: bump_version(VERSION_KEY))


class CachedPermissionsBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        """Passwords, unless the agency turned them off for all but its break-glass
        administrators (DEFUSE_PASSWORD_SIGN_IN, DEFUSE_BREAK_GLASS): then they sign in with
        single sign-on."""
        if not settings.DEFUSE_PASSWORD_SIGN_IN and username not in settings.DEFUSE_BREAK_GLASS:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = cached_for_user(
                user_obj,
                "permissions",
                lambda: super(CachedPermissionsBackend, self).get_all_permissions(user_obj),
            )
        return user_obj._perm_cache


def username_for_axes(request, credentials) -> str | None:
    """django-axes's lockouts count per username: allauth authenticates with `username` in the
    credentials, while its sign-in form posts the name as `login`."""
    if credentials and credentials.get("username"):
        return credentials["username"]
    return request.POST.get("login") if request is not None else None
