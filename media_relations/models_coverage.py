"""Coverage monitoring (kliping): one row per article or broadcast that ran our news."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from humas.private_media import get_private_storage

__all__ = ["CoverageItem", "Medium", "Tone"]


class Medium(models.TextChoices):
    PRINT = "print", _("Cetak")
    ONLINE = "online", _("Daring")
    TV = "tv", _("Televisi")
    RADIO = "radio", _("Radio")
    AGENCY = "agency", _("Kantor berita")
    SOCIAL = "social", _("Media sosial")


class Tone(models.TextChoices):
    POSITIVE = "positive", _("Positif")
    NEUTRAL = "neutral", _("Netral")
    NEGATIVE = "negative", _("Negatif")


class CoverageItem(models.Model):
    outlet = models.ForeignKey(
        "media_relations.Outlet",
        verbose_name=_("media"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coverage_items",
    )
    outlet_name = models.CharField(_("nama media (bila tidak ada di direktori)"), max_length=200, blank=True)
    title = models.CharField(_("judul berita"), max_length=400)
    url = models.URLField(_("tautan"), max_length=1000, blank=True)
    # Lower-cased host, no scheme, no "www.", no tracking parameters, no fragment, no trailing
    # slash: two links to the same article give the same value, and the database refuses the second.
    url_key = models.CharField(max_length=1000, blank=True, editable=False)
    published_at = models.DateTimeField(_("waktu terbit"))
    medium = models.CharField(_("jenis media"), max_length=10, choices=Medium.choices)
    tone = models.CharField(_("nada pemberitaan"), max_length=10, choices=Tone.choices, default=Tone.NEUTRAL)
    reach = models.PositiveIntegerField(_("perkiraan jangkauan"), null=True, blank=True)
    release = models.ForeignKey(
        "releases.Release",
        verbose_name=_("siaran pers terkait"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coverage_items",
    )
    clipping = models.FileField(
        _("berkas kliping (PDF atau gambar)"), storage=get_private_storage, upload_to="media/kliping/%Y/%m/", blank=True
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("kliping pemberitaan")
        verbose_name_plural = _("kliping pemberitaan")
        permissions = [("view_coverage_reports", _("Melihat laporan pemantauan pemberitaan"))]
        constraints = [
            models.UniqueConstraint(
                fields=["url_key"], condition=~models.Q(url_key=""), name="media_coverage_url_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(outlet__isnull=False) | ~models.Q(outlet_name=""), name="media_coverage_has_outlet"
            ),
            models.CheckConstraint(
                condition=models.Q(url="") | ~models.Q(url_key=""), name="media_coverage_url_has_key"
            ),
        ]
        indexes = [
            models.Index(fields=["published_at"], name="media_coverage_published"),
            models.Index(fields=["release", "published_at"], name="media_coverage_release"),
            models.Index(fields=["outlet", "published_at"], name="media_coverage_outlet"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def outlet_label(self) -> str:
        return self.outlet.name if self.outlet_id and self.outlet else self.outlet_name
