"""Official letters as PDF on the office letterhead (WeasyPrint), rendered from the database rows."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML


def letterhead() -> dict[str, str]:
    return {
        "office_name": settings.OFFICE_NAME,
        "office_region": settings.OFFICE_REGION,
        "office_address": settings.OFFICE_ADDRESS,
        "office_phone": settings.OFFICE_PHONE,
        "office_email": settings.OFFICE_EMAIL,
    }


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    html = render_to_string(template, {**letterhead(), "printed_at": timezone.localtime(), **context})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def pdf_response(template: str, context: dict[str, Any], filename: str) -> HttpResponse:
    response = HttpResponse(render_pdf(template, context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def safe_filename(number: str) -> str:
    return number.replace("/", "-")
