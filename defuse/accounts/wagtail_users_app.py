from wagtail.users.apps import WagtailUsersAppConfig


class DefuseUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with Defuse's unit and badge fields on its forms."""

    user_viewset = "defuse.accounts.admin_users.UserViewSet"
