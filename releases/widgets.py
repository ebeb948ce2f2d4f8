"""The CKEditor 5 widget of ``django-ckeditor-5``, adapted to our Content-Security-Policy.

The package's template prints the editor's configuration with ``json_script``; ours keeps it
as escaped text in a hidden element (no ``<script>`` element of any kind in the page), which
the package's static bundle reads the same way when it initialises every editor on load.
Uploads go to our own staff-only endpoint, which runs the portal's image checks.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.conf import settings
from django.forms.renderers import BaseRenderer
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django_ckeditor_5.widgets import CKEditor5Widget

EDITOR_CONFIG: dict[str, Any] = {
    "language": "id",
    "toolbar": [
        "heading",
        "|",
        "bold",
        "italic",
        "link",
        "|",
        "bulletedList",
        "numberedList",
        "blockQuote",
        "insertTable",
        "|",
        "imageUpload",
        "|",
        "undo",
        "redo",
    ],
    "heading": {
        "options": [
            {"model": "paragraph", "title": "Paragraf", "class": "ck-heading_paragraph"},
            {"model": "heading2", "view": "h2", "title": "Judul 2", "class": "ck-heading_heading2"},
            {"model": "heading3", "view": "h3", "title": "Judul 3", "class": "ck-heading_heading3"},
            {"model": "heading4", "view": "h4", "title": "Judul 4", "class": "ck-heading_heading4"},
        ]
    },
    "image": {"toolbar": ["imageTextAlternative", "toggleImageCaption"]},
    "table": {"contentToolbar": ["tableColumn", "tableRow"]},
    "link": {"defaultProtocol": "https://"},
}


class RichTextWidget(CKEditor5Widget):
    template_name = "releases/widgets/ckeditor.html"

    class Media:
        css = {"all": ["django_ckeditor_5/dist/styles.css"]}
        js = ["django_ckeditor_5/dist/bundle.js", "django_ckeditor_5/dist/translations/id.js"]

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        forms.Widget.__init__(self, {"class": "django_ckeditor_5", **(attrs or {})})
        self._config_errors: list[str] = []
        self.config = dict(EDITOR_CONFIG)

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: BaseRenderer | None = None
    ) -> SafeString:
        attrs = attrs or {}
        context = self.get_context(name, value, attrs)
        context["config_json"] = json.dumps(self.config, ensure_ascii=False)
        context["script_id"] = f"{attrs.get('id', 'id_' + name)}_script"
        context["upload_url"] = reverse("releases:editor-image-upload")
        context["upload_file_types"] = json.dumps(["jpeg", "png", "webp"])
        context["csrf_cookie_name"] = settings.CSRF_COOKIE_NAME
        # The project's template engine (templates/ folder), not the form renderer's own.
        return mark_safe(render_to_string(self.template_name, context))  # noqa: S308 (autoescaped template)
