"""Every write of the media-relations app: directory, journalist accounts, distribution."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from humas import audit
from humas.models import User
from humas.roles import VERIFIED_JOURNALISTS
from humas.tasking import enqueue_on_commit
from media_relations.models import (
    AccountConfirmation,
    AlertPreference,
    Beat,
    DistributionList,
    Journalist,
    Outlet,
    Sending,
    SendingBatch,
    SendingRecipient,
)
from releases.models import Release

CONFIRMATION_VALID = timedelta(hours=48)
BATCH_SIZE = 200


class MediaError(Exception):
    """A refused action, with a message for the person who tried it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ResendConfirmationNeeded(MediaError):
    """Some recipients already received this release: the user must confirm a second copy."""

    def __init__(self, count: int) -> None:
        super().__init__(
            _(
                "%(count)s penerima sudah pernah dikirimi siaran pers ini. Centang “Kirim ulang” untuk "
                "mengirimkannya lagi kepada mereka."
            )
            % {"count": count}
        )
        self.count = count


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _mail(*, to: str, template: str, context: dict[str, Any]) -> None:
    """A multipart (text + HTML) Indonesian email, sent once the transaction commits."""
    context = {"office_name": settings.OFFICE_NAME, "site_url": settings.SITE_URL, **context}
    subject = render_to_string(f"media_relations/email/{template}_subject.txt", context).strip()
    text = render_to_string(f"media_relations/email/{template}.txt", context)
    html = render_to_string(f"media_relations/email/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, None, [to])
    message.attach_alternative(html, "text/html")
    transaction.on_commit(lambda: message.send())


# Directory -----------------------------------------------------------------------------------


@transaction.atomic
def outlet_save(*, outlet: Outlet, actor: User) -> Outlet:
    created = outlet.pk is None
    outlet.save()
    audit.record(actor=actor, obj=outlet, action="media.outlet.created" if created else "media.outlet.changed")
    return outlet


@transaction.atomic
def journalist_save(*, journalist: Journalist, beats: list[Beat] | None, actor: User) -> Journalist:
    """Create or change a directory entry (staff). The email is unique, case-insensitively."""
    created = journalist.pk is None
    duplicate = Journalist.objects.filter(email__iexact=journalist.email).exclude(pk=journalist.pk).exists()
    if duplicate:
        raise MediaError(_("Wartawan dengan surel %(email)s sudah ada di direktori.") % {"email": journalist.email})
    journalist.save()
    if beats is not None:
        journalist.beats.set(beats)
    audit.record(
        actor=actor, obj=journalist, action="media.journalist.created" if created else "media.journalist.changed"
    )
    return journalist


@transaction.atomic
def journalist_delete(*, journalist_id: int, actor: User) -> None:
    journalist = Journalist.objects.select_for_update().get(pk=journalist_id)
    audit.record(actor=actor, obj=journalist, action="media.journalist.deleted", note=journalist.name)
    user = journalist.user
    journalist.delete()
    if user is not None and not user.is_staff:
        user.delete()


# Journalist accounts -------------------------------------------------------------------------


@dataclass
class Registration:
    name: str
    outlet: Outlet
    email: str
    phone: str
    press_card_number: str
    press_card_issuer: str
    press_card_image: UploadedFile
    password: str


@transaction.atomic
def journalist_register(*, data: Registration) -> Journalist:
    """Self-registration: an inactive account and a directory entry with consent recorded; the
    confirmation link goes by email. The account becomes usable once the link is opened."""
    if (
        Journalist.objects.filter(email__iexact=data.email).exists()
        or User.objects.filter(username__iexact=data.email).exists()
    ):
        raise MediaError(
            _("Surel %(email)s sudah terdaftar. Masuk dengan akun itu atau hubungi Bagian Humas.")
            % {"email": data.email}
        )
    user = User.objects.create_user(username=data.email.lower(), email=data.email, password=data.password)
    user.first_name = data.name[:150]
    user.is_active = False
    user.save(update_fields=["first_name", "is_active"])
    journalist = Journalist(
        name=data.name,
        outlet=data.outlet,
        email=data.email,
        phone=data.phone,
        press_card_number=data.press_card_number,
        press_card_issuer=data.press_card_issuer,
        user=user,
        consent_at=timezone.now(),
        consent_source=Journalist.ConsentSource.REGISTRATION,
    )
    journalist.press_card_image.save(data.press_card_image.name or "kartu-pers", data.press_card_image, save=False)
    journalist.save()
    token = secrets.token_urlsafe(32)
    AccountConfirmation.objects.create(
        journalist=journalist, token_hash=hash_token(token), expires_at=timezone.now() + CONFIRMATION_VALID
    )
    audit.record(actor=None, actor_label=data.email, obj=journalist, action="media.journalist.registered")
    link = absolute(reverse("media_relations:confirm", args=[token]))
    _mail(to=journalist.email, template="confirm", context={"journalist": journalist, "link": link})
    return journalist


@transaction.atomic
def journalist_confirm_email(*, token: str) -> Journalist:
    """Open the confirmation link: the account is activated and waits for staff verification."""
    found = (
        AccountConfirmation.objects.select_for_update(of=("self",))
        .select_related("journalist__user")
        .filter(token_hash=hash_token(token or ""))
        .first()
    )
    if found is None:
        raise MediaError(_("Tautan konfirmasi tidak dikenal. Periksa kembali tautan di surel Anda."))
    if found.confirmed_at is not None:
        return found.journalist
    if found.expires_at < timezone.now():
        raise MediaError(_("Tautan konfirmasi sudah kedaluwarsa. Daftar ulang atau hubungi Bagian Humas."))
    journalist = found.journalist
    found.confirmed_at = timezone.now()
    found.save(update_fields=["confirmed_at"])
    if journalist.user is not None:
        journalist.user.is_active = True
        journalist.user.save(update_fields=["is_active"])
    old = journalist.verification
    journalist.verification = Journalist.Verification.PENDING
    journalist.save(update_fields=["verification", "updated_at"])
    audit.record(actor=journalist.user, obj=journalist, action="media.journalist.confirmed", old=old, new="pending")
    return journalist


@transaction.atomic
def journalist_verify(*, journalist_id: int, actor: User) -> Journalist:
    journalist = Journalist.objects.select_for_update(of=("self",)).select_related("user").get(pk=journalist_id)
    if journalist.verification not in {Journalist.Verification.PENDING, Journalist.Verification.REFUSED}:
        raise MediaError(_("Hanya pendaftaran yang menunggu verifikasi atau pernah ditolak yang dapat diverifikasi."))
    if journalist.user is None:
        raise MediaError(_("Wartawan ini belum memiliki akun portal."))
    old = journalist.verification
    journalist.verification = Journalist.Verification.VERIFIED
    journalist.verified_at = timezone.now()
    journalist.verified_by = actor
    journalist.refusal_reason = ""
    journalist.save(update_fields=["verification", "verified_at", "verified_by", "refusal_reason", "updated_at"])
    journalist.user.groups.add(Group.objects.get(name=VERIFIED_JOURNALISTS))
    audit.record(actor=actor, obj=journalist, action="media.journalist.verified", old=old, new="verified")
    link = absolute(reverse("media_relations:account"))
    _mail(to=journalist.email, template="verified", context={"journalist": journalist, "link": link})
    return journalist


@transaction.atomic
def journalist_refuse(*, journalist_id: int, reason: str, actor: User) -> Journalist:
    journalist = Journalist.objects.select_for_update(of=("self",)).select_related("user").get(pk=journalist_id)
    if not reason.strip():
        raise MediaError(_("Tuliskan alasan penolakan."))
    if journalist.verification not in {Journalist.Verification.PENDING, Journalist.Verification.VERIFIED}:
        raise MediaError(_("Hanya pendaftaran yang menunggu verifikasi atau sudah terverifikasi yang dapat ditolak."))
    old = journalist.verification
    journalist.verification = Journalist.Verification.REFUSED
    journalist.refusal_reason = reason.strip()
    journalist.verified_at = None
    journalist.save(update_fields=["verification", "refusal_reason", "verified_at", "updated_at"])
    if journalist.user is not None:
        journalist.user.groups.remove(*Group.objects.filter(name=VERIFIED_JOURNALISTS))
    audit.record(actor=actor, obj=journalist, action="media.journalist.refused", old=old, new="refused", note=reason)
    _mail(to=journalist.email, template="refused", context={"journalist": journalist, "reason": reason.strip()})
    return journalist


OWN_FIELDS = ("name", "outlet", "phone", "press_card_number", "press_card_issuer")


@transaction.atomic
def journalist_update_own(*, journalist_id: int, changes: dict[str, Any], actor: User) -> Journalist:
    """A journalist corrects their own record (never the verification state)."""
    journalist = Journalist.objects.select_for_update().get(pk=journalist_id, user=actor)
    changed = {}
    for field in OWN_FIELDS:
        if field in changes and getattr(journalist, field) != changes[field]:
            changed[field] = str(getattr(journalist, field))
            setattr(journalist, field, changes[field])
    if changed:
        journalist.save()
        audit.record(actor=actor, obj=journalist, action="media.journalist.self_corrected", data={"old": changed})
    return journalist


@transaction.atomic
def journalist_request_deletion(*, journalist_id: int, actor: User) -> Journalist:
    """UU 27/2022: the person asks for their data to be erased; mailing stops at once and the
    media officer sees the request on the dashboard."""
    journalist = Journalist.objects.select_for_update().get(pk=journalist_id, user=actor)
    if journalist.deletion_requested_at is None:
        journalist.deletion_requested_at = timezone.now()
        journalist.save(update_fields=["deletion_requested_at", "updated_at"])
        audit.record(actor=actor, obj=journalist, action="media.journalist.deletion_requested")
    return journalist


@transaction.atomic
def alert_preference_save(
    *, journalist_id: int, enabled: bool, categories: list[Any], units: list[Any], actor: User
) -> AlertPreference:
    journalist = Journalist.objects.get(pk=journalist_id, user=actor)
    preference, _created = AlertPreference.objects.select_for_update().get_or_create(journalist=journalist)
    preference.enabled = enabled
    preference.save(update_fields=["enabled", "updated_at"])
    preference.categories.set(categories)
    preference.units.set(units)
    audit.record(actor=actor, obj=journalist, action="media.journalist.alerts_changed")
    return preference


# Distribution --------------------------------------------------------------------------------


@transaction.atomic
def distribution_list_save(*, item: DistributionList, members: list[Journalist], actor: User) -> DistributionList:
    created = item.pk is None
    if DistributionList.objects.filter(name__iexact=item.name).exclude(pk=item.pk).exists():
        raise MediaError(_("Daftar distribusi bernama “%(name)s” sudah ada.") % {"name": item.name})
    item.save()
    item.members.set(members)
    audit.record(actor=actor, obj=item, action="media.list.created" if created else "media.list.changed")
    return item


@dataclass
class Audience:
    distribution_list: DistributionList | None = None
    beat: Beat | None = None
    outlet_kind: str = ""
    area: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.distribution_list or self.beat or self.outlet_kind or self.area)


def audience_journalists(audience: Audience) -> QuerySet[Journalist]:
    """The directory entries a list and/or segment selects (the filters narrow each other)."""
    found = Journalist.objects.all()
    if audience.distribution_list is not None:
        found = found.filter(lists=audience.distribution_list)
    if audience.beat is not None:
        found = found.filter(beats=audience.beat)
    if audience.outlet_kind:
        found = found.filter(outlet__kind=audience.outlet_kind)
    if audience.area:
        found = found.filter(outlet__coverage_area__icontains=audience.area)
    return found.distinct()


def _skip_reason(journalist: Journalist, advance_copy: bool) -> str:
    reasons = SendingRecipient.SkipReason
    if journalist.deletion_requested_at is not None:
        return reasons.DELETION
    if journalist.unsubscribed_at is not None:
        return reasons.UNSUBSCRIBED
    if journalist.bounced_at is not None:
        return reasons.BOUNCED
    if journalist.consent_at is None:
        return reasons.NO_CONSENT
    if advance_copy and not journalist.is_verified:
        return reasons.UNVERIFIED
    return ""


def _check_release(release: Release, advance_copy: bool) -> None:
    if advance_copy and not release.is_embargoed:
        raise MediaError(_("Salinan awal hanya untuk siaran pers yang disetujui dan masih berembargo."))
    if not advance_copy and not release.is_public:
        raise MediaError(
            _("Siaran pers ini belum tampil untuk umum. Kirim sebagai salinan awal berembargo, atau tunggu terbit.")
        )


@transaction.atomic
def sending_create(
    *, release_id: int, advance_copy: bool, audience: Audience, confirm_resend: bool, actor: User
) -> Sending:
    """Write the sending, one row per recipient (skipped ones too, with the reason) and the
    batches; each batch is queued as a task carrying its id once the transaction commits."""
    release = Release.objects.select_for_update().get(pk=release_id)
    _check_release(release, advance_copy)
    if audience.is_empty:
        raise MediaError(_("Pilih daftar distribusi atau segmen penerima."))
    journalists = list(audience_journalists(audience).order_by("pk"))
    if not journalists:
        raise MediaError(_("Tidak ada wartawan dalam daftar atau segmen yang dipilih."))
    reasons = {journalist.pk: _skip_reason(journalist, advance_copy) for journalist in journalists}
    # Only people who would get a message now need the resend confirmation.
    already = set(
        SendingRecipient.objects.filter(release=release, journalist__in=[pk for pk, r in reasons.items() if not r])
        .exclude(status=SendingRecipient.Status.SKIPPED)
        .values_list("journalist_id", flat=True)
    )
    if already and not confirm_resend:
        raise ResendConfirmationNeeded(len(already))
    sending = Sending.objects.create(
        release=release,
        advance_copy=advance_copy,
        distribution_list=audience.distribution_list,
        beat=audience.beat,
        outlet_kind=audience.outlet_kind,
        area=audience.area,
        created_by=actor,
    )
    rows = []
    for journalist in journalists:
        reason = reasons[journalist.pk]
        rows.append(
            SendingRecipient(
                sending=sending,
                release=release,
                journalist=journalist,
                email=journalist.email,
                status=SendingRecipient.Status.SKIPPED if reason else SendingRecipient.Status.QUEUED,
                skip_reason=reason,
                resend=journalist.pk in already,
            )
        )
    try:
        with transaction.atomic():
            SendingRecipient.objects.bulk_create(rows, batch_size=1000)
    except IntegrityError:
        raise MediaError(
            _("Siaran pers ini baru saja dikirim kepada sebagian penerima yang sama. Muat ulang halaman.")
        ) from None
    _make_batches(sending, [row for row in rows if not row.skip_reason])
    sending_refresh_counts(sending_id=sending.pk)
    audit.record(
        actor=actor,
        obj=sending,
        action="media.sending.created",
        data={"release": release.pk, "advance_copy": advance_copy, "recipients": len(rows)},
    )
    return sending


def _make_batches(sending: Sending, queued: list[SendingRecipient]) -> None:
    from media_relations.tasks import send_batch

    if not queued:
        Sending.objects.filter(pk=sending.pk).update(status=Sending.Status.DONE, finished_at=timezone.now())
        return
    for number, start in enumerate(range(0, len(queued), BATCH_SIZE), start=1):
        batch = SendingBatch.objects.create(sending=sending, number=number)
        ids = [row.pk for row in queued[start : start + BATCH_SIZE]]
        SendingRecipient.objects.filter(pk__in=ids).update(batch=batch)
        enqueue_on_commit(send_batch, batch.pk)


def sending_refresh_counts(*, sending_id: int) -> None:
    """Recount the recipients by status in one query and store the figures on the sending."""
    statuses = SendingRecipient.Status
    counts = SendingRecipient.objects.filter(sending_id=sending_id).aggregate(
        total=Count("pk"),
        sent=Count("pk", filter=Q(status=statuses.SENT)),
        failed=Count("pk", filter=Q(status=statuses.FAILED)),
        skipped=Count("pk", filter=Q(status=statuses.SKIPPED)),
        bounced=Count("pk", filter=Q(status=statuses.BOUNCED)),
    )
    Sending.objects.filter(pk=sending_id).update(
        recipient_count=counts["total"],
        sent_count=counts["sent"],
        failed_count=counts["failed"],
        skipped_count=counts["skipped"],
        bounced_count=counts["bounced"],
    )


def recipient_for_token(token: str) -> SendingRecipient | None:
    if not token:
        return None
    return SendingRecipient.objects.select_related("journalist", "release").filter(token_hash=hash_token(token)).first()


def recipient_click(*, token: str) -> SendingRecipient | None:
    """Count one click on a personal link; no pixel, no third party."""
    recipient = recipient_for_token(token)
    if recipient is None:
        return None
    now = timezone.now()
    SendingRecipient.objects.filter(pk=recipient.pk, first_clicked_at__isnull=True).update(first_clicked_at=now)
    SendingRecipient.objects.filter(pk=recipient.pk).update(clicks=F("clicks") + 1)
    return recipient


@transaction.atomic
def recipient_unsubscribe(*, token: str) -> Journalist | None:
    """One-click unsubscribe, honoured at once: later sendings skip the contact."""
    recipient = recipient_for_token(token)
    if recipient is None:
        return None
    journalist = Journalist.objects.select_for_update().get(pk=recipient.journalist_id)
    if journalist.unsubscribed_at is None:
        journalist.unsubscribed_at = timezone.now()
        journalist.save(update_fields=["unsubscribed_at", "updated_at"])
        audit.record(
            actor=None, actor_label=journalist.email, obj=journalist, action="media.journalist.unsubscribed",
            data={"sending": recipient.sending_id},
        )  # fmt: skip
    return journalist


@transaction.atomic
def recipient_bounced(*, email: str, permanent: bool) -> int:
    """A bounce report for ``email``: its latest sent message is marked bounced; a permanent
    bounce also flags the directory entry so later sendings skip it. Returns rows marked."""
    latest = (
        SendingRecipient.objects.select_for_update()
        .filter(email__iexact=email, status=SendingRecipient.Status.SENT)
        .order_by("-sent_at", "-pk")
        .first()
    )
    marked = 0
    if latest is not None:
        latest.status = SendingRecipient.Status.BOUNCED
        latest.error = (_("Terpental permanen") if permanent else _("Terpental sementara"))[:255]
        latest.save(update_fields=["status", "error"])
        sending_refresh_counts(sending_id=latest.sending_id)
        marked = 1
    if permanent:
        address_suppress(email=email)
    return marked


@transaction.atomic
def address_suppress(*, email: str) -> None:
    """A permanent bounce: flag the directory entry; later sendings skip it."""
    for journalist in Journalist.objects.select_for_update().filter(email__iexact=email, bounced_at__isnull=True):
        journalist.bounced_at = timezone.now()
        journalist.save(update_fields=["bounced_at", "updated_at"])
        audit.record(actor=None, actor_label="bounce", obj=journalist, action="media.journalist.bounced")
