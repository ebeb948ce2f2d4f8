"""The check-in QR code, as an SVG data URI for pages and as a PNG for the confirmation mail."""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg


def qr_data_uri(text: str) -> str:
    if not text:
        return ""
    svg = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


def qr_png(text: str) -> bytes:
    buffer = io.BytesIO()
    qrcode.make(text, box_size=8, border=2).save(buffer)
    return buffer.getvalue()
