"""Demo data for the newsroom: published releases from several units with photos and
attachments, plus one release in every other workflow state. Idempotent (keyed by slug)."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from humas.models import Unit, User
from releases import services
from releases.channels import demo as channels_demo
from releases.models import Category, MediaContact, Release, Tag

CATEGORIES = [
    "Pemerintahan",
    "Kesehatan",
    "Pendidikan",
    "Infrastruktur",
    "Pariwisata",
    "Kebencanaan",
    "Pelayanan Publik",
]

# slug, unit, category, tags, title, lead, body paragraphs, photo caption, colour
PUBLISHED = [
    (
        "posyandu-serentak-se-kota-harapan-jaya",
        "Dinkes",
        "Kesehatan",
        ["posyandu", "gizi"],
        "Posyandu Serentak Digelar di 312 Titik se-Kota Harapan Jaya",
        "Dinas Kesehatan menggelar posyandu serentak untuk memantau tumbuh kembang lebih dari 24.000 balita.",
        [
            "Kegiatan berlangsung di seluruh kelurahan dan melibatkan 1.500 kader posyandu.",
            "Kepala Dinas Kesehatan mengajak orang tua membawa Kartu Menuju Sehat setiap bulan.",
        ],
        "Kader posyandu menimbang balita di Kelurahan Sukamaju",
        "#2e7d5b",
    ),
    (
        "jembatan-cikapundung-resmi-dibuka",
        "DPUPR",
        "Infrastruktur",
        ["jembatan", "infrastruktur"],
        "Jembatan Cikapundung Resmi Dibuka untuk Umum",
        "Wali Kota meresmikan jembatan penghubung dua kecamatan yang memangkas waktu tempuh warga hingga 20 menit.",
        [
            "Pembangunan jembatan sepanjang 120 meter ini dikerjakan selama sepuluh bulan.",
            "Jembatan dilengkapi jalur pejalan kaki dan penerangan jalan tenaga surya.",
        ],
        "Warga melintasi Jembatan Cikapundung pada hari peresmian",
        "#35608f",
    ),
    (
        "penerimaan-peserta-didik-baru-daring",
        "Disdik",
        "Pendidikan",
        ["ppdb", "sekolah"],
        "Penerimaan Peserta Didik Baru Tahun Ajaran 2027 Dibuka Secara Daring",
        "Pendaftaran jenjang SD dan SMP dibuka mulai 1 Juni melalui laman resmi Dinas Pendidikan.",
        [
            "Orang tua cukup menyiapkan Kartu Keluarga dan akta kelahiran dalam bentuk digital.",
            "Posko bantuan tersedia di setiap kantor kecamatan bagi warga yang kesulitan mendaftar.",
        ],
        "Petugas membantu orang tua mendaftar di posko kecamatan",
        "#8a5a2b",
    ),
    (
        "festival-budaya-harapan-jaya-2026",
        "Disparbud",
        "Pariwisata",
        ["festival", "budaya"],
        "Festival Budaya Harapan Jaya 2026 Hadirkan 40 Sanggar Seni",
        "Festival tahunan di Alun-Alun Kota menampilkan tari, musik tradisional, dan kuliner khas daerah.",
        [
            "Festival terbuka untuk umum tanpa biaya selama tiga hari.",
            "Pemerintah kota menargetkan 50.000 pengunjung dan perputaran ekonomi bagi pelaku UMKM.",
        ],
        "Penari membawakan tari tradisional pada pembukaan festival",
        "#a83b5c",
    ),
    (
        "siaga-banjir-musim-hujan",
        "BPBD",
        "Kebencanaan",
        ["banjir", "siaga"],
        "BPBD Tetapkan Status Siaga Banjir Menghadapi Puncak Musim Hujan",
        "Warga di bantaran sungai diimbau waspada dan mengikuti informasi resmi dari BPBD.",
        [
            "BPBD menyiagakan 12 perahu karet dan 200 personel di posko-posko rawan banjir.",
            "Laporan kejadian dapat disampaikan melalui nomor darurat 112 yang aktif 24 jam.",
        ],
        "Personel BPBD memeriksa perahu karet di posko siaga",
        "#3d6b7d",
    ),
    (
        "mal-pelayanan-publik-buka-sabtu",
        "Humas Setda",
        "Pelayanan Publik",
        ["pelayanan"],
        "Mal Pelayanan Publik Kini Buka Setiap Sabtu",
        "Warga dapat mengurus 180 jenis layanan perizinan dan kependudukan pada hari Sabtu pukul 08.00–12.00.",
        [
            "Perpanjangan jam layanan menjawab masukan warga yang bekerja pada hari kerja.",
            "Antrean dapat diambil lebih dahulu melalui aplikasi layanan kota.",
        ],
        "Suasana antrean di Mal Pelayanan Publik",
        "#5b4a8a",
    ),
    (
        "vaksinasi-hpv-pelajar-sd",
        "Dinkes",
        "Kesehatan",
        ["imunisasi", "sekolah"],
        "Vaksinasi HPV Gratis bagi Pelajar Kelas 5 dan 6 SD",
        "Program imunisasi HPV menyasar 9.800 pelajar perempuan untuk mencegah kanker serviks.",
        [
            "Vaksinasi dilakukan di sekolah oleh petugas puskesmas setempat.",
            "Orang tua akan menerima surat pemberitahuan melalui sekolah.",
        ],
        "Petugas puskesmas memberikan vaksin kepada pelajar",
        "#2f7a7a",
    ),
    (
        "perbaikan-jalan-protokol-tahap-dua",
        "DPUPR",
        "Infrastruktur",
        ["jalan"],
        "Perbaikan Jalan Protokol Tahap Dua Dimulai Pekan Depan",
        "Pengerjaan ruas Jalan Merdeka hingga Jalan Asia Afrika dilakukan malam hari untuk mengurangi kemacetan.",
        [
            "Dinas Perhubungan menyiapkan rekayasa lalu lintas dan petugas di titik-titik simpang.",
            "Pekerjaan ditargetkan selesai dalam 45 hari kalender.",
        ],
        "Alat berat memperbaiki permukaan jalan protokol",
        "#6b6b6b",
    ),
    (
        "musrenbang-kota-2027",
        "Bappeda",
        "Pemerintahan",
        ["musrenbang", "perencanaan"],
        "Musrenbang Kota 2027 Tetapkan Lima Prioritas Pembangunan",
        "Forum perencanaan menyepakati prioritas pendidikan, kesehatan, air bersih, transportasi, dan UMKM.",
        [
            "Sebanyak 1.240 usulan warga dari tingkat kelurahan dibahas dalam forum ini.",
            "Hasil musrenbang menjadi dasar penyusunan Rencana Kerja Pemerintah Daerah 2027.",
        ],
        "Peserta Musrenbang berdiskusi di aula Bappeda",
        "#7a5c2e",
    ),
    (
        "uji-coba-bus-listrik-koridor-satu",
        "Dishub",
        "Infrastruktur",
        ["transportasi"],
        "Uji Coba Bus Listrik Koridor Satu Gratis selama Satu Bulan",
        "Bus listrik melayani rute Terminal Kota–Stasiun Harapan Jaya setiap 15 menit.",
        [
            "Selama uji coba, penumpang tidak dipungut biaya.",
            "Dinas Perhubungan akan mengevaluasi jumlah penumpang dan ketepatan waktu.",
        ],
        "Bus listrik berhenti di halte Stasiun Harapan Jaya",
        "#2c6e49",
    ),
    (
        "layanan-ppid-daring-24-jam",
        "Diskominfo",
        "Pelayanan Publik",
        ["ppid", "keterbukaan"],
        "Permohonan Informasi Publik Kini Dapat Diajukan Daring 24 Jam",
        "PPID Kota membuka kanal daring agar warga dapat mengajukan dan memantau permohonan informasi kapan saja.",
        [
            "Setiap permohonan dijawab paling lambat sepuluh hari kerja sesuai UU Keterbukaan Informasi Publik.",
            "Warga juga dapat mengajukan keberatan melalui kanal yang sama.",
        ],
        "Petugas PPID melayani warga di meja layanan informasi",
        "#4a6fa5",
    ),
    (
        "rsud-buka-poli-geriatri",
        "RSUD",
        "Kesehatan",
        ["rumah sakit", "lansia"],
        "RSUD Harapan Jaya Buka Poli Geriatri untuk Warga Lanjut Usia",
        "Poli baru melayani pemeriksaan terpadu bagi warga berusia 60 tahun ke atas tanpa antre panjang.",
        [
            "Layanan tersedia setiap hari kerja dan dapat menggunakan BPJS Kesehatan.",
            "RSUD menyiapkan pendamping bagi lansia yang datang tanpa keluarga.",
        ],
        "Dokter memeriksa pasien lanjut usia di Poli Geriatri",
        "#8a3b3b",
    ),
]

# slug, target state, title, lead
WORKFLOW = [
    (
        "draf-lomba-kampung-bersih",
        "draft",
        "Lomba Kampung Bersih Tingkat Kota Dibuka",
        "Seluruh RW dapat mendaftar lomba kebersihan lingkungan hingga akhir bulan.",
    ),
    (
        "telaah-pelatihan-umkm-digital",
        "in_review",
        "Pelatihan Pemasaran Digital bagi 500 Pelaku UMKM",
        "Pelatihan gratis diselenggarakan bersama perguruan tinggi di kota.",
    ),
    (
        "perbaikan-pasar-rakyat-baru",
        "changes_requested",
        "Revitalisasi Pasar Rakyat Sukamaju Rampung",
        "Pasar kini memiliki los yang lebih tertata dan sistem drainase baru.",
    ),
    (
        "disetujui-hari-jadi-kota",
        "approved",
        "Rangkaian Hari Jadi Kota ke-215 Dimulai",
        "Peringatan hari jadi diisi kirab budaya, lomba, dan pelayanan kesehatan gratis.",
    ),
    (
        "terjadwal-car-free-day",
        "scheduled",
        "Car Free Day Kembali Digelar di Jalan Merdeka",
        "Kawasan bebas kendaraan berlaku setiap Minggu pukul 06.00–10.00.",
    ),
    (
        "embargo-apbd-perubahan",
        "embargoed",
        "APBD Perubahan 2026 Disahkan dalam Rapat Paripurna",
        "Belanja daerah naik 4,2 persen dengan tambahan anggaran untuk pendidikan dan kesehatan.",
    ),
    (
        "ditarik-tarif-parkir",
        "withdrawn",
        "Penyesuaian Tarif Parkir Tepi Jalan",
        "Tarif parkir tepi jalan disesuaikan mulai bulan depan.",
    ),
]


def _photo(color: str, label: str) -> SimpleUploadedFile:
    image = Image.new("RGB", (2400, 1600), color)
    draw = ImageDraw.Draw(image)
    for step in range(0, 1600, 80):
        draw.line([(0, step), (2400, step + 400)], fill="white", width=3)
    draw.rectangle([(120, 1280), (2280, 1500)], fill="black")
    draw.text((160, 1340), label[:80], fill="white", font_size=64)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return SimpleUploadedFile("foto-demo.jpg", buffer.getvalue(), content_type="image/jpeg")


def _pdf(text: str) -> SimpleUploadedFile:
    body = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode("latin-1", "replace")
    content = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
        b"4 0 obj<</Length " + str(len(body)).encode() + b">>stream\n" + body + b"\nendstream endobj\n"
        b"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )
    return SimpleUploadedFile("lampiran.pdf", content, content_type="application/pdf")


def _draft(slug: str, *, author: User, unit: Unit, title: str, lead: str, body: str, **extra: object) -> Release:
    release = services.release_create_draft(author=author, unit=unit, title=title, lead=lead, body=body, **extra)  # type: ignore[arg-type]
    Release.objects.filter(pk=release.pk).update(slug=slug)
    release.slug = slug
    return release


def _to_state(release: Release, state: str, *, writer: User, editor: User) -> None:
    if state == "draft":
        return
    services.release_submit(release_id=release.pk, actor=writer)
    if state == "in_review":
        return
    if state == "changes_requested":
        services.release_request_changes(
            release_id=release.pk, actor=editor, comment="Mohon tambahkan kutipan Kepala Dinas dan data jumlah los."
        )
        return
    services.release_approve(release_id=release.pk, actor=editor)
    if state == "approved":
        return
    services.release_publish(release_id=release.pk, actor=editor)
    if state == "withdrawn":
        services.release_withdraw(
            release_id=release.pk, actor=editor, reason="Tarif belum ditetapkan dalam peraturan wali kota."
        )


def seed(*, out: Callable[[str], None]) -> None:
    writer, editor = User.objects.get(username="penulis"), User.objects.get(username="redaktur")
    categories = {}
    for name in CATEGORIES:
        categories[name], _created = Category.objects.get_or_create(
            slug=name.lower().replace(" ", "-"), defaults={"name": name}
        )
    now = timezone.now()
    created = 0
    for index, (slug, unit, category, tags, title, lead, paragraphs, caption, color) in enumerate(PUBLISHED):
        if Release.objects.filter(slug=slug).exists():
            continue
        created += 1
        tag_objects = [Tag.objects.get_or_create(slug=t.replace(" ", "-"), defaults={"name": t})[0] for t in tags]
        body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
        release = _draft(
            slug,
            author=writer,
            unit=Unit.objects.get(short_name=unit),
            title=title,
            lead=lead,
            body=body,
            dateline_place="Harapan Jaya",
            category=categories[category],
            tags=tag_objects,
        )
        services.release_image_add(
            release_id=release.pk,
            actor=writer,
            file=_photo(color, caption),
            caption=caption,
            credit="Humas Setda Kota Harapan Jaya",
            alt_text=caption,
            is_lead=True,
        )
        if index % 3 == 0:
            services.release_attachment_add(
                release_id=release.pk, actor=writer, file=_pdf(title), title=f"Data pendukung: {title}"
            )
        MediaContact.objects.create(
            release=release,
            name="Siti Rahmawati",
            role="Pranata Humas Ahli Muda",
            phone="(022) 1234567",
            email="humas@harapanjaya.go.id",
        )
        _to_state(release, "published", writer=writer, editor=editor)
        when = now - timedelta(days=index * 2 + 1, hours=index)
        Release.objects.filter(pk=release.pk).update(publish_at=when, went_public_at=when, approved_at=when)
    for slug, state, title, lead in WORKFLOW:
        if Release.objects.filter(slug=slug).exists():
            continue
        created += 1
        extra: dict[str, object] = {}
        if state == "scheduled":
            extra["publish_at"] = now + timedelta(days=2)
        if state == "embargoed":
            extra["embargo_until"] = now + timedelta(hours=20)
        release = _draft(
            slug,
            author=writer,
            unit=Unit.objects.get(short_name="Humas Setda"),
            title=title,
            lead=lead,
            body=f"<p>{lead}</p><p>Keterangan lengkap menyusul.</p>",
            dateline_place="Harapan Jaya",
            category=categories["Pemerintahan"],
            **extra,
        )
        _to_state(release, "published" if state in {"scheduled", "embargoed"} else state, writer=writer, editor=editor)
    out(f"Siaran pers: {Release.objects.count()} (baru {created})")
    channels_demo.seed(out=out)
