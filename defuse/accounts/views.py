"""Signing in (django-allauth's sign-in, so a second factor follows the password; the button to
the agency's identity provider) and signing out. Signing out on a shared device leaves nothing
behind: the session ends, and the browser is told to drop what Defuse kept in it (a report
draft saved while offline, the offline checklist), with Clear-Site-Data where the browser
honours it and static/js/site.js where it does not."""

from allauth.account.views import LoginView
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import reverse

from . import sso


class SignInView(LoginView):
    """The password form (unless passwords are off: then for break-glass administrators only)
    and, when single sign-on is set up, the button to the agency's identity provider. It is
    django-allauth's sign-in, so the second factor (mfa.py) follows the password."""

    template_name = "accounts/login.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next"] = context.get("redirect_field_value") or ""
        if sso.configured():
            context["sso_name"] = settings.DEFUSE_OIDC_NAME
            context["sso_url"] = reverse(
                "openid_connect_login", kwargs={"provider_id": sso.PROVIDER_ID}
            )
        context["passwords_for_everyone"] = settings.DEFUSE_PASSWORD_SIGN_IN
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if sso.configured():  # the button's form is answered with a redirect to the provider
            response._csp_update = {"form-action": [sso.form_action_origin()]}
        return response


class SignOutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"storage"'
        return response
