"""Press releases (siaran pers). The editorial workflow lives in releases/services.py."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from humas.models import Unit


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
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-id"]
        verbose_name = _("siaran pers")
        verbose_name_plural = _("siaran pers")
        permissions = [("view_embargoed_release", _("Dapat melihat siaran pers dan press kit berembargo"))]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("releases:detail", kwargs={"slug": self.slug})

    def get_presskit_url(self) -> str:
        """The press kit's stable address: ``/siaran-pers/<slug>/press-kit/``."""
        return f"{self.get_absolute_url()}press-kit/"

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


# Social channels keep their models in their own module; importing them here registers them
# with the releases app (their migrations live in releases/migrations/).
from releases.channels.models import *  # noqa: E402,F403
