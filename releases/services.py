"""Every write to press releases. Other apps call these functions, never the models directly.

A state change locks the row, checks the transition, writes the change with its audit entry
in the same transaction and queues follow-up work (the press kit) after commit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import IO, Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from humas import audit, uploads
from humas.models import Unit, User
from humas.tasking import enqueue_on_commit
from releases import signals
from releases.cache import invalidate_public_pages
from releases.images import make_renditions
from releases.models import (
    BodyImage,
    Category,
    Comment,
    Correction,
    MediaContact,
    PressKitDownload,
    Release,
    ReleaseAttachment,
    ReleaseImage,
    Revision,
    Tag,
)
from releases.sanitize import clean_html

Status = Release.Status

# Slugs that are paths of the newsroom itself.
RESERVED_SLUGS = {"redaksi", "feed", "kategori", "unit", "cari", "rss", "atom"}
EDITABLE = {Status.DRAFT, Status.IN_REVIEW, Status.CHANGES_REQUESTED, Status.APPROVED, Status.SCHEDULED}
BACK_TO_REVIEW = {Status.APPROVED, Status.SCHEDULED}
MAX_ATTACHMENT_BYTES = uploads.DEFAULT_MAX_DOCUMENT_BYTES
MAX_IMAGE_BYTES = 25 * uploads.MB


class ReleaseError(Exception):
    """A refused action; ``messages`` are clear Indonesian sentences for the user."""

    def __init__(self, *messages: str) -> None:
        self.messages = list(messages)
        super().__init__(" ".join(messages))


def unique_slug(title: str) -> str:
    base = slugify(title)[:250] or "siaran-pers"
    if base in RESERVED_SLUGS:
        base = f"{base}-siaran-pers"
    slug, counter = base, 2
    while Release.objects.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug


def _lock(release_id: int) -> Release:
    return Release.objects.select_for_update().get(pk=release_id)


def _require(actor: User, perm: str) -> None:
    if not actor.has_perm(perm):
        raise ReleaseError(_("Anda tidak berwenang melakukan tindakan ini."))


def _transition(release: Release, *, actor: User | None, to: str, note: str = "", fields: Sequence[str] = ()) -> None:
    audit.record(actor=actor, obj=release, action="releases.release.transition", old=release.status, new=to, note=note)
    release.status = to
    release.save(update_fields=["status", "updated_at", *fields])
    invalidate_public_pages()


def _queue_presskit(release: Release) -> None:
    if release.status in {Status.SCHEDULED, Status.PUBLISHED}:
        from releases.tasks import build_presskit

        enqueue_on_commit(build_presskit, release.pk)


def _keep_revision(release: Release, *, actor: User, note: str = "") -> Revision:
    last = release.revisions.aggregate(n=Max("number"))["n"] or 0
    return Revision.objects.create(
        release=release,
        number=last + 1,
        title=release.title,
        lead=release.lead,
        body=release.body,
        status=release.status,
        note=note,
        created_by=actor,
    )


@transaction.atomic
def release_create_draft(
    *,
    author: User,
    unit: Unit,
    title: str,
    lead: str,
    body: str = "",
    dateline_place: str = "",
    category: Category | None = None,
    language: str = Release.Language.ID,
    tags: Iterable[Tag] = (),
    embargo_until: datetime | None = None,
    publish_at: datetime | None = None,
) -> Release:
    """A new draft by ``author`` (used by the editor and by other apps, e.g. a visit report)."""
    release = Release.objects.create(
        title=title,
        slug=unique_slug(title),
        lead=lead,
        body=clean_html(body),
        unit=unit,
        author=author,
        last_edited_by=author,
        dateline_place=dateline_place,
        category=category,
        language=language,
        embargo_until=embargo_until,
        publish_at=publish_at,
    )
    release.tags.set(list(tags))
    audit.record(actor=author, obj=release, action="releases.release.create", new=release.status)
    return release


CONTENT_FIELDS = ("title", "lead", "body", "dateline_place", "unit", "category", "language")


@transaction.atomic
def release_update(
    *,
    release_id: int,
    actor: User,
    title: str,
    lead: str,
    body: str,
    unit: Unit,
    dateline_place: str = "",
    category: Category | None = None,
    language: str = Release.Language.ID,
    tags: Iterable[Tag] = (),
    embargo_until: datetime | None = None,
    publish_at: datetime | None = None,
    contacts: list[dict[str, str]] | None = None,
) -> Release:
    """Save the editor's content. An approved or scheduled release goes back to review; from the
    first submission on, every save keeps a revision. Published releases change only by ``release_correct``."""
    release = _lock(release_id)
    if release.status not in EDITABLE:
        raise ReleaseError(
            _("Siaran pers berstatus “%(status)s” tidak dapat disunting.") % {"status": release.get_status_display()}
        )
    values: dict[str, Any] = {
        "title": title.strip(),
        "lead": lead.strip(),
        "body": clean_html(body),
        "unit": unit,
        "dateline_place": dateline_place.strip(),
        "category": category,
        "language": language,
        "embargo_until": embargo_until,
        "publish_at": publish_at,
    }
    changed = sorted(name for name, value in values.items() if getattr(release, name) != value)
    for name, value in values.items():
        setattr(release, name, value)
    release.last_edited_by = actor
    release.content_version += 1
    release.save()
    release.tags.set(list(tags))
    if contacts is not None:
        release.media_contacts.all().delete()
        MediaContact.objects.bulk_create([MediaContact(release=release, **contact) for contact in contacts])
    audit.record(actor=actor, obj=release, action="releases.release.edit", note=", ".join(changed))
    if release.first_submitted_at is not None:
        _keep_revision(release, actor=actor)
    if release.status in BACK_TO_REVIEW:
        release.approved_by = None
        release.approved_at = None
        _transition(
            release,
            actor=actor,
            to=Status.IN_REVIEW,
            note=_("Disunting setelah disetujui: kembali ke telaah."),
            fields=["approved_by", "approved_at"],
        )
    invalidate_public_pages()
    return release


@transaction.atomic
def release_submit(*, release_id: int, actor: User, note: str = "") -> Release:
    """The writer sends the draft (or the corrected draft) to the Redaktur."""
    release = _lock(release_id)
    _require(actor, "releases.change_release")
    if release.status not in {Status.DRAFT, Status.CHANGES_REQUESTED}:
        raise ReleaseError(_("Hanya draf atau siaran pers yang perlu perbaikan yang dapat diajukan."))
    first = release.first_submitted_at is None
    if first:
        release.first_submitted_at = timezone.now()
    _transition(release, actor=actor, to=Status.IN_REVIEW, note=note, fields=["first_submitted_at"])
    if first:
        _keep_revision(release, actor=actor, note=_("Pengajuan pertama"))
    return release


@transaction.atomic
def release_request_changes(*, release_id: int, actor: User, comment: str) -> Release:
    """The Redaktur sends the release back to its writer with what to change."""
    release = _lock(release_id)
    _require(actor, "releases.approve_release")
    if release.status != Status.IN_REVIEW:
        raise ReleaseError(_("Hanya siaran pers dalam telaah yang dapat dikembalikan untuk perbaikan."))
    if not comment.strip():
        raise ReleaseError(_("Tuliskan apa yang perlu diperbaiki."))
    Comment.objects.create(release=release, author=actor, body=comment.strip())
    _transition(release, actor=actor, to=Status.CHANGES_REQUESTED, note=comment.strip())
    return release


def four_eyes_problem(release: Release, actor: User) -> str | None:
    if actor.pk in {release.author_id, release.last_edited_by_id}:
        return _("Aturan empat mata: Anda tidak dapat menyetujui siaran pers yang Anda tulis atau sunting terakhir.")
    return None


def approval_blockers(release: Release, actor: User) -> list[str]:
    """Everything that refuses approval: four-eyes, missing alt text, other apps' checks."""
    problems = []
    if (problem := four_eyes_problem(release, actor)) is not None:
        problems.append(problem)
    missing_alt = [image for image in release.images.all() if not image.alt_text.strip()]
    if missing_alt:
        problems.append(_("%(count)s gambar belum memiliki teks alternatif (alt text).") % {"count": len(missing_alt)})
    problems.extend(signals.approval_problems(release))
    return problems


@transaction.atomic
def release_approve(*, release_id: int, actor: User, note: str = "") -> Release:
    """A Redaktur other than its writer and last editor approves the release."""
    release = _lock(release_id)
    _require(actor, "releases.approve_release")
    if release.status != Status.IN_REVIEW:
        raise ReleaseError(_("Hanya siaran pers dalam telaah yang dapat disetujui."))
    problems = approval_blockers(release, actor)
    if problems:
        raise ReleaseError(*problems)
    release.approved_by = actor
    release.approved_at = timezone.now()
    _transition(release, actor=actor, to=Status.APPROVED, note=note, fields=["approved_by", "approved_at"])
    return release


def _go_public(release: Release, now: datetime) -> None:
    """Mark the release public and tell the rest of the portal, exactly once per release."""
    if release.went_public_at is not None:
        return
    release.went_public_at = now
    release.save(update_fields=["went_public_at", "updated_at"])
    signals.release_published.send(sender=Release, release=release)


@transaction.atomic
def release_publish(*, release_id: int, actor: User, note: str = "") -> Release:
    """Publish an approved release now, or schedule it for its publish (or embargo) time."""
    release = _lock(release_id)
    _require(actor, "releases.publish_release")
    if release.status != Status.APPROVED:
        raise ReleaseError(_("Hanya siaran pers yang sudah disetujui yang dapat diterbitkan."))
    now = timezone.now()
    if release.publish_at is None or release.publish_at < now:
        release.publish_at = now
    due = release.embargo_until is None or release.embargo_until <= now
    due = due and release.publish_at <= now
    _transition(
        release, actor=actor, to=Status.PUBLISHED if due else Status.SCHEDULED, note=note, fields=["publish_at"]
    )
    if due:
        _go_public(release, now)
    _queue_presskit(release)
    return release


def release_publish_due(*, now: datetime | None = None) -> list[int]:
    """Beat job: publish every scheduled release whose publish and embargo times have passed.

    Each release is claimed under its own row lock (``skip_locked``), so two overlapping beat
    runs never publish, or announce, the same release twice."""
    now = now or timezone.now()
    published = []
    due = Q(publish_at__lte=now) & (Q(embargo_until__isnull=True) | Q(embargo_until__lte=now))
    candidates = Release.objects.filter(
        due, status__in=[Status.SCHEDULED, Status.PUBLISHED], went_public_at__isnull=True
    )
    for release_id in candidates.values_list("pk", flat=True):
        with transaction.atomic():
            release = (
                Release.objects.select_for_update(skip_locked=True)
                .filter(
                    due, pk=release_id, status__in=[Status.SCHEDULED, Status.PUBLISHED], went_public_at__isnull=True
                )
                .first()
            )
            if release is None:
                continue
            if release.status == Status.SCHEDULED:
                _transition(release, actor=None, to=Status.PUBLISHED, note=_("Terbit sesuai jadwal."))
            _go_public(release, now)
            invalidate_public_pages()
            _queue_presskit(release)
            published.append(release.pk)
    return published


@transaction.atomic
def release_withdraw(*, release_id: int, actor: User, reason: str) -> Release:
    """Take a published or scheduled release down; its page then says it was withdrawn."""
    release = _lock(release_id)
    _require(actor, "releases.withdraw_release")
    if release.status not in {Status.PUBLISHED, Status.SCHEDULED}:
        raise ReleaseError(_("Hanya siaran pers yang terbit atau terjadwal yang dapat ditarik."))
    reason = reason.strip()
    if not reason:
        raise ReleaseError(_("Alasan penarikan wajib diisi."))
    release.withdrawn_reason = reason
    release.withdrawn_at = timezone.now()
    _transition(release, actor=actor, to=Status.WITHDRAWN, note=reason, fields=["withdrawn_reason", "withdrawn_at"])
    signals.release_withdrawn.send(sender=Release, release=release, reason=reason)
    return release


@transaction.atomic
def release_correct(*, release_id: int, actor: User, title: str, lead: str, body: str, note: str) -> Correction:
    """A correction (Ralat) of a published release: new content, a revision and a public note."""
    release = _lock(release_id)
    _require(actor, "releases.withdraw_release")
    if release.status != Status.PUBLISHED:
        raise ReleaseError(_("Ralat hanya untuk siaran pers yang sudah terbit."))
    note = note.strip()
    if not note:
        raise ReleaseError(_("Catatan ralat wajib diisi: pembaca perlu tahu apa yang diperbaiki."))
    release.title, release.lead, release.body = title.strip(), lead.strip(), clean_html(body)
    release.last_edited_by = actor
    release.content_version += 1
    release.save()
    revision = _keep_revision(release, actor=actor, note=_("Ralat: %(note)s") % {"note": note})
    correction = Correction.objects.create(release=release, note=note, revision=revision, created_by=actor)
    audit.record(actor=actor, obj=release, action="releases.release.correct", new=release.status, note=note)
    invalidate_public_pages()
    _queue_presskit(release)
    return correction


@transaction.atomic
def release_comment_add(*, release_id: int, actor: User, body: str) -> Comment:
    release = _lock(release_id)
    if not body.strip():
        raise ReleaseError(_("Komentar tidak boleh kosong."))
    comment = Comment.objects.create(release=release, author=actor, body=body.strip())
    audit.record(actor=actor, obj=release, action="releases.release.comment", note=body.strip()[:200])
    return comment


def _content_changed(release: Release, *, actor: User, action: str, note: str) -> None:
    """Images and attachments are content too: same rules as an edit of the text."""
    if release.status == Status.WITHDRAWN:
        raise ReleaseError(_("Siaran pers yang sudah ditarik tidak dapat diubah."))
    if release.status == Status.PUBLISHED:
        _require(actor, "releases.withdraw_release")
    release.last_edited_by = actor
    release.content_version += 1
    release.save(update_fields=["last_edited_by", "content_version", "updated_at"])
    audit.record(actor=actor, obj=release, action=action, note=note)
    if release.status in BACK_TO_REVIEW:
        release.approved_by = None
        release.approved_at = None
        _transition(
            release,
            actor=actor,
            to=Status.IN_REVIEW,
            note=_("Diubah setelah disetujui: kembali ke telaah."),
            fields=["approved_by", "approved_at"],
        )
    invalidate_public_pages()
    _queue_presskit(release)


def check_release_image(file: IO[bytes] | UploadedFile) -> uploads.CheckedFile:
    return uploads.check_image(file, max_bytes=MAX_IMAGE_BYTES)


@transaction.atomic
def release_image_add(
    *,
    release_id: int,
    actor: User,
    file: UploadedFile,
    caption: str = "",
    credit: str = "",
    alt_text: str = "",
    is_lead: bool = False,
) -> ReleaseImage:
    """Check the upload by decoding it, then store its three renditions without EXIF."""
    release = _lock(release_id)
    checked = check_release_image(file)
    renditions = make_renditions(file, stem=slugify(release.title)[:40] or "foto")
    if is_lead or not release.images.exists():
        release.images.filter(is_lead=True).update(is_lead=False)
        is_lead = True
    image = ReleaseImage(
        release=release,
        is_lead=is_lead,
        caption=caption.strip(),
        credit=credit.strip(),
        alt_text=alt_text.strip(),
        original_name=(file.name or "")[:255],
        size=file.size or 0,
        uploaded_by=actor,
        position=(release.images.aggregate(n=Max("position"))["n"] or 0) + 1,
        width=renditions["original"].width,
        height=renditions["original"].height,
        web_width=renditions["web"].width,
        thumbnail_width=renditions["thumbnail"].width,
    )
    for kind, rendition in renditions.items():
        getattr(image, kind).save(rendition.name, rendition.content, save=False)
    image.save()
    _content_changed(
        release,
        actor=actor,
        action="releases.image.add",
        note=f"{image.original_name} ({checked.width}×{checked.height})",
    )
    return image


@transaction.atomic
def release_image_update(
    *, image_id: int, actor: User, caption: str, credit: str, alt_text: str, is_lead: bool
) -> ReleaseImage:
    image = ReleaseImage.objects.select_related("release").get(pk=image_id)
    release = _lock(image.release_id)
    if is_lead and not image.is_lead:
        release.images.filter(is_lead=True).update(is_lead=False)
    image.caption, image.credit, image.alt_text = caption.strip(), credit.strip(), alt_text.strip()
    image.is_lead = is_lead or image.is_lead
    image.save(update_fields=["caption", "credit", "alt_text", "is_lead"])
    _content_changed(release, actor=actor, action="releases.image.edit", note=str(image))
    return image


@transaction.atomic
def release_image_delete(*, image_id: int, actor: User) -> None:
    image = ReleaseImage.objects.get(pk=image_id)
    release = _lock(image.release_id)
    name = str(image)
    files = [image.original, image.web, image.thumbnail]
    was_lead = image.is_lead
    image.delete()
    if was_lead and (successor := release.images.first()) is not None:
        ReleaseImage.objects.filter(pk=successor.pk).update(is_lead=True)
    _content_changed(release, actor=actor, action="releases.image.delete", note=name)
    transaction.on_commit(lambda: [file.delete(save=False) for file in files])


def check_attachment(file: IO[bytes] | UploadedFile) -> uploads.CheckedFile:
    return uploads.check_document(file, allow=("pdf", "docx", "xlsx"), max_bytes=MAX_ATTACHMENT_BYTES)


@transaction.atomic
def release_attachment_add(*, release_id: int, actor: User, file: UploadedFile, title: str) -> ReleaseAttachment:
    """A PDF, DOCX or XLSX, checked by content and kept in private storage."""
    release = _lock(release_id)
    checked = check_attachment(file)
    stem = slugify(title or (file.name or "lampiran").rsplit(".", 1)[0])[:60] or "lampiran"
    download_name = f"{stem}.{checked.extension}"
    attachment = ReleaseAttachment(
        release=release,
        title=title.strip() or stem,
        kind=checked.kind,
        content_type=checked.content_type,
        size=file.size or 0,
        download_name=download_name,
        uploaded_by=actor,
    )
    attachment.file.save(download_name, file, save=False)
    attachment.save()
    _content_changed(release, actor=actor, action="releases.attachment.add", note=download_name)
    return attachment


@transaction.atomic
def release_attachment_delete(*, attachment_id: int, actor: User) -> None:
    attachment = ReleaseAttachment.objects.get(pk=attachment_id)
    release = _lock(attachment.release_id)
    file, name = attachment.file, attachment.download_name
    attachment.delete()
    _content_changed(release, actor=actor, action="releases.attachment.delete", note=name)
    transaction.on_commit(lambda: file.delete(save=False))


@transaction.atomic
def body_image_upload(*, actor: User, file: UploadedFile) -> BodyImage:
    """An image pasted or uploaded into the editor's body: same checks, EXIF removed."""
    check_release_image(file)
    web = make_renditions(file, stem="isi")["web"]
    image = BodyImage(uploaded_by=actor)
    image.file.save(web.name, web.content, save=False)
    image.save()
    return image


def presskit_download_log(*, release: Release, user: User | None) -> PressKitDownload:
    before = release.embargo_until is not None and release.embargo_until > timezone.now()
    account = user if user is not None and user.is_authenticated else None
    return PressKitDownload.objects.create(release=release, user=account, before_embargo=before)
