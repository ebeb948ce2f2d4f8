from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from media_relations.models import CoverageItem, Event, Invitation, Journalist, Medium, Outlet, Tone, hash_token
from tests.factories.humas import UserFactory


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet

    name = factory.Sequence(lambda n: f"Harian Contoh {n}")
    kind = Outlet.Kind.ONLINE


class JournalistFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Journalist

    name = factory.Sequence(lambda n: f"Wartawan {n}")
    outlet = factory.SubFactory(OutletFactory)
    email = factory.Sequence(lambda n: f"wartawan{n}@media.example")
    consent_at = factory.LazyFunction(timezone.now)
    consent_source = Journalist.ConsentSource.FORM


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Jumpa Pers Program Kota {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
    ends_at = factory.LazyAttribute(lambda e: e.starts_at + timedelta(hours=2))
    place = "Ruang Rapat Wali Kota, Balai Kota"
    host_officials = "Wali Kota\nKepala Dinas Kominfo"
    topics = "Program prioritas tahun depan"
    created_by = factory.SubFactory(UserFactory)


class InvitationFactory(factory.django.DjangoModelFactory):
    """An invitation already mailed; its token is ``token`` (kept on the instance for tests)."""

    class Meta:
        model = Invitation
        exclude = ("token",)

    token = factory.Sequence(lambda n: f"token-uji-{n}-abcdefghijklmnop")
    event = factory.SubFactory(EventFactory)
    journalist = factory.SubFactory(JournalistFactory)
    token_hash = factory.LazyAttribute(lambda i: hash_token(i.token))
    sent_at = factory.LazyFunction(timezone.now)
    invited_by = factory.SelfAttribute("event.created_by")


class CoverageItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoverageItem

    outlet = factory.SubFactory(OutletFactory)
    title = factory.Sequence(lambda n: f"Pemkot luncurkan program ke-{n}")
    url = factory.Sequence(lambda n: f"https://berita.example/artikel/{n}")
    url_key = factory.LazyAttribute(lambda c: c.url.removeprefix("https://"))
    published_at = factory.LazyFunction(timezone.now)
    medium = Medium.ONLINE
    tone = Tone.NEUTRAL
    logged_by = factory.SubFactory(UserFactory)
