"""Demo data for PPID: DIP items in every category, the service page, and requests in every
state (due soon, overdue, extended, refused with an objection, ...) from fictitious
requesters with generated identity scans. Idempotent: each request is keyed by its text."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from humas.models import Unit, User
from humas.workdays import WorkingCalendar
from ppid import services
from ppid.models import DipCategory, DipDocument, DipItem, InfoRequest, Objection, ServiceInfo, Status

# number, category, unit, summary, official, when, formats, retention, exempt ground, consequence test
DIP_ITEMS = [
    (
        "B-001",
        DipCategory.PERIODIC,
        "Bappeda",
        "Rencana Kerja Pemerintah Daerah (RKPD) Tahun 2026",
        "Kepala Bappeda",
        "2025",
        "PDF, cetak",
        "Permanen",
        "",
        "",
    ),
    (
        "B-002",
        DipCategory.PERIODIC,
        "Humas Setda",
        "Laporan Keuangan Pemerintah Daerah Tahun 2025 (audited)",
        "Sekretaris Daerah",
        "2026",
        "PDF",
        "10 tahun",
        "",
        "",
    ),
    (
        "B-003",
        DipCategory.PERIODIC,
        "Diskominfo",
        "Laporan layanan informasi publik Tahun 2025",
        "PPID Utama",
        "Maret 2026",
        "PDF",
        "5 tahun",
        "",
        "",
    ),
    (
        "S-001",
        DipCategory.IMMEDIATE,
        "BPBD",
        "Peta dan informasi peringatan dini banjir musim hujan",
        "Kepala Pelaksana BPBD",
        "2026",
        "PDF, laman",
        "1 tahun",
        "",
        "",
    ),
    (
        "S-002",
        DipCategory.IMMEDIATE,
        "Dinkes",
        "Informasi kejadian luar biasa demam berdarah dan langkah pencegahan",
        "Kepala Dinas Kesehatan",
        "2026",
        "PDF, laman",
        "2 tahun",
        "",
        "",
    ),
    (
        "T-001",
        DipCategory.ON_REQUEST,
        "DPUPR",
        "Daftar paket pekerjaan konstruksi dan kontraknya",
        "Kepala DPUPR",
        "2026",
        "cetak, salinan elektronik",
        "10 tahun",
        "",
        "",
    ),
    (
        "T-002",
        DipCategory.ON_REQUEST,
        "Disdik",
        "Data sekolah, jumlah guru dan peserta didik per kecamatan",
        "Kepala Dinas Pendidikan",
        "2026",
        "XLSX, cetak",
        "5 tahun",
        "",
        "",
    ),
    (
        "K-001",
        DipCategory.EXEMPT,
        "RSUD",
        "Rekam medis pasien",
        "Direktur RSUD",
        "berkelanjutan",
        "cetak",
        "25 tahun",
        "h",
        "Membuka rekam medis mengungkap rahasia pribadi pasien (Pasal 17 huruf h); kerugian bagi pasien jauh "
        "lebih besar daripada manfaat bagi publik, sehingga informasi ditutup.",
    ),
    (
        "K-002",
        DipCategory.EXEMPT,
        "Humas Setda",
        "Berkas pemeriksaan pegawai yang sedang berjalan",
        "Inspektur Daerah",
        "2026",
        "cetak",
        "selama pemeriksaan",
        "a",
        "Membuka berkas pemeriksaan yang berjalan dapat menghambat proses penegakan hukum (Pasal 17 huruf a); "
        "informasi dibuka setelah pemeriksaan selesai.",
    ),
]

SERVICE_INFO = {
    "maklumat": "Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan informasi publik sesuai standar "
    "pelayanan yang telah ditetapkan, dan apabila tidak menepati janji ini kami siap menerima sanksi sesuai "
    "peraturan perundang-undangan yang berlaku.",
    "hours": "Senin–Kamis 08.00–15.00 WIB, Jumat 08.00–11.30 WIB. Permohonan daring diterima setiap saat; "
    "yang masuk di luar jam layanan dihitung sejak tanggal diterima.",
    "costs": "Layanan informasi tidak dipungut biaya. Biaya penggandaan salinan cetak, bila ada, "
    "disampaikan sebelum salinan dibuat.",
    "request_procedure": "1. Isi formulir permohonan dan lampirkan identitas.\n2. Terima tanda bukti dan tautan "
    "pelacakan.\n3. PPID menjawab paling lambat 10 hari kerja (dapat diperpanjang 7 hari kerja dengan "
    "pemberitahuan tertulis).",
    "objection_procedure": "Keberatan diajukan kepada Atasan PPID paling lambat 30 hari kerja setelah alasannya "
    "timbul, melalui halaman pelacakan. Atasan PPID menanggapi paling lambat 30 hari kerja; bila tidak puas, "
    "pemohon dapat mengajukan sengketa ke Komisi Informasi dalam 14 hari kerja.",
}

# key (information text), name, NIK (fictitious, plausible), working days ago, what happens next
REQUESTS = [
    ("Daftar penerima bantuan sosial pangan per kelurahan 2026", "Rahmat Hidayat", "3273011203850007", 0, "received"),
    ("Jadwal dan lokasi perbaikan jalan lingkungan triwulan ini", "Nur Aisyah", "3273016504920003", 3, "in_process"),
    ("Salinan kontrak pengadaan lampu penerangan jalan", "Bagus Prakoso", "3273012011880004", 8, "due_soon"),
    ("Rincian realisasi dana kelurahan Sukamaju", "Wulan Sari", "3273015106950002", 15, "overdue"),
    ("Data kualitas air sungai per titik pantau", "Taufik Ismail", "3273010909800005", 9, "extended"),
    ("Salinan RKPD 2026 beserta lampirannya", "Maya Puspita", "3273014407930001", 6, "granted"),
    ("Hasil uji petik kepuasan layanan RSUD", "Dimas Anggara", "3273012502900006", 7, "partly"),
    ("Rekam medis almarhum ayah saya di RSUD", "Lestari Handayani", "3273015512870008", 5, "refused_objection"),
    ("Notulen rapat anggaran tahun 2019", "Joko Susilo", "3273010103780009", 12, "not_held"),
    ("Daftar sekolah penerima rehabilitasi ruang kelas", "Fitri Ramadhani", "3273016801990001", 20, "closed"),
]


def _pdf(text: str) -> bytes:
    body = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode("latin-1", "replace")
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
        b"4 0 obj<</Length " + str(len(body)).encode() + b">>stream\n" + body + b"\nendstream endobj\n"
        b"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def identity_scan(name: str, nik: str) -> SimpleUploadedFile:
    """A made-up ID card image, clearly marked as a demo specimen."""
    image = Image.new("RGB", (856, 540), "#9ec5e8")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 856, 70), fill="#1f4e79")
    draw.text((24, 24), "KARTU TANDA PENDUDUK - CONTOH FIKTIF (DATA DEMO)", fill="white")
    for line, (label, value) in enumerate([("NIK", nik), ("Nama", name), ("Kota", "HARAPAN JAYA")]):
        draw.text((40, 120 + 50 * line), f"{label:<6}: {value}", fill="#111111")
    draw.rectangle((620, 110, 810, 360), outline="#1f4e79", width=4)
    draw.text((660, 225), "FOTO", fill="#1f4e79")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return SimpleUploadedFile("ktp-contoh.jpg", buffer.getvalue(), content_type="image/jpeg")


def working_days_ago(today: date, n: int) -> date:
    calendar = WorkingCalendar(today - timedelta(days=n * 3 + 30), today)
    day, counted = today, 0
    while counted < n:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    return day


def _seed_dip(officer: User) -> None:
    for number, category, unit, summary, official, when, formats, keep, ground, test in DIP_ITEMS:
        item, created = DipItem.objects.get_or_create(
            number=number,
            defaults={
                "category": category,
                "unit": Unit.objects.get(short_name=unit),
                "summary": summary,
                "responsible_official": official,
                "created_when": when,
                "created_where": "Harapan Jaya",
                "formats": formats,
                "retention_period": keep,
                "exempt_ground": ground,
                "consequence_test": test,
            },
        )
        if created and not item.is_exempt and category != DipCategory.ON_REQUEST:
            upload = SimpleUploadedFile(f"{number.lower()}.pdf", _pdf(summary), "application/pdf")
            services.dip_document_add(item_id=item.pk, actor=officer, title=summary[:200], upload=upload)
    ServiceInfo.objects.get_or_create(pk=1, defaults=SERVICE_INFO)


def _answer(request: InfoRequest, officer: User, decision: str, text: str, **extra: object) -> None:
    answer = services.AnswerData(decision=decision, answer=text, **extra)  # type: ignore[arg-type]
    services.request_transition(request_id=request.pk, to=Status.ANSWERED, actor=officer, answer=answer)


def _seed_request(key: str, name: str, nik: str, days_ago: int, plan: str, officer: User) -> None:
    if InfoRequest.objects.filter(information=key).exists():
        return
    today = timezone.localdate()
    received = working_days_ago(today, days_ago)
    received_at = timezone.make_aware(datetime.combine(received, time(9, 30)))
    data = services.RequesterData(
        requester_type="individual",
        name=name,
        nik=nik,
        address="Jl. Contoh No. 1, Kota Harapan Jaya (alamat fiktif)",
        phone="0812" + nik[-8:],
        email=f"{name.lower().replace(' ', '.')}@contoh.example",
        occupation="Warga",
        information=key,
        purpose="Data demo: pemantauan layanan publik",
        obtain_method="soft_copy",
        delivery_method="email",
    )
    request = services.request_submit(
        data=data, identity_document=identity_scan(name, nik), received_at=received_at
    ).request
    services.request_assign(request_id=request.pk, actor=officer, officer=officer, unit_id=None)
    if plan == "received":
        return
    services.request_transition(request_id=request.pk, to=Status.IN_PROCESS, actor=officer)
    if plan == "extended":
        services.request_transition(
            request_id=request.pk,
            to=Status.EXTENDED,
            actor=officer,
            extension_reason="Data masih dihimpun dari tiga OPD; kami memerlukan tambahan waktu.",
        )
    elif plan in ("granted", "closed"):
        _answer(request, officer, "granted", "Informasi yang Anda minta kami kirimkan terlampir.")
        if plan == "closed":
            services.request_transition(request_id=request.pk, to=Status.CLOSED, actor=officer)
    elif plan == "partly":
        _answer(request, officer, "partly_granted", "Sebagian data tidak kami kuasai; yang ada terlampir.")
    elif plan == "not_held":
        _answer(request, officer, "refused", "Notulen tersebut tidak didokumentasikan.", refusal_basis="not_held")
    elif plan == "refused_objection":
        item = DipItem.objects.get(number="K-001")
        _answer(
            request,
            officer,
            "refused",
            "Rekam medis termasuk informasi yang dikecualikan.",
            refusal_basis="exempt",
            dip_item=item,
        )
        services.objection_file(
            request_id=request.pk,
            reasons=["a"],
            description="Saya ahli waris pasien; mohon rekam medis dibuka untuk saya.",
        )


def seed(*, out: Callable[[str], None]) -> None:
    officer = User.objects.get(username="ppid")
    _seed_dip(officer)
    for key, name, nik, days_ago, plan in REQUESTS:
        _seed_request(key, name, nik, days_ago, plan, officer)
    out(
        f"PPID: {DipItem.objects.count()} item DIP ({DipDocument.objects.count()} dokumen), "
        f"{InfoRequest.objects.count()} permohonan, {Objection.objects.count()} keberatan"
    )
