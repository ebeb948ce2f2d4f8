"""Public pages (registration, confirmation, personal links), journalists' own pages, and the
staff pages of the directory and of distribution. Views validate and call services only."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from humas.audit import history_for
from humas.models import User
from humas.permissions import require_perms
from humas.private_media import private_file_response
from humas.public_forms import rate_limit_exceeded
from humas.roles import STAFF_AREA
from media_relations import csv_io, services
from media_relations.forms import (
    AlertPreferenceForm,
    DistributionListForm,
    ImportUploadForm,
    JournalistFilterForm,
    JournalistForm,
    OutletFilterForm,
    OutletForm,
    OwnRecordForm,
    RefuseForm,
    RegistrationForm,
    SendingForm,
)
from media_relations.models import AlertPreference, DistributionList, Journalist, Outlet, Sending
from releases.models import Release

PAGE_SIZE = 50
CONTACT = "media_relations.view_journalist_contact"
IMPORT_SESSION_KEY = "media_relations_import"


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def index(request: HttpRequest) -> HttpResponse:
    journalist = None
    if request.user.is_authenticated:
        journalist = Journalist.objects.filter(user=request.user).first()
    return render(request, "media_relations/index.html", {"journalist": journalist})


# Registration and personal links (public) ----------------------------------------------------


def register(request: HttpRequest) -> HttpResponse:
    form = RegistrationForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if rate_limit_exceeded(request, "media-register"):
            form.add_error(None, _("Terlalu banyak pendaftaran dari alamat Anda. Silakan coba lagi nanti."))
            return render(request, "media_relations/register.html", {"form": form}, status=429)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.journalist_register(
                    data=services.Registration(
                        name=data["name"],
                        outlet=data["outlet"],
                        email=data["email"],
                        phone=data["phone"],
                        press_card_number=data["press_card_number"],
                        press_card_issuer=data["press_card_issuer"],
                        press_card_image=data["press_card_image"],
                        password=data["password"],
                    )
                )
            except services.MediaError as error:
                form.add_error(None, error.message)
            else:
                return redirect("media_relations:register-done")
    return render(request, "media_relations/register.html", {"form": form}, status=400 if form.errors else 200)


def register_done(request: HttpRequest) -> HttpResponse:
    return render(request, "media_relations/register_done.html")


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (link scanners must not confirm); POST confirms."""
    if request.method == "POST":
        try:
            services.journalist_confirm_email(token=token)
        except services.MediaError as error:
            return render(request, "media_relations/confirm.html", {"error": error.message}, status=400)
        return render(request, "media_relations/confirm.html", {"confirmed": True})
    return render(request, "media_relations/confirm.html", {"token": token})


def click(request: HttpRequest, token: str) -> HttpResponse:
    recipient = services.recipient_click(token=token)
    if recipient is None:
        raise Http404(_("Tautan tidak dikenal."))
    return redirect(recipient.release.get_absolute_url())


def click_presskit(request: HttpRequest, token: str) -> HttpResponse:
    recipient = services.recipient_click(token=token)
    if recipient is None:
        raise Http404(_("Tautan tidak dikenal."))
    return redirect(recipient.release.get_presskit_url())


@csrf_exempt  # RFC 8058 one-click unsubscribe: the mail client POSTs without any page or cookie.
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a confirmation button; POST (from the page or the mail client) unsubscribes."""
    recipient = services.recipient_for_token(token)
    if recipient is None:
        raise Http404(_("Tautan berhenti berlangganan tidak dikenal."))
    if request.method == "POST":
        services.recipient_unsubscribe(token=token)
        return render(request, "media_relations/unsubscribe.html", {"done": True})
    return render(request, "media_relations/unsubscribe.html", {"recipient": recipient})


# Journalists' own pages (signed in, no staff role) -------------------------------------------


def _own(request: HttpRequest) -> Journalist:
    journalist = Journalist.objects.select_related("outlet").filter(user=_user(request)).first()
    if journalist is None:
        raise Http404(_("Akun ini bukan akun wartawan."))
    return journalist


@login_required
def account(request: HttpRequest) -> HttpResponse:
    journalist = _own(request)
    form = OwnRecordForm(request.POST or None, instance=journalist)
    if request.method == "POST" and form.is_valid():
        services.journalist_update_own(journalist_id=journalist.pk, changes=form.cleaned_data, actor=_user(request))
        messages.success(request, _("Data Anda telah diperbarui."))
        return redirect("media_relations:account")
    context = {"journalist": journalist, "form": form}
    return render(request, "media_relations/account/profile.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def account_delete(request: HttpRequest) -> HttpResponse:
    journalist = _own(request)
    services.journalist_request_deletion(journalist_id=journalist.pk, actor=_user(request))
    messages.success(
        request,
        _(
            "Permintaan penghapusan data telah dicatat. Anda tidak akan dikirimi surel lagi; "
            "petugas akan menghapus data Anda."
        ),
    )
    return redirect("media_relations:account")


@login_required
def account_alerts(request: HttpRequest) -> HttpResponse:
    journalist = _own(request)
    preference = AlertPreference.objects.filter(journalist=journalist).first() or AlertPreference(journalist=journalist)
    form = AlertPreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        services.alert_preference_save(
            journalist_id=journalist.pk,
            enabled=form.cleaned_data["enabled"],
            categories=list(form.cleaned_data["categories"]),
            units=list(form.cleaned_data["units"]),
            actor=_user(request),
        )
        messages.success(request, _("Preferensi pemberitahuan disimpan."))
        return redirect("media_relations:account-alerts")
    return render(request, "media_relations/account/alerts.html", {"journalist": journalist, "form": form})


@login_required
def account_invitations(request: HttpRequest) -> HttpResponse:
    _own(request)  # 404 for an account without a journalist record
    # Invitations are answered on the press-conference page of the journalist's own account.
    return redirect("media_relations:my-invitations")


@login_required
def account_presskits(request: HttpRequest) -> HttpResponse:
    journalist = _own(request)
    embargoed: list[Release] = []
    if request.user.has_perm("releases.view_embargoed_release"):
        embargoed = list(Release.objects.under_embargo().select_related("unit").order_by("embargo_until")[:50])
    public = list(Release.objects.public().select_related("unit")[:30])
    context = {"journalist": journalist, "embargoed": embargoed, "public": public}
    return render(request, "media_relations/account/presskits.html", context)


# Staff: directory ----------------------------------------------------------------------------


def _journalists(request: HttpRequest, form: JournalistFilterForm) -> QuerySet[Journalist]:
    found = Journalist.objects.select_related("outlet").prefetch_related("beats")
    if form.is_valid():
        found = form.filter(found, with_contact=request.user.has_perm(CONTACT))
    return found.order_by("name", "pk")


@require_perms(STAFF_AREA, "media_relations.view_journalist")
def staff_journalists(request: HttpRequest) -> HttpResponse:
    form = JournalistFilterForm(request.GET or None)
    page = Paginator(_journalists(request, form), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "query": _query(request), "show_contact": request.user.has_perm(CONTACT)}
    return render(request, "media_relations/staff/journalists.html", context)


@require_perms(STAFF_AREA, "media_relations.view_journalist")
def staff_journalists_export(request: HttpRequest) -> HttpResponse:
    form = JournalistFilterForm(request.GET or None)
    rows = csv_io.export_rows(_journalists(request, form), with_contact=request.user.has_perm(CONTACT))
    response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="direktori-wartawan-{timezone.localdate():%Y%m%d}.csv"'
    return response  # type: ignore[return-value]


def _journalist_form_view(request: HttpRequest, journalist: Journalist) -> HttpResponse:
    form = JournalistForm(request.POST or None, instance=journalist)
    if request.method == "POST":
        if not request.user.has_perm(
            "media_relations.change_journalist" if journalist.pk else "media_relations.add_journalist"
        ):
            raise PermissionDenied
        if form.is_valid():
            item = form.save(commit=False)
            consent = form.cleaned_data.get("consent") or ""
            if consent != (journalist.consent_source if journalist.pk else ""):
                item.consent_source = consent
                item.consent_at = timezone.now() if consent else None
            try:
                item = services.journalist_save(
                    journalist=item, beats=list(form.cleaned_data["beats"]), actor=_user(request)
                )
            except services.MediaError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Data wartawan disimpan."))
                return redirect("media_relations:staff-journalist", item.pk)
    context: dict[str, Any] = {
        "journalist": journalist,
        "form": form,
        "refuse_form": RefuseForm(),
        "show_contact": request.user.has_perm(CONTACT),
        "history": list(history_for(journalist)[:20]) if journalist.pk else [],
    }
    return render(request, "media_relations/staff/journalist.html", context, status=400 if form.errors else 200)


@require_perms(STAFF_AREA, "media_relations.add_journalist", CONTACT)
def staff_journalist_create(request: HttpRequest) -> HttpResponse:
    return _journalist_form_view(request, Journalist())


@require_perms(STAFF_AREA, "media_relations.view_journalist", CONTACT)
def staff_journalist(request: HttpRequest, pk: int) -> HttpResponse:
    journalist = get_object_or_404(Journalist.objects.select_related("outlet", "user"), pk=pk)
    return _journalist_form_view(request, journalist)


@require_perms(STAFF_AREA, "media_relations.view_journalist", CONTACT)
def staff_press_card(request: HttpRequest, pk: int) -> HttpResponse:
    journalist = get_object_or_404(Journalist, pk=pk)
    if not journalist.press_card_image:
        raise Http404
    return private_file_response(journalist.press_card_image)  # type: ignore[return-value]


@require_POST
@require_perms(STAFF_AREA, "media_relations.change_journalist")
def staff_journalist_verify(request: HttpRequest, pk: int) -> HttpResponse:
    journalist = get_object_or_404(Journalist, pk=pk)
    try:
        services.journalist_verify(journalist_id=journalist.pk, actor=_user(request))
    except services.MediaError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("%(name)s telah diverifikasi dan diberi tahu lewat surel.") % {"name": journalist.name}
        )
    return redirect("media_relations:staff-journalist", pk)


@require_POST
@require_perms(STAFF_AREA, "media_relations.change_journalist")
def staff_journalist_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    journalist = get_object_or_404(Journalist, pk=pk)
    form = RefuseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tuliskan alasan penolakan."))
        return redirect("media_relations:staff-journalist", pk)
    try:
        services.journalist_refuse(
            journalist_id=journalist.pk, reason=form.cleaned_data["reason"], actor=_user(request)
        )
    except services.MediaError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Pendaftaran ditolak; wartawan diberi tahu alasannya lewat surel."))
    return redirect("media_relations:staff-journalist", pk)


@require_POST
@require_perms(STAFF_AREA, "media_relations.delete_journalist")
def staff_journalist_delete(request: HttpRequest, pk: int) -> HttpResponse:
    journalist = get_object_or_404(Journalist, pk=pk)
    services.journalist_delete(journalist_id=journalist.pk, actor=_user(request))
    messages.success(request, _("Data wartawan dihapus."))
    return redirect("media_relations:staff-journalists")


@require_perms(STAFF_AREA, "media_relations.add_journalist", CONTACT)
def staff_journalists_import(request: HttpRequest) -> HttpResponse:
    """Step 1 (upload) shows the preview; step 2 (``action`` import / skip) writes."""
    form = ImportUploadForm()
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and request.POST.get("action") in {"import", "skip"}:
        return _import_commit(request)
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            raw: bytes = form.cleaned_data["file"]
            try:
                context["preview"] = csv_io.import_preview(raw)
            except csv_io.ImportFileError as error:
                form.add_error("file", error.message)
            else:
                request.session[IMPORT_SESSION_KEY] = base64.b64encode(raw).decode()
        if form.errors:
            return render(request, "media_relations/staff/import.html", context, status=400)
    return render(request, "media_relations/staff/import.html", context)


def _import_commit(request: HttpRequest) -> HttpResponse:
    stored = request.session.get(IMPORT_SESSION_KEY, "")
    try:
        raw = base64.b64decode(stored, validate=True) if stored else b""
    except (binascii.Error, ValueError):
        raw = b""
    if not raw:
        messages.error(request, _("Pratinjau impor sudah tidak ada. Unggah berkasnya lagi."))
        return redirect("media_relations:staff-journalists-import")
    try:
        created = csv_io.import_commit(raw=raw, skip_bad=request.POST["action"] == "skip", actor=_user(request))
    except csv_io.ImportFileError as error:
        messages.error(request, error.message)
        return redirect("media_relations:staff-journalists-import")
    request.session.pop(IMPORT_SESSION_KEY, None)
    messages.success(request, _("%(count)s wartawan diimpor.") % {"count": created})
    return redirect("media_relations:staff-journalists")


@require_perms(STAFF_AREA, "media_relations.view_outlet")
def staff_outlets(request: HttpRequest) -> HttpResponse:
    form = OutletFilterForm(request.GET or None)
    found: QuerySet[Outlet] = Outlet.objects.annotate(journalist_count=Count("journalists"))
    if form.is_valid():
        found = form.filter(found)
    page = Paginator(found.order_by("name", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "media_relations/staff/outlets.html", {"form": form, "page": page, "query": _query(request)})


def _outlet_form(request: HttpRequest, outlet: Outlet) -> HttpResponse:
    form = OutletForm(request.POST or None, instance=outlet)
    if request.method == "POST" and form.is_valid():
        services.outlet_save(outlet=form.save(commit=False), actor=_user(request))
        messages.success(request, _("Data media disimpan."))
        return redirect("media_relations:staff-outlets")
    return render(
        request,
        "media_relations/staff/outlet_form.html",
        {"form": form, "outlet": outlet},
        status=400 if form.errors else 200,
    )


@require_perms(STAFF_AREA, "media_relations.add_outlet")
def staff_outlet_create(request: HttpRequest) -> HttpResponse:
    return _outlet_form(request, Outlet())


@require_perms(STAFF_AREA, "media_relations.change_outlet")
def staff_outlet_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _outlet_form(request, get_object_or_404(Outlet, pk=pk))


# Staff: distribution -------------------------------------------------------------------------


@require_perms(STAFF_AREA, "media_relations.view_distributionlist")
def staff_lists(request: HttpRequest) -> HttpResponse:
    lists = DistributionList.objects.annotate(member_count=Count("members")).order_by("name")
    return render(request, "media_relations/staff/lists.html", {"lists": lists})


def _list_form(request: HttpRequest, item: DistributionList) -> HttpResponse:
    form = DistributionListForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.distribution_list_save(
                item=form.save(commit=False), members=list(form.cleaned_data["members"]), actor=_user(request)
            )
        except services.MediaError as error:
            form.add_error("name", error.message)
        else:
            messages.success(request, _("Daftar distribusi disimpan."))
            return redirect("media_relations:staff-lists")
    return render(
        request,
        "media_relations/staff/list_form.html",
        {"form": form, "item": item},
        status=400 if form.errors else 200,
    )


@require_perms(STAFF_AREA, "media_relations.add_distributionlist")
def staff_list_create(request: HttpRequest) -> HttpResponse:
    return _list_form(request, DistributionList())


@require_perms(STAFF_AREA, "media_relations.change_distributionlist")
def staff_list_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _list_form(request, get_object_or_404(DistributionList, pk=pk))


@require_perms(STAFF_AREA, "media_relations.view_sending")
def staff_sendings(request: HttpRequest) -> HttpResponse:
    found = Sending.objects.select_related("release", "created_by", "distribution_list").annotate(
        clicks=Count("recipients", filter=Q(recipients__clicks__gt=0))
    )
    page = Paginator(found.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "media_relations/staff/sendings.html", {"page": page, "query": _query(request)})


@require_perms(STAFF_AREA, "media_relations.add_sending")
def staff_sending_create(request: HttpRequest) -> HttpResponse:
    initial = {"release": request.GET.get("release")} if request.GET.get("release") else None
    form = SendingForm(request.POST or None, initial=initial)
    needs_confirm = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        audience = services.Audience(
            distribution_list=data["distribution_list"],
            beat=data["beat"],
            outlet_kind=data["outlet_kind"],
            area=data["area"],
        )
        try:
            sending = services.sending_create(
                release_id=data["release"].pk,
                advance_copy=data["advance_copy"],
                audience=audience,
                confirm_resend=data["confirm_resend"],
                actor=_user(request),
            )
        except services.ResendConfirmationNeeded as error:
            needs_confirm = True
            form.add_error("confirm_resend", error.message)
        except services.MediaError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Pengiriman dimulai."))
            return redirect("media_relations:staff-sending", sending.pk)
    context = {"form": form, "needs_confirm": needs_confirm}
    return render(request, "media_relations/staff/sending_form.html", context, status=400 if form.errors else 200)


def _reactions(sending: Sending) -> dict[str, int]:
    """Who clicked a link in this sending, and who unsubscribed since it went out (one query)."""
    return sending.recipients.aggregate(
        clicked=Count("pk", filter=Q(clicks__gt=0)),
        unsubscribed=Count("pk", filter=Q(status="sent", journalist__unsubscribed_at__gte=sending.created_at)),
    )


@require_perms(STAFF_AREA, "media_relations.view_sending")
def staff_sending(request: HttpRequest, pk: int) -> HttpResponse:
    sending = get_object_or_404(
        Sending.objects.select_related("release", "created_by", "distribution_list", "beat"), pk=pk
    )
    problems = list(
        sending.recipients.exclude(status__in=["sent", "queued"])
        .select_related("journalist")
        .order_by("status", "pk")[:200]
    )
    people = _reactions(sending)
    context = {
        "sending": sending,
        "problems": problems,
        "clicked": people["clicked"],
        "unsubscribed": people["unsubscribed"],
    }
    return render(request, "media_relations/staff/sending.html", context)


@require_perms(STAFF_AREA, "media_relations.view_sending")
def staff_sending_status(request: HttpRequest, pk: int) -> JsonResponse:
    sending = get_object_or_404(Sending, pk=pk)
    return JsonResponse(
        {
            "status": sending.status,
            "status_label": sending.get_status_display(),
            "recipients": sending.recipient_count,
            "to_send": sending.to_send_count,
            "sent": sending.sent_count,
            "failed": sending.failed_count,
            "bounced": sending.bounced_count,
            "skipped": sending.skipped_count,
            "unsubscribed": _reactions(sending)["unsubscribed"],
            "done": sending.status == Sending.Status.DONE,
            "url": reverse("media_relations:staff-sending", args=[sending.pk]),
        }
    )
