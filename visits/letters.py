"""The surat balasan and the attendance list as PDF on the office letterhead (WeasyPrint)."""

from __future__ import annotations

from django.http import HttpResponse

from ppid.letters import pdf_response, render_pdf, safe_filename
from visits.models import Visit


def reply_letter_pdf(visit: Visit) -> bytes:
    return render_pdf("visits/letters/reply.html", {"visit": visit, "hosts": list(visit.hosts.all())})


def reply_letter_response(visit: Visit) -> HttpResponse:
    context = {"visit": visit, "hosts": list(visit.hosts.all())}
    return pdf_response("visits/letters/reply.html", context, f"surat-balasan-{safe_filename(visit.reference)}.pdf")


def attendance_response(visit: Visit) -> HttpResponse:
    context = {"visit": visit, "participants": list(visit.participants.all()), "hosts": list(visit.hosts.all())}
    return pdf_response("visits/letters/attendance.html", context, f"daftar-hadir-{safe_filename(visit.reference)}.pdf")


def letter_filename(visit: Visit) -> str:
    return f"surat-balasan-{safe_filename(visit.reference)}.pdf"
