from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from humas.dashboard import panels_for
from humas.forms import AuditFilterForm
from humas.health import last_heartbeat, run_checks
from humas.models import AuditEntry, User
from humas.permissions import is_staff_member, require_perms, staff_required


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "humas/home.html")


def after_login(request: HttpRequest) -> HttpResponse:
    """Staff land on their dashboard; everyone else on the public home page."""
    if is_staff_member(request.user):
        return redirect("humas:dashboard")
    return redirect("home")


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # staff_required let only signed-in users through
    return render(request, "humas/dashboard.html", {"panels": panels_for(user)})


@require_perms("humas.access_staff_area", "humas.view_auditentry")
def audit_list(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    entries = AuditEntry.objects.select_related("actor", "content_type")
    if form.is_valid():
        entries = form.filter(entries)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context: dict[str, Any] = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "humas/audit_list.html", context)


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    results = run_checks()
    healthy = all(value == "ok" for value in results.values())
    body = {"status": "ok" if healthy else "error", "checks": results, "worker_heartbeat": last_heartbeat()}
    return JsonResponse(body, status=200 if healthy else 503)
