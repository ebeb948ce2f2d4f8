"""Demo data of press conferences and coverage: something for every report, twice changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from humas import demo as humas_demo
from humas.models import User
from media_relations import demo_events
from media_relations.models import CoverageItem, Event, Invitation
from releases import demo as releases_demo

pytestmark = pytest.mark.django_db


def seed_all() -> None:
    humas_demo.seed(out=lambda _line: None)
    releases_demo.seed(out=lambda _line: None)
    demo_events.seed(out=lambda _line: None)


def test_demo_has_upcoming_press_conference_with_rsvps_and_linked_coverage(client) -> None:  # type: ignore[no-untyped-def]
    seed_all()
    upcoming = Event.objects.get(title=demo_events.UPCOMING)
    responses = set(upcoming.invitations.values_list("response", flat=True))
    assert {Invitation.Response.YES, Invitation.Response.MAYBE, Invitation.Response.NO} <= responses
    assert upcoming.releases.exists()
    past = Event.objects.get(title=demo_events.PAST)
    assert past.invitations.filter(checked_in_at__isnull=False).count() == 4
    linked = CoverageItem.objects.filter(release__isnull=False)
    assert linked.values("release").distinct().count() >= 3
    client.force_login(User.objects.get(username="media"))
    body = client.get(reverse("media_relations:coverage-release", args=[linked.first().release_id])).content.decode()
    assert "Dimuat oleh" in body and "<svg" in body


def test_demo_twice_changes_nothing() -> None:
    seed_all()
    counts = (Event.objects.count(), Invitation.objects.count(), CoverageItem.objects.count())
    demo_events.seed(out=lambda _line: None)
    assert (Event.objects.count(), Invitation.objects.count(), CoverageItem.objects.count()) == counts
