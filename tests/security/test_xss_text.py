"""Free text that the portal shows back (on public pages, tracking pages and staff pages) is
escaped wherever it appears. Each case submits the corpus through the real form, then opens
every page that shows the text; rich text has its own sanitiser tests in tests/releases."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from humas.roles import Role
from ppid.models import InfoRequest
from releases.models import Release
from tests.factories.humas import staff_user
from tests.factories.releases import PublishedReleaseFactory, ReleaseFactory
from tests.ppid.test_public import form_data

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '<script>alert("xss")</script>',
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)//<a href=javascript:alert(1)>x</a>",
]
RAW = ['<script>alert("xss")', "<img src=x onerror", "<svg onload", "<a href=javascript"]
TEXT = " | ".join(PAYLOADS)


def assert_escaped(pages: dict[str, str]) -> None:
    for where, html in pages.items():
        for raw in RAW:
            assert raw not in html, f"{where} shows {raw!r} unescaped"
        assert "&lt;script&gt;alert(" in html, f"{where} does not show the text at all"


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_ppid_request_text_is_escaped_on_the_tracking_page_and_in_the_officers_pages(client: Client) -> None:
    fields = {"name": TEXT[:200], "address": TEXT, "occupation": TEXT[:100], "information": TEXT, "purpose": TEXT}
    response = client.post(reverse("ppid:request"), form_data(**fields))
    assert response.status_code == 302
    tracking = response["Location"]
    request = InfoRequest.objects.get()
    officer = Client()
    officer.force_login(staff_user(Role.PPID_OFFICER))
    assert_escaped(
        {
            "tracking page": _page(client, tracking),
            "inbox": _page(officer, reverse("ppid:inbox")),
            "request detail": _page(officer, reverse("ppid:detail", args=[request.pk])),
        }
    )


def test_ppid_internal_note_is_escaped_for_officers(client: Client) -> None:
    client.post(reverse("ppid:request"), form_data())
    request = InfoRequest.objects.get()
    officer = Client()
    officer.force_login(staff_user(Role.PPID_OFFICER))
    officer.post(reverse("ppid:note", args=[request.pk]), {"text": TEXT})
    assert_escaped({"request detail": _page(officer, reverse("ppid:detail", args=[request.pk]))})


def test_release_comment_is_escaped_on_the_staff_page(login_as: Callable[[Role], object], client: Client) -> None:
    login_as(Role.EDITOR)
    release = ReleaseFactory(author=staff_user(Role.WRITER), status=Release.Status.IN_REVIEW)
    client.post(reverse("releases:staff-comment", args=[release.pk]), {"body": TEXT})
    assert release.comments.get().body == TEXT  # stored as typed, escaped when shown
    assert_escaped({"staff detail": _page(client, reverse("releases:staff-detail", args=[release.pk]))})


def test_public_correction_note_is_escaped_on_the_public_page(
    login_as: Callable[[Role], object], client: Client
) -> None:
    login_as(Role.EDITOR)
    release = PublishedReleaseFactory()
    response = client.post(
        reverse("releases:staff-correct", args=[release.pk]),
        {"title": release.title, "lead": release.lead, "body": release.body, "note": TEXT},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert_escaped({"public page": _page(Client(), reverse("releases:detail", args=[release.slug]))})


def test_visit_request_text_is_escaped_on_the_status_link_and_the_coordinators_pages(client: Client) -> None:
    import time_machine

    from tests.factories.visits import RoomFactory
    from tests.visits.test_views import NOW
    from tests.visits.test_views import form_data as visit_form
    from visits.models import Visit

    RoomFactory(capacity=40)
    fields = {
        "institution": TEXT[:200],
        "leader_name": TEXT[:150],
        "purpose": TEXT,
        "topics_other": TEXT[:200],
        "participants_text": f"{TEXT[:100]}, Kepala Bagian\n",
    }
    with time_machine.travel(NOW, tick=False):
        response = client.post(reverse("visits:request"), visit_form(**fields))
        assert response.status_code == 302, response.content.decode()[:3000]
        visit = Visit.objects.get()
        coordinator = Client()
        coordinator.force_login(staff_user(Role.VISIT_COORDINATOR))
        assert_escaped(
            {
                "status link": _page(client, response["Location"]),
                "queue": _page(coordinator, reverse("visits:queue")),
                "visit detail": _page(coordinator, reverse("visits:detail", args=[visit.pk])),
            }
        )


def test_coverage_title_is_escaped_in_the_list_and_the_reports(client: Client) -> None:
    from tests.media_relations.test_coverage import form_data as coverage_form

    client.force_login(staff_user(Role.MEDIA_OFFICER))
    release = PublishedReleaseFactory()
    response = client.post(
        reverse("media_relations:coverage-create"),
        coverage_form(title=TEXT[:300], outlet_name=TEXT[:100], release=release.pk),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert_escaped(
        {
            "coverage list": _page(client, reverse("media_relations:coverage-list")),
            "release report": _page(client, reverse("media_relations:coverage-release", args=[release.pk])),
        }
    )
