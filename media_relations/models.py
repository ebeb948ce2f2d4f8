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


from media_relations.models_coverage import *  # noqa: E402,F403
from media_relations.models_events import *  # noqa: E402,F403
