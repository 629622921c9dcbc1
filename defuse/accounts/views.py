"""Signing out on a shared device leaves nothing behind: the session ends, and the browser is
told to drop what Defuse kept in it (a report draft saved while offline, the offline checklist),
with Clear-Site-Data where the browser honours it and static/js/site.js where it does not."""

from django.contrib.auth import views as auth_views


class SignOutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"storage"'
        return response
