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
        from django.db.models.signals import post_delete, post_save
        from post_office.signals import email_queued
        from wagtail.models import Site

        from . import checks  # noqa: F401  (registers the system checks)
        from .content_cache import bump_content_version
        from .mail import deliver_after_commit

        for signal in (post_save, post_delete):  # sites are cached (sites.py)
            signal.connect(bump_content_version, sender=Site, dispatch_uid=f"site-{signal!r}")

        email_queued.connect(deliver_after_commit, dispatch_uid="defuse-deliver-mail")
