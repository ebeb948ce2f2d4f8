"""Every write of the social channels: channels, per-release versions and the delivery outbox.

Delivery is exactly once by construction:

- the outbox row (unique per release and channel) is written in the transaction that makes the
  release public; the queue carries only its id and the sweep re-queues what stalled;
- a worker claims a row with a compare-and-set ``pending → sending`` and writes the attempt row
  before calling the platform, so two workers never post the same row;
- only what provably did not publish (429, connection refused) goes back to ``pending``, with
  exponential backoff and jitter in ``next_attempt_at``; a timeout or 5xx after sending goes to
  ``unknown`` and is retried only after the platform was checked for the post (or, where no check
  is possible, when staff decide);
- 4xx fails at once and flags the channel when its credentials are the cause.
"""

from __future__ import annotations

import logging
import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from humas import audit
from humas.models import User
from humas.roles import Role
from humas.tasking import enqueue_on_commit, send_task
from releases.channels import rules
from releases.channels.adapters import ADAPTERS, Post, Posted, adapter_for
from releases.channels.crypto import CredentialsUnreadable, decrypt_credentials, encrypt_credentials
from releases.channels.errors import ChannelError, NotSent, NotSupported, OutcomeUnknown, RateLimited, Rejected
from releases.channels.models import Channel, ChannelAttempt, ChannelDelivery, ChannelVersion, DeliveryStatus
from releases.models import Release

logger = logging.getLogger("humas.channels")

S = DeliveryStatus
SYSTEM = "Sistem"
MAX_ATTEMPTS = 8
BACKOFF_BASE = 30.0  # seconds; doubled per attempt, with ±50 % jitter
BACKOFF_MAX = 3600.0
CHECK_DELAY = timedelta(seconds=60)  # let the platform's timeline catch up before looking
STALL_AFTER = timedelta(minutes=2)  # a queued row not claimed by then is queued again
LEASE = timedelta(minutes=10)  # a row "sending" longer than this lost its worker
SWEEP_BATCH = 500


class DeliveryError(Exception):
    """A staff action that the delivery's state does not allow."""


# --- channels ---------------------------------------------------------------------------------


@transaction.atomic
def channel_save(*, channel: Channel, credentials: dict[str, str], actor: User) -> Channel:
    """Create or update a channel; non-empty ``credentials`` values replace the stored ones."""
    creating = channel.pk is None
    stored = {} if creating else _readable_credentials(channel)
    changed = {key: value for key, value in credentials.items() if value}
    if changed or creating:
        channel.credentials_encrypted = encrypt_credentials({**stored, **changed})
        if not creating:
            channel.health = Channel.Health.UNKNOWN
            channel.health_message = ""
    channel.base_url = channel.base_url or ADAPTERS[channel.platform].default_base_url
    channel.save()
    audit.record(
        actor=actor,
        obj=channel,
        action="releases.channel.create" if creating else "releases.channel.update",
        new="enabled" if channel.enabled else "disabled",
        # Names of the changed secrets only, never their values.
        data={"credentials_changed": sorted(changed)},
    )
    return channel


def _readable_credentials(channel: Channel) -> dict[str, str]:
    try:
        return decrypt_credentials(channel.credentials_encrypted)
    except CredentialsUnreadable:
        return {}


def channel_check(*, channel_id: int) -> Channel:
    """Test the channel's credentials against its platform and record its health."""
    channel = Channel.objects.get(pk=channel_id)
    try:
        info = adapter_for(channel).verify()
    except CredentialsUnreadable:
        return channel_flag(channel_id=channel_id, message=_("Kredensial tidak dapat dibuka dengan kunci saat ini."))
    except ChannelError as exc:
        if isinstance(exc, Rejected) and exc.credentials:
            return channel_flag(channel_id=channel_id, message=exc.message)
        return _channel_health(channel_id, Channel.Health.UNKNOWN, _("Pemeriksaan gagal: %s") % exc.message)
    with transaction.atomic():
        channel = Channel.objects.select_for_update().get(pk=channel_id)
        if channel.platform == "mastodon":
            channel.max_characters = info.details.get("max_characters")
            channel.characters_per_url = info.details.get("characters_reserved_per_url")
            channel.save(update_fields=["max_characters", "characters_per_url"])
        return _channel_health(channel_id, Channel.Health.OK, _("Terhubung sebagai %s") % info.label)


@transaction.atomic
def _channel_health(channel_id: int, health: str, message: str) -> Channel:
    channel = Channel.objects.select_for_update().get(pk=channel_id)
    old = channel.health
    channel.health, channel.health_message, channel.health_checked_at = health, message, timezone.now()
    channel.save(update_fields=["health", "health_message", "health_checked_at", "updated_at"])
    if old != health:
        audit.record(actor=None, actor_label=SYSTEM, obj=channel, action="releases.channel.health", old=old, new=health)
    return channel


def channel_flag(*, channel_id: int, message: str) -> Channel:
    """The channel's credentials failed: mark it, and e-mail the Humas admins once per failure."""
    before = Channel.objects.values_list("health", flat=True).get(pk=channel_id)
    channel = _channel_health(channel_id, Channel.Health.FAILING, message)
    if before != Channel.Health.FAILING:
        transaction.on_commit(lambda: _mail_admins(channel, message))
    return channel


def _mail_admins(channel: Channel, message: str) -> None:
    recipients = list(
        Group.objects.get(name=Role.HUMAS_ADMIN.value)
        .user_set.filter(is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients:
        logger.error("channel credentials failing, no admin to tell", extra={"channel": channel.pk})
        return
    body = _(
        "Kredensial kanal %(name)s gagal dipakai: %(message)s\n\n"
        "Unggahan ke kanal ini berhenti sampai kredensialnya diperbarui di %(url)s"
    ) % {"name": channel.name, "message": message, "url": f"{settings.SITE_URL}/staf/kanal/{channel.pk}/ubah/"}
    subject = _("[Portal Humas] Kredensial kanal %(name)s perlu diperbarui") % {"name": channel.name}
    send_mail(subject, body, None, recipients)


# --- per-release versions ---------------------------------------------------------------------


def release_link(release: Release, channel: Channel) -> str:
    """The release's public address with UTM parameters naming the channel."""
    query = urlencode({"utm_source": channel.platform, "utm_medium": "social", "utm_campaign": channel.name})
    return f"{settings.SITE_URL}{release.get_absolute_url()}?{query}"


_PLACEHOLDER = re.compile(r"\{(title|lead|link|hashtags|unit)\}")


def render_text(release: Release, channel: Channel) -> str:
    """The channel's template filled from the release. Only the named placeholders are replaced,
    so a template can never reach anything else."""
    values = {
        "title": release.title,
        "lead": release.lead,
        "link": release_link(release, channel),
        "hashtags": channel.hashtags,
        "unit": str(release.unit),
    }
    text = _PLACEHOLDER.sub(lambda match: values[match.group(1)], channel.message_template)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


@dataclass
class VersionView:
    channel: Channel
    version: ChannelVersion | None
    selected: bool
    text: str
    image_name: str

    @property
    def limit(self) -> rules.Limit:
        return rules.limit_for(self.channel, has_image=bool(self.image_name))

    @property
    def used(self) -> int:
        return rules.count(self.limit, self.text)

    @property
    def problems(self) -> list[str]:
        return rules.text_problems(self.channel, self.text, has_image=bool(self.image_name))


def versions_for(release: Release) -> list[VersionView]:
    """Each enabled channel with what the release would post there (the saved version, or the
    channel's default choice and template). Two queries whatever the number of channels."""
    saved = {v.channel_id: v for v in ChannelVersion.objects.filter(release=release)}
    views = []
    for channel in Channel.objects.filter(enabled=True).order_by("name"):
        version = saved.get(channel.pk)
        if version is not None:
            views.append(VersionView(channel, version, version.selected, version.text, version.image.name or ""))
        else:
            views.append(VersionView(channel, None, channel.selected_by_default, render_text(release, channel), ""))
    return views


@transaction.atomic
def version_save(
    *,
    release: Release,
    channel: Channel,
    selected: bool,
    text: str,
    image: Any = None,
    remove_image: bool = False,
    actor: User,
) -> ChannelVersion:
    """Save the editor's choice and text for one channel. ``image`` is an uploaded file that
    ``rules.prepare_image`` has accepted (JPEG bytes are stored)."""
    version, _created = ChannelVersion.objects.select_for_update().get_or_create(
        release=release, channel=channel, defaults={"text": text, "selected": selected}
    )
    version.selected, version.text = selected, text
    if image is not None:
        version.image.save(f"{release.slug[:60]}-{channel.platform}.jpg", ContentFile(image), save=False)
    elif remove_image:
        version.image = None  # type: ignore[assignment]
    version.save()
    audit.record(
        actor=actor,
        obj=release,
        action="releases.channel_version.save",
        new="selected" if selected else "not_selected",
        note=channel.name,
    )
    return version


def approval_problems(release: Release) -> list[str]:
    """Why the chosen channel versions of ``release`` cannot be approved (empty when they can)."""
    problems: list[str] = []
    for view in versions_for(release):
        if view.selected:
            problems.extend(view.problems)
            if view.channel.platform == "instagram" and view.version is not None and view.version.image:
                version = view.version
                problems.extend(rules.instagram_problems(version.image.width, version.image.height, version.image.size))
    return problems


# --- the outbox -------------------------------------------------------------------------------


def deliveries_create(*, release: Release) -> list[ChannelDelivery]:
    """Write one outbox row per chosen channel, in the caller's transaction (the publication),
    and queue each after commit. Calling it again for the same release adds nothing."""
    chosen = [view for view in versions_for(release) if view.selected]
    rows = [
        ChannelDelivery(
            release=release,
            channel=view.channel,
            text=view.text,
            image_path=view.image_name,
            link=release_link(release, view.channel),
            queued_at=timezone.now(),
        )
        for view in chosen
    ]
    ChannelDelivery.objects.bulk_create(rows, ignore_conflicts=True)
    created = list(ChannelDelivery.objects.filter(release=release, status=S.PENDING, attempt_count=0))
    if created:
        audit.record(
            actor=None,
            actor_label=SYSTEM,
            obj=release,
            action="releases.channel_delivery.queue",
            new=S.PENDING,
            note=", ".join(view.channel.name for view in chosen),
        )
    from releases.channels.tasks import deliver

    for delivery in created:
        enqueue_on_commit(deliver, delivery.pk)
    return created


def _post_for(delivery: ChannelDelivery) -> Post:
    image = b""
    if delivery.image_path:
        with default_storage.open(delivery.image_path, "rb") as file:
            image = file.read()
    image_url = f"{settings.SITE_URL}{default_storage.url(delivery.image_path)}" if delivery.image_path else ""
    return Post(
        text=delivery.text,
        link=delivery.link,
        idempotency_key=delivery.idempotency_key,
        title=delivery.release.title,
        image=image or None,
        image_name=delivery.image_path.rsplit("/", 1)[-1],
        image_url=image_url,
    )


def delivery_claim(*, delivery_id: int, kind: str = ChannelAttempt.Kind.POST) -> ChannelAttempt | None:
    """Compare-and-set the row to ``sending`` and write the attempt row, committed before any call.
    Returns None when another worker has it, it is not due, or its release is no longer public."""
    now = timezone.now()
    source = S.PENDING if kind == ChannelAttempt.Kind.POST else S.UNKNOWN
    with transaction.atomic():
        claimed = (
            ChannelDelivery.objects.filter(pk=delivery_id, status=source, release__status=Release.Status.PUBLISHED)
            .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            .update(
                status=S.SENDING,
                claimed_at=now,
                attempt_count=F("attempt_count") + (1 if kind == ChannelAttempt.Kind.POST else 0),
                updated_at=now,
            )
        )
        if not claimed:
            return None
        return ChannelAttempt.objects.create(delivery_id=delivery_id, kind=kind, started_at=now)


def delivery_run(*, delivery_id: int) -> ChannelDelivery | None:
    """Claim the row and post it. The single entry point of the ``deliver`` task."""
    attempt = delivery_claim(delivery_id=delivery_id)
    if attempt is None:
        return None
    delivery = ChannelDelivery.objects.select_related("channel", "release").get(pk=delivery_id)
    try:
        posted = adapter_for(delivery.channel).publish(_post_for(delivery))
    except CredentialsUnreadable:
        return _record_failure(
            attempt, Rejected(_("Kredensial tidak dapat dibuka dengan kunci saat ini."), credentials=True)
        )
    except ChannelError as exc:
        return _record_failure(attempt, exc)
    return delivery_record_posted(attempt=attempt, posted=posted)


@transaction.atomic
def delivery_record_posted(*, attempt: ChannelAttempt, posted: Posted) -> ChannelDelivery:
    delivery = ChannelDelivery.objects.select_for_update().get(pk=attempt.delivery_id)
    now = timezone.now()
    _finish(attempt, ChannelAttempt.Outcome.OK, status_code=None, error="")
    old = delivery.status
    delivery.status, delivery.remote_id, delivery.remote_url = S.POSTED, posted.remote_id, posted.remote_url
    delivery.posted_at, delivery.last_error, delivery.next_attempt_at = now, "", None
    delivery.save()
    audit.record(
        actor=None,
        actor_label=SYSTEM,
        obj=delivery,
        action="releases.channel_delivery.posted",
        old=old,
        new=S.POSTED,
        note=posted.remote_url,
    )
    return delivery


def _backoff(attempts: int, at_least: float = 0.0) -> timedelta:
    delay = min(BACKOFF_BASE * 2 ** max(attempts - 1, 0), BACKOFF_MAX) * random.uniform(0.5, 1.5)
    return timedelta(seconds=max(delay, at_least))


@transaction.atomic
def _record_failure(attempt: ChannelAttempt, exc: ChannelError) -> ChannelDelivery:
    delivery = ChannelDelivery.objects.select_for_update().select_related("channel").get(pk=attempt.delivery_id)
    old, now = delivery.status, timezone.now()
    delivery.last_error = exc.message
    if isinstance(exc, RateLimited | NotSent):
        outcome = ChannelAttempt.Outcome.RETRY
        if delivery.attempt_count >= MAX_ATTEMPTS:
            delivery.status = S.FAILED
            delivery.last_error = _("%s (batas percobaan habis)") % exc.message
        else:
            delivery.status = S.PENDING
            wait = exc.retry_after if isinstance(exc, RateLimited) else 0.0
            delivery.next_attempt_at = now + _backoff(delivery.attempt_count, at_least=wait)
    elif isinstance(exc, OutcomeUnknown):
        outcome = ChannelAttempt.Outcome.UNKNOWN
        delivery.status = S.UNKNOWN
        delivery.next_attempt_at = now + CHECK_DELAY
    else:
        outcome = ChannelAttempt.Outcome.FAILED
        delivery.status = S.FAILED
        if isinstance(exc, Rejected) and exc.credentials:
            channel_id, message = delivery.channel_id, exc.message
            transaction.on_commit(lambda: channel_flag(channel_id=channel_id, message=message))
    _finish(attempt, outcome, status_code=exc.status_code, error=exc.message)
    delivery.save()
    if delivery.status != S.PENDING:
        audit.record(
            actor=None,
            actor_label=SYSTEM,
            obj=delivery,
            action=f"releases.channel_delivery.{delivery.status}",
            old=old,
            new=delivery.status,
            note=exc.message[:500],
        )
    logger.warning(
        "channel delivery %s",
        outcome,
        extra={"delivery": delivery.pk, "channel": delivery.channel_id, "error": exc.message},
    )
    return delivery


def _finish(attempt: ChannelAttempt, outcome: str, *, status_code: int | None, error: str) -> None:
    attempt.outcome, attempt.status_code, attempt.error = outcome, status_code, error
    attempt.finished_at = timezone.now()
    attempt.save(update_fields=["outcome", "status_code", "error", "finished_at"])


def delivery_check(*, delivery_id: int) -> ChannelDelivery | None:
    """For an ``unknown`` delivery: look for the post on the platform. Found → posted; provably
    absent → pending again (posted on the next run); no check possible → left to staff."""
    delivery = ChannelDelivery.objects.select_related("channel").get(pk=delivery_id)
    cls = ADAPTERS[delivery.channel.platform]
    if not (cls.can_check or cls.resend_is_safe):
        return None
    attempt = delivery_claim(delivery_id=delivery_id, kind=ChannelAttempt.Kind.CHECK)
    if attempt is None:
        return None
    delivery = ChannelDelivery.objects.select_related("channel", "release").get(pk=delivery_id)
    found: Posted | None = None
    try:
        if cls.can_check:
            found = adapter_for(delivery.channel).find(_post_for(delivery))
    except (ChannelError, CredentialsUnreadable) as exc:
        return _check_failed(attempt, str(exc))
    if found is not None:
        return delivery_record_posted(attempt=attempt, posted=found)
    return _check_absent(attempt)


@transaction.atomic
def _check_absent(attempt: ChannelAttempt) -> ChannelDelivery:
    delivery = ChannelDelivery.objects.select_for_update().get(pk=attempt.delivery_id)
    _finish(attempt, ChannelAttempt.Outcome.NOT_FOUND, status_code=None, error="")
    delivery.status, delivery.next_attempt_at, delivery.queued_at = S.PENDING, None, timezone.now()
    delivery.save()
    audit.record(
        actor=None,
        actor_label=SYSTEM,
        obj=delivery,
        action="releases.channel_delivery.checked_absent",
        old=S.UNKNOWN,
        new=S.PENDING,
    )
    from releases.channels.tasks import deliver

    enqueue_on_commit(deliver, delivery.pk)
    return delivery


@transaction.atomic
def _check_failed(attempt: ChannelAttempt, error: str) -> ChannelDelivery:
    delivery = ChannelDelivery.objects.select_for_update().get(pk=attempt.delivery_id)
    _finish(attempt, ChannelAttempt.Outcome.FAILED, status_code=None, error=error)
    delivery.status, delivery.last_error = S.UNKNOWN, error
    delivery.next_attempt_at = timezone.now() + _backoff(delivery.attempts.filter(kind="check").count())
    delivery.save()
    return delivery


def deliveries_sweep(*, now: datetime | None = None) -> dict[str, int]:
    """The periodic safety net: re-queue pending rows that are due and were not picked up,
    turn rows whose worker vanished mid-call into ``unknown``, and queue checks of unknown rows."""
    from releases.channels.tasks import check_delivery, deliver

    now = now or timezone.now()
    stalled = now - STALL_AFTER
    counts = {"requeued": 0, "lost": 0, "checks": 0}
    lost = ChannelDelivery.objects.filter(status=S.SENDING, claimed_at__lt=now - LEASE)
    for delivery_id in list(lost.values_list("pk", flat=True)[:SWEEP_BATCH]):
        counts["lost"] += _mark_lost(delivery_id, now)
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    not_queued = Q(queued_at__isnull=True) | Q(queued_at__lt=stalled) | Q(queued_at__lt=F("next_attempt_at"))
    public = Q(release__status=Release.Status.PUBLISHED)
    checkable = [p for p, cls in ADAPTERS.items() if cls.can_check or cls.resend_is_safe]
    for status, task, key, extra in (
        (S.PENDING, deliver, "requeued", Q()),
        (S.UNKNOWN, check_delivery, "checks", Q(channel__platform__in=checkable)),
    ):
        rows = ChannelDelivery.objects.filter(due, not_queued, public, extra, status=status)
        ids = list(rows.order_by("pk").values_list("pk", flat=True)[:SWEEP_BATCH])
        ChannelDelivery.objects.filter(pk__in=ids).update(queued_at=now)
        for delivery_id in ids:
            counts[key] += int(send_task(task, delivery_id))
    return counts


@transaction.atomic
def _mark_lost(delivery_id: int, now: datetime) -> int:
    updated = ChannelDelivery.objects.filter(pk=delivery_id, status=S.SENDING).update(
        status=S.UNKNOWN,
        next_attempt_at=now,
        last_error=_("Pekerja berhenti di tengah pengiriman; hasilnya diperiksa."),
        updated_at=now,
    )
    ChannelAttempt.objects.filter(delivery_id=delivery_id, outcome=ChannelAttempt.Outcome.STARTED).update(
        outcome=ChannelAttempt.Outcome.UNKNOWN, finished_at=now, error=_("Pekerja berhenti sebelum jawaban tersimpan.")
    )
    if updated:
        delivery = ChannelDelivery.objects.get(pk=delivery_id)
        audit.record(
            actor=None,
            actor_label=SYSTEM,
            obj=delivery,
            action="releases.channel_delivery.unknown",
            old=S.SENDING,
            new=S.UNKNOWN,
        )
    return updated


# --- staff decisions --------------------------------------------------------------------------


@transaction.atomic
def delivery_retry(*, delivery_id: int, actor: User) -> ChannelDelivery:
    """Staff send a failed or unknown delivery again (for unknown: they checked it is not there)."""
    delivery = ChannelDelivery.objects.select_for_update().get(pk=delivery_id)
    if delivery.status not in (S.FAILED, S.UNKNOWN):
        raise DeliveryError(_("Hanya pengiriman yang gagal atau tidak pasti yang dapat diulang."))
    old = delivery.status
    delivery.status, delivery.next_attempt_at, delivery.queued_at = S.PENDING, None, timezone.now()
    delivery.attempt_count = 0 if old == S.FAILED else delivery.attempt_count
    delivery.save()
    audit.record(actor=actor, obj=delivery, action="releases.channel_delivery.retry", old=old, new=S.PENDING)
    from releases.channels.tasks import deliver

    enqueue_on_commit(deliver, delivery.pk)
    return delivery


@transaction.atomic
def delivery_mark_posted(*, delivery_id: int, url: str, actor: User) -> ChannelDelivery:
    """Staff found the post on the platform themselves: record it with its address."""
    delivery = ChannelDelivery.objects.select_for_update().get(pk=delivery_id)
    if delivery.status not in (S.FAILED, S.UNKNOWN):
        raise DeliveryError(_("Hanya pengiriman yang gagal atau tidak pasti yang dapat ditandai terunggah."))
    if not url.startswith(("https://", "http://")):
        raise DeliveryError(_("Masukkan alamat unggahan yang lengkap (diawali https://)."))
    old = delivery.status
    delivery.status, delivery.remote_url, delivery.posted_at = S.POSTED, url, timezone.now()
    delivery.next_attempt_at = None
    delivery.save()
    audit.record(
        actor=actor, obj=delivery, action="releases.channel_delivery.mark_posted", old=old, new=S.POSTED, note=url
    )
    return delivery


# --- withdrawal -------------------------------------------------------------------------------


def deliveries_withdraw(*, release: Release) -> None:
    """In the withdrawal's transaction: cancel what was not sent yet, queue deletion of what was."""
    from releases.channels.tasks import delete_delivery

    now = timezone.now()
    cancelled = ChannelDelivery.objects.filter(release=release, status=S.PENDING)
    for delivery in cancelled:
        audit.record(
            actor=None,
            actor_label=SYSTEM,
            obj=delivery,
            action="releases.channel_delivery.failed",
            old=S.PENDING,
            new=S.FAILED,
        )
    cancelled.update(status=S.FAILED, last_error=_("Dibatalkan: siaran pers ditarik sebelum terkirim."), updated_at=now)
    ChannelDelivery.objects.filter(release=release, status=S.UNKNOWN).update(
        withdraw_result=_("Siaran pers ditarik saat hasil unggahan belum pasti: periksa dan hapus manual bila ada."),
        updated_at=now,
    )
    for delivery_id in ChannelDelivery.objects.filter(release=release, status=S.POSTED).values_list("pk", flat=True):
        enqueue_on_commit(delete_delivery, delivery_id)


def delivery_delete(*, delivery_id: int) -> ChannelDelivery:
    """Delete the remote post of a withdrawn release where the platform allows it; record the result."""
    delivery = ChannelDelivery.objects.select_related("channel").get(pk=delivery_id)
    if delivery.status != S.POSTED:
        return delivery
    attempt = ChannelAttempt.objects.create(
        delivery=delivery, kind=ChannelAttempt.Kind.DELETE, started_at=timezone.now()
    )
    try:
        if not delivery.remote_id:
            raise NotSupported(_("Tidak ada ID unggahan (ditandai manual): hapus langsung di platform."))
        adapter_for(delivery.channel).delete(delivery.remote_id)
    except NotSupported as exc:
        return _record_delete(attempt, ok=False, message=exc.message, outcome=ChannelAttempt.Outcome.FAILED)
    except (ChannelError, CredentialsUnreadable) as exc:
        message = _("Penghapusan gagal: %s") % exc
        return _record_delete(attempt, ok=False, message=message, outcome=ChannelAttempt.Outcome.FAILED)
    return _record_delete(
        attempt, ok=True, message=_("Unggahan dihapus dari platform."), outcome=ChannelAttempt.Outcome.OK
    )


@transaction.atomic
def _record_delete(attempt: ChannelAttempt, *, ok: bool, message: str, outcome: str) -> ChannelDelivery:
    delivery = ChannelDelivery.objects.select_for_update().get(pk=attempt.delivery_id)
    _finish(attempt, outcome, status_code=None, error="" if ok else message)
    delivery.withdraw_result = message
    old = delivery.status
    if ok:
        delivery.status = S.DELETED
    delivery.save()
    audit.record(
        actor=None,
        actor_label=SYSTEM,
        obj=delivery,
        action="releases.channel_delivery.deleted" if ok else "releases.channel_delivery.delete_failed",
        old=old,
        new=delivery.status,
        note=message,
    )
    return delivery


def overall_status(statuses: list[str]) -> str:
    """The release's delivery status derived from its rows: the most urgent one wins."""
    for status in (S.FAILED, S.UNKNOWN, S.SENDING, S.PENDING):
        if status in statuses:
            return status
    if statuses and all(status == S.DELETED for status in statuses):
        return S.DELETED
    return S.POSTED if statuses else ""
