"""Registers (page, CSV, XLSX), the periodic report (page, PDF, XLSX) and the performance page,
on a varied 2026 data set whose working days are known (tests/factories/ppid.py:varied_year)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from statistics import mean
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from humas.roles import Role
from tests.factories.ppid import jakarta, varied_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(client: Client, login_as) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    data = varied_year()
    login_as(Role.PPID_OFFICER)
    return data


def csv_rows(response: Any) -> list[dict[str, str]]:
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel opens UTF-8 with the BOM
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def xlsx_sheets(response: Any) -> dict[str, list[tuple[Any, ...]]]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def register(client: Client, kind: str, fmt: str, **period: Any) -> Any:
    params = {"register": kind, "tahun": 2026, "triwulan": 0, "format": fmt} | period
    return client.get(reverse("ppid:registers"), params)


def test_request_register_csv_lists_the_year_in_order_with_masked_personal_data(client: Client, year) -> None:  # type: ignore[no-untyped-def]
    rows = csv_rows(register(client, "permohonan", "csv"))
    assert [row["Nama pemohon"] for row in rows] == ["Andi", "Bunga", "Citra", "Dedi", "Eka", "Fajar", "Gita", "Hadi"]
    assert [row["No. register"] for row in rows][:2] == ["001/PPID/I/2026", "002/PPID/I/2026"]
    by_name = {row["Nama pemohon"]: row for row in rows}
    assert by_name["Bunga"]["Hari kerja"] == "9" and by_name["Bunga"]["Putusan"] == "Dikabulkan sebagian"
    assert by_name["Eka"]["Diperpanjang"] == "Ya" and by_name["Eka"]["Batas waktu"] == "2026-04-27"
    assert by_name["Eka"]["Hari kerja"] == "19"
    assert by_name["Dedi"]["Alasan penolakan"] == (
        "Informasi dikecualikan (Pasal 17 UU 14/2008); Pasal 17 huruf h: mengungkap rahasia pribadi"
    )
    assert by_name["Gita"]["Status"] == "Diterima" and by_name["Gita"]["Tanggal pemberitahuan tertulis"] == ""
    assert by_name["Fajar"]["Biaya (Rp)"] == "5000"
    assert all(row["NIK / pengesahan"] == "3273********0002" for row in rows)
    assert all(row["Telepon"] == "0812*****890" for row in rows)


def test_objection_register_xlsx_matches_its_csv(client: Client, year) -> None:  # type: ignore[no-untyped-def]
    rows = csv_rows(register(client, "keberatan", "csv"))
    sheets = xlsx_sheets(register(client, "keberatan", "xlsx"))
    (sheet,) = sheets.values()
    header, *body = sheet
    assert list(header) == list(rows[0].keys())
    assert [row[0] for row in body] == [row["No. register keberatan"] for row in rows]
    assert [row["Nama pemohon"] for row in rows] == ["Pemohon Lama", "Citra", "Dedi", "Fajar"]
    dedi = rows[2]
    assert (dedi["Alasan (Pasal 35 ayat 1)"], dedi["Putusan Atasan PPID"]) == ("a, e", "Keberatan ditolak")
    assert (dedi["Tanggal sengketa"], dedi["Hasil sengketa"]) == ("2026-03-02", "Selesai dengan mediasi")
    assert rows[3]["Status"] == "Diajukan" and rows[3]["Putusan Atasan PPID"] == ""


def test_register_page_and_quarter_filter(client: Client, year) -> None:  # type: ignore[no-untyped-def]
    page = client.get(reverse("ppid:registers"), {"tahun": 2026, "triwulan": 1})
    assert page.status_code == 200
    assert [row[3] for row in page.context["table"]] == ["Andi", "Bunga", "Citra", "Dedi"]
    body = page.content.decode()
    assert "3273015708900002" not in body and "081234567890" not in body
    q3 = csv_rows(register(client, "permohonan", "csv", triwulan=3))
    assert [row["Nama pemohon"] for row in q3] == ["Gita", "Hadi"]
    xlsx = xlsx_sheets(register(client, "permohonan", "xlsx", triwulan=3))
    assert len(next(iter(xlsx.values()))) == 3  # header + two rows


def figures_from_registers(requests: list[dict[str, str]], objections: list[dict[str, str]]) -> dict[str, Any]:
    """What a reader of the two registers would count by hand."""
    today = timezone.localdate().isoformat()
    answered = [row for row in requests if row["Tanggal pemberitahuan tertulis"]]
    days = [int(row["Hari kerja"]) for row in answered]
    decisions = Counter(row["Putusan"] for row in requests)
    refusals = Counter(row["Alasan penolakan"] for row in requests if row["Putusan"] == "Ditolak")
    return {
        "Jumlah permohonan": len(requests),
        "Dikabulkan seluruhnya": decisions["Dikabulkan seluruhnya"],
        "Dikabulkan sebagian": decisions["Dikabulkan sebagian"],
        "Ditolak": decisions["Ditolak"],
        **{f"Ditolak: {reason.split('; ')[-1]}": n for reason, n in refusals.items()},
        "Belum dijawab": len(requests) - len(answered),
        "Diperpanjang": sum(row["Diperpanjang"] == "Ya" for row in requests),
        "Dijawab melewati batas waktu": sum(
            row["Tanggal pemberitahuan tertulis"] > row["Batas waktu"] for row in answered
        ),
        "Belum dijawab dan melewati batas waktu": sum(
            not row["Tanggal pemberitahuan tertulis"] and row["Batas waktu"] < today for row in requests
        ),
        "Rata-rata hari kerja menjawab": round(mean(days), 1),
        "Paling lama (hari kerja)": max(days),
        "Jumlah keberatan": len(objections),
        "Keberatan diterima": sum(row["Putusan Atasan PPID"] == "Keberatan diterima" for row in objections),
        "Keberatan ditolak": sum(row["Putusan Atasan PPID"] == "Keberatan ditolak" for row in objections),
        "Sengketa ke Komisi Informasi": sum(bool(row["Tanggal sengketa"]) for row in objections),
        **{
            f"Sengketa: {outcome}": n
            for outcome, n in Counter(row["Hasil sengketa"] for row in objections if row["Hasil sengketa"]).items()
        },
    }


@pytest.mark.parametrize("quarter", [0, 1, 2])
def test_report_figures_match_the_registers_exactly(client: Client, year, quarter: int) -> None:  # type: ignore[no-untyped-def]
    requests = csv_rows(register(client, "permohonan", "csv", triwulan=quarter))
    objections = csv_rows(register(client, "keberatan", "csv", triwulan=quarter))
    expected = figures_from_registers(requests, objections)
    params = {"tahun": 2026, "triwulan": quarter}
    page = client.get(reverse("ppid:report"), params)
    on_page = {str(label): value for label, value in page.context["summary"]}
    workbook = xlsx_sheets(client.get(reverse("ppid:report"), params | {"format": "xlsx"}))
    in_xlsx = {label: value for label, value in workbook["Ringkasan"][1:]}
    assert on_page == expected
    assert in_xlsx == expected
    # The XLSX carries both registers, row for row.
    assert [row[0] for row in workbook["Register permohonan"][1:]] == [row["No. register"] for row in requests]
    assert len(workbook["Register keberatan"]) == len(objections) + 1


def test_annual_report_figures_on_the_known_data_set(client: Client, year) -> None:  # type: ignore[no-untyped-def]
    page = client.get(reverse("ppid:report"), {"tahun": 2026})
    summary = {str(label): value for label, value in page.context["summary"]}
    assert summary == {
        "Jumlah permohonan": 8,
        "Dikabulkan seluruhnya": 4,
        "Dikabulkan sebagian": 1,
        "Ditolak": 2,
        "Ditolak: Informasi belum dikuasai atau belum didokumentasikan": 1,
        "Ditolak: Pasal 17 huruf h: mengungkap rahasia pribadi": 1,
        "Belum dijawab": 1,
        "Diperpanjang": 1,
        "Dijawab melewati batas waktu": 2,
        "Belum dijawab dan melewati batas waktu": 1,  # Gita's, due 20 July
        "Rata-rata hari kerja menjawab": round((2 + 9 + 2 + 9 + 19 + 12 + 1) / 7, 1),
        "Paling lama (hari kerja)": 19,
        "Jumlah keberatan": 4,  # filed in 2026, one against a 2025 request
        "Keberatan diterima": 1,
        "Keberatan ditolak": 2,
        "Sengketa ke Komisi Informasi": 1,
        "Sengketa: Selesai dengan mediasi": 1,
    }
    reasons = {code: n for code, _label, n in page.context["reason_rows"]}
    assert reasons == {"a": 1, "b": 0, "c": 0, "d": 1, "e": 2, "f": 1, "g": 1}
    body = page.content.decode()
    assert "<svg" in body and "1. Kebijakan layanan informasi publik" in body and "(belum diisi)" in body
    pdf = client.get(reverse("ppid:report"), {"tahun": 2026, "format": "pdf"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_staff_edit_the_report_narrative_shown_on_the_report(client: Client, year) -> None:  # type: ignore[no-untyped-def]
    url = reverse("ppid:report-text", args=[2026, 1])
    texts = {
        "policy": "SK PPID Nomor 12 Tahun 2026",
        "service_run": "Meja layanan dan daring",
        "obstacles": "Jaringan",
        "recommendations": "Tambah petugas",
    }
    assert client.post(url, texts).status_code == 302
    body = client.get(reverse("ppid:report"), {"tahun": 2026, "triwulan": 1}).content.decode()
    for text in texts.values():
        assert text in body
    assert "SK PPID Nomor 12" not in client.get(reverse("ppid:report"), {"tahun": 2026}).content.decode()


def test_public_performance_page_by_month(year) -> None:  # type: ignore[no-untyped-def]
    response = Client().get(reverse("ppid:performance"), {"tahun": 2026})
    assert response.status_code == 200
    months = {m["month"]: m for m in response.context["months"]}

    def row(month: int) -> tuple[Any, ...]:
        m = months[month]
        keys = ("total", "answered", "within_10_pct", "median_days", "p90_days", "extension_pct", "objection_pct")
        return tuple(m[k] for k in keys)

    assert row(1) == (2, 2, 100.0, 5.5, pytest.approx(8.3), 0.0, 0.0)  # 2 and 9 working days
    assert row(2) == (2, 2, 100.0, 5.5, pytest.approx(8.3), 0.0, 100.0)  # both refusals objected to
    assert row(3) == (0, 0, None, None, None, None, None)
    assert row(4) == (1, 1, 0.0, 19.0, 19.0, 100.0, 0.0)  # extended, answered in 19
    assert row(5) == (1, 1, 0.0, 12.0, 12.0, 0.0, 100.0)
    assert row(7) == (2, 1, 100.0, 1.0, 1.0, 0.0, 0.0)  # one still open
    body = response.content.decode()
    assert "Kinerja layanan informasi 2026" in body and "Andi" not in body
    old = Client().get(reverse("ppid:performance"), {"tahun": 2025}).context["months"]
    assert old[11]["total"] == 1 and old[11]["objection_pct"] == 100.0
    assert Client().get(reverse("ppid:performance"), {"tahun": "abc"}).status_code == 200


@pytest.mark.parametrize("extra", [0, 20])
def test_report_and_register_pages_use_the_same_queries_for_few_or_many_rows(  # type: ignore[no-untyped-def]
    extra: int, client: Client, year, django_assert_max_num_queries
) -> None:
    from tests.factories.ppid import submit

    for n in range(extra):
        submit(jakarta(2026, 6, 2 + n % 3))
    with django_assert_max_num_queries(8):
        assert client.get(reverse("ppid:report"), {"tahun": 2026}).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("ppid:registers"), {"tahun": 2026}).status_code == 200
    with time_machine.travel(jakarta(2026, 8, 3), tick=False), django_assert_max_num_queries(4):
        assert Client().get(reverse("ppid:performance")).status_code == 200


def test_performance_figures_are_cached_for_ten_minutes_and_odd_years_fall_back() -> None:
    from django.core.cache import cache

    from tests.factories.ppid import submit

    with time_machine.travel(jakarta(2026, 3, 2), tick=False):
        submit(jakarta(2026, 3, 2))
        assert Client().get(reverse("ppid:performance"), {"tahun": 2026}).context["months"][2]["total"] == 1
        submit(jakarta(2026, 3, 2))
        assert Client().get(reverse("ppid:performance"), {"tahun": 2026}).context["months"][2]["total"] == 1
        assert Client().get(reverse("ppid:performance"), {"tahun": 99999}).context["year"] == 2026
    cache.delete("ppid:performance:2026")  # what the ten-minute expiry does in Redis
    assert Client().get(reverse("ppid:performance"), {"tahun": 2026}).context["months"][2]["total"] == 2


def test_register_page_reads_one_page_of_rows_not_the_whole_year(client: Client, login_as) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories.ppid import submit

    login_as(Role.PPID_OFFICER)
    for _ in range(55):
        submit(jakarta(2026, 6, 2))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("ppid:registers"), {"tahun": 2026})
    assert len(page.context["table"]) == 50 and "Halaman 1 dari 2" in page.content.decode()
    reads = [q["sql"] for q in queries if 'FROM "ppid_inforequest"' in q["sql"] and "COUNT(" not in q["sql"]]
    assert reads and all("LIMIT 50" in sql for sql in reads), reads
