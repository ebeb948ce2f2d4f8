"""Public pages (filing, tracking, DIP, service page, performance) and the staff pages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
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
from ppid import deadlines, letters, reports, services
from ppid.forms import (
    AnswerForm,
    AssignForm,
    DipDocumentForm,
    DipFilterForm,
    DipItemForm,
    DisputeForm,
    DisputeOutcomeForm,
    ExtendForm,
    NoteForm,
    ObjectionDecisionForm,
    ObjectionForm,
    PeriodForm,
    PublicRequestForm,
    ReportTextForm,
    ServiceInfoForm,
    StaffRequestForm,
)
from ppid.models import (
    DipDocument,
    DipItem,
    InfoRequest,
    Objection,
    ObjectionReason,
    ObjectionStatus,
    RequestDocument,
    ServiceInfo,
    ServiceReportText,
    Status,
)
from ppid.nik import mask_nik, mask_phone

STAFF = "humas.access_staff_area"


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "ppid/index.html")


# Filing and tracking (public) ---------------------------------------------------------------


def request_create(request: HttpRequest) -> HttpResponse:
    form = PublicRequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if rate_limit_exceeded(request, "ppid-request"):
            form.add_error(None, _("Terlalu banyak permohonan dari alamat Anda. Silakan coba lagi nanti."))
            return render(request, "ppid/request_form.html", {"form": form}, status=429)
        if form.is_valid():
            submitted = services.request_submit(
                data=form.requester_data(),
                identity_document=form.cleaned_data["identity_document"],
                power_of_attorney=form.cleaned_data.get("power_of_attorney"),
            )
            messages.success(request, _("Permohonan Anda telah diterima. Simpan tautan halaman ini untuk memantaunya."))
            return redirect(services.tracking_path(submitted.request, submitted.token))
    return render(request, "ppid/request_form.html", {"form": form}, status=400 if form.errors else 200)


def _tracked(pk: int, token: str) -> InfoRequest:
    """The request a tracking link points to; 404 for a wrong or tampered token."""
    found = InfoRequest.objects.select_related("dip_item").filter(pk=pk, anonymised_at=None).first()
    if found is None or not services.token_matches(found, token):
        raise Http404(_("Tautan pelacakan tidak sah."))
    return found


def _objection_of(info: InfoRequest) -> Objection | None:
    return Objection.objects.filter(request=info).first()


def _objection_form(info: InfoRequest, data: Any = None) -> ObjectionForm | None:
    today = timezone.localdate()
    open_reasons = services.objection_open_reasons(info, today)
    if not open_reasons:
        return None
    choices = [(r, f"{r}. {ObjectionReason(r).label}") for r in open_reasons]
    return ObjectionForm(data, choices=choices)


def _track_context(info: InfoRequest, token: str, **extra: Any) -> dict[str, Any]:
    objection = _objection_of(info)
    context: dict[str, Any] = {
        "req": info,
        "token": token,
        "base": services.tracking_path(info, token),
        "documents": list(info.documents.all()),
        "objection": objection,
        "objection_form": None if objection else _objection_form(info),
        "dispute_form": None,
        "due": deadlines.explain(info.received_date, deadlines.ANSWER_DAYS),
    }
    if objection and objection.decided_date:
        end = deadlines.dispute_window_end(objection.decided_date)
        context["dispute_end"] = end
        # The form is offered only while the 14 working days run.
        if objection.status == ObjectionStatus.DECIDED and timezone.localdate() <= end:
            context["dispute_form"] = DisputeForm()
    return context | extra


def track(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    info = _tracked(pk, token)
    return render(request, "ppid/track.html", _track_context(info, token))


def track_receipt_pdf(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    info = _tracked(pk, token)
    return letters.pdf_response(
        "ppid/letters/receipt.html", {"req": info}, f"tanda-bukti-{letters.safe_filename(info.number)}.pdf"
    )


def track_notice_pdf(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    info = _tracked(pk, token)
    return _notice_pdf(info)


def _notice_pdf(info: InfoRequest) -> HttpResponse:
    if info.answered_date is None and not info.is_extended:
        raise Http404
    context = {"req": info, "documents": list(info.documents.all())}
    return letters.pdf_response(
        "ppid/letters/notice.html", context, f"pemberitahuan-{letters.safe_filename(info.number)}.pdf"
    )


def track_document(request: HttpRequest, pk: int, token: str, doc: int) -> HttpResponseBase:
    info = _tracked(pk, token)
    document = get_object_or_404(RequestDocument, pk=doc, request=info)
    return private_file_response(document.file)


@require_POST
def track_objection(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    info = _tracked(pk, token)
    form = _objection_form(info, request.POST)
    if form is None:
        messages.error(request, _("Tidak ada alasan keberatan yang masih dapat diajukan untuk permohonan ini."))
        return redirect(services.tracking_path(info, token))
    if form.is_valid():
        try:
            services.objection_file(
                request_id=info.pk, reasons=form.cleaned_data["reasons"], description=form.cleaned_data["description"]
            )
        except services.PpidError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Keberatan Anda telah dicatat."))
            return redirect(services.tracking_path(info, token))
    context = _track_context(info, token, objection_form=form)
    return render(request, "ppid/track.html", context, status=400)


def track_objection_pdf(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    info = _tracked(pk, token)
    objection = get_object_or_404(Objection, request=info)
    return _objection_pdf(objection)


def _objection_pdf(objection: Objection) -> HttpResponse:
    if objection.decided_date is None:
        raise Http404
    return letters.pdf_response(
        "ppid/letters/objection_decision.html",
        {"objection": objection, "req": objection.request},
        f"tanggapan-keberatan-{letters.safe_filename(objection.number)}.pdf",
    )


@require_POST
def track_dispute(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    info = _tracked(pk, token)
    objection = get_object_or_404(Objection, request=info)
    form = DisputeForm(request.POST)
    if form.is_valid():
        try:
            services.objection_record_dispute(
                objection_id=objection.pk, actor=None, filed_date=form.cleaned_data["filed_date"]
            )
        except services.PpidError as error:
            form.add_error("filed_date", error.message)
        else:
            messages.success(request, _("Pengajuan sengketa ke Komisi Informasi telah dicatat."))
            return redirect(services.tracking_path(info, token))
    return render(request, "ppid/track.html", _track_context(info, token, dispute_form=form), status=400)


def status_lookup(request: HttpRequest) -> HttpResponse:
    """By register number alone: the status and dates, never who asked or what."""
    number = (request.GET.get("nomor") or "").strip()
    found = None
    if number:
        found = (
            InfoRequest.objects.filter(number=number)
            .values("number", "status", "received_date", "deadline", "answered_date")
            .first()
        )
        if found:
            found = {**found, "status_label": Status(found["status"]).label}  # type: ignore[assignment]
    return render(request, "ppid/status_lookup.html", {"number": number, "found": found, "searched": bool(number)})


# DIP, service page, performance (public) ----------------------------------------------------


def dip_list(request: HttpRequest) -> HttpResponse:
    form = DipFilterForm(request.GET or None)
    items = DipItem.objects.public().select_related("unit").prefetch_related("documents")
    if form.is_valid():
        if q := form.cleaned_data["q"]:
            items = items.filter(
                Q(summary__icontains=q) | Q(number__icontains=q) | Q(responsible_official__icontains=q)
            )
        if category := form.cleaned_data["kategori"]:
            items = items.filter(category=category)
        if unit := form.cleaned_data["unit"]:
            items = items.filter(unit=unit)
    page = Paginator(items, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "ppid/dip_list.html", {"form": form, "page": page, "query": query.urlencode()})


def service_info(request: HttpRequest) -> HttpResponse:
    return render(request, "ppid/service_info.html", {"info": ServiceInfo.objects.filter(pk=1).first()})


PERFORMANCE_CACHE = 600


def performance(request: HttpRequest) -> HttpResponse:
    try:
        year = int(request.GET.get("tahun") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    if not 2000 <= year <= 2100:
        year = timezone.localdate().year
    # Public and one scan of the year's requests: computed at most every PERFORMANCE_CACHE seconds.
    key = f"ppid:performance:{year}"
    months = cache.get(key)
    if months is None:
        months = reports.performance_by_month(year)
        cache.set(key, months, PERFORMANCE_CACHE)
    chart = reports.bar_chart([(m["label"], m["within_10_pct"]) for m in months], top=100)
    return render(request, "ppid/performance.html", {"year": year, "months": months, "chart": chart})


# Staff: inbox and handling ------------------------------------------------------------------

INBOX_FILTERS = {
    "terbuka": Q(status__in=[Status.RECEIVED, Status.IN_PROCESS, Status.EXTENDED]),
    "selesai": Q(status__in=[Status.ANSWERED, Status.CLOSED]),
}


@require_perms(STAFF, "ppid.view_inforequest")
def inbox(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    requests = InfoRequest.objects.select_related("assigned_officer", "assigned_unit").order_by("deadline", "id")
    status = request.GET.get("status", "terbuka")
    if status in INBOX_FILTERS:
        requests = requests.filter(INBOX_FILTERS[status])
    due = request.GET.get("tenggat", "")
    if due == "segera":
        requests = requests.due_by(today, deadlines.add_working_days(today, deadlines.REMINDER_DAYS[0]))
    elif due == "lewat":
        requests = requests.overdue(today)
    if request.GET.get("saya"):
        requests = requests.filter(assigned_officer=_user(request))
    page = Paginator(requests, 30).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    days_left = deadlines.DaysLeft(today, [r.deadline for r in rows])
    items = []
    for r in rows:
        left = days_left(r.deadline)
        items.append(
            {
                "req": r,
                "nik": mask_nik(r.nik) if r.nik else r.entity_registration,
                "phone": mask_phone(r.phone),
                "days_left": left,
                "tone": deadlines.tone(left, is_open=r.is_open),
            }
        )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"page": page, "items": items, "status": status, "due": due, "query": query.urlencode()}
    return render(request, "ppid/inbox.html", context)


@require_perms(STAFF, "ppid.add_inforequest")
def staff_create(request: HttpRequest) -> HttpResponse:
    form = StaffRequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        submitted = services.request_submit(
            data=form.requester_data(),
            identity_document=form.cleaned_data["identity_document"],
            power_of_attorney=form.cleaned_data.get("power_of_attorney"),
            channel=form.cleaned_data["channel"],
            actor=_user(request),
            received_at=form.cleaned_data.get("received_at"),
        )
        messages.success(request, _("Permohonan %(n)s dicatat.") % {"n": submitted.request.number})
        return redirect("ppid:detail", submitted.request.pk)
    return render(request, "ppid/staff_request_form.html", {"form": form}, status=400 if form.errors else 200)


def _detail_context(info: InfoRequest, **forms: Any) -> dict[str, Any]:
    today = timezone.localdate()
    due = deadlines.explain(info.received_date, deadlines.ANSWER_DAYS)
    extended = deadlines.explain(info.due_date, deadlines.EXTENSION_DAYS) if info.is_extended else None
    days_left = deadlines.DaysLeft(today, [info.deadline])(info.deadline)
    context = {
        "req": info,
        "due": due,
        "extended": extended,
        "days_left": days_left,
        "tone": deadlines.tone(days_left, is_open=info.is_open),
        "allowed": services.ALLOWED_TRANSITIONS[info.status],
        "notes": info.notes.select_related("author"),
        "documents": list(info.documents.all()),
        "history": history_for(info),
        "objection": _objection_of(info),
        "assign_form": AssignForm(initial={"officer": info.assigned_officer_id, "unit": info.assigned_unit_id}),
        "note_form": NoteForm(),
        "extend_form": ExtendForm(),
        "answer_form": AnswerForm(),
        "Status": Status,
    }
    return context | forms


@require_perms(STAFF, "ppid.view_inforequest")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    info = get_object_or_404(InfoRequest.objects.select_related("assigned_officer", "assigned_unit", "dip_item"), pk=pk)
    return render(request, "ppid/detail.html", _detail_context(info))


@require_POST
@require_perms(STAFF, "ppid.handle_inforequest")
def transition(request: HttpRequest, pk: int) -> HttpResponse:
    info = get_object_or_404(InfoRequest, pk=pk)
    to = request.POST.get("to", "")
    if to not in Status.values:
        raise Http404
    extra: dict[str, Any] = {}
    bound: dict[str, Any] = {}
    if to == Status.EXTENDED:
        form = ExtendForm(request.POST)
        bound["extend_form"] = form
        if not form.is_valid():
            return render(request, "ppid/detail.html", _detail_context(info, **bound), status=400)
        extra["extension_reason"] = form.cleaned_data["extension_reason"]
    elif to == Status.ANSWERED:
        answer_form = AnswerForm(request.POST, request.FILES)
        bound["answer_form"] = answer_form
        if not answer_form.is_valid():
            return render(request, "ppid/detail.html", _detail_context(info, **bound), status=400)
        d = answer_form.cleaned_data
        upload = d.get("documents")
        extra["answer"] = services.AnswerData(
            decision=d["decision"],
            answer=d["answer"],
            refusal_basis=d["refusal_basis"],
            exempt_ground=d["exempt_ground"],
            consequence_test=d["consequence_test"],
            dip_item=d["dip_item"],
            fee=d["fee"] or 0,
            documents=[(upload.name, upload)] if upload else [],
        )
    try:
        services.request_transition(request_id=info.pk, to=to, actor=_user(request), **extra)
    except services.PpidError as error:
        messages.error(request, error.message)
        return render(request, "ppid/detail.html", _detail_context(info, **bound), status=400)
    messages.success(request, _("Status permohonan diperbarui: %(s)s.") % {"s": Status(to).label})
    return redirect("ppid:detail", info.pk)


@require_POST
@require_perms(STAFF, "ppid.handle_inforequest")
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    info = get_object_or_404(InfoRequest, pk=pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        return render(request, "ppid/detail.html", _detail_context(info, assign_form=form), status=400)
    unit = form.cleaned_data["unit"]
    services.request_assign(
        request_id=info.pk,
        actor=_user(request),
        officer=form.cleaned_data["officer"],
        unit_id=unit.pk if unit else None,
    )
    messages.success(request, _("Penugasan disimpan."))
    return redirect("ppid:detail", info.pk)


@require_POST
@require_perms(STAFF, "ppid.handle_inforequest")
def add_note(request: HttpRequest, pk: int) -> HttpResponse:
    info = get_object_or_404(InfoRequest, pk=pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return render(request, "ppid/detail.html", _detail_context(info, note_form=form), status=400)
    services.request_add_note(request_id=info.pk, actor=_user(request), text=form.cleaned_data["text"])
    return redirect("ppid:detail", info.pk)


@require_perms(STAFF, "ppid.view_identity_document")
def identity_document(request: HttpRequest, pk: int, which: str) -> HttpResponse:
    info = get_object_or_404(InfoRequest, pk=pk)
    field = {"identitas": info.identity_document, "kuasa": info.power_of_attorney}.get(which)
    if not field:
        raise Http404
    return private_file_response(field, inline=True)  # type: ignore[return-value]


@require_perms(STAFF, "ppid.view_inforequest")
def staff_letter(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    info = get_object_or_404(InfoRequest, pk=pk)
    if kind == "tanda-bukti":
        return letters.pdf_response(
            "ppid/letters/receipt.html", {"req": info}, f"tanda-bukti-{letters.safe_filename(info.number)}.pdf"
        )
    if kind == "pemberitahuan":
        return _notice_pdf(info)
    raise Http404


@require_perms(STAFF, "ppid.view_inforequest")
def staff_document(request: HttpRequest, pk: int, doc: int) -> HttpResponse:
    document = get_object_or_404(RequestDocument, pk=doc, request_id=pk)
    return private_file_response(document.file)  # type: ignore[return-value]


# Staff: objections --------------------------------------------------------------------------


@require_perms(STAFF, "ppid.view_objection")
def objections(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    qs = Objection.objects.select_related("request").order_by("status", "due_date", "id")
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    days_left = deadlines.DaysLeft(today, [o.due_date for o in rows])
    items = []
    for o in rows:
        left = days_left(o.due_date)
        items.append({"obj": o, "days_left": left, "tone": deadlines.tone(left, is_open=o.status == "filed")})
    return render(request, "ppid/objections.html", {"page": page, "items": items})


def _objection_context(objection: Objection, **forms: Any) -> dict[str, Any]:
    return {
        "objection": objection,
        "req": objection.request,
        "due": deadlines.explain(objection.filed_date, deadlines.OBJECTION_ANSWER_DAYS),
        "decision_form": ObjectionDecisionForm(),
        "dispute_form": DisputeForm(),
        "outcome_form": DisputeOutcomeForm(),
        "history": history_for(objection),
        "reason_labels": [f"{r}. {ObjectionReason(r).label}" for r in objection.reasons],
    } | forms


@require_perms(STAFF, "ppid.view_objection")
def objection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    objection = get_object_or_404(Objection.objects.select_related("request", "decided_by"), pk=pk)
    return render(request, "ppid/objection_detail.html", _objection_context(objection))


@require_POST
@require_perms(STAFF, "ppid.decide_objection")
def objection_decide(request: HttpRequest, pk: int) -> HttpResponse:
    objection = get_object_or_404(Objection.objects.select_related("request"), pk=pk)
    form = ObjectionDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.objection_decide(
                objection_id=pk,
                actor=_user(request),
                decision=form.cleaned_data["decision"],
                text=form.cleaned_data["text"],
            )
        except services.PpidError as error:
            messages.error(request, error.message)
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Tanggapan atas keberatan disimpan."))
            return redirect("ppid:objection-detail", pk)
    return render(request, "ppid/objection_detail.html", _objection_context(objection, decision_form=form), status=400)


@require_POST
@require_perms(STAFF, "ppid.change_objection")
def objection_dispute(request: HttpRequest, pk: int) -> HttpResponse:
    objection = get_object_or_404(Objection.objects.select_related("request"), pk=pk)
    step = request.POST.get("step")
    form: DisputeForm | DisputeOutcomeForm
    bound: dict[str, DisputeForm | DisputeOutcomeForm]
    try:
        if step == "outcome":
            form = DisputeOutcomeForm(request.POST)
            if form.is_valid():
                services.objection_record_outcome(objection_id=pk, actor=_user(request), **form.cleaned_data)
                return redirect("ppid:objection-detail", pk)
            bound = {"outcome_form": form}
        else:
            form = DisputeForm(request.POST)
            if form.is_valid():
                services.objection_record_dispute(
                    objection_id=pk, actor=_user(request), filed_date=form.cleaned_data["filed_date"]
                )
                return redirect("ppid:objection-detail", pk)
            bound = {"dispute_form": form}
    except services.PpidError as error:
        # Shown as a message too: the form of the refused step may not be on the page.
        messages.error(request, error.message)
        form.add_error(None, error.message)
        bound = {"outcome_form" if step == "outcome" else "dispute_form": form}
    return render(request, "ppid/objection_detail.html", _objection_context(objection, **bound), status=400)


@require_perms(STAFF, "ppid.view_objection")
def objection_letter(request: HttpRequest, pk: int) -> HttpResponse:
    return _objection_pdf(get_object_or_404(Objection.objects.select_related("request"), pk=pk))


# Staff: DIP management and the service page --------------------------------------------------


@require_perms(STAFF, "ppid.change_dipitem")
def dip_manage(request: HttpRequest) -> HttpResponse:
    items = DipItem.objects.select_related("unit").order_by("category", "number")
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    return render(request, "ppid/dip_manage.html", {"page": page})


@require_perms(STAFF, "ppid.change_dipitem")
def dip_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    item = get_object_or_404(DipItem, pk=pk) if pk else None
    if item is None and not request.user.has_perm("ppid.add_dipitem"):
        raise PermissionDenied
    form = DipItemForm(request.POST or None, instance=item)
    document_form = DipDocumentForm()
    if request.method == "POST" and form.is_valid():
        saved = services.dip_item_save(form=form, actor=_user(request))
        messages.success(request, _("Item DIP disimpan."))
        return redirect("ppid:dip-edit", saved.pk)
    context = {"form": form, "item": item, "document_form": document_form}
    return render(request, "ppid/dip_edit.html", context, status=400 if form.errors else 200)


@require_POST
@require_perms(STAFF, "ppid.change_dipitem")
def dip_document_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(DipItem, pk=pk)
    form = DipDocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.dip_document_add(
                item_id=item.pk,
                actor=_user(request),
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except services.PpidError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Dokumen ditambahkan."))
            return redirect("ppid:dip-edit", item.pk)
    context = {"form": DipItemForm(instance=item), "item": item, "document_form": form}
    return render(request, "ppid/dip_edit.html", context, status=400)


@require_POST
@require_perms(STAFF, "ppid.change_dipitem")
def dip_document_delete(request: HttpRequest, pk: int, doc: int) -> HttpResponse:
    document = get_object_or_404(DipDocument, pk=doc, item_id=pk)
    services.dip_document_delete(document_id=document.pk, actor=_user(request))
    return redirect("ppid:dip-edit", pk)


@require_perms(STAFF, "ppid.change_serviceinfo")
def service_info_edit(request: HttpRequest) -> HttpResponse:
    info = ServiceInfo.objects.filter(pk=1).first()
    form = ServiceInfoForm(request.POST or None, instance=info)
    if request.method == "POST" and form.is_valid():
        services.service_info_save(form=form, actor=_user(request))
        messages.success(request, _("Informasi layanan disimpan."))
        return redirect("ppid:service-info")
    return render(request, "ppid/service_info_edit.html", {"form": form}, status=400 if form.errors else 200)


# Staff: registers and the periodic report ---------------------------------------------------


def _period(request: HttpRequest) -> tuple[PeriodForm, reports.Period]:
    form = PeriodForm(request.GET or {"tahun": timezone.localdate().year, "triwulan": 0})
    if form.is_valid():
        return form, reports.Period(form.cleaned_data["tahun"], form.cleaned_data["triwulan"] or 0)
    return form, reports.Period(timezone.localdate().year)


@require_perms(STAFF, "ppid.view_ppid_reports")
def registers(request: HttpRequest) -> HttpResponse:
    form, period = _period(request)
    kind = request.GET.get("register", "permohonan")
    name = f"register-{kind}-{period.year}-{period.quarter}"
    columns = reports.OBJECTION_COLUMNS if kind == "keberatan" else reports.REQUEST_COLUMNS
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        # Rows are built only for an export (map() would run the whole query at once).
        rows: Iterable[list[Any]]
        if kind == "keberatan":
            rows = map(reports.objection_row, reports.objection_register(period).iterator(chunk_size=2000))
        else:
            rows = map(reports.request_row, reports.request_register(period).iterator(chunk_size=2000))
        if export == "csv":
            return reports.csv_response(columns, rows, name)
        return reports.xlsx_response([(name, columns, rows)], name)
    base = reverse("ppid:registers")
    page: Any
    if kind == "keberatan":
        page = Paginator(reports.objection_register(period), 50).get_page(request.GET.get("page"))
        table = [reports.objection_row(o) for o in page.object_list]
    else:
        page = Paginator(reports.request_register(period), 50).get_page(request.GET.get("page"))
        table = [reports.request_row(r) for r in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    context = {
        "form": form,
        "period": period,
        "kind": kind,
        "columns": columns,
        "table": table,
        "page": page,
        "query": query.urlencode(),
        "base": base,
    }
    return render(request, "ppid/registers.html", context)


def _report_text(period: reports.Period) -> ServiceReportText | None:
    return ServiceReportText.objects.filter(year=period.year, quarter=period.quarter).first()


@require_perms(STAFF, "ppid.view_ppid_reports")
def report(request: HttpRequest) -> HttpResponse:
    form, period = _period(request)
    context = reports.report_context(period) | {"form": form, "text": _report_text(period)}
    context["summary"] = reports.report_summary_rows(context)
    export = request.GET.get("format")
    filename = f"laporan-layanan-informasi-{period.year}-{period.quarter}"
    if export == "pdf":
        return letters.pdf_response("ppid/letters/report.html", context, f"{filename}.pdf")
    if export == "xlsx":
        summary = (_("Ringkasan"), [_("Uraian"), _("Jumlah")], context["summary"])
        request_sheet = (
            _("Register permohonan"),
            reports.REQUEST_COLUMNS,
            map(reports.request_row, reports.request_register(period).iterator(chunk_size=2000)),
        )
        objection_sheet = (
            _("Register keberatan"),
            reports.OBJECTION_COLUMNS,
            map(reports.objection_row, reports.objection_register(period).iterator(chunk_size=2000)),
        )
        return reports.xlsx_response([summary, request_sheet, objection_sheet], filename)
    return render(request, "ppid/report.html", context)


@require_perms(STAFF, "ppid.change_servicereporttext")
def report_text_edit(request: HttpRequest, year: int, quarter: int) -> HttpResponse:
    if quarter not in reports.QUARTERS:
        raise Http404
    text = ServiceReportText.objects.filter(year=year, quarter=quarter).first()
    form = ReportTextForm(request.POST or None, instance=text)
    if request.method == "POST" and form.is_valid():
        services.report_text_save(form=form, year=year, quarter=quarter, actor=_user(request))
        return redirect(f"{reverse('ppid:report')}?tahun={year}&triwulan={quarter}")
    context = {"form": form, "period": reports.Period(year, quarter)}
    return render(request, "ppid/report_text_edit.html", context, status=400 if form.errors else 200)
