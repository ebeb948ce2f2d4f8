"""PPID: information requests, objections (keberatan), the DIP catalogue and their registers."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from humas.models import Unit
from humas.private_media import get_private_storage


class RegisterCounter(models.Model):
    """The last number handed out per register and year. Locked with SELECT ... FOR UPDATE in
    the transaction that inserts the numbered row, so a rollback gives the number back."""

    class Register(models.TextChoices):
        REQUEST = "request", _("Permohonan informasi")
        OBJECTION = "objection", _("Keberatan")

    register = models.CharField(max_length=20, choices=Register.choices)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["register", "year"], name="ppid_counter_unique")]

    def __str__(self) -> str:
        return f"{self.register} {self.year}: {self.last}"


class RequesterType(models.TextChoices):
    INDIVIDUAL = "individual", _("Perorangan")
    LEGAL_ENTITY = "legal_entity", _("Badan hukum")
    GROUP = "group", _("Kelompok orang")


class Channel(models.TextChoices):
    WEB = "web", _("Formulir daring")
    PAPER = "paper", _("Surat / datang langsung")
    EMAIL = "email", _("Surel")
    MESSAGING = "messaging", _("Pesan singkat / aplikasi pesan")


class ObtainMethod(models.TextChoices):
    SEE = "see", _("Melihat / membaca / mendengarkan / mencatat")
    SOFT_COPY = "soft_copy", _("Mendapatkan salinan (softcopy)")
    HARD_COPY = "hard_copy", _("Mendapatkan salinan (hardcopy)")


class DeliveryMethod(models.TextChoices):
    PICKUP = "pickup", _("Mengambil langsung")
    POST = "post", _("Pos")
    EMAIL = "email", _("Surel")
    COURIER = "courier", _("Kurir")


class Status(models.TextChoices):
    RECEIVED = "received", _("Diterima")
    IN_PROCESS = "in_process", _("Diproses")
    EXTENDED = "extended", _("Diperpanjang")
    ANSWERED = "answered", _("Dijawab")
    CLOSED = "closed", _("Selesai")


class Decision(models.TextChoices):
    GRANTED = "granted", _("Dikabulkan seluruhnya")
    PARTLY_GRANTED = "partly_granted", _("Dikabulkan sebagian")
    REFUSED = "refused", _("Ditolak")


class RefusalBasis(models.TextChoices):
    EXEMPT = "exempt", _("Informasi dikecualikan (Pasal 17 UU 14/2008)")
    NOT_HELD = "not_held", _("Informasi belum dikuasai atau belum didokumentasikan")


class ExemptGround(models.TextChoices):
    """UU 14/2008 Pasal 17 huruf a–j."""

    A = "a", _("Pasal 17 huruf a: menghambat proses penegakan hukum")
    B = "b", _("Pasal 17 huruf b: mengganggu perlindungan HKI dan persaingan usaha tidak sehat")
    C = "c", _("Pasal 17 huruf c: membahayakan pertahanan dan keamanan negara")
    D = "d", _("Pasal 17 huruf d: mengungkapkan kekayaan alam Indonesia")
    E = "e", _("Pasal 17 huruf e: merugikan ketahanan ekonomi nasional")
    F = "f", _("Pasal 17 huruf f: merugikan kepentingan hubungan luar negeri")
    G = "g", _("Pasal 17 huruf g: mengungkapkan isi akta otentik atau wasiat seseorang")
    H = "h", _("Pasal 17 huruf h: mengungkap rahasia pribadi")
    I = "i", _("Pasal 17 huruf i: memorandum atau surat antar/intra badan publik yang dirahasiakan")  # noqa: E741
    J = "j", _("Pasal 17 huruf j: informasi yang tidak boleh diungkapkan berdasarkan undang-undang")


class InfoRequestQuerySet(models.QuerySet["InfoRequest"]):
    def open(self) -> InfoRequestQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: date) -> InfoRequestQuerySet:
        return self.open().filter(deadline__lt=today)

    def due_by(self, today: date, last_day: date) -> InfoRequestQuerySet:
        """Open requests whose deadline falls from ``today`` up to ``last_day``."""
        return self.open().filter(deadline__gte=today, deadline__lte=last_day)


class InfoRequest(models.Model):
    number = models.CharField(_("nomor register"), max_length=40, unique=True)
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    channel = models.CharField(_("saluran"), max_length=20, choices=Channel.choices, default=Channel.WEB)

    requester_type = models.CharField(_("jenis pemohon"), max_length=20, choices=RequesterType.choices)
    on_behalf = models.BooleanField(_("mewakili pihak lain"), default=False)
    name = models.CharField(_("nama"), max_length=200)
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    entity_registration = models.CharField(_("nomor pengesahan badan hukum"), max_length=100, blank=True)
    address = models.TextField(_("alamat"))
    phone = models.CharField(_("telepon"), max_length=30)
    email = models.EmailField(_("surel"), blank=True)
    occupation = models.CharField(_("pekerjaan"), max_length=100, blank=True)
    information = models.TextField(_("rincian informasi yang dibutuhkan"))
    purpose = models.TextField(_("tujuan penggunaan informasi"))
    obtain_method = models.CharField(_("cara memperoleh informasi"), max_length=20, choices=ObtainMethod.choices)
    delivery_method = models.CharField(_("cara mendapatkan salinan"), max_length=20, choices=DeliveryMethod.choices)
    identity_document = models.FileField(
        _("dokumen identitas"), storage=get_private_storage, upload_to="ppid/identitas/%Y/", blank=True
    )
    power_of_attorney = models.FileField(
        _("surat kuasa"), storage=get_private_storage, upload_to="ppid/kuasa/%Y/", blank=True
    )
    token_hash = models.CharField(max_length=64)

    received_at = models.DateTimeField(_("waktu diterima"))
    received_date = models.DateField(_("tanggal diterima"))
    due_date = models.DateField(_("batas waktu awal"))
    deadline = models.DateField(_("batas waktu"), db_index=True)
    extension_reason = models.TextField(_("alasan perpanjangan"), blank=True)
    extended_at = models.DateTimeField(null=True, blank=True)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    decision = models.CharField(_("putusan"), max_length=20, choices=Decision.choices, blank=True)
    refusal_basis = models.CharField(_("dasar penolakan"), max_length=20, choices=RefusalBasis.choices, blank=True)
    exempt_ground = models.CharField(_("dasar pengecualian"), max_length=1, choices=ExemptGround.choices, blank=True)
    consequence_test = models.TextField(_("uji konsekuensi"), blank=True)
    dip_item = models.ForeignKey(
        "DipItem", verbose_name=_("item DIP dikecualikan"), null=True, blank=True, on_delete=models.PROTECT
    )
    answer = models.TextField(_("jawaban"), blank=True)
    fee = models.PositiveIntegerField(_("biaya (Rp)"), default=0)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_date = models.DateField(_("tanggal dijawab"), null=True, blank=True)
    # Kept at answer time so statistics survive anonymisation and need no calendar per row.
    working_days_to_answer = models.PositiveSmallIntegerField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("petugas"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ppid_requests",
    )
    assigned_unit = models.ForeignKey(
        Unit, verbose_name=_("OPD"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    anonymised_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InfoRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("permohonan informasi")
        verbose_name_plural = _("permohonan informasi")
        permissions = [
            ("handle_inforequest", _("Dapat menangani permohonan informasi")),
            ("view_identity_document", _("Dapat melihat dokumen identitas pemohon")),
            ("view_ppid_reports", _("Dapat melihat register dan laporan PPID")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="ppid_request_number_unique"),
            models.CheckConstraint(condition=Q(deadline__gte=models.F("due_date")), name="ppid_deadline_not_early"),
            models.CheckConstraint(
                condition=~Q(status__in=["answered", "closed"]) | ~Q(decision=""), name="ppid_answered_has_decision"
            ),
            models.CheckConstraint(
                condition=~Q(decision="refused") | ~Q(refusal_basis=""), name="ppid_refusal_has_basis"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["received_date"]),
            # The inbox: open requests by deadline, without walking the closed ones.
            models.Index(
                fields=["deadline", "id"],
                condition=Q(status__in=["received", "in_process", "extended"]),
                name="ppid_open_by_deadline",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_extended(self) -> bool:
        return self.extended_at is not None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def answered_late(self) -> bool:
        return self.answered_date is not None and self.answered_date > self.deadline


OPEN_STATUSES = (Status.RECEIVED, Status.IN_PROCESS, Status.EXTENDED)


class RequestDocument(models.Model):
    """A document delivered with the answer; the requester downloads it from the tracking page."""

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("judul"), max_length=200)
    file = models.FileField(_("berkas"), storage=get_private_storage, upload_to="ppid/jawaban/%Y/")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class RequestNote(models.Model):
    """Internal note by staff; never shown to the requester."""

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("catatan"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.text[:40]}"


class ObjectionReason(models.TextChoices):
    """UU 14/2008 Pasal 35 ayat (1) huruf a–g."""

    A = "a", _("Penolakan atas permohonan informasi berdasarkan alasan pengecualian Pasal 17")
    B = "b", _("Tidak disediakannya informasi berkala")
    C = "c", _("Tidak ditanggapinya permohonan informasi")
    D = "d", _("Permohonan informasi ditanggapi tidak sebagaimana yang diminta")
    E = "e", _("Tidak dipenuhinya permohonan informasi")
    F = "f", _("Pengenaan biaya yang tidak wajar")
    G = "g", _("Penyampaian informasi yang melebihi waktu yang diatur")


class ObjectionStatus(models.TextChoices):
    FILED = "filed", _("Diajukan")
    DECIDED = "decided", _("Diputus Atasan PPID")
    DISPUTED = "disputed", _("Diajukan ke Komisi Informasi")
    DISPUTE_RESOLVED = "dispute_resolved", _("Sengketa selesai")


class ObjectionDecision(models.TextChoices):
    UPHELD = "upheld", _("Keberatan diterima")
    REJECTED = "rejected", _("Keberatan ditolak")


class DisputeOutcome(models.TextChoices):
    GRANTED = "granted", _("Permohonan dikabulkan")
    PARTLY = "partly", _("Dikabulkan sebagian")
    REJECTED = "rejected", _("Permohonan ditolak")
    MEDIATED = "mediated", _("Selesai dengan mediasi")
    WITHDRAWN = "withdrawn", _("Dicabut")


class ObjectionQuerySet(models.QuerySet["Objection"]):
    def open(self) -> ObjectionQuerySet:
        return self.filter(status=ObjectionStatus.FILED)


class Objection(models.Model):
    request = models.OneToOneField(InfoRequest, on_delete=models.PROTECT, related_name="objection")
    number = models.CharField(_("nomor register keberatan"), max_length=40, unique=True)
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    reasons = ArrayField(models.CharField(max_length=1, choices=ObjectionReason.choices), verbose_name=_("alasan"))
    description = models.TextField(_("uraian keberatan"))
    filed_at = models.DateTimeField()
    filed_date = models.DateField(_("tanggal diajukan"))
    due_date = models.DateField(_("batas tanggapan Atasan PPID"), db_index=True)
    status = models.CharField(max_length=20, choices=ObjectionStatus.choices, default=ObjectionStatus.FILED)
    decision = models.CharField(_("putusan"), max_length=20, choices=ObjectionDecision.choices, blank=True)
    decision_text = models.TextField(_("pertimbangan dan tanggapan"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_date = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dispute_filed_date = models.DateField(_("tanggal diajukan ke Komisi Informasi"), null=True, blank=True)
    dispute_outcome = models.CharField(_("hasil sengketa"), max_length=20, choices=DisputeOutcome.choices, blank=True)
    dispute_note = models.TextField(_("catatan sengketa"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        ordering = ["-filed_at", "-id"]
        verbose_name = _("keberatan")
        verbose_name_plural = _("keberatan")
        permissions = [("decide_objection", _("Dapat memutus keberatan"))]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="ppid_objection_number_unique"),
            models.CheckConstraint(condition=~Q(reasons=[]), name="ppid_objection_has_reason"),
        ]

    def __str__(self) -> str:
        return self.number


class Reminder(models.Model):
    """One reminder sent; the unique constraints make the daily job idempotent."""

    class Kind(models.TextChoices):
        THREE_DAYS = "d3", _("3 hari kerja sebelum batas waktu")
        ONE_DAY = "d1", _("1 hari kerja sebelum batas waktu")
        OVERDUE = "overdue", _("Melewati batas waktu")

    request = models.ForeignKey(InfoRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    objection = models.ForeignKey(Objection, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    deadline = models.DateField()
    recipient = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["request", "kind", "deadline"],
                condition=Q(request__isnull=False),
                name="ppid_reminder_request_once",
            ),
            models.UniqueConstraint(
                fields=["objection", "kind", "deadline"],
                condition=Q(objection__isnull=False),
                name="ppid_reminder_objection_once",
            ),
            models.CheckConstraint(
                condition=Q(request__isnull=False, objection__isnull=True)
                | Q(request__isnull=True, objection__isnull=False),
                name="ppid_reminder_one_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.deadline}"


class RequesterEmail(models.Model):
    """Outbox row for mail to a requester: the task sends it from here; the sweep re-queues."""

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="emails")
    to = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["sent_at"], condition=Q(sent_at__isnull=True), name="ppid_email_pending")]

    def __str__(self) -> str:
        return self.subject


class DipCategory(models.TextChoices):
    PERIODIC = "berkala", _("Informasi berkala")
    IMMEDIATE = "serta_merta", _("Informasi serta merta")
    ON_REQUEST = "setiap_saat", _("Informasi tersedia setiap saat")
    EXEMPT = "dikecualikan", _("Informasi dikecualikan")


class DipItemQuerySet(models.QuerySet["DipItem"]):
    def public(self) -> DipItemQuerySet:
        return self.filter(is_published=True)


class DipItem(models.Model):
    """One row of the Daftar Informasi Publik."""

    number = models.CharField(_("nomor"), max_length=30, unique=True)
    summary = models.TextField(_("ringkasan isi informasi"))
    category = models.CharField(_("kategori"), max_length=20, choices=DipCategory.choices)
    unit = models.ForeignKey(Unit, verbose_name=_("unit penguasa informasi"), on_delete=models.PROTECT)
    responsible_official = models.CharField(_("pejabat penanggung jawab"), max_length=200)
    created_when = models.CharField(_("waktu pembuatan"), max_length=100)
    created_where = models.CharField(_("tempat pembuatan"), max_length=200)
    formats = models.CharField(_("bentuk informasi tersedia"), max_length=100, help_text=_("mis. cetak, PDF"))
    retention_period = models.CharField(_("jangka waktu penyimpanan"), max_length=100)
    exempt_ground = models.CharField(_("dasar pengecualian"), max_length=1, choices=ExemptGround.choices, blank=True)
    consequence_test = models.TextField(_("uji konsekuensi"), blank=True)
    is_published = models.BooleanField(_("tampilkan di DIP publik"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DipItemQuerySet.as_manager()

    class Meta:
        ordering = ["category", "number"]
        verbose_name = _("item DIP")
        verbose_name_plural = _("daftar informasi publik")
        constraints = [
            models.CheckConstraint(
                condition=~Q(category="dikecualikan") | (~Q(exempt_ground="") & ~Q(consequence_test="")),
                name="ppid_exempt_item_has_ground",
            ),
            models.CheckConstraint(
                condition=Q(category="dikecualikan") | Q(exempt_ground=""), name="ppid_ground_only_when_exempt"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.summary[:60]}"

    @property
    def is_exempt(self) -> bool:
        return self.category == DipCategory.EXEMPT


class DipDocument(models.Model):
    """A public document of a public (non-exempt) DIP item."""

    item = models.ForeignKey(DipItem, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("judul"), max_length=200)
    file = models.FileField(_("berkas"), upload_to="ppid/dip/%Y/")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class ServiceInfo(models.Model):
    """The public service statement: one row (pk=1)."""

    maklumat = models.TextField(_("maklumat pelayanan"))
    hours = models.TextField(_("jam layanan"))
    costs = models.TextField(_("biaya layanan"))
    request_procedure = models.TextField(_("prosedur permohonan informasi"))
    objection_procedure = models.TextField(_("prosedur pengajuan keberatan"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("informasi layanan")
        verbose_name_plural = _("informasi layanan")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class ServiceReportText(models.Model):
    """The narrative sections of one periodic report (quarter 0 = the whole year)."""

    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField(default=0)
    policy = models.TextField(_("kebijakan layanan"), blank=True)
    service_run = models.TextField(_("pelaksanaan layanan"), blank=True)
    obstacles = models.TextField(_("kendala"), blank=True)
    recommendations = models.TextField(_("rekomendasi dan rencana tindak lanjut"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["year", "quarter"], name="ppid_report_text_unique"),
            models.CheckConstraint(condition=Q(quarter__lte=4), name="ppid_report_quarter_range"),
        ]

    def __str__(self) -> str:
        return f"{self.year}/{self.quarter}"
