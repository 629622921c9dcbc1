from django.apps import AppConfig


class PlatformConfig(AppConfig):
    """Web and operations plumbing. It knows no other Defuse app by name: each app declares
    what the plumbing needs to know in its own AppConfig (see defuse.platform.declarations)."""

    name = "defuse.platform"
    label = "platform"
    verbose_name = "Defuse platform"
    # Wagtail's admin and documents, mounted in defuse/urls.py: never shared by caches.
    private_url_prefixes = ("/admin/", "/documents/")

    def ready(self):
        from post_office.signals import email_queued

        from . import checks  # noqa: F401  (registers the system checks)
        from .mail import deliver_after_commit

        email_queued.connect(deliver_after_commit, dispatch_uid="defuse-deliver-mail")
