"""A small OpenID Connect provider for Defuse's single sign-on tests, built on
django-oidc-provider and run by its own interpreter (.venv-oidc), never imported by Defuse.

    provider.py setup CLIENT_ID SECRET REDIRECT_URI   # database, signing key, the client
    provider.py user NAME PASSWORD GROUPS UNIT [AMR]  # add or update a person (GROUPS: a,b)
    provider.py remove NAME                           # the person leaves: their grants go too
    provider.py serve PORT

Its database is the SQLite file named by OIDC_TEST_DB. People's groups, unit and the `amr`
their sign-in asserts are claims in the ID token and the userinfo response (scope "groups").
"""

import json
import os
import sys
from pathlib import Path

import django
from django.conf import settings

HERE = Path(__file__).resolve().parent

settings.configure(
    DEBUG=True,
    SECRET_KEY="oidc-test-provider-only-" + "p" * 30,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    DATABASES={
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["OIDC_TEST_DB"]}
    },
    INSTALLED_APPS=[
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "oidc_provider",
    ],
    MIDDLEWARE=[
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
    ],
    TEMPLATES=[
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [HERE / "templates"],
            "APP_DIRS": True,
            "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
        }
    ],
    LOGIN_URL="/login/",
    USE_TZ=True,
    OIDC_USERINFO=f"{__name__}.userinfo",
    OIDC_EXTRA_SCOPE_CLAIMS=f"{__name__}.GroupClaims",
    OIDC_IDTOKEN_INCLUDE_CLAIMS=True,
    OIDC_IDTOKEN_PROCESSING_HOOK=f"{__name__}.add_amr",
    OIDC_SKIP_CONSENT_EXPIRE=0,
)
django.setup()

from django.contrib.auth import views as auth_views  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.urls import include, path  # noqa: E402
from oidc_provider.lib.claims import ScopeClaims  # noqa: E402
from oidc_provider.models import Client, ResponseType  # noqa: E402

urlpatterns = [
    path("login/", auth_views.LoginView.as_view()),
    path("", include("oidc_provider.urls", namespace="oidc_provider")),
]


def profile(user) -> dict:
    return json.loads(user.last_name or "{}")  # the test's claims, kept on the user


def userinfo(claims, user):
    claims.update(
        name=user.get_full_name() or user.username,
        preferred_username=user.username,
        email=user.email,
        email_verified=True,
    )
    return claims


class GroupClaims(ScopeClaims):
    def scope_groups(self):
        found = profile(self.user)
        return {"groups": found.get("groups", []), "department": found.get("unit", "")}


def add_amr(id_token, user, **kwargs):
    if amr := profile(user).get("amr"):
        id_token["amr"] = amr
    return id_token


def setup(client_id, secret, redirect_uri):
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("creatersakey", stdout=quiet)
    client, _ = Client.objects.update_or_create(
        client_id=client_id,
        defaults={
            "name": "Defuse",
            "client_type": "confidential",
            "client_secret": secret,
            "require_consent": False,
            "reuse_consent": True,
            "_redirect_uris": redirect_uri,
            "_scope": "openid profile email groups offline_access",
        },
    )
    client.response_types.set([ResponseType.objects.get(value="code")])


def add_user(name, password, groups, unit, amr=""):
    user, _ = User.objects.get_or_create(username=name)
    user.email = f"{name}@agency.example"
    user.first_name = name.title()
    claims = {"groups": [g for g in groups.split(",") if g], "unit": unit}
    if amr:
        claims["amr"] = amr.split(",")
    user.last_name = json.dumps(claims)
    user.set_password(password)
    user.save()


def remove_user(name):
    User.objects.filter(username=name).delete()  # with their tokens and consents


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "serve":
        call_command("runserver", f"127.0.0.1:{args[0]}", use_reloader=False, use_threading=True)
    else:
        {"setup": setup, "user": add_user, "remove": remove_user}[command](*args)
