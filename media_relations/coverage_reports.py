"""Coverage reports: per month, per release, per outlet; their SVG charts and CSV/XLSX/PDF exports.

Every figure is an aggregate in PostgreSQL, so each report runs a fixed number of queries
whatever the number of coverage items (bench/bench_media_coverage.py measures it).
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, NullIf, TruncDay, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from media_relations.models import Outlet
from media_relations.models_coverage import CoverageItem, Tone
from releases.models import Release

MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
MONTH_NAMES = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November",
    "Desember",
]  # fmt: skip
TONE_COLOURS = {Tone.POSITIVE: "#1a7f37", Tone.NEUTRAL: "#6c757d", Tone.NEGATIVE: "#b42318"}
TONES = list(Tone)


def _tone_counts() -> dict[str, Any]:
    return {tone.value: Count("pk", filter=Q(tone=tone)) for tone in TONES}


# Charts -----------------------------------------------------------------------------------------


@dataclass
class Bar:
    label: str
    x: float
    segments: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0


@dataclass
class Chart:
    """A stacked bar chart by tone, laid out here so the template only draws rectangles."""

    title: str
    bars: list[Bar]
    width: int = 720
    height: int = 240
    bar_width: float = 0
    max_value: int = 0
    gridlines: list[dict[str, Any]] = field(default_factory=list)
    legend: list[dict[str, str]] = field(default_factory=list)


PLOT_TOP, PLOT_BOTTOM, PLOT_LEFT = 12, 200, 40


def stacked_chart(title: str, rows: list[tuple[str, dict[str, int]]], *, width: int = 720) -> Chart:
    peak = max([sum(counts.values()) for _label, counts in rows] + [1])
    plot_height = PLOT_BOTTOM - PLOT_TOP
    step = (width - PLOT_LEFT - 8) / max(len(rows), 1)
    bars = []
    for index, (label, counts) in enumerate(rows):
        bar = Bar(label=label, x=PLOT_LEFT + index * step + step * 0.15, total=sum(counts.values()))
        y = float(PLOT_BOTTOM)
        for tone in TONES:
            value = counts.get(tone.value, 0)
            if value:
                height = plot_height * value / peak
                y -= height
                bar.segments.append(
                    {"y": round(y, 2), "height": round(height, 2), "fill": TONE_COLOURS[tone], "value": value,
                     "tone": tone.label}
                )  # fmt: skip
        bars.append(bar)
    fractions = (0, 0.5, 1) if peak >= 4 else (0, 1)
    grid = [{"y": round(PLOT_BOTTOM - plot_height * f, 2), "value": round(peak * f)} for f in fractions]
    legend = [{"label": str(tone.label), "fill": TONE_COLOURS[tone]} for tone in TONES]
    return Chart(
        title, bars, width=width, bar_width=round(step * 0.7, 2), max_value=peak, gridlines=grid, legend=legend
    )


# Monthly ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, value: str | None) -> Month:
        today = timezone.localdate()
        try:
            year, month = (int(part) for part in (value or "").split("-"))
            if 2000 <= year <= 2100 and 1 <= month <= 12:
                return cls(year, month)
        except ValueError:
            pass
        return cls(today.year, today.month)

    @property
    def start(self) -> datetime:
        return timezone.make_aware(datetime(self.year, self.month, 1))

    @property
    def end(self) -> datetime:
        return timezone.make_aware(
            datetime(self.year, self.month, 1) + timedelta(days=monthrange(self.year, self.month)[1])
        )

    @property
    def label(self) -> str:
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def shift(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)


def _outlet_label() -> Coalesce:
    return Coalesce(F("outlet__name"), NullIf(F("outlet_name"), Value("")), Value("—"))


def monthly_report(month: Month) -> dict[str, Any]:
    """One month: totals by tone, each day's items by tone, the outlets, the media kinds, and a
    12-month trend ending in this month. Five queries."""
    items = CoverageItem.objects.filter(published_at__gte=month.start, published_at__lt=month.end)
    totals = items.aggregate(total=Count("pk"), reach=Sum("reach"), linked=Count("release_id"), **_tone_counts())
    daily: dict[date, dict[str, int]] = {}
    for row in items.annotate(day=TruncDay("published_at")).values("day", "tone").annotate(n=Count("pk")).order_by():
        daily.setdefault(timezone.localtime(row["day"]).date(), {})[row["tone"]] = row["n"]
    days = monthrange(month.year, month.month)[1]
    day_rows = [(str(d), daily.get(date(month.year, month.month, d), {})) for d in range(1, days + 1)]
    outlets = list(
        items.annotate(label=_outlet_label())
        .values("label")
        .annotate(total=Count("pk"), **_tone_counts())
        .order_by("-total", "label")[:25]
    )
    media = list(items.values("medium").annotate(total=Count("pk")).order_by("-total"))
    first = month.shift(-11)
    trend_rows: dict[tuple[int, int], dict[str, int]] = {}
    trend = CoverageItem.objects.filter(published_at__gte=first.start, published_at__lt=month.end)
    for trow in trend.annotate(m=TruncMonth("published_at")).values("m", "tone").annotate(n=Count("pk")).order_by():
        local = timezone.localtime(trow["m"])
        trend_rows.setdefault((local.year, local.month), {})[trow["tone"]] = trow["n"]
    months = [first.shift(i) for i in range(12)]
    from media_relations.models_coverage import Medium

    medium_labels = dict(Medium.choices)
    return {
        "month": month,
        "totals": totals,
        "tones": [(tone, totals[tone.value]) for tone in TONES],
        "days": day_rows,
        "outlets": outlets,
        "media": [(medium_labels.get(row["medium"], row["medium"]), row["total"]) for row in media],
        "daily_chart": stacked_chart(_("Pemberitaan per hari, %(m)s") % {"m": month.label}, day_rows),
        "trend_chart": stacked_chart(
            _("Tren 12 bulan"),
            [(f"{MONTHS[m.month - 1]} {m.year % 100:02d}", trend_rows.get((m.year, m.month), {})) for m in months],
        ),
        "trend": [(m, trend_rows.get((m.year, m.month), {})) for m in months],
    }


def monthly_rows(report: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    columns = [_("Tanggal"), _("Positif"), _("Netral"), _("Negatif"), _("Jumlah")]
    month: Month = report["month"]
    rows = [
        [f"{month.year:04d}-{month.month:02d}-{int(day):02d}", *(c.get(t.value, 0) for t in TONES), sum(c.values())]
        for day, c in report["days"]
    ]
    return columns, rows


# Per release -------------------------------------------------------------------------------------


def release_public_time(release: Release) -> datetime | None:
    return release.went_public_at or release.publish_at


def release_report(release: Release) -> dict[str, Any]:
    """Which outlets ran the release, how many hours after it went public, in which tone."""
    published = release_public_time(release)
    items = list(release.coverage_items.select_related("outlet").order_by("published_at"))
    rows: list[dict[str, Any]] = []
    for item in items:
        hours = (item.published_at - published).total_seconds() / 3600 if published else None
        rows.append({"item": item, "hours": round(hours, 1) if hours is not None else None})
    counts = {tone.value: sum(1 for item in items if item.tone == tone) for tone in TONES}
    # Chart: how many items ran in each window after publication.
    windows = [(_("≤ 3 jam"), 3), (_("3–24 jam"), 24), (_("1–3 hari"), 72), (_("3–7 hari"), 168), (_("> 7 hari"), None)]
    buckets: list[tuple[str, dict[str, int]]] = [(str(label), {}) for label, _limit in windows]
    for row in rows:
        after: float = row["hours"] if row["hours"] is not None else 0
        index = next((i for i, (_label, limit) in enumerate(windows) if limit is None or after <= limit), 0)
        tones = buckets[index][1]
        tones[row["item"].tone] = tones.get(row["item"].tone, 0) + 1
    return {
        "release": release,
        "published": published,
        "rows": rows,
        "outlet_count": len({item.outlet_label for item in items}),
        "tones": [(tone, counts[tone.value]) for tone in TONES],
        "chart": stacked_chart(_("Waktu pemuatan sesudah siaran pers terbit"), buckets),
    }


def _text(value: str) -> str:
    """Titles come from other sites: a leading = + - @ would run as a formula in a spreadsheet."""
    return f"'{value}" if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value


def release_rows(report: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    columns = [
        _("Media"),
        _("Judul"),
        _("Tautan"),
        _("Terbit"),
        _("Jam sesudah siaran pers"),
        _("Nada"),
        _("Jangkauan"),
    ]
    rows = [
        [
            _text(row["item"].outlet_label),
            _text(row["item"].title),
            _text(row["item"].url),
            f"{timezone.localtime(row['item'].published_at):%Y-%m-%d %H:%M}",
            row["hours"] if row["hours"] is not None else "",
            str(row["item"].get_tone_display()),
            row["item"].reach or "",
        ]
        for row in report["rows"]
    ]
    return columns, rows


def releases_with_coverage() -> QuerySet[Release]:
    return (
        Release.objects.annotate(coverage=Count("coverage_items"))
        .filter(coverage__gt=0)
        .order_by("-coverage", "-publish_at")
    )


# Per outlet -------------------------------------------------------------------------------------


def outlets_with_coverage() -> QuerySet[Outlet]:
    return (
        Outlet.objects.annotate(total=Count("coverage_items"), **{
            tone.value: Count("coverage_items", filter=Q(coverage_items__tone=tone)) for tone in TONES
        })
        .filter(total__gt=0)
        .order_by("-total", "name")
    )  # fmt: skip


def outlet_report(outlet: Outlet, *, until: Month | None = None) -> dict[str, Any]:
    """An outlet's last 12 months by tone, its totals, and its 50 latest items: three queries."""
    last = until or Month.parse(None)
    first = last.shift(-11)
    items = outlet.coverage_items.all()
    totals = items.aggregate(total=Count("pk"), reach=Sum("reach"), **_tone_counts())
    per_month: dict[tuple[int, int], dict[str, int]] = {}
    window = items.filter(published_at__gte=first.start, published_at__lt=last.end)
    for row in window.annotate(m=TruncMonth("published_at")).values("m", "tone").annotate(n=Count("pk")).order_by():
        local = timezone.localtime(row["m"])
        per_month.setdefault((local.year, local.month), {})[row["tone"]] = row["n"]
    months = [first.shift(i) for i in range(12)]
    month_rows = [(f"{MONTHS[m.month - 1]} {m.year % 100:02d}", per_month.get((m.year, m.month), {})) for m in months]
    return {
        "outlet": outlet,
        "totals": totals,
        "tones": [(tone, totals[tone.value]) for tone in TONES],
        "months": month_rows,
        "latest": list(items.select_related("release").order_by("-published_at")[:50]),
        "chart": stacked_chart(_("Pemberitaan per bulan"), month_rows),
    }


def outlet_rows(report: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    columns = [_("Bulan"), _("Positif"), _("Netral"), _("Negatif"), _("Jumlah")]
    rows = [[label, *(c.get(t.value, 0) for t in TONES), sum(c.values())] for label, c in report["months"]]
    return columns, rows
