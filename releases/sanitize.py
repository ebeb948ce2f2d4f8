"""Server-side sanitising of rich text: whatever the editor sends, only the allow-list survives."""

from __future__ import annotations

import nh3


def clean_html(html: str) -> str:
    return nh3.clean(html, url_schemes={"http", "https", "mailto"})
