"""Sending one batch of a release distribution: one message per recipient over one SMTP connection.

A batch is claimed with a conditional UPDATE (pending, or running but stalled), so two workers
never send the same batch at once; each recipient row moves from queued to sent/failed/bounced
as soon as its message has been handed to the mail server, so a re-run sends only the rest.
"""

from __future__ import annotations

import logging
import secrets
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from media_relations.models import Sending, SendingBatch, SendingRecipient
from media_relations.services import absolute, address_suppress, hash_token, sending_refresh_counts
from releases.models import Release

logger = logging.getLogger("humas.tasks")
STALLED_AFTER = timedelta(minutes=10)


@dataclass
class ReleaseMail:
    """What every message of one sending shares, rendered once per batch."""

    release: Release
    advance_copy: bool
    subject: str
    embargo_text: str
    release_url: str
    presskit_url: str


def release_mail(sending: Sending) -> ReleaseMail:
    release = sending.release
    embargo_text = ""
    subject = release.title
    if sending.advance_copy and release.embargo_until:
        when = timezone.localtime(release.embargo_until).strftime("%d-%m-%Y %H:%M %Z")
        embargo_text = _("EMBARGO: tidak untuk disiarkan sebelum %(time)s") % {"time": when}
        subject = _("[EMBARGO s.d. %(time)s] %(title)s") % {"time": when, "title": release.title}
    return ReleaseMail(
        release=release,
        advance_copy=sending.advance_copy,
        subject=subject,
        embargo_text=embargo_text,
        release_url=absolute(release.get_absolute_url()),
        presskit_url=absolute(release.get_presskit_url()),
    )


def build_message(shared: ReleaseMail, recipient: SendingRecipient, token: str) -> EmailMultiAlternatives:
    unsubscribe = absolute(reverse("media_relations:unsubscribe", args=[token]))
    context = {
        "release": shared.release,
        "journalist": recipient.journalist,
        "embargo_text": shared.embargo_text,
        "link": absolute(reverse("media_relations:click", args=[token])),
        "presskit_link": absolute(reverse("media_relations:click-presskit", args=[token])),
        "unsubscribe": unsubscribe,
        "office_name": settings.OFFICE_NAME,
    }
    text = render_to_string("media_relations/email/release.txt", context)
    html = render_to_string("media_relations/email/release.html", context)
    headers = {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "X-Auto-Response-Suppress": "OOF, AutoReply",
    }
    message = EmailMultiAlternatives(shared.subject, text, None, [recipient.email], headers=headers)
    message.attach_alternative(html, "text/html")
    return message


def _claim(batch_id: int) -> bool:
    now = timezone.now()
    claimable = Q(status=SendingBatch.Status.PENDING) | Q(
        status=SendingBatch.Status.RUNNING, claimed_at__lt=now - STALLED_AFTER
    )
    return bool(
        SendingBatch.objects.filter(claimable, pk=batch_id).update(
            status=SendingBatch.Status.RUNNING, claimed_at=now, attempts=F("attempts") + 1
        )
    )


def _deliver(connection: object, message: EmailMultiAlternatives) -> tuple[str, str]:
    """Hand one message to the server: (status, error)."""
    try:
        message.connection = connection  # type: ignore[assignment]
        message.send()
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _text in exc.recipients.values()]
        if codes and all(code >= 500 for code in codes):
            return SendingRecipient.Status.BOUNCED, f"SMTP {codes[0]}"
        return SendingRecipient.Status.FAILED, f"SMTP {codes[0] if codes else ''}"
    except (smtplib.SMTPException, OSError) as exc:
        return SendingRecipient.Status.FAILED, str(exc)[:255]
    return SendingRecipient.Status.SENT, ""


def batch_send(*, batch_id: int) -> int:
    """Send the queued recipients of one batch; returns how many messages were handed over."""
    if not _claim(batch_id):
        return 0
    batch = SendingBatch.objects.select_related("sending__release").get(pk=batch_id)
    sending = batch.sending
    Sending.objects.filter(pk=sending.pk, status=Sending.Status.QUEUED).update(status=Sending.Status.SENDING)
    recipients = list(
        batch.recipients.filter(status=SendingRecipient.Status.QUEUED).select_related("journalist").order_by("pk")
    )
    with override(sending.release.language or settings.LANGUAGE_CODE):
        shared = release_mail(sending)
        handed = _send_all(shared, recipients)
    _finish(batch)
    return handed


def _send_all(shared: ReleaseMail, recipients: list[SendingRecipient]) -> int:
    handed = 0
    connection = get_connection()
    try:
        connection.open()
    except (smtplib.SMTPException, OSError) as exc:
        # The server is unreachable: leave the batch to the sweep (claimed_at ages out).
        logger.warning("smtp unreachable, batch left for the sweep", extra={"error": str(exc)})
        raise
    try:
        for recipient in recipients:
            token = secrets.token_urlsafe(24)
            status, error = _deliver(connection, build_message(shared, recipient, token))
            SendingRecipient.objects.filter(pk=recipient.pk, status=SendingRecipient.Status.QUEUED).update(
                status=status, error=error, token_hash=hash_token(token), sent_at=timezone.now()
            )
            if status == SendingRecipient.Status.BOUNCED:
                # Refused at once by the receiving server (5xx): this message bounced, not an older one.
                address_suppress(email=recipient.email)
            handed += status == SendingRecipient.Status.SENT
    finally:
        connection.close()
    return handed


@transaction.atomic
def _finish(batch: SendingBatch) -> None:
    # Lock the sending: two batches finishing together must not both miss "all done".
    sending = Sending.objects.select_for_update().get(pk=batch.sending_id)
    SendingBatch.objects.filter(pk=batch.pk).update(status=SendingBatch.Status.DONE, finished_at=timezone.now())
    sending_refresh_counts(sending_id=sending.pk)
    if not SendingBatch.objects.filter(sending=sending).exclude(status=SendingBatch.Status.DONE).exists():
        Sending.objects.filter(pk=sending.pk).update(status=Sending.Status.DONE, finished_at=timezone.now())


def stalled_batches() -> list[int]:
    """Batches whose task never ran (broker down) or whose worker died mid-way."""
    cutoff = timezone.now() - STALLED_AFTER
    stalled = SendingBatch.objects.filter(
        Q(status=SendingBatch.Status.PENDING, created_at__lt=cutoff)
        | Q(status=SendingBatch.Status.RUNNING, claimed_at__lt=cutoff)
    )
    return list(stalled.values_list("pk", flat=True)[:500])
