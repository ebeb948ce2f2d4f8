"""Server-side sanitising of rich text: whatever the editor sends, only the allow-list survives.

Allowed: headings, paragraphs, line breaks, lists, links (http, https, mailto), emphasis,
quotes, tables and figures/images whose source is our own media. Everything else (scripts,
event handlers, style attributes, iframes, SVG, forms, ``javascript:``/``data:`` URLs) is
removed. The public page prints the stored HTML as is, so this is the one gate.
"""

from __future__ import annotations

import html
import re

import nh3
from django.conf import settings

TAGS = {
    "h2", "h3", "h4", "p", "br", "hr",
    "ul", "ol", "li",
    "a", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "blockquote", "q", "cite",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
    "figure", "figcaption", "img",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "figure": {"class"},
}
URL_SCHEMES = {"http", "https", "mailto"}
FIGURE_CLASSES = {"image", "table", "image-style-side", "image_resized"}


def _own_media(src: str) -> bool:
    media = settings.MEDIA_URL
    site_media = settings.SITE_URL.rstrip("/") + media
    return (src.startswith(media) or src.startswith(site_media)) and ".." not in src and "\\" not in src


def _filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        return value if _own_media(value) else None
    if attribute in {"width", "height", "colspan", "rowspan", "start"}:
        return value if value.isdigit() and len(value) < 5 else None
    if tag == "figure" and attribute == "class":
        kept = [name for name in value.split() if name in FIGURE_CLASSES]
        return " ".join(kept) or None
    return value


def clean_html(value: str) -> str:
    cleaned = nh3.clean(
        value,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_filter,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    # An <img> that lost its foreign source is useless; drop it.
    return re.sub(r"<img(?![^>]*\ssrc=)[^>]*>", "", cleaned)


def html_to_text(value: str) -> str:
    """Plain text of sanitised HTML, paragraphs on their own lines (press kit, feeds, meta tags)."""
    text = re.sub(r"(?i)<br\s*/?>", "\n", value)
    text = re.sub(r"(?i)</(p|h[1-6]|li|blockquote|tr|figure|figcaption)>", "\n\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = html.unescape(text)
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()
