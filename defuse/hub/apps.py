from django.apps import AppConfig

from defuse.accounts.roles import Role
from defuse.platform.content_cache import bump_content_version


class HubConfig(AppConfig):
    name = "defuse.hub"
    label = "hub"
    verbose_name = "Hub"
    backup_counts = {"pages": "wagtailcore.Page"}
    role_permissions = {
        Role.EDITOR: [
            "hub.add_author",
            "hub.change_author",
            "hub.add_subtopic",
            "hub.change_subtopic",
        ]
    }

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page, PageViewRestriction
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .cache_purge import purge_listings, purge_moved_page

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(bump_content_version, dispatch_uid=f"hub-listing-{signal!r}")
        post_delete.connect(bump_content_version, sender=Page, dispatch_uid="hub-listing-delete")
        for signal in (post_save, post_delete):  # listings leave out private sections
            signal.connect(
                bump_content_version, sender=PageViewRestriction, dispatch_uid=f"hub-pvr-{signal!r}"
            )
        for model_name in ("Audience", "Subtopic"):
            model = self.get_model(model_name)
            for signal in (post_save, post_delete):
                signal.connect(bump_content_version, sender=model, dispatch_uid=f"hub-{model_name}")

        # The shared front-end cache (nginx): the listings that show a page, and moved pages.
        page_published.connect(purge_listings, dispatch_uid="hub-purge-published")
        page_unpublished.connect(purge_listings, dispatch_uid="hub-purge-unpublished")
        post_page_move.connect(purge_moved_page, dispatch_uid="hub-purge-moved")
