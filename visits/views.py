"""Public pages (calendar, request form, the delegation's status link) and the staff pages."""

from __future__ import annotations

import csv
import secrets
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from humas.audit import history_for
from humas.models import User
from humas.permissions import require_perms
from humas.private_media import private_file_response
from humas.public_forms import rate_limit_exceeded
from humas.roles import STAFF_AREA
from visits import availability, invites, letters, services, statistics
from visits.forms import (
    ApproveForm,
    BlackoutForm,
    CancelForm,
    CheckInForm,
    DayRecordForm,
    DeclineForm,
    ForwardForm,
    ProposeForm,
    ReportForm,
    RescheduleRequestForm,
    VisitRequestForm,
)
from visits.models import (
    OPEN_STATUSES,
    Blackout,
    ReceivingRule,
    StaffFeedToken,
    Visit,
    VisitPhoto,
    VisitReport,
    VisitStatus,
)
from visits.qr import qr_data_uri

VIEW = "visits.view_visit"
HANDLE = "visits.handle_visit"


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


# Public --------------------------------------------------------------------------------------


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "visits/index.html")


def calendar(request: HttpRequest) -> HttpResponse:
    """The next twelve months, day by day: which days can still be requested and why not."""
    months = availability.months_ahead(timezone.localdate(), 12)
    context = {"months": months, "hours": _hours(), "lead": settings.VISITS_MIN_LEAD_WORKING_DAYS}
    return render(request, "visits/calendar.html", context)


def request_create(request: HttpRequest) -> HttpResponse:
    form = VisitRequestForm(request.POST or None, request.FILES or None, initial=_initial_day(request))
    if request.method == "POST":
        if rate_limit_exceeded(request, "visits-request"):
            form.add_error(None, _("Terlalu banyak permohonan dari alamat Anda. Silakan coba lagi nanti."))
            return render(request, "visits/request_form.html", _form_context(form), status=429)
        if form.is_valid():
            try:
                submitted = services.visit_submit(
                    data=form.visit_data(),
                    request_letter=form.cleaned_data["request_letter"],
                    assignment_letter=form.cleaned_data.get("assignment_letter"),
                    join_waiting_list=form.cleaned_data["join_waiting_list"],
                )
            except (services.VisitError, ValidationError) as error:
                form.add_error(None, getattr(error, "message", str(error)))
            else:
                if submitted.waiting:
                    messages.success(request, _("Permohonan Anda masuk daftar tunggu. Simpan tautan halaman ini."))
                else:
                    messages.success(request, _("Permohonan Anda telah diterima. Simpan tautan halaman ini."))
                return redirect(services.status_path(submitted.visit, submitted.token))
    status = 400 if form.errors else 200
    return render(request, "visits/request_form.html", _form_context(form), status=status)


def _initial_day(request: HttpRequest) -> dict[str, Any]:
    try:
        return {"preferred_date": date.fromisoformat(request.GET.get("tanggal", ""))}
    except ValueError:
        return {}


def _form_context(form: VisitRequestForm) -> dict[str, Any]:
    full = form.day_status is not None and form.day_status.code == "full"
    return {"form": form, "day_full": full, "hours": _hours()}


def _hours() -> list[tuple[str, Any, Any]]:
    return [
        (str(ReceivingRule.Weekday(weekday).label), first, last)
        for weekday, (first, last) in sorted(availability.receiving_hours().items())
    ]


def _tracked(pk: int, token: str) -> Visit:
    try:
        return services.visit_for_token(pk, token)
    except services.VisitError as error:
        raise Http404(error.message) from None


def _status_context(visit: Visit, token: str, **extra: Any) -> dict[str, Any]:
    deadline = services.reschedule_deadline(visit)
    today = timezone.localdate()
    can_reschedule = visit.status == VisitStatus.CONFIRMED and deadline is not None and today <= deadline
    code = services.checkin_code(visit) if visit.status == VisitStatus.CONFIRMED else ""
    return {
        "visit": visit,
        "token": token,
        "base": services.status_path(visit, token),
        "participants": list(visit.participants.all()),
        "topics": visit.topic_labels,
        "reschedule_deadline": deadline,
        "reschedule_form": RescheduleRequestForm() if can_reschedule else None,
        "cancel_form": CancelForm() if visit.status in (*OPEN_STATUSES, VisitStatus.CONFIRMED) else None,
        "checkin_code": code,
        "checkin_qr": qr_data_uri(services.checkin_url(visit)) if code else "",
        "waiting": getattr(visit, "waiting_entry", None),
        **extra,
    }


def status(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    visit = _tracked(pk, token)
    return render(request, "visits/status.html", _status_context(visit, token))


@require_POST
def status_respond(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    visit = _tracked(pk, token)
    accept = request.POST.get("jawaban") == "terima"
    try:
        services.visit_proposal_respond(visit_id=visit.pk, accept=accept, note=request.POST.get("catatan", "")[:500])
    except services.VisitError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Terima kasih, tanggapan Anda telah dicatat."))
    return redirect(services.status_path(visit, token))


@require_POST
def status_reschedule(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    visit = _tracked(pk, token)
    form = RescheduleRequestForm(request.POST)
    if form.is_valid():
        try:
            services.visit_request_reschedule(visit_id=visit.pk, note=form.cleaned_data["note"])
        except services.VisitError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Permintaan penjadwalan ulang telah dikirim."))
            return redirect(services.status_path(visit, token))
    return render(request, "visits/status.html", _status_context(visit, token, reschedule_form=form), status=400)


@require_POST
def status_cancel(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    visit = _tracked(pk, token)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            services.visit_cancel(visit_id=visit.pk, actor=None, reason=form.cleaned_data["reason"])
        except services.VisitError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Kunjungan telah dibatalkan."))
            return redirect(services.status_path(visit, token))
    return render(request, "visits/status.html", _status_context(visit, token, cancel_form=form), status=400)


def status_letter(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    visit = _tracked(pk, token)
    if visit.status not in (VisitStatus.CONFIRMED, VisitStatus.DONE):
        raise Http404
    return letters.reply_letter_response(visit)


def status_ics(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    visit = _tracked(pk, token)
    if visit.status not in (VisitStatus.CONFIRMED, VisitStatus.CANCELLED) or visit.slot is None:
        raise Http404
    body = invites.visit_ics(visit, cancelled=visit.status == VisitStatus.CANCELLED)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kunjungan.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


def offer(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    try:
        entry = services.offer_for_token(pk, token)
    except services.VisitError as error:
        return render(request, "visits/offer.html", {"error": error.message}, status=404)
    if request.method == "POST":
        try:
            services.waiting_accept(entry_id=entry.pk, token=token)
        except services.VisitError as error:
            return render(request, "visits/offer.html", {"entry": entry, "error": error.message}, status=409)
        return render(request, "visits/offer.html", {"entry": entry, "accepted": True})
    return render(request, "visits/offer.html", {"entry": entry})


def staff_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private ICS feed: the token in the URL is the only key, compared by its hash."""
    found = StaffFeedToken.objects.select_related("user").filter(token_hash=services.hash_token(token)).first()
    if found is None or not found.user.is_active or not found.user.has_perm(VIEW):
        raise Http404
    since = timezone.now() - timedelta(days=60)
    visits = (
        Visit.objects.filter(slot__startswith__gte=since)
        .filter(Q(status=VisitStatus.CONFIRMED) | Q(holds_slot=True))
        .select_related("room")
        .order_by("slot")[:2000]
    )
    response = HttpResponse(invites.feed_ics(visits), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


# Staff: queue and decisions --------------------------------------------------------------------

QUEUE_FILTERS = {
    "terbuka": Q(status__in=OPEN_STATUSES),
    "dikonfirmasi": Q(status=VisitStatus.CONFIRMED),
    "selesai": Q(status=VisitStatus.DONE),
    "ditutup": Q(status__in=[VisitStatus.DECLINED, VisitStatus.CANCELLED]),
    "semua": Q(),
}


@require_perms(STAFF_AREA, VIEW)
def queue(request: HttpRequest) -> HttpResponse:
    """Requests, newest letters first, each with who holds it now (its last disposition)."""
    current = request.GET.get("status", "terbuka")
    visits = Visit.objects.filter(QUEUE_FILTERS.get(current, QUEUE_FILTERS["terbuka"])).select_related("room")
    visits = visits.prefetch_related("events").order_by("-requested_at", "-id")
    page = Paginator(visits, 30).get_page(request.GET.get("page"))
    rows = []
    for visit in page.object_list:
        events = list(visit.events.all())
        rows.append({"visit": visit, "last": events[-1] if events else None})
    return render(
        request,
        "visits/queue.html",
        {"page": page, "rows": rows, "current": current, "filters": list(QUEUE_FILTERS)},
    )


def _detail_context(visit: Visit, **extra: Any) -> dict[str, Any]:
    slot_initial: dict[str, Any] = {}
    start = visit.start or visit.preferred_start
    local = timezone.localtime(start)
    end = timezone.localtime(visit.end) if visit.end else local + availability.visit_duration()
    slot_initial = {"day": local.date(), "start_time": local.time(), "end_time": end.time(), "room": visit.room_id}
    report = VisitReport.objects.filter(visit=visit).prefetch_related("photos").first()
    context = {
        "visit": visit,
        "events": list(visit.events.select_related("actor")),
        "history": list(history_for(visit)[:50]),
        "participants": list(visit.participants.all()),
        "hosts": list(visit.hosts.all()),
        "topics": visit.topic_labels,
        "approve_form": ApproveForm(initial={**slot_initial, "agenda": visit.agenda}, prefix="ok"),
        "propose_form": ProposeForm(initial=slot_initial, prefix="usul"),
        "reschedule_form": ProposeForm(initial=slot_initial, prefix="ulang"),
        "decline_form": DeclineForm(prefix="tolak"),
        "forward_form": ForwardForm(prefix="disposisi"),
        "cancel_form": CancelForm(prefix="batal"),
        "day_form": DayRecordForm(
            initial={
                "spd_signed": visit.spd_signed,
                "spd_notes": visit.spd_notes,
                "souvenirs_given": visit.souvenirs_given,
                "souvenirs_received": visit.souvenirs_received,
            },
            prefix="hari",
        ),
        "report": report,
        "photos": list(report.photos.all()) if report else [],
        "lead_days": services.lead_days(visit),
        "warnings": [],
    }
    return context | extra


def _visit(pk: int) -> Visit:
    return get_object_or_404(Visit.objects.select_related("room", "release", "coordinator"), pk=pk)


@require_perms(STAFF_AREA, VIEW)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "visits/detail.html", _detail_context(_visit(pk)))


def _redisplay(request: HttpRequest, visit: Visit, **forms: Any) -> HttpResponse:
    return render(request, "visits/detail.html", _detail_context(visit, **forms), status=400)


@require_POST
@require_perms(STAFF_AREA, HANDLE)
def forward(request: HttpRequest, pk: int) -> HttpResponse:
    visit = _visit(pk)
    form = ForwardForm(request.POST, prefix="disposisi")
    if form.is_valid():
        try:
            data = form.cleaned_data
            services.visit_forward(visit_id=visit.pk, actor=_user(request), holder=data["holder"], note=data["note"])
        except services.VisitError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Disposisi dicatat."))
            return redirect("visits:detail", pk=visit.pk)
    return _redisplay(request, visit, forward_form=form)


@require_POST
@require_perms(STAFF_AREA, HANDLE)
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    visit = _visit(pk)
    form = ApproveForm(request.POST, prefix="ok")
    if form.is_valid():
        data = form.cleaned_data
        try:
            booking = services.visit_approve(
                visit_id=visit.pk,
                actor=_user(request),
                start=data["start"],
                end=data["end"],
                room_id=data["room"].pk,
                host_ids=[host.pk for host in data["hosts"]],
                agenda=data["agenda"],
            )
        except services.VisitError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Kunjungan dikonfirmasi; undangan dan surat balasan dikirim ke narahubung."))
            for warning in booking.warnings:
                messages.warning(request, warning)
            return redirect("visits:detail", pk=visit.pk)
    return _redisplay(request, visit, approve_form=form)


@require_POST
@require_perms(STAFF_AREA, HANDLE)
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    visit = _visit(pk)
    form = ProposeForm(request.POST, prefix="usul")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.visit_propose(
                visit_id=visit.pk,
                actor=_user(request),
                start=data["start"],
                end=data["end"],
                room_id=data["room"].pk,
                note=data["note"],
            )
        except services.VisitError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Usulan waktu dikirim ke rombongan."))
            return redirect("visits:detail", pk=visit.pk)
    return _redisplay(request, visit, propose_form=form)


@require_POST
@require_perms(STAFF_AREA, HANDLE)
def reschedule(request: HttpRequest, pk: int) -> HttpResponse:
    visit = _visit(pk)
    form = ProposeForm(request.POST, prefix="ulang")
    if form.is_valid():
        data = form.cleaned_data
        try:
            booking = services.visit_reschedule(
                visit_id=visit.pk, actor=_user(request), start=data["start"], end=data["end"], room_id=data["room"].pk
            )
        except services.VisitError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Jadwal diubah; undangan baru dikirim."))
            for warning in booking.warnings:
                messages.warning(request, warning)
            return redirect("visits:detail", pk=visit.pk)
    return _redisplay(request, visit, reschedule_form=form)


def _with_reason(
    request: HttpRequest,
    pk: int,
    *,
    form_class: type[forms.Form],
    prefix: str,
    service: Callable[..., object],
    done: str,
    form_key: str,
) -> HttpResponse:
    """A coordinator's step that takes only a written reason: decline or cancel."""
    visit = _visit(pk)
    form = form_class(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            service(visit_id=visit.pk, actor=_user(request), reason=form.cleaned_data["reason"])
        except services.VisitError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, done)
            return redirect("visits:detail", pk=visit.pk)
    return _redisplay(request, visit, **{form_key: form})


@require_POST
@require_perms(STAFF_AREA, HANDLE)
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _with_reason(
        request,
        pk,
        form_class=DeclineForm,
        prefix="tolak",
        service=services.visit_decline,
        done=_("Permohonan ditolak; rombongan diberi tahu."),
        form_key="decline_form",
    )


@require_POST
@require_perms(STAFF_AREA, HANDLE)
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _with_reason(
        request,
        pk,
        form_class=CancelForm,
        prefix="batal",
        service=services.visit_cancel,
        done=_("Kunjungan dibatalkan; pembatalan undangan dikirim."),
        form_key="cancel_form",
    )


@require_perms(STAFF_AREA, "visits.view_visit_letters")  # type: ignore[arg-type]
def letter_file(request: HttpRequest, pk: int, which: str) -> HttpResponseBase:
    visit = _visit(pk)
    fields = {"permohonan": visit.request_letter, "tugas": visit.assignment_letter}
    file = fields.get(which)
    if not file:
        raise Http404
    return private_file_response(file, download_name=f"{which}-{letters.safe_filename(visit.reference)}.pdf")


@require_perms(STAFF_AREA, VIEW)
def reply_letter(request: HttpRequest, pk: int) -> HttpResponse:
    visit = _visit(pk)
    if visit.status not in (VisitStatus.CONFIRMED, VisitStatus.DONE):
        raise Http404
    return letters.reply_letter_response(visit)


# Staff: the day ------------------------------------------------------------------------------------


@require_perms(STAFF_AREA, VIEW)
def attendance_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return letters.attendance_response(_visit(pk))


@require_POST
@require_perms(STAFF_AREA, HANDLE)
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    visit = _visit(pk)
    present = [int(value) for value in request.POST.getlist("hadir") if value.isdigit()]
    try:
        services.attendance_record(visit_id=visit.pk, actor=_user(request), present_ids=present)
    except services.VisitError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Daftar hadir disimpan."))
    return redirect("visits:detail", pk=visit.pk)


@require_POST
@require_perms(STAFF_AREA, HANDLE)
def day_record(request: HttpRequest, pk: int) -> HttpResponse:
    visit = _visit(pk)
    form = DayRecordForm(request.POST, prefix="hari")
    if form.is_valid():
        try:
            services.visit_record_day(visit_id=visit.pk, actor=_user(request), **form.cleaned_data)
        except services.VisitError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Catatan SPD dan cendera mata disimpan."))
            return redirect("visits:detail", pk=visit.pk)
    return _redisplay(request, visit, day_form=form)


@require_perms(STAFF_AREA, HANDLE)
def checkin(request: HttpRequest) -> HttpResponse:
    """Phone-sized: staff scan the QR code (which opens this page with the code) or type it."""
    form = CheckInForm(request.POST or None, initial={"code": request.GET.get("kode", "")})
    visit = None
    if request.method == "POST" and form.is_valid():
        try:
            visit = services.visit_check_in(code=form.cleaned_data["code"], actor=_user(request))
        except services.VisitError as error:
            form.add_error("code", error.message)
    context = {"form": form, "visit": visit, "participants": list(visit.participants.all()) if visit else []}
    return render(request, "visits/checkin.html", context, status=400 if form.errors else 200)


# Staff: after the visit --------------------------------------------------------------------------------


@require_perms(STAFF_AREA, HANDLE)
def report(request: HttpRequest, pk: int) -> HttpResponse:
    visit = _visit(pk)
    existing = VisitReport.objects.filter(visit=visit).first()
    attended = visit.participants.filter(attended=True).count()
    initial = (
        {"attendance": existing.attendance, "summary": existing.summary, "follow_ups": existing.follow_ups}
        if existing
        else {"attendance": attended or visit.participants_count}
    )
    form = ReportForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.report_save(
                visit_id=visit.pk,
                actor=_user(request),
                attendance=data["attendance"],
                summary=data["summary"],
                follow_ups=data["follow_ups"],
                photos=data["photos"],
            )
        except services.VisitError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Laporan kunjungan disimpan."))
            return redirect("visits:detail", pk=visit.pk)
    return render(
        request, "visits/report_form.html", {"form": form, "visit": visit}, status=400 if form.errors else 200
    )


@require_POST
@require_perms(STAFF_AREA, HANDLE, "releases.add_release")
def release_draft(request: HttpRequest, pk: int) -> HttpResponse:
    visit = _visit(pk)
    try:
        release = services.visit_create_release_draft(visit_id=visit.pk, actor=_user(request))
    except services.VisitError as error:
        messages.error(request, error.message)
        return redirect("visits:detail", pk=visit.pk)
    messages.success(
        request, _("Draf siaran pers “%(title)s” dibuat dari laporan kunjungan.") % {"title": release.title}
    )
    return redirect("visits:detail", pk=visit.pk)


@require_perms(STAFF_AREA, VIEW)  # type: ignore[arg-type]
def photo(request: HttpRequest, pk: int) -> HttpResponseBase:
    item = get_object_or_404(VisitPhoto, pk=pk)
    return private_file_response(item.image, inline=True)


# Staff: calendar, feed, blackouts, statistics -----------------------------------------------------------


@require_perms(STAFF_AREA, VIEW)
def staff_calendar(request: HttpRequest) -> HttpResponse:
    view = "minggu" if request.GET.get("tampilan") == "minggu" else "bulan"
    try:
        anchor = date.fromisoformat(request.GET.get("tanggal", ""))
    except ValueError:
        anchor = timezone.localdate()
    grid = statistics.staff_grid(anchor, week=view == "minggu")
    feed_url = request.session.pop("visits_feed_url", "")
    has_feed = StaffFeedToken.objects.filter(user=_user(request)).exists()
    context = {"grid": grid, "view": view, "anchor": anchor, "feed_url": feed_url, "has_feed": has_feed}
    return render(request, "visits/staff_calendar.html", context)


@require_POST
@require_perms(STAFF_AREA, VIEW)
def feed_token(request: HttpRequest) -> HttpResponse:
    """Make (or replace) the user's private feed link; it is shown once, only its hash is kept."""
    token = secrets.token_urlsafe(32)
    StaffFeedToken.objects.update_or_create(user=_user(request), defaults={"token_hash": services.hash_token(token)})
    request.session["visits_feed_url"] = services.absolute(reverse("visits:feed", args=[token]))
    messages.success(request, _("Tautan kalender pribadi dibuat. Tautan lama (bila ada) tidak berlaku lagi."))
    return redirect("visits:staff-calendar")


@require_perms(STAFF_AREA, "visits.view_blackout")
def blackouts(request: HttpRequest) -> HttpResponse:
    form = BlackoutForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("visits.add_blackout"):
            raise Http404
        if form.is_valid():
            services.blackout_add(actor=_user(request), **form.cleaned_data)
            messages.success(request, _("Masa tidak menerima kunjungan disimpan."))
            return redirect("visits:blackouts")
    rows = Blackout.objects.filter(end_date__gte=timezone.localdate() - timedelta(days=30))
    return render(
        request, "visits/blackouts.html", {"form": form, "rows": list(rows)}, status=400 if form.errors else 200
    )


@require_POST
@require_perms(STAFF_AREA, "visits.delete_blackout")
def blackout_delete(request: HttpRequest, pk: int) -> HttpResponse:
    services.blackout_delete(blackout_id=get_object_or_404(Blackout, pk=pk).pk, actor=_user(request))
    messages.success(request, _("Masa tidak menerima kunjungan dihapus."))
    return redirect("visits:blackouts")


@require_perms(STAFF_AREA, "visits.view_visit_statistics")
def statistics_page(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    return render(request, "visits/statistics.html", {"stats": statistics.summary(year), "year": year})


@require_perms(STAFF_AREA, "visits.view_visit_statistics")
def statistics_csv(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    stats = statistics.summary(year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="statistik-kunjungan-{year}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([_("Bagian"), _("Kategori"), _("Jumlah")])
    for label, count in stats.per_month:
        writer.writerow([_("Bulan"), label, count])
    for label, count in stats.per_kind:
        writer.writerow([_("Jenis instansi"), label, count])
    for label, count in stats.per_topic:
        writer.writerow([_("Topik"), label, count])
    writer.writerow([_("Rata-rata"), _("Jarak permohonan ke kunjungan (hari)"), stats.average_lead_days or ""])
    return response


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("tahun", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year
