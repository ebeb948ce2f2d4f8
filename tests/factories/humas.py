from __future__ import annotations

from typing import Any

import factory
from django.contrib.auth.models import Group

from humas.models import Unit, User
from humas.roles import Role


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("short_name",)

    name = factory.Sequence(lambda n: f"Dinas Contoh {n}")
    short_name = factory.Sequence(lambda n: f"DC{n}")
    slug = factory.Sequence(lambda n: f"dc-{n}")
    kind = Unit.Kind.DINAS


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    first_name = "Nama"
    last_name = factory.Sequence(lambda n: f"Pengguna {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@harapanjaya.go.id")
    password = factory.django.Password("kata-sandi-uji-123")

    @factory.post_generation
    def roles(self, create: bool, extracted: list[Role] | None, **kwargs: Any) -> None:
        if not create or not extracted:
            return
        self.is_staff = True
        if self.unit_id is None:
            self.unit = UnitFactory(short_name="Humas Setda", name="Bagian Humas")
        self.save(update_fields=["is_staff", "unit"])
        self.groups.add(*(Group.objects.get(name=role.value) for role in extracted))


def staff_user(role: Role, **kwargs: Any) -> User:
    return UserFactory(roles=[role], **kwargs)
