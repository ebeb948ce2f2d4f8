"""Staff pages of coverage monitoring: list, entry (form, pasted link, CSV), clipping file, reports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from humas.models import User
from humas.permissions import require_perms
from humas.private_media import private_file_response
from humas.roles import STAFF_AREA
from media_relations import coverage_reports as reports
from media_relations import coverage_services as services
from media_relations.coverage_fetch import fetch_preview
from media_relations.coverage_forms import CoverageForm, ImportForm, PasteUrlForm
from media_relations.models import Outlet
from media_relations.models_coverage import CoverageItem
from releases.models import Release

VIEW = "media_relations.view_coverageitem"
ADD = "media_relations.add_coverageitem"
REPORTS = "media_relations.view_coverage_reports"


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@require_perms(STAFF_AREA, VIEW)
def coverage_list(request: HttpRequest) -> HttpResponse:
    items = CoverageItem.objects.select_related("outlet", "release").order_by("-published_at", "-pk")
    query = request.GET.get("q", "").strip()[:100]
    if query:
        items = items.filter(
            Q(title__icontains=query) | Q(outlet__name__icontains=query) | Q(outlet_name__icontains=query)
        )
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    return render(
        request, "media_relations/coverage/list.html", {"page_obj": page, "items": page.object_list, "q": query}
    )


@require_perms(STAFF_AREA, ADD)
def coverage_create(request: HttpRequest) -> HttpResponse:
    form = CoverageForm(request.POST or None, request.FILES or None, initial=_initial_from(request))
    if request.method == "POST" and form.is_valid():
        try:
            item = services.coverage_create(
                actor=_user(request), data=form.item_data(), clipping=form.cleaned_data.get("clipping") or None
            )
        except services.CoverageError as error:
            form.add_error("url", str(error))
        else:
            messages.success(request, _("Kliping “%(title)s” tercatat.") % {"title": item.title})
            return redirect("media_relations:coverage-list")
    return render(request, "media_relations/coverage/form.html", {"form": form})


@require_perms(STAFF_AREA, "media_relations.change_coverageitem")
def coverage_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(CoverageItem, pk=pk)
    form = CoverageForm(request.POST or None, request.FILES or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.coverage_update(
                item_id=item.pk,
                actor=_user(request),
                data=form.item_data(),
                clipping=form.cleaned_data.get("clipping") if request.FILES.get("clipping") else None,
            )
        except services.CoverageError as error:
            form.add_error("url", str(error))
        else:
            messages.success(request, _("Kliping diperbarui."))
            return redirect("media_relations:coverage-list")
    return render(request, "media_relations/coverage/form.html", {"form": form, "item": item})


def _initial_from(request: HttpRequest) -> dict[str, Any]:
    release = request.GET.get("siaran")
    return {"release": release} if release and release.isdigit() else {}


@require_perms(STAFF_AREA, ADD)
def coverage_paste(request: HttpRequest) -> HttpResponse:
    """Step one of entry by link: read the page's title and time, then show the prefilled form."""
    form = PasteUrlForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        url = form.cleaned_data["url"]
        preview = fetch_preview(url)
        initial: dict[str, Any] = {"url": url, "title": preview.title, "medium": "online"}
        if preview.published_at:
            initial["published_at"] = timezone.localtime(preview.published_at).replace(tzinfo=None)
        outlet = Outlet.objects.filter(name__iexact=preview.site_name).first() if preview.site_name else None
        initial["outlet" if outlet else "outlet_name"] = outlet.pk if outlet else preview.site_name
        if preview.found:
            messages.info(request, _("Judul dan waktu terbit dibaca dari halaman berita. Periksa lalu simpan."))
        else:
            messages.warning(request, _("Halaman tidak dapat dibaca. Isi judul dan waktu terbitnya sendiri."))
        return render(request, "media_relations/coverage/form.html", {"form": CoverageForm(initial=initial)})
    return render(request, "media_relations/coverage/paste.html", {"form": form})


@require_perms(STAFF_AREA, ADD)
def coverage_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = services.coverage_import(
            actor=_user(request), file=form.cleaned_data["file"], skip_bad_rows=form.cleaned_data["skip_bad_rows"]
        )
        if result.stored:
            messages.success(request, _("%(n)s kliping tersimpan.") % {"n": result.stored})
            if not result.errors:
                return redirect("media_relations:coverage-list")
    return render(
        request, "media_relations/coverage/import.html", {"form": form, "result": result, "columns": services.COLUMNS}
    )


@require_perms(STAFF_AREA, VIEW)
def coverage_file(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(CoverageItem, pk=pk)
    if not item.clipping:
        return HttpResponse(status=404)
    return private_file_response(item.clipping, inline=True)  # type: ignore[return-value]


# Reports ----------------------------------------------------------------------------------------


def _export(request: HttpRequest, template: str, context: dict[str, Any], table: tuple[list[str], list[list[Any]]],
            filename: str) -> HttpResponse | None:  # fmt: skip
    from ppid.reports import csv_response, xlsx_response

    kind = request.GET.get("unduh")
    columns, rows = table
    if kind == "csv":
        return csv_response(columns, rows, filename)
    if kind == "xlsx":
        return xlsx_response([(filename, columns, rows)], filename)
    if kind == "pdf":
        from ppid.letters import pdf_response

        return pdf_response(template, context, f"{filename}.pdf")
    return None


@require_perms(STAFF_AREA, REPORTS)
def report_monthly(request: HttpRequest) -> HttpResponse:
    month = reports.Month.parse(request.GET.get("bulan"))
    context = {
        **reports.monthly_report(month),
        "previous": month.shift(-1),
        "next": month.shift(1),
    }
    exported = _export(
        request, "media_relations/coverage/pdf_monthly.html", context, reports.monthly_rows(context),
        f"kliping-bulanan-{month.key}",
    )  # fmt: skip
    return exported or render(request, "media_relations/coverage/report_monthly.html", context)


@require_perms(STAFF_AREA, REPORTS)
def report_releases(request: HttpRequest) -> HttpResponse:
    page = Paginator(reports.releases_with_coverage(), 50).get_page(request.GET.get("page"))
    return render(
        request, "media_relations/coverage/report_releases.html", {"page_obj": page, "releases": page.object_list}
    )


@require_perms(STAFF_AREA, REPORTS)
def report_release(request: HttpRequest, pk: int) -> HttpResponse:
    context = reports.release_report(get_object_or_404(Release, pk=pk))
    exported = _export(
        request,
        "media_relations/coverage/pdf_release.html",
        context,
        reports.release_rows(context),
        f"kliping-siaran-{pk}",
    )
    return exported or render(request, "media_relations/coverage/report_release.html", context)


@require_perms(STAFF_AREA, REPORTS)
def report_outlets(request: HttpRequest) -> HttpResponse:
    page = Paginator(reports.outlets_with_coverage(), 50).get_page(request.GET.get("page"))
    return render(
        request, "media_relations/coverage/report_outlets.html", {"page_obj": page, "outlets": page.object_list}
    )


@require_perms(STAFF_AREA, REPORTS)
def report_outlet(request: HttpRequest, pk: int) -> HttpResponse:
    context = reports.outlet_report(
        get_object_or_404(Outlet, pk=pk), until=reports.Month.parse(request.GET.get("bulan"))
    )
    exported = _export(
        request,
        "media_relations/coverage/pdf_outlet.html",
        context,
        reports.outlet_rows(context),
        f"kliping-media-{pk}",
    )
    return exported or render(request, "media_relations/coverage/report_outlet.html", context)
