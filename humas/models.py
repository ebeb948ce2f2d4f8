"""Shared core models: organisational units, users, the audit trail and calendar overrides."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.Model):
    """An Organisasi Perangkat Daerah (OPD) or a part of one."""

    class Kind(models.TextChoices):
        SEKRETARIAT = "sekretariat", _("Sekretariat")
        DINAS = "dinas", _("Dinas")
        BADAN = "badan", _("Badan")
        BAGIAN = "bagian", _("Bagian")
        KANTOR = "kantor", _("Kantor")
        KECAMATAN = "kecamatan", _("Kecamatan")
        KELURAHAN = "kelurahan", _("Kelurahan")
        RSUD = "rsud", _("Rumah Sakit Daerah")
        LAINNYA = "lainnya", _("Lainnya")

    name = models.CharField(_("nama"), max_length=200, unique=True)
    short_name = models.CharField(_("singkatan"), max_length=40, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices, default=Kind.DINAS)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit kerja (OPD)")
        verbose_name_plural = _("unit kerja (OPD)")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """Staff users belong to one unit; journalists (a later app) have none."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit kerja"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    position = models.CharField(_("jabatan"), max_length=150, blank=True)
    phone = models.CharField(_("telepon"), max_length=30, blank=True)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("pengguna")  # type: ignore[assignment]
        verbose_name_plural = _("pengguna")  # type: ignore[assignment]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class AuditEntry(models.Model):
    """One row per state change anywhere in the portal. Append-only: a database trigger
    refuses UPDATE and DELETE, so no code path can rewrite history."""

    created_at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelaku"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # For actors without an account: "Pemohon", "Sistem", "Delegasi".
    actor_label = models.CharField(_("pelaku (tanpa akun)"), max_length=150, blank=True)
    action = models.CharField(_("tindakan"), max_length=100, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("objek"), max_length=255)
    old_state = models.CharField(_("dari"), max_length=50, blank=True)
    new_state = models.CharField(_("menjadi"), max_length=50, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]
        verbose_name = _("jejak audit")
        verbose_name_plural = _("jejak audit")
        permissions = [("access_staff_area", _("Dapat membuka area staf"))]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("Audit entries are append-only")
        super().save(*args, **kwargs)

    @property
    def actor_name(self) -> str:
        if self.actor_id is not None and self.actor is not None:
            return self.actor.display_name
        return self.actor_label or str(_("Sistem"))


class CalendarDay(models.Model):
    """An office decision about one date that the national calendar does not know:
    a closure or late-announced holiday (non-working), or a day the office works."""

    class Kind(models.TextChoices):
        CLOSED = "closed", _("Libur / kantor tutup")
        WORKING = "working", _("Hari kerja (kantor tetap buka)")

    date = models.DateField(_("tanggal"), unique=True)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    description = models.CharField(_("keterangan"), max_length=200)

    class Meta:
        ordering = ["date"]
        verbose_name = _("pengecualian kalender kerja")
        verbose_name_plural = _("pengecualian kalender kerja")

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.get_kind_display()}: {self.description}"
