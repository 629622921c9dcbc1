"""The five roles of Defuse, kept as Django groups with their permissions."""

import enum

from django.apps import apps


class Role(enum.Enum):
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    CHIEF = "chief"
    WRITER = "writer"
    EDITOR = "editor"
    ADMINISTRATOR = "administrator"

    @property
    def group_name(self) -> str:
        return f"{self.value.capitalize()}s"

    @property
    def label(self) -> str:
        return self.value.capitalize()


# Django permissions each role holds, as "app_label.codename": here those of Django, Wagtail and
# this app; each Defuse app adds its own in its AppConfig (`role_permissions`, same shape).
ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.OFFICER: [],
    Role.SUPERVISOR: [
        "wagtailadmin.access_admin",
        "wagtailimages.choose_image",
        "wagtaildocs.choose_document",
    ],
    Role.CHIEF: [],
    Role.WRITER: [
        "wagtailadmin.access_admin",
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    ],
    Role.EDITOR: [
        "wagtailadmin.access_admin",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
    Role.ADMINISTRATOR: [
        "wagtailadmin.access_admin",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.delete_user",
        "accounts.view_user",
        "accounts.add_unit",
        "accounts.change_unit",
        "accounts.delete_unit",
        "accounts.view_unit",
        "auth.change_group",
        "auth.view_group",
    ],
}

# Wagtail page permissions on the whole tree (granted at the root page).
ROLE_PAGE_PERMISSIONS: dict[Role, list[str]] = {
    Role.WRITER: ["add_page", "change_page"],
    Role.EDITOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}


def ensure_role_groups(sender=None, using="default", **kwargs):
    """Create or update the role groups. Idempotent.

    Django creates each app's permissions in its own post_migrate call, so this runs after each of
    them and grants whatever exists by then; after the last app every permission is in place.
    """
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission, Page

    root = Page.objects.using(using).filter(depth=1).first()
    for role, dotted_names in all_role_permissions().items():
        group, _ = Group.objects.using(using).get_or_create(name=role.group_name)
        group.permissions.add(*permissions_named(dotted_names, using))
        if root is None:
            continue
        page_permissions = permissions_named(
            [f"wagtailcore.{codename}" for codename in ROLE_PAGE_PERMISSIONS.get(role, [])], using
        )
        for permission in page_permissions:
            GroupPagePermission.objects.using(using).get_or_create(
                group=group, page=root, permission=permission
            )


def all_role_permissions() -> dict[Role, list[str]]:
    """ROLE_PERMISSIONS with what every installed app declares in `AppConfig.role_permissions`."""
    combined = {role: list(names) for role, names in ROLE_PERMISSIONS.items()}
    for config in apps.get_app_configs():
        for role, names in getattr(config, "role_permissions", {}).items():
            combined[role].extend(names)
    return combined


def permissions_named(dotted_names: list[str], using: str = "default"):
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    if not dotted_names:
        return []
    query = Q()
    for dotted in dotted_names:
        app_label, codename = dotted.split(".")
        query |= Q(content_type__app_label=app_label, codename=codename)
    return list(Permission.objects.using(using).filter(query))


def group_for(role: Role):
    from django.contrib.auth.models import Group

    return Group.objects.get(name=role.group_name)
