"""Press releases (siaran pers). The editorial workflow lives in releases/services.py."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import GeneratedField, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from humas.models import Unit
from humas.private_media import get_private_storage

# PostgreSQL ships an ``indonesian`` text-search configuration (Snowball stemmer) since 16.
SEARCH_CONFIG = "indonesian"


class Category(models.Model):
    name = models.CharField(_("nama"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kategori")
        verbose_name_plural = _("kategori")

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    name = models.CharField(_("nama"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tag")

    def __str__(self) -> str:
        return self.name


class ReleaseQuerySet(models.QuerySet["Release"]):
    def public(self, now: datetime | None = None) -> ReleaseQuerySet:
        """Visible to everyone: published, its publish time reached, and no embargo pending.

        The time filter is applied even to rows already marked published, so a late beat or a
        clock skew can never show a release before its time."""
        now = now or timezone.now()
        return self.filter(status=Release.Status.PUBLISHED, publish_at__lte=now).filter(
            Q(embargo_until__isnull=True) | Q(embargo_until__lte=now)
        )

    def under_embargo(self, now: datetime | None = None) -> ReleaseQuerySet:
        """Approved for publication but held by an embargo that has not lifted yet: verified
        journalists may read these and download their press kits; nobody else may."""
        now = now or timezone.now()
        return self.filter(status__in=[Release.Status.SCHEDULED, Release.Status.PUBLISHED], embargo_until__gt=now)


class Release(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        IN_REVIEW = "in_review", _("Dalam telaah")
        CHANGES_REQUESTED = "changes_requested", _("Perlu perbaikan")
        APPROVED = "approved", _("Disetujui")
        SCHEDULED = "scheduled", _("Terjadwal")
        PUBLISHED = "published", _("Terbit")
        WITHDRAWN = "withdrawn", _("Ditarik")

    class Language(models.TextChoices):
        ID = "id", _("Bahasa Indonesia")
        EN = "en", _("English")

    title = models.CharField(_("judul"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=270, unique=True)
    lead = models.TextField(_("ringkasan / teras berita"))
    body = models.TextField(_("isi"), blank=True)
    dateline_place = models.CharField(_("tempat (dateline)"), max_length=100, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit penerbit (OPD)"), on_delete=models.PROTECT, related_name="releases"
    )
    category = models.ForeignKey(
        Category, verbose_name=_("kategori"), null=True, blank=True, on_delete=models.PROTECT, related_name="releases"
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tag"), blank=True, related_name="releases")
    language = models.CharField(_("bahasa"), max_length=2, choices=Language.choices, default=Language.ID)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    embargo_until = models.DateTimeField(_("embargo sampai"), null=True, blank=True)
    publish_at = models.DateTimeField(_("waktu terbit"), null=True, blank=True, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("penulis"), on_delete=models.PROTECT, related_name="releases_written"
    )
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("terakhir disunting oleh"),
        on_delete=models.PROTECT,
        related_name="releases_edited",
    )
    withdrawn_reason = models.TextField(_("alasan penarikan"), blank=True)
    withdrawn_at = models.DateTimeField(_("waktu penarikan"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("disetujui oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="releases_approved",
    )
    approved_at = models.DateTimeField(_("waktu persetujuan"), null=True, blank=True)
    # Set once, when the release first becomes visible to the public; guards release_published.
    went_public_at = models.DateTimeField(_("pertama tampil publik"), null=True, blank=True)
    # Revisions are kept for every save once the release has been submitted for review.
    first_submitted_at = models.DateTimeField(_("pertama diajukan"), null=True, blank=True)
    # Bumped on every change of content; the press kit records the version it was built from.
    content_version = models.PositiveIntegerField(_("versi isi"), default=1)
    presskit_file = models.FileField(
        _("berkas press kit"), storage=get_private_storage, upload_to="siaran-pers/press-kit/", blank=True
    )
    presskit_version = models.PositiveIntegerField(_("versi press kit"), default=0)
    presskit_built_at = models.DateTimeField(_("press kit dibuat"), null=True, blank=True)
    search_vector = GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("lead", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body", weight="C", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-id"]
        verbose_name = _("siaran pers")
        verbose_name_plural = _("siaran pers")
        permissions = [
            ("view_embargoed_release", _("Dapat melihat siaran pers dan press kit berembargo")),
            ("approve_release", _("Dapat menyetujui atau meminta perbaikan siaran pers")),
            ("publish_release", _("Dapat menerbitkan dan menjadwalkan siaran pers")),
            ("withdraw_release", _("Dapat menarik dan meralat siaran pers")),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="release_search_gin"),
            # The public list: published releases, newest first.
            models.Index(fields=["status", "-publish_at", "-id"], name="release_status_publish_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="withdrawn") | ~Q(withdrawn_reason=""), name="release_withdrawn_has_reason"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "scheduled", "published"]) | Q(approved_by__isnull=False),
                name="release_approved_has_approver",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["scheduled", "published"]) | Q(publish_at__isnull=False),
                name="release_published_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("releases:detail", kwargs={"slug": self.slug})

    def get_presskit_url(self) -> str:
        """The press kit's stable address: ``/siaran-pers/<slug>/press-kit/``."""
        return f"{self.get_absolute_url()}press-kit/"

    @property
    def public_at(self) -> datetime | None:
        """When the release becomes visible to everyone: the later of publish and embargo time."""
        if self.publish_at is None:
            return None
        return max(self.publish_at, self.embargo_until) if self.embargo_until else self.publish_at

    @property
    def is_embargoed(self) -> bool:
        return (
            self.status in {self.Status.SCHEDULED, self.Status.PUBLISHED}
            and self.embargo_until is not None
            and self.embargo_until > timezone.now()
        )

    @property
    def was_withdrawn_publicly(self) -> bool:
        """Withdrawn after it had been public: its page stays, saying it was withdrawn."""
        return self.status == self.Status.WITHDRAWN and self.went_public_at is not None

    @property
    def lead_image(self) -> ReleaseImage | None:
        """The lead image among the prefetched images (no query when ``images`` is prefetched)."""
        images = list(self.images.all())
        return next((image for image in images if image.is_lead), images[0] if images else None)

    @property
    def is_public(self) -> bool:
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= now
            and (self.embargo_until is None or self.embargo_until <= now)
        )


class PressKitDownload(models.Model):
    """Who downloaded which press kit, and when (journalists see their own; staff see all)."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="presskit_downloads")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="presskit_downloads"
    )
    downloaded_at = models.DateTimeField(_("waktu unduh"), auto_now_add=True, db_index=True)
    before_embargo = models.BooleanField(_("sebelum embargo berakhir"), default=False)

    class Meta:
        ordering = ["-downloaded_at"]
        verbose_name = _("unduhan press kit")
        verbose_name_plural = _("unduhan press kit")

    def __str__(self) -> str:
        return f"{self.release} · {self.downloaded_at:%Y-%m-%d %H:%M}"


def _image_path(instance: ReleaseImage, filename: str) -> str:
    return f"siaran-pers/gambar/{instance.token}/{filename}"


def _new_token() -> str:
    return secrets.token_urlsafe(16)


class ReleaseImage(models.Model):
    """A photo of a release with its three renditions, made once at upload and reused.

    Files live under an unguessable folder; EXIF (including GPS location) is removed from
    every rendition, so nothing the camera recorded is published."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="images")
    token = models.CharField(max_length=32, default=_new_token, unique=True, editable=False)
    is_lead = models.BooleanField(_("gambar utama"), default=False)
    position = models.PositiveIntegerField(_("urutan"), default=0)
    caption = models.CharField(_("keterangan foto"), max_length=500, blank=True)
    credit = models.CharField(_("kredit foto"), max_length=200, blank=True)
    alt_text = models.CharField(_("teks alternatif"), max_length=300, blank=True)
    original = models.ImageField(_("ukuran cetak (asli)"), upload_to=_image_path)
    web = models.ImageField(_("ukuran web"), upload_to=_image_path)
    thumbnail = models.ImageField(_("gambar kecil"), upload_to=_image_path)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    web_width = models.PositiveIntegerField(default=0)
    thumbnail_width = models.PositiveIntegerField(default=0)
    original_name = models.CharField(max_length=255, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_lead", "position", "id"]
        verbose_name = _("gambar siaran pers")
        verbose_name_plural = _("gambar siaran pers")
        constraints = [
            models.UniqueConstraint(fields=["release"], condition=Q(is_lead=True), name="release_one_lead_image")
        ]

    def __str__(self) -> str:
        return self.caption or self.original_name or f"gambar {self.pk}"


class BodyImage(models.Model):
    """An image uploaded from inside the editor's body (CKEditor), checked like any other."""

    token = models.CharField(max_length=32, default=_new_token, unique=True, editable=False)
    file = models.ImageField(upload_to=_image_path)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gambar isi")
        verbose_name_plural = _("gambar isi")

    def __str__(self) -> str:
        return self.file.name or ""


class ReleaseAttachment(models.Model):
    """A PDF, DOCX or XLSX. Private storage: streamed by a view that checks the release is public
    (or that the user may see it), so an unpublished file never has a public address."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("judul lampiran"), max_length=200)
    file = models.FileField(_("berkas"), storage=get_private_storage, upload_to="siaran-pers/lampiran/")
    kind = models.CharField(_("jenis"), max_length=10)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(default=0)
    download_name = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("lampiran")
        verbose_name_plural = _("lampiran")

    def __str__(self) -> str:
        return self.title


class MediaContact(models.Model):
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="media_contacts")
    name = models.CharField(_("nama"), max_length=150)
    role = models.CharField(_("jabatan"), max_length=150, blank=True)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    email = models.EmailField(_("surel"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("narahubung media")
        verbose_name_plural = _("narahubung media")

    def __str__(self) -> str:
        return self.name


class Revision(models.Model):
    """The content of a release after one save (kept from the first submission on)."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("nomor"))
    title = models.CharField(_("judul"), max_length=250)
    lead = models.TextField(_("ringkasan"))
    body = models.TextField(_("isi"), blank=True)
    status = models.CharField(_("status saat disimpan"), max_length=20)
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("revisi")
        verbose_name_plural = _("revisi")
        constraints = [models.UniqueConstraint(fields=["release", "number"], name="revision_unique_number")]

    def __str__(self) -> str:
        return f"{self.release} · r{self.number}"


class Correction(models.Model):
    """A public "Ralat" on a published release: its note, its time and the revision it made."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="corrections")
    note = models.TextField(_("catatan ralat"))
    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("waktu ralat"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("ralat")
        verbose_name_plural = _("ralat")

    def __str__(self) -> str:
        return f"Ralat {self.release}"


class Comment(models.Model):
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("komentar"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("komentar")
        verbose_name_plural = _("komentar")

    def __str__(self) -> str:
        return f"{self.author} · {self.created_at:%Y-%m-%d %H:%M}"


# Social channels keep their models in their own module; importing them here registers them
# with the releases app (their migrations live in releases/migrations/).
from releases.channels.models import *  # noqa: E402,F403
