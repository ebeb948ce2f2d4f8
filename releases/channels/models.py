"""Models of the social channels: channels, per-release versions and the delivery outbox."""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

__all__ = ["Channel", "ChannelAttempt", "ChannelDelivery", "ChannelVersion"]


class Platform(models.TextChoices):
    X = "x", "X (Twitter)"
    FACEBOOK = "facebook", _("Halaman Facebook")
    INSTAGRAM = "instagram", _("Instagram (akun bisnis)")
    TELEGRAM = "telegram", _("Kanal Telegram")
    MASTODON = "mastodon", "Mastodon"
    WEBHOOK = "webhook", _("Webhook bertanda tangan")


DEFAULT_TEMPLATE = "{title}\n\n{lead}\n\n{link}\n\n{hashtags}"


def new_idempotency_key() -> str:
    return secrets.token_urlsafe(24)


class Channel(models.Model):
    """One account of the office on one platform."""

    class Health(models.TextChoices):
        UNKNOWN = "unknown", _("Belum diperiksa")
        OK = "ok", _("Kredensial berfungsi")
        FAILING = "failing", _("Kredensial gagal: perlu diperbarui")

    platform = models.CharField(_("platform"), max_length=20, choices=Platform.choices)
    name = models.CharField(_("nama tampilan"), max_length=100, unique=True)
    account = models.CharField(
        _("akun"),
        max_length=200,
        help_text=_("ID Halaman, ID pengguna Instagram, @kanal Telegram, @akun, atau nama penerima webhook."),
    )
    base_url = models.URLField(_("alamat dasar API"), max_length=300)
    credentials_encrypted = models.TextField(_("kredensial (terenkripsi)"), blank=True, editable=False)
    enabled = models.BooleanField(_("aktif"), default=False)
    selected_by_default = models.BooleanField(_("dipilih secara bawaan untuk setiap siaran pers"), default=True)
    message_template = models.TextField(
        _("templat pesan"),
        default=DEFAULT_TEMPLATE,
        help_text=_("Penanda: {title}, {lead}, {link}, {hashtags}, {unit}."),
    )
    hashtags = models.CharField(_("tagar"), max_length=300, blank=True)
    # Mastodon: the instance's own limits, read from /api/v2/instance at each connection test.
    max_characters = models.PositiveIntegerField(_("batas karakter server"), null=True, blank=True)
    characters_per_url = models.PositiveIntegerField(_("panjang tiap tautan"), null=True, blank=True)
    health = models.CharField(_("kesehatan kredensial"), max_length=10, choices=Health.choices, default=Health.UNKNOWN)
    health_message = models.TextField(_("pesan pemeriksaan terakhir"), blank=True)
    health_checked_at = models.DateTimeField(_("diperiksa"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kanal media sosial")
        verbose_name_plural = _("kanal media sosial")
        permissions = [("test_channel", _("Dapat menguji koneksi kanal media sosial"))]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_platform_display()})"


class ChannelVersion(models.Model):
    """What one release says on one channel: chosen or not, its text, and its image."""

    release = models.ForeignKey("releases.Release", on_delete=models.CASCADE, related_name="channel_versions")
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="versions")
    selected = models.BooleanField(_("kirim ke kanal ini"), default=True)
    text = models.TextField(_("teks unggahan"))
    # Public media: the platforms fetch the image themselves (Instagram) once the release is public.
    image = models.ImageField(_("gambar"), upload_to="kanal/%Y/%m/", blank=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        ordering = ["channel__name"]
        verbose_name = _("versi kanal")
        verbose_name_plural = _("versi kanal")
        constraints = [models.UniqueConstraint(fields=["release", "channel"], name="channel_version_once")]

    def __str__(self) -> str:
        return f"{self.release} · {self.channel.name}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu")
    SENDING = "sending", _("Sedang dikirim")
    POSTED = "posted", _("Terunggah")
    UNKNOWN = "unknown", _("Hasil tidak pasti")
    FAILED = "failed", _("Gagal")
    DELETED = "deleted", _("Dihapus")


class ChannelDelivery(models.Model):
    """The outbox: one row per release and channel, written with the publication itself."""

    Status = DeliveryStatus

    release = models.ForeignKey("releases.Release", on_delete=models.CASCADE, related_name="channel_deliveries")
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="deliveries")
    status = models.CharField(_("status"), max_length=10, choices=DeliveryStatus.choices, default="pending")
    idempotency_key = models.CharField(max_length=64, unique=True, default=new_idempotency_key, editable=False)
    text = models.TextField(_("teks"))
    image_path = models.CharField(_("berkas gambar"), max_length=300, blank=True)
    link = models.URLField(_("tautan"), max_length=500)
    remote_id = models.CharField(_("ID unggahan"), max_length=200, blank=True)
    remote_url = models.URLField(_("alamat unggahan"), max_length=500, blank=True)
    attempt_count = models.PositiveIntegerField(_("jumlah percobaan"), default=0)
    next_attempt_at = models.DateTimeField(_("percobaan berikutnya"), null=True, blank=True)
    queued_at = models.DateTimeField(_("diantrekan"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("diambil pekerja"), null=True, blank=True)
    last_error = models.TextField(_("galat terakhir"), blank=True)
    posted_at = models.DateTimeField(_("terunggah pada"), null=True, blank=True)
    withdraw_result = models.TextField(_("hasil penarikan"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        ordering = ["channel__name"]
        verbose_name = _("pengiriman ke kanal")
        verbose_name_plural = _("pengiriman ke kanal")
        permissions = [("retry_channeldelivery", _("Dapat mengulang atau menandai pengiriman ke kanal"))]
        constraints = [
            models.UniqueConstraint(fields=["release", "channel"], name="channel_delivery_once"),
            models.CheckConstraint(
                condition=~Q(status="posted") | ~Q(remote_id="") | ~Q(remote_url=""),
                name="channel_delivery_posted_has_remote",
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.release} → {self.channel.name}: {self.get_status_display()}"


class ChannelAttempt(models.Model):
    """One call to a platform, written before the call and completed with its answer."""

    class Kind(models.TextChoices):
        POST = "post", _("Unggah")
        CHECK = "check", _("Periksa unggahan")
        DELETE = "delete", _("Hapus unggahan")

    class Outcome(models.TextChoices):
        STARTED = "started", _("Dimulai")
        OK = "ok", _("Berhasil")
        RETRY = "retry", _("Diulang nanti")
        UNKNOWN = "unknown", _("Tidak pasti")
        FAILED = "failed", _("Gagal")
        NOT_FOUND = "not_found", _("Tidak ditemukan")

    delivery = models.ForeignKey(ChannelDelivery, on_delete=models.CASCADE, related_name="attempts")
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices, default=Kind.POST)
    started_at = models.DateTimeField(_("waktu permintaan"))
    finished_at = models.DateTimeField(_("waktu jawaban"), null=True, blank=True)
    status_code = models.PositiveIntegerField(_("kode status"), null=True, blank=True)
    outcome = models.CharField(_("hasil"), max_length=10, choices=Outcome.choices, default=Outcome.STARTED)
    error = models.TextField(_("galat"), blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("percobaan pengiriman")
        verbose_name_plural = _("percobaan pengiriman")

    def __str__(self) -> str:
        return f"{self.delivery_id} {self.kind} {self.outcome}"
