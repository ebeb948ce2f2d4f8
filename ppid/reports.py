"""Registers, the periodic service report and the performance figures.

The report's numbers are computed from the very querysets the registers list, so the two
always agree; each figure is one aggregate over them (a fixed number of queries).
"""

from __future__ import annotations

import csv
import io
from calendar import monthrange
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Aggregate, Avg, Count, F, FloatField, Max, Q, QuerySet
from django.db.models.functions import ExtractMonth
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from ppid.deadlines import ANSWER_DAYS
from ppid.models import (
    Decision,
    DisputeOutcome,
    ExemptGround,
    InfoRequest,
    Objection,
    ObjectionDecision,
    ObjectionReason,
    RefusalBasis,
)
from ppid.nik import mask_nik, mask_phone

QUARTERS = {0: (1, 12), 1: (1, 3), 2: (4, 6), 3: (7, 9), 4: (10, 12)}
MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int = 0

    @property
    def start(self) -> date:
        return date(self.year, QUARTERS[self.quarter][0], 1)

    @property
    def end(self) -> date:
        last_month = QUARTERS[self.quarter][1]
        return date(self.year, last_month, monthrange(self.year, last_month)[1])

    @property
    def label(self) -> str:
        return (
            str(self.year)
            if self.quarter == 0
            else f"Triwulan {['I', 'II', 'III', 'IV'][self.quarter - 1]} {self.year}"
        )


def request_register(period: Period) -> QuerySet[InfoRequest]:
    """Requests received in the period, in register order."""
    return (
        InfoRequest.objects.filter(received_date__range=(period.start, period.end))
        .select_related("assigned_unit")
        .order_by("year", "sequence")
    )


def objection_register(period: Period) -> QuerySet[Objection]:
    return (
        Objection.objects.filter(filed_date__range=(period.start, period.end))
        .select_related("request")
        .order_by("year", "sequence")
    )


REQUEST_COLUMNS = [
    _("No. register"),
    _("Tanggal permohonan"),
    _("Saluran"),
    _("Nama pemohon"),
    _("NIK / pengesahan"),
    _("Telepon"),
    _("Pekerjaan"),
    _("Rincian informasi"),
    _("Tujuan penggunaan"),
    _("Cara memperoleh"),
    _("Cara mendapatkan salinan"),
    _("Batas waktu"),
    _("Diperpanjang"),
    _("Status"),
    _("Putusan"),
    _("Alasan penolakan"),
    _("Tanggal pemberitahuan tertulis"),
    _("Hari kerja"),
    _("Biaya (Rp)"),
]


def request_row(r: InfoRequest) -> list[Any]:
    reason = r.get_refusal_basis_display()
    if r.exempt_ground:
        reason = f"{reason}; {r.get_exempt_ground_display()}"
    return [
        r.number,
        r.received_date,
        r.get_channel_display(),
        r.name,
        mask_nik(r.nik) if r.nik else r.entity_registration,
        mask_phone(r.phone),
        r.occupation,
        r.information,
        r.purpose,
        r.get_obtain_method_display(),
        r.get_delivery_method_display(),
        r.deadline,
        _("Ya") if r.extended_at else _("Tidak"),
        r.get_status_display(),
        r.get_decision_display(),
        reason,
        r.answered_date or "",
        "" if r.working_days_to_answer is None else r.working_days_to_answer,
        r.fee,
    ]


OBJECTION_COLUMNS = [
    _("No. register keberatan"),
    _("No. register permohonan"),
    _("Tanggal keberatan"),
    _("Nama pemohon"),
    _("Alasan (Pasal 35 ayat 1)"),
    _("Batas tanggapan"),
    _("Status"),
    _("Putusan Atasan PPID"),
    _("Tanggal tanggapan"),
    _("Tanggal sengketa"),
    _("Hasil sengketa"),
]


def objection_row(o: Objection) -> list[Any]:
    return [
        o.number,
        o.request.number,
        o.filed_date,
        o.request.name,
        ", ".join(o.reasons),
        o.due_date,
        o.get_status_display(),
        o.get_decision_display(),
        o.decided_date or "",
        o.dispute_filed_date or "",
        o.get_dispute_outcome_display(),
    ]


def csv_response(columns: Sequence[str], rows: Iterable[list[Any]], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows(rows)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(sheets: list[tuple[str, Sequence[str], Iterable[list[Any]]]], filename: str) -> HttpResponse:
    book = Workbook(write_only=True)
    for title, columns, rows in sheets:
        sheet = book.create_sheet(title[:31])
        sheet.append(list(columns))
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


class Percentile(Aggregate):
    """PostgreSQL ``percentile_cont(p) WITHIN GROUP (ORDER BY expr)``."""

    function = "percentile_cont"
    template = "%(function)s(%(percentile)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression: Any, percentile: float, **extra: Any) -> None:
        super().__init__(expression, percentile=float(percentile), **extra)


ANSWERED = Q(answered_date__isnull=False)


def request_figures(requests: QuerySet[InfoRequest], today: date | None = None) -> dict[str, Any]:
    """One aggregate over the register's rows; ``today`` decides which unanswered ones are overdue."""
    today = today or timezone.localdate()
    counts: dict[str, Any] = {
        "total": Count("pk"),
        "answered": Count("pk", filter=ANSWERED),
        "open": Count("pk", filter=Q(answered_date__isnull=True)),
        "granted": Count("pk", filter=Q(decision=Decision.GRANTED)),
        "partly_granted": Count("pk", filter=Q(decision=Decision.PARTLY_GRANTED)),
        "refused": Count("pk", filter=Q(decision=Decision.REFUSED)),
        "refused_not_held": Count("pk", filter=Q(decision=Decision.REFUSED, refusal_basis=RefusalBasis.NOT_HELD)),
        "extended": Count("pk", filter=Q(extended_at__isnull=False)),
        "late": Count("pk", filter=Q(answered_date__gt=F("deadline"))),
        "open_overdue": Count("pk", filter=Q(answered_date__isnull=True, deadline__lt=today)),
        "within_10": Count("pk", filter=Q(working_days_to_answer__lte=ANSWER_DAYS)),
        "with_objection": Count("objection"),
        "avg_days": Avg("working_days_to_answer"),
        "max_days": Max("working_days_to_answer"),
        "median_days": Percentile("working_days_to_answer", 0.5),
        "p90_days": Percentile("working_days_to_answer", 0.9),
    }
    for ground in ExemptGround:
        counts[f"refused_exempt_{ground.value}"] = Count(
            "pk", filter=Q(decision=Decision.REFUSED, refusal_basis=RefusalBasis.EXEMPT, exempt_ground=ground)
        )
    return requests.order_by().aggregate(**counts)


def objection_figures(objections: QuerySet[Objection]) -> dict[str, Any]:
    counts: dict[str, Any] = {
        "total": Count("pk"),
        "upheld": Count("pk", filter=Q(decision=ObjectionDecision.UPHELD)),
        "rejected": Count("pk", filter=Q(decision=ObjectionDecision.REJECTED)),
        "pending": Count("pk", filter=Q(decision="")),
        "disputes": Count("pk", filter=Q(dispute_filed_date__isnull=False)),
    }
    for reason in ObjectionReason:
        counts[f"reason_{reason.value}"] = Count("pk", filter=Q(reasons__contains=[reason.value]))
    for outcome in DisputeOutcome:
        counts[f"dispute_{outcome.value}"] = Count("pk", filter=Q(dispute_outcome=outcome))
    return objections.order_by().aggregate(**counts)


def ratio(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def report_context(period: Period) -> dict[str, Any]:
    requests = request_figures(request_register(period))
    objections = objection_figures(objection_register(period))
    refusal_rows = [(str(RefusalBasis.NOT_HELD.label), requests["refused_not_held"])] + [
        (str(ground.label), requests[f"refused_exempt_{ground.value}"]) for ground in ExemptGround
    ]
    return {
        "period": period,
        "requests": requests,
        "objections": objections,
        "refusal_rows": [row for row in refusal_rows if row[1]],
        "reason_rows": [(r.value, str(r.label), objections[f"reason_{r.value}"]) for r in ObjectionReason],
        "outcome_rows": [(str(o.label), objections[f"dispute_{o.value}"]) for o in DisputeOutcome],
        "decision_chart": bar_chart(
            [
                (str(Decision.GRANTED.label), requests["granted"]),
                (str(Decision.PARTLY_GRANTED.label), requests["partly_granted"]),
                (str(Decision.REFUSED.label), requests["refused"]),
                (_("Belum dijawab"), requests["open"]),
            ]
        ),
    }


def report_summary_rows(context: dict[str, Any]) -> list[list[Any]]:
    r, o = context["requests"], context["objections"]
    rows: list[list[Any]] = [
        [_("Jumlah permohonan"), r["total"]],
        [_("Dikabulkan seluruhnya"), r["granted"]],
        [_("Dikabulkan sebagian"), r["partly_granted"]],
        [_("Ditolak"), r["refused"]],
        *[[_("Ditolak: %(reason)s") % {"reason": label}, n] for label, n in context["refusal_rows"]],
        [_("Belum dijawab"), r["open"]],
        [_("Diperpanjang"), r["extended"]],
        [_("Dijawab melewati batas waktu"), r["late"]],
        [_("Belum dijawab dan melewati batas waktu"), r["open_overdue"]],
        [_("Rata-rata hari kerja menjawab"), round(r["avg_days"], 1) if r["avg_days"] is not None else ""],
        [_("Paling lama (hari kerja)"), r["max_days"] if r["max_days"] is not None else ""],
        [_("Jumlah keberatan"), o["total"]],
        [_("Keberatan diterima"), o["upheld"]],
        [_("Keberatan ditolak"), o["rejected"]],
        [_("Sengketa ke Komisi Informasi"), o["disputes"]],
        *[[_("Sengketa: %(outcome)s") % {"outcome": label}, n] for label, n in context["outcome_rows"] if n],
    ]
    return rows


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    x: int
    y: int
    width: int
    height: int


CHART_HEIGHT = 160
CHART_BAR = 48


def bar_chart(values: list[tuple[str, float | None]], *, top: float | None = None) -> dict[str, Any]:
    """Geometry for a server-rendered SVG bar chart (attributes only: CSP allows no inline style)."""
    numbers = [v or 0 for _label, v in values]
    highest = top or max(numbers, default=0) or 1
    bars = []
    for index, (label, value) in enumerate(values):
        height = round(CHART_HEIGHT * (value or 0) / highest)
        bars.append(
            Bar(label, value or 0, 10 + index * (CHART_BAR + 12), CHART_HEIGHT - height + 20, CHART_BAR, height)
        )
    return {
        "bars": bars,
        "width": 20 + len(values) * (CHART_BAR + 12),
        "height": CHART_HEIGHT + 60,
        "base": CHART_HEIGHT + 20,
    }


def performance_by_month(year: int) -> list[dict[str, Any]]:
    """Per month of receipt: how fast and how completely requests were answered (one query)."""
    rows = (
        InfoRequest.objects.filter(year=year)
        .annotate(month=ExtractMonth("received_date"))
        .values("month")
        .order_by("month")
        .annotate(
            total=Count("pk"),
            answered=Count("pk", filter=ANSWERED),
            within_10=Count("pk", filter=Q(working_days_to_answer__lte=ANSWER_DAYS)),
            extended=Count("pk", filter=Q(extended_at__isnull=False)),
            objections=Count("objection"),
            median_days=Percentile("working_days_to_answer", 0.5),
            p90_days=Percentile("working_days_to_answer", 0.9),
        )
    )
    by_month = {row["month"]: row for row in rows}
    result = []
    for month in range(1, 13):
        row = by_month.get(month, {"total": 0, "answered": 0, "within_10": 0, "extended": 0, "objections": 0})
        result.append(
            {
                "month": month,
                "label": MONTHS[month - 1],
                "total": row["total"],
                "answered": row["answered"],
                "within_10_pct": ratio(row["within_10"], row["answered"]),
                "median_days": row.get("median_days"),
                "p90_days": row.get("p90_days"),
                "extension_pct": ratio(row["extended"], row["total"]),
                "objection_pct": ratio(row["objections"], row["total"]),
            }
        )
    return result
