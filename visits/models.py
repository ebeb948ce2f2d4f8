"""Visits: delegations request study and work visits; the office books them without double booking.

The guarantee against double booking is the exclusion constraint on ``Visit``: no two rows
with the same room and overlapping ``slot`` may both be confirmed or hold their slot. A
pending request holds its slot through the stored ``holds_slot`` flag (PostgreSQL refuses
``now()`` in a constraint condition), which a beat job clears once ``hold_until`` passes.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, DateTimeRangeField, RangeOperators
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from humas.private_media import get_private_storage


class Room(models.Model):
    name = models.CharField(_("nama ruangan"), max_length=120, unique=True)
    location = models.CharField(_("lokasi"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("kapasitas (orang)"))
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["capacity", "name"]
        verbose_name = _("ruangan")
        verbose_name_plural = _("ruangan")
        constraints = [models.CheckConstraint(condition=Q(capacity__gt=0), name="visits_room_capacity_positive")]

    def __str__(self) -> str:
        return f"{self.name} ({self.capacity})"


class ReceivingRule(models.Model):
    """One receiving day of the week and its hours; the office's rules are all rows together.

    With no rows at all the office receives Monday to Friday in ``VISITS_DEFAULT_HOURS``."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Senin")
        TUESDAY = 1, _("Selasa")
        WEDNESDAY = 2, _("Rabu")
        THURSDAY = 3, _("Kamis")
        FRIDAY = 4, _("Jumat")
        SATURDAY = 5, _("Sabtu")
        SUNDAY = 6, _("Minggu")

    weekday = models.PositiveSmallIntegerField(_("hari"), choices=Weekday.choices, unique=True)
    start_time = models.TimeField(_("mulai menerima"))
    end_time = models.TimeField(_("selesai menerima"))

    class Meta:
        ordering = ["weekday"]
        verbose_name = _("hari dan jam penerimaan kunjungan")
        verbose_name_plural = _("hari dan jam penerimaan kunjungan")
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=models.F("start_time")), name="visits_rule_hours_order")
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}–{self.end_time:%H:%M}"


class Blackout(models.Model):
    """Days the office receives no visits (office events, leaders away)."""

    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("sampai"))
    reason = models.CharField(_("alasan"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("masa tidak menerima kunjungan")
        verbose_name_plural = _("masa tidak menerima kunjungan")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="visits_blackout_order")
        ]

    def __str__(self) -> str:
        return f"{self.start_date:%d-%m-%Y}–{self.end_date:%d-%m-%Y}: {self.reason}"


class Topic(models.Model):
    name = models.CharField(_("topik"), max_length=120, unique=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topik kunjungan")
        verbose_name_plural = _("topik kunjungan")

    def __str__(self) -> str:
        return self.name


class InstitutionKind(models.TextChoices):
    CENTRAL = "central", _("Pemerintah pusat / kementerian / lembaga")
    PARLIAMENT = "parliament", _("DPR / DPD")
    DPRD = "dprd", _("DPRD daerah lain")
    REGIONAL = "regional", _("Pemerintah daerah lain")
    EDUCATION = "education", _("Perguruan tinggi / sekolah")
    COMMUNITY = "community", _("Kelompok masyarakat")
    PRIVATE = "private", _("Swasta")
    FOREIGN = "foreign", _("Tamu luar negeri")


class VisitStatus(models.TextChoices):
    REQUESTED = "requested", _("Diajukan")
    PROPOSED = "proposed", _("Diusulkan waktu lain")
    CONFIRMED = "confirmed", _("Dikonfirmasi")
    DECLINED = "declined", _("Ditolak")
    CANCELLED = "cancelled", _("Dibatalkan")
    DONE = "done", _("Selesai")


OPEN_STATUSES = (VisitStatus.REQUESTED, VisitStatus.PROPOSED)
BOOKED_STATUSES = (VisitStatus.REQUESTED, VisitStatus.PROPOSED, VisitStatus.CONFIRMED)


class VisitCounter(models.Model):
    """The last reference number per year, locked in the transaction that inserts the visit."""

    year = models.PositiveSmallIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class VisitQuerySet(models.QuerySet["Visit"]):
    def blocking(self) -> VisitQuerySet:
        """Rows that occupy their room's slot: confirmed, or holding it tentatively."""
        return self.filter(Q(status=VisitStatus.CONFIRMED) | Q(holds_slot=True)).exclude(room=None)


class Visit(models.Model):
    reference = models.CharField(_("nomor kunjungan"), max_length=40, unique=True)
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    status = models.CharField(_("status"), max_length=20, choices=VisitStatus.choices, default=VisitStatus.REQUESTED)

    institution = models.CharField(_("nama instansi"), max_length=200)
    kind = models.CharField(_("jenis instansi"), max_length=20, choices=InstitutionKind.choices)
    leader_name = models.CharField(_("nama ketua rombongan"), max_length=150)
    leader_position = models.CharField(_("jabatan ketua rombongan"), max_length=150)
    contact_name = models.CharField(_("nama narahubung"), max_length=150)
    contact_phone = models.CharField(_("telepon narahubung"), max_length=30)
    contact_whatsapp = models.BooleanField(_("nomor ini dapat dihubungi lewat WhatsApp"), default=True)
    contact_email = models.EmailField(_("surel narahubung"))
    participants_count = models.PositiveIntegerField(_("jumlah peserta"))
    purpose = models.TextField(_("maksud dan tujuan"))
    topics = models.ManyToManyField(Topic, verbose_name=_("topik"), blank=True, related_name="visits")
    topics_other = models.CharField(_("topik lain"), max_length=300, blank=True)
    preferred_start = models.DateTimeField(_("waktu yang diinginkan"))
    alternative_start = models.DateTimeField(_("waktu alternatif"), null=True, blank=True)
    request_letter = models.FileField(
        _("surat permohonan"), storage=get_private_storage, upload_to="visits/permohonan/%Y/"
    )
    assignment_letter = models.FileField(
        _("surat tugas"), storage=get_private_storage, upload_to="visits/tugas/%Y/", blank=True
    )
    token_hash = models.CharField(max_length=64)
    token_expires_at = models.DateTimeField()
    requested_at = models.DateTimeField(_("waktu permohonan"), default=timezone.now)

    room = models.ForeignKey(
        Room, verbose_name=_("ruangan"), null=True, blank=True, on_delete=models.PROTECT, related_name="visits"
    )
    slot = DateTimeRangeField(_("waktu kunjungan"), null=True, blank=True)
    holds_slot = models.BooleanField(_("menahan jadwal sementara"), default=False)
    hold_until = models.DateTimeField(_("jadwal ditahan sampai"), null=True, blank=True)
    hosts = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("pejabat penerima"), blank=True, related_name="hosted_visits"
    )
    agenda = models.TextField(_("agenda"), blank=True)
    decline_reason = models.TextField(_("alasan penolakan"), blank=True)
    cancel_reason = models.TextField(_("alasan pembatalan"), blank=True)
    proposal_note = models.TextField(_("catatan usulan waktu"), blank=True)
    reschedule_request = models.TextField(_("permintaan penjadwalan ulang"), blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("koordinator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinated_visits",
    )
    ics_sequence = models.PositiveIntegerField(default=0)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    checkin_nonce = models.CharField(max_length=32, blank=True)
    checked_in_at = models.DateTimeField(_("waktu kedatangan"), null=True, blank=True)
    spd_signed = models.BooleanField(_("SPD ditandatangani dan dicap"), default=False)
    spd_notes = models.CharField(_("catatan SPD"), max_length=300, blank=True)
    souvenirs_given = models.CharField(_("cendera mata diberikan"), max_length=300, blank=True)
    souvenirs_received = models.CharField(_("cendera mata diterima"), max_length=300, blank=True)
    release = models.ForeignKey(
        "releases.Release",
        verbose_name=_("draf siaran pers"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="visits",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("kunjungan")
        verbose_name_plural = _("kunjungan")
        permissions = [
            ("handle_visit", _("Dapat menjadwalkan dan memutuskan kunjungan")),
            ("view_visit_letters", _("Dapat melihat surat dan data kontak rombongan")),
            ("view_visit_statistics", _("Dapat melihat statistik kunjungan")),
        ]
        constraints = [
            ExclusionConstraint(
                name="visits_no_double_booking",
                expressions=[("room", RangeOperators.EQUAL), ("slot", RangeOperators.OVERLAPS)],
                condition=Q(holds_slot=True) | Q(status="confirmed"),
            ),
            models.UniqueConstraint(fields=["year", "sequence"], name="visits_reference_unique"),
            models.CheckConstraint(condition=Q(participants_count__gt=0), name="visits_participants_positive"),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | (Q(room__isnull=False) & Q(slot__isnull=False)),
                name="visits_confirmed_has_room_and_time",
            ),
            models.CheckConstraint(
                condition=~Q(holds_slot=True) | (Q(room__isnull=False) & Q(slot__isnull=False)),
                name="visits_hold_has_room_and_time",
            ),
        ]
        indexes = [models.Index(fields=["status", "requested_at"]), models.Index(fields=["holds_slot", "hold_until"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.institution}"

    @property
    def start(self) -> datetime | None:
        return self.slot.lower if self.slot else None

    @property
    def end(self) -> datetime | None:
        return self.slot.upper if self.slot else None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def topic_labels(self) -> list[str]:
        labels = [topic.name for topic in self.topics.all()]
        return labels + ([self.topics_other] if self.topics_other else [])


class Participant(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="participants")
    position_in_list = models.PositiveIntegerField(default=0)
    name = models.CharField(_("nama"), max_length=150)
    position = models.CharField(_("jabatan"), max_length=150, blank=True)
    attended = models.BooleanField(_("hadir"), default=False)

    class Meta:
        ordering = ["position_in_list", "id"]
        verbose_name = _("peserta")
        verbose_name_plural = _("peserta")

    def __str__(self) -> str:
        return self.name


class VisitEvent(models.Model):
    """The disposition trail: who holds the request now and what was decided."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Diterima")
        FORWARDED = "forwarded", _("Diteruskan")
        PROPOSED = "proposed", _("Diusulkan waktu lain")
        DECIDED = "decided", _("Diputuskan")
        DELEGATION = "delegation", _("Tanggapan rombongan")
        NOTE = "note", _("Catatan")

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    holder = models.CharField(_("berada di"), max_length=150, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("disposisi")
        verbose_name_plural = _("disposisi")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.holder}"


class WaitingListEntry(models.Model):
    """A request for a full day, waiting for a cancellation on that day."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Menunggu")
        OFFERED = "offered", _("Ditawari jadwal")
        ACCEPTED = "accepted", _("Menerima tawaran")
        EXPIRED = "expired", _("Tawaran kedaluwarsa")

    visit = models.OneToOneField(Visit, on_delete=models.CASCADE, related_name="waiting_entry")
    day = models.DateField(_("tanggal yang diinginkan"), db_index=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WAITING)
    offered_room = models.ForeignKey(Room, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    offered_slot = DateTimeRangeField(null=True, blank=True)
    offer_token_hash = models.CharField(max_length=64, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("daftar tunggu")
        verbose_name_plural = _("daftar tunggu")

    def __str__(self) -> str:
        return f"{self.visit.reference} {self.day}"


class VisitReport(models.Model):
    visit = models.OneToOneField(Visit, on_delete=models.CASCADE, related_name="report")
    attendance = models.PositiveIntegerField(_("jumlah hadir"))
    summary = models.TextField(_("ringkasan"))
    follow_ups = models.TextField(_("tindak lanjut"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("laporan kunjungan")
        verbose_name_plural = _("laporan kunjungan")

    def __str__(self) -> str:
        return f"{self.visit.reference}"


class VisitPhoto(models.Model):
    report = models.ForeignKey(VisitReport, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("foto"), storage=get_private_storage, upload_to="visits/foto/%Y/")
    caption = models.CharField(_("keterangan"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.caption or self.image.name or ""


class VisitEmail(models.Model):
    """Outbox row for mail about a visit: the task sends it from here; the sweep re-queues."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="emails")
    to = ArrayField(models.EmailField())
    subject = models.CharField(max_length=200)
    body = models.TextField()
    html = models.TextField(blank=True)
    ics = models.TextField(blank=True)
    attach_letter = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["sent_at"], condition=Q(sent_at__isnull=True), name="visits_email_pending")]

    def __str__(self) -> str:
        return self.subject


class StaffFeedToken(models.Model):
    """The private ICS feed of one staff member; only the hash is kept."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="visit_feed")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.user)
