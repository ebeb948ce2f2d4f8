"""What each platform accepts: length by its own counting rule, hashtags, and images.

The same rules drive the live counter (the form passes ``counter``/``limit``/``url_length`` to the
browser), the form validation and the approval check. Nothing is ever truncated: a version that
does not fit is refused with a message saying by how much.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image

from humas.uploads import MB, check_image
from releases.channels.counting import hashtag_count, mastodon_length, x_weighted_length
from releases.channels.models import Channel, Platform

INSTAGRAM_MAX_BYTES = 8 * MB
INSTAGRAM_MIN_RATIO = 4 / 5
INSTAGRAM_MAX_RATIO = 1.91
INSTAGRAM_MAX_HASHTAGS = 30


@dataclass(frozen=True)
class Limit:
    counter: str  # "x", "mastodon" or "chars": the rule of counter.js and counting.py
    limit: int
    url_length: int = 23
    image_required: bool = False


def limit_for(channel: Channel, *, has_image: bool) -> Limit:
    match channel.platform:
        case Platform.X:
            return Limit("x", 280)
        case Platform.MASTODON:
            return Limit("mastodon", channel.max_characters or 500, channel.characters_per_url or 23)
        case Platform.TELEGRAM:
            return Limit("chars", 1024 if has_image else 4096)
        case Platform.INSTAGRAM:
            return Limit("chars", 2200, image_required=True)
        case Platform.FACEBOOK:
            return Limit("chars", 63206)
    return Limit("chars", 10000)


def count(limit: Limit, text: str) -> int:
    if limit.counter == "x":
        return x_weighted_length(text)
    if limit.counter == "mastodon":
        return mastodon_length(text, url_length=limit.url_length)
    return len(text)


def text_problems(channel: Channel, text: str, *, has_image: bool) -> list[str]:
    limit = limit_for(channel, has_image=has_image)
    problems = []
    if not text.strip():
        problems.append(_("Teks untuk %(channel)s kosong.") % {"channel": channel.name})
    used = count(limit, text)
    if used > limit.limit:
        problems.append(
            _("Teks untuk %(channel)s terlalu panjang: %(used)s dari batas %(limit)s karakter (kelebihan %(over)s).")
            % {"channel": channel.name, "used": used, "limit": limit.limit, "over": used - limit.limit}
        )
    if channel.platform == Platform.INSTAGRAM and hashtag_count(text) > INSTAGRAM_MAX_HASHTAGS:
        problems.append(
            _("Keterangan Instagram memuat %(count)s tagar; batasnya %(max)s.")
            % {"count": hashtag_count(text), "max": INSTAGRAM_MAX_HASHTAGS}
        )
    if limit.image_required and not has_image:
        problems.append(
            _("%(channel)s memerlukan gambar: unggah gambar untuk versi kanal ini.") % {"channel": channel.name}
        )
    return problems


def instagram_problems(width: int, height: int, size: int) -> list[str]:
    problems = []
    ratio = width / height if height else 0
    if not INSTAGRAM_MIN_RATIO <= ratio <= INSTAGRAM_MAX_RATIO:
        problems.append(
            _("Rasio gambar Instagram harus antara 4:5 dan 1,91:1; gambar ini %(w)s×%(h)s piksel.")
            % {"w": width, "h": height}
        )
    if size > INSTAGRAM_MAX_BYTES:
        problems.append(_("Gambar Instagram paling besar 8 MB setelah diubah ke JPEG."))
    return problems


def prepare_image(file: IO[bytes] | UploadedFile, *, channel: Channel) -> bytes:
    """Check an uploaded image by content and re-encode it as JPEG (which also drops EXIF and its
    GPS position). For Instagram, also check the aspect ratio and the 8 MB limit."""
    check_image(file)
    file.seek(0)
    with Image.open(file) as image:
        rgb = image.convert("RGB")
    buffer = io.BytesIO()
    rgb.save(buffer, "JPEG", quality=88, optimize=True)
    data = buffer.getvalue()
    if channel.platform == Platform.INSTAGRAM:
        problems = instagram_problems(rgb.width, rgb.height, len(data))
        if problems:
            raise ValidationError(problems)
    return data
