"""Single sign-on through the agency's OpenID Connect provider (Microsoft Entra ID, Okta, Google
Workspace, Keycloak…), with django-allauth's OpenID Connect client.

Each sign-in maps the provider's groups to Defuse's roles (DEFUSE_OIDC_ROLE_GROUPS) and a claim
to the person's unit (DEFUSE_OIDC_UNIT_CLAIM); an account is made on the first sign-in, or the
local account with the same verified e-mail address is joined to it. Someone the provider still
signs in but who holds none of the mapped groups is refused, and their account disabled. A
person removed at the provider is disabled by sync_accounts(), which the worker runs hourly: the
provider refuses to refresh their sign-in. Nobody is deleted: their reports and training stay.

Why allauth rather than mozilla-django-oidc: it also brings SAML, and the multi-factor sign-in
(TOTP, passkeys, recovery codes) that Defuse's own sign-in needs next, in one maintained library.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import requests
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.models import Authenticator
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialToken
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.shortcuts import render

from .models import Unit, User
from .roles import Role

logger = logging.getLogger(__name__)

PROVIDER_ID = "agency"  # settings/base.py; the callback: /accounts/oidc/agency/login/callback/


def configured() -> bool:
    return bool(settings.DEFUSE_OIDC_ISSUER and settings.DEFUSE_OIDC_CLIENT_ID)


def form_action_origin() -> str:
    """The provider's origin, which the sign-in button's form is redirected to."""
    parts = urlsplit(settings.DEFUSE_OIDC_ISSUER)
    return f"{parts.scheme}://{parts.netloc}"


def claims_of(extra_data: dict) -> dict:
    """The ID token's claims, with the userinfo response's over them."""
    return {**(extra_data.get("id_token") or {}), **(extra_data.get("userinfo") or {})}


def roles_from(claims: dict) -> set[Role]:
    groups = claims.get(settings.DEFUSE_OIDC_GROUPS_CLAIM) or []
    if isinstance(groups, str):
        groups = [groups]
    mapping = settings.DEFUSE_OIDC_ROLE_GROUPS
    return {Role(mapping[group]) for group in groups if group in mapping}


def apply_claims(user: User, claims: dict) -> None:
    """The person's roles and unit as the provider says now; roles Defuse does not map from
    the provider are never touched, nor is an administrator made a superuser."""
    wanted = roles_from(claims)
    managed = {Role(role) for role in settings.DEFUSE_OIDC_ROLE_GROUPS.values()}
    current = set(user.groups.values_list("name", flat=True))
    for role in managed:
        if role in wanted and role.group_name not in current:
            user.groups.add(Group.objects.get(name=role.group_name))
        elif role not in wanted and role.group_name in current:
            user.groups.remove(Group.objects.get(name=role.group_name))
    unit_claim = settings.DEFUSE_OIDC_UNIT_CLAIM
    name = str(claims.get(unit_claim) or "").strip()[:120] if unit_claim else ""
    if name and (user.unit is None or user.unit.name != name):
        user.unit, _ = Unit.objects.get_or_create(name=name)
        user.save(update_fields=["unit"])


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False  # people are made by an administrator, or by their first single sign-on

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Adding the first second factor, right after the sign-in that sent the person to
        add one, asks for no password again (there is no factor to protect yet); changing
        factors later does."""
        request = context.request
        first = (
            app.endswith("mfa")
            and request is not None
            and request.user.is_authenticated
            and not Authenticator.objects.filter(user=request.user).exists()
        )
        return False if first else super().is_reauthentication_required(app=app, **kwargs)

    def get_login_stages(self) -> list[str]:
        """allauth's, with the second-factor step that trusts the provider's (mfa.py)."""
        theirs = "allauth.mfa.stages.AuthenticateStage"
        ours = "defuse.accounts.mfa.AuthenticateUnlessTheProviderDid"
        return [ours if stage == theirs else stage for stage in super().get_login_stages()]


class SingleSignOnAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        return True  # accounts are made on the first sign-in; there is no sign-up page

    def pre_social_login(self, request, sociallogin) -> None:
        claims = claims_of(sociallogin.account.extra_data)
        if not sociallogin.is_existing:
            same = _local_account_for(claims)
            if same is not None:
                sociallogin.connect(request, same)
        if not roles_from(claims):
            if sociallogin.is_existing:
                sociallogin.user.disable("no Defuse group at the identity provider")
            raise ImmediateHttpResponse(render(request, "accounts/sso_refused.html", status=403))
        if sociallogin.is_existing and sociallogin.user.is_active:
            apply_claims(sociallogin.user, claims)

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        claims = claims_of(sociallogin.account.extra_data)
        base = str(claims.get("preferred_username") or claims.get("email") or "").split("@")[0]
        user.username = get_account_adapter(request).generate_unique_username(
            [base, f"sso-{sociallogin.account.uid[:20]}"]
        )
        return user

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form)
        apply_claims(user, claims_of(sociallogin.account.extra_data))
        return user


def _local_account_for(claims: dict) -> User | None:
    """An account already here for this person: the same e-mail address, verified by the
    provider, and not yet joined to another sign-in."""
    email = str(claims.get("email") or "").strip()
    if not email or claims.get("email_verified") is not True:
        return None
    found = list(User.objects.filter(email__iexact=email, socialaccount__isnull=True)[:2])
    return found[0] if len(found) == 1 else None


def sync_accounts() -> list[str]:
    """Asks the provider to refresh each active person's sign-in; those it refuses
    (`invalid_grant`: removed, or their grant withdrawn) are disabled. Returns their usernames.
    A provider that cannot be reached changes nothing."""
    if not configured():
        return []
    disabled: list[str] = []
    tokens = SocialToken.objects.filter(
        account__provider=PROVIDER_ID, account__user__is_active=True
    ).select_related("account__user")
    endpoint = None
    for token in tokens:
        if not token.token_secret:
            continue  # no refresh token: the provider is asked on the next sign-in only
        try:
            endpoint = endpoint or _token_endpoint()
            answer = requests.post(
                endpoint,
                data={"grant_type": "refresh_token", "refresh_token": token.token_secret},
                auth=(settings.DEFUSE_OIDC_CLIENT_ID, settings.DEFUSE_OIDC_CLIENT_SECRET),
                timeout=10,
            )
        except requests.RequestException as error:
            logger.warning("The identity provider could not be reached: %s", error)
            return disabled
        if answer.status_code == 400 and answer.json().get("error") == "invalid_grant":
            with transaction.atomic():
                token.account.user.disable("removed at the identity provider")
            disabled.append(token.account.user.username)
        elif answer.ok:
            body = answer.json()
            token.token = body.get("access_token", token.token)
            token.token_secret = body.get("refresh_token", token.token_secret)
            token.save(update_fields=["token", "token_secret"])
        else:
            logger.warning("The identity provider answered %s to a refresh", answer.status_code)
    return disabled


def _token_endpoint() -> str:
    discovery = settings.DEFUSE_OIDC_ISSUER + "/.well-known/openid-configuration"
    return requests.get(discovery, timeout=10).json()["token_endpoint"]
