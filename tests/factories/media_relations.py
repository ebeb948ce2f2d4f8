from __future__ import annotations

from typing import Any

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from humas.roles import VERIFIED_JOURNALISTS
from media_relations.models import Beat, DistributionList, Journalist, Outlet
from tests.factories.humas import UserFactory


class BeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Beat
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Desk {n}")
    slug = factory.Sequence(lambda n: f"desk-{n}")


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet

    name = factory.Sequence(lambda n: f"Harian Contoh {n}")
    kind = Outlet.Kind.ONLINE
    coverage_area = "Kota Harapan Jaya"


class JournalistFactory(factory.django.DjangoModelFactory):
    """A directory contact who consented to be mailed (by a written form)."""

    class Meta:
        model = Journalist
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Wartawan Contoh {n}")
    outlet = factory.SubFactory(OutletFactory)
    email = factory.Sequence(lambda n: f"wartawan{n}@contoh-media.id")
    phone = "081234567890"
    consent_at = factory.LazyFunction(timezone.now)
    consent_source = Journalist.ConsentSource.FORM

    @factory.post_generation
    def beats(self, create: bool, extracted: list[Beat] | None, **kwargs: Any) -> None:
        if create and extracted:
            self.beats.set(extracted)


class VerifiedJournalistFactory(JournalistFactory):
    """A journalist with an active account, verified, in the verified-journalists group."""

    user = factory.SubFactory(
        UserFactory, username=factory.SelfAttribute("..email"), email=factory.SelfAttribute("..email")
    )
    verification = Journalist.Verification.VERIFIED
    verified_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def group(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and self.user is not None:
            self.user.groups.add(Group.objects.get(name=VERIFIED_JOURNALISTS))


class PendingJournalistFactory(JournalistFactory):
    user = factory.SubFactory(
        UserFactory, username=factory.SelfAttribute("..email"), email=factory.SelfAttribute("..email")
    )
    verification = Journalist.Verification.PENDING
    consent_source = Journalist.ConsentSource.REGISTRATION


class DistributionListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DistributionList
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Daftar {n}")

    @factory.post_generation
    def members(self, create: bool, extracted: list[Journalist] | None, **kwargs: Any) -> None:
        if create and extracted:
            self.members.set(extracted)
