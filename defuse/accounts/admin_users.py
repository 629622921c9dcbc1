"""The Wagtail admin's user screens, extended with unit and badge number."""

from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

EXTRA_FIELDS = ("unit", "badge_number")


class DefuseUserCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(EXTRA_FIELDS)


class DefuseUserEditForm(UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(EXTRA_FIELDS)


class UserViewSet(WagtailUserViewSet):
    create_template_name = "accounts/admin/create.html"
    edit_template_name = "accounts/admin/edit.html"

    def get_form_class(self, for_update=False):
        return DefuseUserEditForm if for_update else DefuseUserCreationForm
