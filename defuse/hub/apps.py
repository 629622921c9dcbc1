from django.apps import AppConfig

from defuse.accounts.roles import Role
from defuse.platform.content_cache import bump_content_version


def bump_if_alias(sender, instance, **kwargs) -> None:
    if getattr(instance, "alias_of_id", None):
        bump_content_version()


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
            "hub.add_synonym",
            "hub.change_synonym",
            "hub.delete_synonym",
        ]
    }

    def search_documents(self):
        from .search_items import live_item_documents

        return live_item_documents()

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
        from wagtail.models import Page, PageViewRestriction
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .cache_purge import purge_listings, purge_moved_page
        from .models import ITEM_TYPES
        from .search_index import forget_tokens
        from .search_items import names_saved, on_item_saved, on_names_changed, rebuild_if_empty

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(bump_content_version, dispatch_uid=f"hub-listing-{signal!r}")
        post_delete.connect(bump_content_version, sender=Page, dispatch_uid="hub-listing-delete")
        # An alias page takes its source's view restrictions (models/items.py caches them).
        post_save.connect(bump_if_alias, dispatch_uid="hub-alias-saved")  # any page type
        for signal in (post_save, post_delete):  # listings leave out private sections
            signal.connect(
                bump_content_version, sender=PageViewRestriction, dispatch_uid=f"hub-pvr-{signal!r}"
            )
        # Listings and cached item pages show the names items are filed under.
        for model in (
            self.get_model("Audience"),
            self.get_model("Subtopic"),
            self.get_model("Author"),
            apps.get_model("core", "Technique"),
        ):
            for signal in (post_save, post_delete):
                signal.connect(
                    bump_content_version, sender=model, dispatch_uid=f"hub-{model._meta.label}"
                )

        # Search: the index follows publishing, and the names items are filed under.
        for model in ITEM_TYPES:
            post_save.connect(on_item_saved, sender=model, dispatch_uid=f"search-{model.__name__}")
        post_delete.connect(forget_tokens, sender=self.get_model("SearchDocument"))
        HubItemPage = self.get_model("HubItemPage")
        for field in ("subtopics", "techniques", "authors"):
            m2m_changed.connect(on_names_changed, sender=getattr(HubItemPage, field).through)
        for model, field in (
            (self.get_model("Subtopic"), "subtopics"),
            (self.get_model("Author"), "authors"),
            (apps.get_model("core", "Technique"), "techniques"),
        ):
            post_save.connect(names_saved(field), sender=model, weak=False)
        for signal in (post_save, post_delete):
            signal.connect(
                bump_content_version,
                sender=self.get_model("Synonym"),
                dispatch_uid=f"syn-{signal!r}",
            )
        post_migrate.connect(rebuild_if_empty, sender=self)

        # The shared front-end cache (nginx): the listings that show a page, and moved pages.
        page_published.connect(purge_listings, dispatch_uid="hub-purge-published")
        page_unpublished.connect(purge_listings, dispatch_uid="hub-purge-unpublished")
        post_page_move.connect(purge_moved_page, dispatch_uid="hub-purge-moved")
