import factory
from factory.django import DjangoModelFactory

from defuse.accounts.models import Unit, User
from defuse.accounts.roles import Role, group_for

TEST_PASSWORD = "correct horse battery staple"


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Squad {n}")
    kind = Unit.Kind.SQUAD


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda user: f"{user.username}@defuse.invalid")
    password = factory.django.Password(TEST_PASSWORD)
    role = None  # a Role: adds the user to that role's group

    @classmethod
    def _create(cls, model_class, *args, role: Role | None = None, **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        if role is not None:
            user.groups.add(group_for(role))
            if role is Role.ADMINISTRATOR:
                user.is_superuser = user.is_staff = True
                user.save(update_fields=["is_superuser", "is_staff"])
        return user
