"""Retention: `manage.py ppid_anonymise` strips old closed requests of personal data and scans
while every figure of the registers, the report and the performance page stays the same."""

from __future__ import annotations

import io
import os
from typing import Any

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from humas.audit import history_for
from humas.roles import Role
from ppid import reports
from ppid.models import InfoRequest, Objection, RequesterEmail
from ppid.services import ANONYMISED_NAME, request_transition
from tests.factories.ppid import jakarta, submit, varied_year

pytestmark = pytest.mark.django_db
PERSONAL = ("name", "nik", "address", "phone", "email", "occupation", "purpose")


def close_all_answered(officer: Any) -> None:
    with time_machine.travel(jakarta(2026, 9, 1), tick=False):
        for req in InfoRequest.objects.filter(status="answered"):
            request_transition(request_id=req.pk, to="closed", actor=officer)


def figures() -> dict[str, Any]:
    return {
        "year": reports.report_context(reports.Period(2026)) | {"decision_chart": None},
        "q1": reports.report_summary_rows(reports.report_context(reports.Period(2026, 1))),
        "performance": reports.performance_by_month(2026),
        "register": [
            row[:3] + row[9:] for row in map(reports.request_row, reports.request_register(reports.Period(2026)))
        ],
    }


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("ppid_anonymise", *args, stdout=out)
    return out.getvalue()


def test_old_closed_requests_are_anonymised_their_scans_deleted_and_the_figures_unchanged(  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks, settings
) -> None:
    data = varied_year()
    close_all_answered(data["officer"])
    with time_machine.travel(jakarta(2027, 1, 4), tick=False):
        recent = submit(jakarta(2027, 1, 4)).request  # open, and far too recent
    scans = {req.pk: req.identity_document.path for req in InfoRequest.objects.all()}
    assert all(os.path.exists(path) for path in scans.values())
    before = figures()
    settings.PPID_RETENTION_YEARS = 5
    with time_machine.travel(jakarta(2031, 9, 2), tick=False), django_capture_on_commit_callbacks(execute=True):
        assert "7 permohonan akan dianonimkan" in run("--dry-run")
        assert InfoRequest.objects.filter(anonymised_at__isnull=False).count() == 0
        output = run()
    assert "7 permohonan dianonimkan" in output
    # The 2025 request, and the 2026 ones closed before 2 September 2026; not the open one, not
    # the one whose objection is still waiting for the Atasan PPID (Fajar's).
    done = InfoRequest.objects.filter(anonymised_at__isnull=False)
    kept = {r.name for r in InfoRequest.objects.filter(anonymised_at=None)}
    assert kept == {"Fajar", "Gita", "Sri Lestari"}
    for req in done:
        assert [getattr(req, f) for f in PERSONAL] == [ANONYMISED_NAME, "", "", "", "", "", ""]
        assert not req.identity_document and not os.path.exists(scans[req.pk])
        assert next(e.action for e in history_for(req)) == "ppid.request.anonymise"
        assert not RequesterEmail.objects.filter(request=req).exists()
    assert os.path.exists(scans[recent.pk])
    assert Objection.objects.get(request=data["requests"]["feb_exempt"].request).description == "(dianonimkan)"
    after = figures()
    assert after["year"]["requests"] == before["year"]["requests"]
    assert after["year"]["objections"] == before["year"]["objections"]
    assert after == before
    # The tracking link no longer opens an anonymised request.
    old = data["requests"]["jan_fast"]
    assert Client().get(reverse("ppid:track", args=[old.request.pk, old.token])).status_code == 404
    # A second run finds nothing left to do.
    with time_machine.travel(jakarta(2031, 9, 2), tick=False):
        assert "0 permohonan dianonimkan" in run()


def test_years_option_overrides_the_setting_and_must_be_positive(settings) -> None:  # type: ignore[no-untyped-def]
    data = varied_year()
    close_all_answered(data["officer"])
    settings.PPID_RETENTION_YEARS = 10
    with time_machine.travel(jakarta(2028, 9, 2), tick=False):
        assert "0 permohonan dianonimkan" in run()
        assert "7 permohonan dianonimkan" in run("--years", "2")
        with pytest.raises(CommandError, match="paling sedikit 1 tahun"):
            run("--years", "0")


def test_staff_pages_still_work_for_an_anonymised_request(
    client: Client, login_as, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    data = varied_year()
    close_all_answered(data["officer"])
    with time_machine.travel(jakarta(2032, 1, 5), tick=False), django_capture_on_commit_callbacks(execute=True):
        run("--years", "5")
    login_as(Role.PPID_OFFICER)
    req = data["requests"]["feb_exempt"].request
    page = client.get(reverse("ppid:detail", args=[req.pk]))
    assert page.status_code == 200 and ANONYMISED_NAME in page.content.decode()
    assert client.get(reverse("ppid:identity", args=[req.pk, "identitas"])).status_code == 404
    assert client.get(reverse("ppid:letter", args=[req.pk, "pemberitahuan"])).status_code == 200
