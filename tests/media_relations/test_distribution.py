"""Distribution of releases by email: recipients, batches, messages, links, bounces, sweep."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from humas.models import User
from humas.roles import Role
from media_relations import services
from media_relations.models import Journalist, Sending, SendingBatch, SendingRecipient
from media_relations.tasks import sweep_sendings
from tests.factories.humas import staff_user
from tests.factories.media_relations import (
    BeatFactory,
    DistributionListFactory,
    JournalistFactory,
    OutletFactory,
    PendingJournalistFactory,
    VerifiedJournalistFactory,
)
from tests.factories.releases import PublishedReleaseFactory

pytestmark = pytest.mark.django_db
CREATE = reverse("media_relations:staff-sending-create")


def _token(message: mail.EmailMessage, name: str = "k") -> str:
    found = re.search(rf"/media/{name}/([A-Za-z0-9_-]+)/", str(message.body))
    assert found
    return found.group(1)


def _send(release_pk: int, list_pk: int, **extra: object) -> dict[str, object]:
    return {"release": release_pk, "distribution_list": list_pk, **extra}


def test_release_goes_to_a_list_one_multipart_message_each_with_skips_counted(
    client: Client, login_as: Callable[[Role], User], django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    release = PublishedReleaseFactory(title="Taman Kota Dibuka", lead="Wali Kota membuka taman kota.")
    ok = [JournalistFactory(email=f"ok{i}@media.id") for i in range(3)]
    no_consent = JournalistFactory(consent_at=None, consent_source="")
    bounced = JournalistFactory(bounced_at=timezone.now())
    unsubscribed = JournalistFactory(unsubscribed_at=timezone.now())
    group = DistributionListFactory(members=[*ok, no_consent, bounced, unsubscribed])
    login_as(Role.MEDIA_OFFICER)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = client.post(CREATE, _send(release.pk, group.pk))
    sending = Sending.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "media_relations:staff-sending", args=[sending.pk]
    )
    assert (sending.status, sending.recipient_count, sending.sent_count, sending.skipped_count) == ("done", 6, 3, 3)
    assert sorted(m.to[0] for m in mail.outbox) == ["ok0@media.id", "ok1@media.id", "ok2@media.id"]
    message = mail.outbox[0]
    assert message.subject == "Taman Kota Dibuka" and "EMBARGO" not in message.subject
    html = message.alternatives[0][0]
    assert message.alternatives[0][1] == "text/html" and "Wali Kota membuka taman kota." in html
    assert (
        "Wali Kota membuka taman kota." in message.body
        and "/media/k/" in message.body
        and "/press-kit/" in message.body
    )
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://testserver/media/berhenti/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    reasons = dict(SendingRecipient.objects.filter(status="skipped").values_list("journalist_id", "skip_reason"))
    assert reasons == {no_consent.pk: "no_consent", bounced.pk: "bounced", unsubscribed.pk: "unsubscribed"}
    page = client.get(response["Location"]).content.decode()
    assert "Belum ada persetujuan" in page and "Selesai" in page
    status = client.get(reverse("media_relations:staff-sending-status", args=[sending.pk])).json()
    assert status | {"url": ""} == status | {"url": "", "sent": 3, "skipped": 3, "failed": 0, "done": True}


def test_advance_copy_goes_to_verified_journalists_only_with_embargo_in_subject_and_body(
    login_as: Callable[[Role], User], django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    embargo = timezone.now() + timedelta(days=1)
    release = PublishedReleaseFactory(title="Anggaran 2027", embargo_until=embargo)
    verified = VerifiedJournalistFactory(email="v@media.id")
    pending = PendingJournalistFactory()
    plain = JournalistFactory()
    group = DistributionListFactory(members=[verified, pending, plain])
    actor = staff_user(Role.MEDIA_OFFICER)
    # Not public yet: a normal sending is refused with a clear message.
    with pytest.raises(services.MediaError, match="belum tampil untuk umum"):
        services.sending_create(
            release_id=release.pk, advance_copy=False, audience=services.Audience(distribution_list=group),
            confirm_resend=False, actor=actor,
        )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        sending = services.sending_create(
            release_id=release.pk, advance_copy=True, audience=services.Audience(distribution_list=group),
            confirm_resend=False, actor=actor,
        )  # fmt: skip
    (message,) = mail.outbox
    when = timezone.localtime(embargo).strftime("%d-%m-%Y %H:%M")
    assert message.to == ["v@media.id"] and message.subject.startswith(f"[EMBARGO s.d. {when} WIB]")
    assert f"EMBARGO: tidak untuk disiarkan sebelum {when} WIB" in message.body
    assert "EMBARGO" in message.alternatives[0][0]
    sending.refresh_from_db()
    assert (sending.sent_count, sending.skipped_count) == (1, 2)
    assert set(SendingRecipient.objects.filter(status="skipped").values_list("skip_reason", flat=True)) == {
        "unverified"
    }


def test_segments_by_beat_outlet_kind_and_area_narrow_the_audience(
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    health = BeatFactory(name="Kesehatan", slug="kesehatan")
    radio = OutletFactory(kind="radio", coverage_area="Kabupaten Makmur")
    JournalistFactory(email="a@x.id", beats=[health], outlet=radio)
    JournalistFactory(email="b@x.id", beats=[health])
    JournalistFactory(email="c@x.id", outlet=radio)
    release = PublishedReleaseFactory()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.sending_create(
            release_id=release.pk, advance_copy=False,
            audience=services.Audience(beat=health, outlet_kind="radio", area="makmur"),
            confirm_resend=False, actor=staff_user(Role.MEDIA_OFFICER),
        )  # fmt: skip
    assert [m.to for m in mail.outbox] == [["a@x.id"]]


def test_sending_the_same_release_twice_needs_explicit_confirmation(
    client: Client, login_as: Callable[[Role], User], django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    release = PublishedReleaseFactory()
    group = DistributionListFactory(members=[JournalistFactory(), JournalistFactory()])
    login_as(Role.MEDIA_OFFICER)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        client.post(CREATE, _send(release.pk, group.pk))
    response = client.post(CREATE, _send(release.pk, group.pk))
    assert response.status_code == 400
    assert "2 penerima sudah pernah dikirimi siaran pers ini" in response.content.decode()
    assert Sending.objects.count() == 1 and len(mail.outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        client.post(CREATE, _send(release.pk, group.pk, confirm_resend="on"))
    assert Sending.objects.count() == 2 and len(mail.outbox) == 4
    assert SendingRecipient.objects.filter(resend=True).count() == 2


def test_sending_form_refuses_an_empty_audience_and_stores_nothing(
    client: Client, login_as: Callable[[Role], User]
) -> None:
    login_as(Role.MEDIA_OFFICER)
    release = PublishedReleaseFactory()
    response = client.post(CREATE, {"release": release.pk})
    assert response.status_code == 400 and "Pilih daftar distribusi" in response.content.decode()
    empty = DistributionListFactory()
    response = client.post(CREATE, _send(release.pk, empty.pk))
    assert response.status_code == 400 and "Tidak ada wartawan" in response.content.decode()
    assert not Sending.objects.exists()


def test_click_redirect_counts_and_one_click_unsubscribe_works_without_csrf(
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    release = PublishedReleaseFactory()
    journalist = JournalistFactory()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.sending_create(
            release_id=release.pk, advance_copy=False,
            audience=services.Audience(distribution_list=DistributionListFactory(members=[journalist])),
            confirm_resend=False, actor=staff_user(Role.MEDIA_OFFICER),
        )  # fmt: skip
    token = _token(mail.outbox[0])
    client = Client(enforce_csrf_checks=True)
    response = client.get(reverse("media_relations:click", args=[token]))
    assert response.status_code == 302 and response["Location"] == release.get_absolute_url()
    client.get(reverse("media_relations:click-presskit", args=[token]))
    recipient = SendingRecipient.objects.get()
    assert recipient.clicks == 2 and recipient.first_clicked_at is not None
    assert client.get(reverse("media_relations:click", args=["tebakan"])).status_code == 404
    # A GET (a link scanner) only shows the button.
    url = reverse("media_relations:unsubscribe", args=[token])
    assert client.get(url).status_code == 200 and Journalist.objects.get().unsubscribed_at is None
    # The mail client's RFC 8058 POST, without cookies or CSRF token, is honoured at once.
    response = client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200 and Journalist.objects.get().unsubscribed_at is not None
    staff = Client()
    staff.force_login(staff_user(Role.MEDIA_OFFICER))
    sending_id = SendingRecipient.objects.get().sending_id
    status = staff.get(reverse("media_relations:staff-sending-status", args=[sending_id])).json()
    assert status["unsubscribed"] == 1
    assert client.post(reverse("media_relations:unsubscribe", args=["tebakan"])).status_code == 404
    # The next sending skips the contact.
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        sending = services.sending_create(
            release_id=PublishedReleaseFactory().pk, advance_copy=False,
            audience=services.Audience(distribution_list=journalist.lists.get()), confirm_resend=False,
            actor=staff_user(Role.MEDIA_OFFICER),
        )  # fmt: skip
    assert len(mail.outbox) == 1 and SendingRecipient.objects.get(sending=sending).skip_reason == "unsubscribed"


def test_permanent_bounce_marks_the_message_flags_the_directory_and_suppresses_later_sendings(
    client: Client, login_as: Callable[[Role], User], django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    journalist = JournalistFactory(email="hilang@media.id")
    group = DistributionListFactory(members=[journalist])
    actor = staff_user(Role.MEDIA_OFFICER)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        sending = services.sending_create(
            release_id=PublishedReleaseFactory().pk, advance_copy=False,
            audience=services.Audience(distribution_list=group), confirm_resend=False, actor=actor,
        )  # fmt: skip
    call_command("media_bounce", "HILANG@media.id", "--permanent", stdout=open("/dev/null", "w"))  # noqa: SIM115
    sending.refresh_from_db()
    assert SendingRecipient.objects.get().status == "bounced" and sending.bounced_count == 1
    assert Journalist.objects.get().bounced_at is not None
    login_as(Role.MEDIA_OFFICER)
    assert "Terpental" in client.get(reverse("media_relations:staff-journalists"), {"terpental": "1"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.sending_create(
            release_id=PublishedReleaseFactory().pk, advance_copy=False,
            audience=services.Audience(distribution_list=group), confirm_resend=False, actor=actor,
        )  # fmt: skip
    assert len(mail.outbox) == 1


def test_a_temporary_bounce_does_not_suppress_the_address(
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    journalist = JournalistFactory(email="penuh@media.id")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.sending_create(
            release_id=PublishedReleaseFactory().pk, advance_copy=False,
            audience=services.Audience(distribution_list=DistributionListFactory(members=[journalist])),
            confirm_resend=False, actor=staff_user(Role.MEDIA_OFFICER),
        )  # fmt: skip
    assert services.recipient_bounced(email="penuh@media.id", permanent=False) == 1
    assert Journalist.objects.get().bounced_at is None


@override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1", EMAIL_PORT=1)
def test_smtp_down_leaves_the_batch_for_the_sweep_and_nothing_is_marked_sent(
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    journalist = JournalistFactory()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        sending = services.sending_create(
            release_id=PublishedReleaseFactory().pk, advance_copy=False,
            audience=services.Audience(distribution_list=DistributionListFactory(members=[journalist])),
            confirm_resend=False, actor=staff_user(Role.MEDIA_OFFICER),
        )  # fmt: skip
    assert SendingRecipient.objects.get().status == "queued"
    assert SendingBatch.objects.get().status == "running"
    # Ten minutes on, the sweep finds the stalled batch again.
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        from media_relations.mailing import stalled_batches

        assert stalled_batches() == [SendingBatch.objects.get().pk]
    assert Sending.objects.get(pk=sending.pk).status != "done"


def test_broker_down_keeps_the_rows_and_the_sweep_sends_them_later(
    broker_down: None, django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    journalists = [JournalistFactory() for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        sending = services.sending_create(
            release_id=PublishedReleaseFactory().pk, advance_copy=False,
            audience=services.Audience(distribution_list=DistributionListFactory(members=journalists)),
            confirm_resend=False, actor=staff_user(Role.MEDIA_OFFICER),
        )  # fmt: skip
    assert not mail.outbox and SendingRecipient.objects.filter(status="queued").count() == 3
    from humas.celery import app

    app.conf.task_always_eager = True  # the broker is back
    assert sweep_sendings() == 0  # not stalled yet
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        assert sweep_sendings() == 1
    sending.refresh_from_db()
    assert len(mail.outbox) == 3 and sending.status == "done" and sending.sent_count == 3


def test_many_recipients_are_split_into_batches_and_sent_once_each(
    django_capture_on_commit_callbacks: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "BATCH_SIZE", 4)
    journalists = [JournalistFactory() for _ in range(10)]
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        sending = services.sending_create(
            release_id=PublishedReleaseFactory().pk, advance_copy=False,
            audience=services.Audience(distribution_list=DistributionListFactory(members=journalists)),
            confirm_resend=False, actor=staff_user(Role.MEDIA_OFFICER),
        )  # fmt: skip
    assert SendingBatch.objects.filter(sending=sending).count() == 3
    assert len(mail.outbox) == 10 and len({m.to[0] for m in mail.outbox}) == 10
    # A duplicate task for a finished batch sends nothing.
    from media_relations.mailing import batch_send

    assert batch_send(batch_id=SendingBatch.objects.first().pk) == 0  # type: ignore[union-attr]
    assert len(mail.outbox) == 10


@pytest.mark.parametrize("rows", [2, 30])
def test_sendings_list_query_count_does_not_grow(
    client: Client, login_as: Callable[[Role], User], django_assert_max_num_queries: object, rows: int
) -> None:
    login_as(Role.MEDIA_OFFICER)
    actor = staff_user(Role.MEDIA_OFFICER)
    release = PublishedReleaseFactory()
    for _ in range(rows):
        Sending.objects.create(release=release, created_by=actor)
    with django_assert_max_num_queries(10):  # type: ignore[operator]
        assert client.get(reverse("media_relations:staff-sendings")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_real_worker_sends_a_release_and_the_progress_endpoint_reports_done(
    celery_worker: None, client: Client, login_as: Callable[[Role], User]
) -> None:
    import time

    release = PublishedReleaseFactory()
    group = DistributionListFactory(members=[JournalistFactory() for _ in range(5)])
    login_as(Role.MEDIA_OFFICER)
    response = client.post(CREATE, _send(release.pk, group.pk))
    sending = Sending.objects.get()
    status_url = reverse("media_relations:staff-sending-status", args=[sending.pk])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not client.get(status_url).json()["done"]:
        time.sleep(0.2)
    assert response.status_code == 302 and client.get(status_url).json()["sent"] == 5
    assert len(mail.outbox) == 5


def test_messages_through_a_real_smtp_server_and_a_5xx_refusal_suppresses_the_address(
    django_capture_on_commit_callbacks: Callable[..., object], settings: object
) -> None:
    from tests.media_relations.smtp_server import smtp_server

    good = JournalistFactory(email="ada@media.id")
    gone = JournalistFactory(email="tidak-ada@media.id")
    earlier = PublishedReleaseFactory()
    with smtp_server() as (port, mailbox):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"  # type: ignore[attr-defined]
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port  # type: ignore[attr-defined]
        audience = services.Audience(distribution_list=DistributionListFactory(members=[good, gone]))
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            services.sending_create(
                release_id=earlier.pk, advance_copy=False, audience=audience, confirm_resend=False,
                actor=staff_user(Role.MEDIA_OFFICER),
            )  # fmt: skip
        mailbox.refuse.add("tidak-ada@media.id")  # the mailbox is deleted after the first release
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            sending = services.sending_create(
                release_id=PublishedReleaseFactory().pk, advance_copy=False, audience=audience, confirm_resend=False,
                actor=staff_user(Role.MEDIA_OFFICER),
            )  # fmt: skip
    assert len(mailbox.messages) == 3
    last = mailbox.messages[-1]
    assert last["To"] == "ada@media.id" and last["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert last.is_multipart() and [p.get_content_type() for p in last.get_payload()] == ["text/plain", "text/html"]
    sending.refresh_from_db()
    assert (sending.sent_count, sending.bounced_count) == (1, 1)
    assert SendingRecipient.objects.get(sending=sending, journalist=gone).error == "SMTP 550"
    # The earlier, delivered message stays "sent"; the address is flagged in the directory.
    assert SendingRecipient.objects.get(release=earlier, journalist=gone).status == "sent"
    assert Journalist.objects.get(pk=gone.pk).bounced_at is not None


def test_resend_confirmation_is_not_asked_for_people_who_would_be_skipped_anyway(
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    release = PublishedReleaseFactory()
    journalist = JournalistFactory()
    group = DistributionListFactory(members=[journalist])
    actor = staff_user(Role.MEDIA_OFFICER)
    audience = services.Audience(distribution_list=group)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.sending_create(
            release_id=release.pk, advance_copy=False, audience=audience, confirm_resend=False, actor=actor
        )
    Journalist.objects.filter(pk=journalist.pk).update(unsubscribed_at=timezone.now())
    sending = services.sending_create(
        release_id=release.pk, advance_copy=False, audience=audience, confirm_resend=False, actor=actor
    )
    assert sending.recipients.get().skip_reason == "unsubscribed" and len(mail.outbox) == 1
