"""A second factor at sign-in (django-allauth's MFA: TOTP apps, security keys and passkeys,
recovery codes), required of the roles in DEFUSE_MFA_REQUIRED_ROLES.

Someone in such a role without a second factor is sent to add one before any other page; a
person whose identity provider says it already did multi-factor sign-in (an `amr` value in
DEFUSE_MFA_PROVIDER_AMR, single sign-on only) is asked for none.
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.stages import AuthenticateStage
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from .roles import Role

BY_PROVIDER = "defuse-mfa-by-provider"
ENROLLED = "defuse-mfa-enrolled"
FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
OPEN_PREFIXES = ("/accounts/", "/static/", "/health/", "/media/")


def provider_did_mfa(sociallogin) -> bool:
    if sociallogin is None:
        return False
    token = sociallogin.account.extra_data.get("id_token") or {}
    amr = token.get("amr") or []
    return bool(
        set(amr if isinstance(amr, list) else [amr]) & set(settings.DEFUSE_MFA_PROVIDER_AMR)
    )


class AuthenticateUnlessTheProviderDid(AuthenticateStage):
    """allauth's second-factor step, skipped when the identity provider did one."""

    def _should_handle(self, request) -> bool:
        sociallogin = (self.login.signal_kwargs or {}).get("sociallogin")
        if provider_did_mfa(sociallogin):
            request.session[BY_PROVIDER] = True
            return False
        return super()._should_handle(request)


def must_have_second_factor(user) -> bool:
    required = {Role(name) for name in settings.DEFUSE_MFA_REQUIRED_ROLES}
    return any(user.has_role(role) for role in required)


class SecondFactorRequiredMiddleware:
    """After AuthenticationMiddleware: sends those who must have a second factor and have
    none to add one (its pages and signing out stay open)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and settings.DEFUSE_MFA_REQUIRED_ROLES
            and not request.path.startswith(OPEN_PREFIXES)
            and not request.session.get(BY_PROVIDER)
            and not request.session.get(ENROLLED)
            and must_have_second_factor(user)
        ):
            if Authenticator.objects.filter(user=user, type__in=FACTORS).exists():
                request.session[ENROLLED] = True
            else:
                messages.info(
                    request,
                    "Your role needs a second way to prove it is you. Add an authenticator "
                    "app or a security key to carry on.",
                )
                return redirect(f"{reverse('mfa_index')}?next={request.get_full_path()}")
        return self.get_response(request)
