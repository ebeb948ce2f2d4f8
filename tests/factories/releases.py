from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from releases.models import Category, Release
from tests.factories.humas import UnitFactory, UserFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kategori {n}")
    slug = factory.Sequence(lambda n: f"kategori-{n}")


class ReleaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Release

    title = factory.Sequence(lambda n: f"Pemkot Resmikan Taman Kota Ke-{n}")
    slug = factory.Sequence(lambda n: f"pemkot-resmikan-taman-kota-{n}")
    lead = "Wali Kota meresmikan taman kota baru yang terbuka untuk umum setiap hari."
    body = "<p>Taman seluas dua hektare ini dilengkapi jalur pejalan kaki.</p>"
    unit = factory.SubFactory(UnitFactory)
    author = factory.SubFactory(UserFactory)
    last_edited_by = factory.SelfAttribute("author")


class PublishedReleaseFactory(ReleaseFactory):
    status = Release.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
