"""Media relations: the media directory and journalist accounts, distribution of releases by
email, press conferences with invitations and RSVPs, and coverage monitoring (kliping)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from humas.private_media import get_private_storage

# ---------------------------------------------------------------------------------------------
# Directory


class Beat(models.Model):
    """A journalist's desk or topic (pemerintahan, kesehatan, ekonomi ...), used to segment."""

    name = models.CharField(_("nama"), max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("desk liputan")
        verbose_name_plural = _("desk liputan")

    def __str__(self) -> str:
        return self.name


class Outlet(models.Model):
    class Kind(models.TextChoices):
        PRINT = "print", _("Cetak")
        ONLINE = "online", _("Daring")
        TV = "tv", _("Televisi")
        RADIO = "radio", _("Radio")
        AGENCY = "agency", _("Kantor berita")

    name = models.CharField(_("nama media"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    coverage_area = models.CharField(_("wilayah liputan"), max_length=120, blank=True)
    website = models.URLField(_("situs web"), blank=True)
    address = models.TextField(_("alamat"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("media")
        verbose_name_plural = _("media")
        constraints = [models.UniqueConstraint(Lower("name"), name="media_outlet_name_unique")]

    def __str__(self) -> str:
        return self.name


class Journalist(models.Model):
    """A contact in the directory; with ``user`` set, also a journalist account."""

    class Verification(models.TextChoices):
        UNVERIFIED = "unverified", _("Belum diajukan")
        PENDING = "pending", _("Menunggu verifikasi")
        VERIFIED = "verified", _("Terverifikasi")
        REFUSED = "refused", _("Ditolak")

    class ConsentSource(models.TextChoices):
        REGISTRATION = "registration", _("Pendaftaran akun di portal")
        FORM = "form", _("Formulir persetujuan tertulis")
        EMAIL = "email", _("Persetujuan lewat surel")
        IMPORT = "import", _("Impor data dengan bukti persetujuan")

    name = models.CharField(_("nama"), max_length=150)
    outlet = models.ForeignKey(
        Outlet, verbose_name=_("media"), on_delete=models.PROTECT, related_name="journalists", null=True, blank=True
    )
    beats = models.ManyToManyField(Beat, verbose_name=_("desk liputan"), blank=True, related_name="journalists")
    phone = models.CharField(_("nomor telepon"), max_length=20, blank=True)
    email = models.EmailField(_("surel"))
    press_card_number = models.CharField(_("nomor kartu pers"), max_length=60, blank=True)
    press_card_issuer = models.CharField(_("penerbit kartu pers"), max_length=120, blank=True)
    press_card_image = models.FileField(
        _("foto kartu pers"), storage=get_private_storage, upload_to="media/kartu-pers/%Y/", blank=True
    )
    verification = models.CharField(
        _("status verifikasi"), max_length=12, choices=Verification.choices, default=Verification.UNVERIFIED
    )
    refusal_reason = models.TextField(_("alasan penolakan"), blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    notes = models.TextField(_("catatan"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="journalist"
    )
    # Consent to be mailed (UU 27/2022): when and how it was given; no consent, no mail.
    consent_at = models.DateTimeField(_("persetujuan diberikan"), null=True, blank=True)
    consent_source = models.CharField(_("cara persetujuan"), max_length=15, choices=ConsentSource.choices, blank=True)
    # A permanent bounce suppresses the address from later sendings.
    bounced_at = models.DateTimeField(_("surel terpental"), null=True, blank=True)
    # One-click unsubscribe from release distribution, honoured at once.
    unsubscribed_at = models.DateTimeField(_("berhenti berlangganan"), null=True, blank=True)
    deletion_requested_at = models.DateTimeField(_("minta dihapus"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("wartawan")
        verbose_name_plural = _("wartawan")
        permissions = [("view_journalist_contact", _("Melihat nomor telepon dan surel wartawan"))]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="media_journalist_email_unique"),
            models.CheckConstraint(
                condition=~models.Q(verification="verified") | models.Q(verified_at__isnull=False),
                name="media_journalist_verified_has_time",
            ),
            models.CheckConstraint(
                condition=models.Q(consent_at__isnull=True) | ~models.Q(consent_source=""),
                name="media_journalist_consent_has_source",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.verification == self.Verification.VERIFIED

    @property
    def can_be_mailed(self) -> bool:
        return (
            self.consent_at is not None
            and self.bounced_at is None
            and self.unsubscribed_at is None
            and self.deletion_requested_at is None
        )


# ---------------------------------------------------------------------------------------------
# Journalist accounts


class AccountConfirmation(models.Model):
    """The email-confirmation link of a self-registered journalist: only the hash is stored."""

    journalist = models.OneToOneField(Journalist, on_delete=models.CASCADE, related_name="confirmation")
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("konfirmasi surel wartawan")
        verbose_name_plural = _("konfirmasi surel wartawan")

    def __str__(self) -> str:
        return str(self.journalist)


class AlertPreference(models.Model):
    """Which new releases a journalist wants by email: by category and by issuing unit (OPD).
    Empty selections mean every category or every unit."""

    journalist = models.OneToOneField(Journalist, on_delete=models.CASCADE, related_name="alert_preference")
    enabled = models.BooleanField(_("kirim pemberitahuan siaran pers baru"), default=True)
    categories = models.ManyToManyField("releases.Category", verbose_name=_("kategori"), blank=True, related_name="+")
    units = models.ManyToManyField("humas.Unit", verbose_name=_("unit (OPD)"), blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("preferensi pemberitahuan")
        verbose_name_plural = _("preferensi pemberitahuan")

    def __str__(self) -> str:
        return str(self.journalist)


# ---------------------------------------------------------------------------------------------
# Distribution


class DistributionList(models.Model):
    name = models.CharField(_("nama daftar"), max_length=150)
    description = models.TextField(_("keterangan"), blank=True)
    members = models.ManyToManyField(Journalist, verbose_name=_("anggota"), blank=True, related_name="lists")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("daftar distribusi")
        verbose_name_plural = _("daftar distribusi")
        constraints = [models.UniqueConstraint(Lower("name"), name="media_list_name_unique")]

    def __str__(self) -> str:
        return self.name


class Sending(models.Model):
    """One release sent by email to a list and/or a segment (beat, outlet kind, area).

    The recipients are rows (``SendingRecipient``) written when the sending is created; batches
    (``SendingBatch``) are the outbox the Celery tasks work through."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Dalam antrean")
        SENDING = "sending", _("Sedang dikirim")
        DONE = "done", _("Selesai")

    release = models.ForeignKey(
        "releases.Release", verbose_name=_("siaran pers"), on_delete=models.PROTECT, related_name="sendings"
    )
    advance_copy = models.BooleanField(_("salinan awal berembargo"), default=False)
    distribution_list = models.ForeignKey(
        DistributionList,
        verbose_name=_("daftar distribusi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sendings",
    )
    beat = models.ForeignKey(
        Beat, verbose_name=_("desk liputan"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outlet_kind = models.CharField(_("jenis media"), max_length=10, choices=Outlet.Kind.choices, blank=True)
    area = models.CharField(_("wilayah liputan"), max_length=120, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Counts, refreshed after every batch (the progress page reads them in one query).
    recipient_count = models.PositiveIntegerField(default=0)
    sent_count = models.PositiveIntegerField(default=0)
    failed_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    bounced_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("pengiriman siaran pers")
        verbose_name_plural = _("pengiriman siaran pers")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="done") | models.Q(finished_at__isnull=False),
                name="media_sending_done_has_time",
            )
        ]

    def __str__(self) -> str:
        return f"{self.release} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def processed_count(self) -> int:
        return self.sent_count + self.failed_count + self.bounced_count

    @property
    def to_send_count(self) -> int:
        return self.recipient_count - self.skipped_count


class SendingBatch(models.Model):
    """A slice of one sending's recipients: the unit of work of one Celery task (the outbox)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        RUNNING = "running", _("Berjalan")
        DONE = "done", _("Selesai")

    sending = models.ForeignKey(Sending, on_delete=models.CASCADE, related_name="batches")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    claimed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sending", "number"]
        constraints = [models.UniqueConstraint(fields=["sending", "number"], name="media_batch_number_unique")]
        indexes = [models.Index(fields=["status", "claimed_at"], name="media_batch_status_idx")]

    def __str__(self) -> str:
        return f"{self.sending_id}#{self.number}"


class SendingRecipient(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Dalam antrean")
        SENT = "sent", _("Terkirim")
        FAILED = "failed", _("Gagal")
        BOUNCED = "bounced", _("Terpental")
        SKIPPED = "skipped", _("Dilewati")

    class SkipReason(models.TextChoices):
        NO_CONSENT = "no_consent", _("Belum ada persetujuan")
        BOUNCED = "bounced", _("Surel pernah terpental permanen")
        UNSUBSCRIBED = "unsubscribed", _("Berhenti berlangganan")
        DELETION = "deletion", _("Minta datanya dihapus")
        UNVERIFIED = "unverified", _("Belum terverifikasi (salinan awal berembargo)")

    sending = models.ForeignKey(Sending, on_delete=models.CASCADE, related_name="recipients")
    batch = models.ForeignKey(SendingBatch, on_delete=models.CASCADE, null=True, blank=True, related_name="recipients")
    # Copied from the sending so the database can refuse a second copy of one release to one person.
    release = models.ForeignKey("releases.Release", on_delete=models.PROTECT, related_name="+")
    journalist = models.ForeignKey(Journalist, on_delete=models.CASCADE, related_name="receipts")
    email = models.EmailField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    skip_reason = models.CharField(max_length=15, choices=SkipReason.choices, blank=True)
    # The staff member confirmed sending this release to this person again.
    resend = models.BooleanField(default=False)
    # sha256 of the personal link token (unsubscribe, click redirect); the token itself is only in the email.
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=255, blank=True)
    clicks = models.PositiveIntegerField(default=0)
    first_clicked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["sending", "journalist"], name="media_recipient_once_per_sending"),
            models.UniqueConstraint(
                fields=["release", "journalist"],
                condition=models.Q(resend=False) & ~models.Q(status="skipped"),
                name="media_recipient_once_per_release",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="skipped") | ~models.Q(skip_reason=""),
                name="media_recipient_skipped_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["email"], name="media_recipient_email_idx")]

    def __str__(self) -> str:
        return f"{self.email} · {self.status}"


from media_relations.models_coverage import *  # noqa: E402,F403
from media_relations.models_events import *  # noqa: E402,F403
