from __future__ import annotations

from datetime import timedelta
from typing import Any

import factory
from django.utils import timezone

from humas.models import User
from humas.roles import Role
from releases.models import Category, MediaContact, Release, ReleaseImage, Tag
from tests.factories.humas import UnitFactory, UserFactory, staff_user
from tests.helpers import image_upload


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kategori {n}")
    slug = factory.Sequence(lambda n: f"kategori-{n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Tag {n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")


class ReleaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Release
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Pemkot Resmikan Taman Kota Ke-{n}")
    slug = factory.Sequence(lambda n: f"pemkot-resmikan-taman-kota-{n}")
    lead = "Wali Kota meresmikan taman kota baru yang terbuka untuk umum setiap hari."
    body = "<p>Taman seluas dua hektare ini dilengkapi jalur pejalan kaki.</p>"
    unit = factory.SubFactory(UnitFactory)
    author = factory.SubFactory(UserFactory, roles=[Role.WRITER])
    last_edited_by = factory.SelfAttribute("author")
    status = Release.Status.DRAFT
    embargo_until = None
    publish_at = None
    # An approved release always names its approver (a database constraint says so).
    approved_by = factory.Maybe(
        factory.LazyAttribute(lambda r: r.status in {"approved", "scheduled", "published"}),
        yes_declaration=factory.SubFactory(UserFactory),
        no_declaration=None,
    )

    @factory.post_generation
    def tags(self, create: bool, extracted: list[Tag] | None, **kwargs: Any) -> None:
        if create and extracted:
            self.tags.set(extracted)


class PublishedReleaseFactory(ReleaseFactory):
    status = Release.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    approved_by = factory.SubFactory(UserFactory)
    approved_at = factory.SelfAttribute("publish_at")
    went_public_at = factory.LazyAttribute(
        lambda r: (
            r.publish_at
            if r.publish_at <= timezone.now() and (r.embargo_until is None or r.embargo_until <= timezone.now())
            else None
        )
    )
    category = factory.SubFactory(CategoryFactory)


class MediaContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MediaContact

    release = factory.SubFactory(ReleaseFactory)
    name = "Siti Rahmawati"
    role = "Pranata Humas"
    phone = "0812-3456-7890"
    email = "siti@harapanjaya.go.id"


def add_image(release: Release, *, actor: User | None = None, **kwargs: Any) -> ReleaseImage:
    """A real upload through the service (checks, renditions), as the editor does it."""
    from releases.services import release_image_add

    upload = kwargs.pop("upload", None) or image_upload(
        width=kwargs.pop("width", 1200), height=kwargs.pop("height", 800)
    )
    kwargs.setdefault("caption", "Wali Kota meninjau taman")
    kwargs.setdefault("credit", "Humas Setda")
    kwargs.setdefault("alt_text", "Wali Kota berjalan di taman kota")
    if actor is None:
        # Photos of a published release change only by a Redaktur (as a correction would).
        actor = staff_user(Role.EDITOR) if release.status == Release.Status.PUBLISHED else release.author
    return release_image_add(release_id=release.pk, actor=actor, file=upload, **kwargs)
