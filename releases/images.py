"""Photo renditions and embedded metadata.

Every rendition is re-encoded from the decoded pixels, so no EXIF block (camera, GPS location,
owner) survives into a published file. The camera's orientation is applied to the pixels first.
Renditions are made once, at upload, and reused by the pages and the press kit.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import IO
from xml.sax.saxutils import escape

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

WEB_LONG_SIDE = 1600
THUMBNAIL_LONG_SIDE = 480
JPEG_QUALITY = {"original": 92, "web": 85, "thumbnail": 80}

XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"


@dataclass(frozen=True)
class Rendition:
    name: str
    content: ContentFile[bytes]
    width: int
    height: int


def _flatten(image: Image.Image) -> Image.Image:
    """JPEG has no alpha: put transparent pixels on white."""
    if image.mode in {"RGBA", "LA"} or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _encode(image: Image.Image, quality: int) -> bytes:
    buffer = io.BytesIO()
    # No exif=, no icc beyond sRGB conversion: the output carries pixels only.
    image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    return buffer.getvalue()


def make_renditions(file: IO[bytes], *, stem: str) -> dict[str, Rendition]:
    """Original (full pixel size), web and thumbnail renditions of an already checked image."""
    file.seek(0)
    with Image.open(file) as opened:
        upright = ImageOps.exif_transpose(opened)
        base = _flatten(upright)
    out: dict[str, Rendition] = {}
    for kind, long_side in (("original", 0), ("web", WEB_LONG_SIDE), ("thumbnail", THUMBNAIL_LONG_SIDE)):
        image = base
        if long_side and max(base.size) > long_side:
            image = base.copy()
            image.thumbnail((long_side, long_side), Image.Resampling.LANCZOS)
        data = _encode(image, JPEG_QUALITY[kind])
        out[kind] = Rendition(f"{stem}-{kind}.jpg", ContentFile(data), image.width, image.height)
    return out


def xmp_packet(*, title: str, caption: str, credit: str, copyright_notice: str, alt_text: str) -> bytes:
    """An XMP packet with Dublin Core and IPTC Photo Metadata fields that photo desks read:
    dc:title, dc:description (caption), photoshop:Credit, dc:rights and Iptc4xmpCore:AltTextAccessibility."""

    def alt(value: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(value)}</rdf:li></rdf:Alt>'

    xml = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"'
        ' xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/">'
        f"<dc:title>{alt(title)}</dc:title>"
        f"<dc:description>{alt(caption)}</dc:description>"
        f"<dc:rights>{alt(copyright_notice)}</dc:rights>"
        f"<photoshop:Credit>{escape(credit)}</photoshop:Credit>"
        f"<Iptc4xmpCore:AltTextAccessibility>{alt(alt_text)}</Iptc4xmpCore:AltTextAccessibility>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )
    return xml.encode("utf-8")


def xmp_app1_segment(packet: bytes) -> bytes:
    """The JPEG APP1 segment that carries ``packet`` (the same bytes Pillow writes for ``xmp=``)."""
    payload = XMP_HEADER + packet
    if len(payload) + 2 > 0xFFFF:
        raise ValueError("XMP packet too large for one APP1 segment")
    return b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload


def copy_jpeg_with_xmp(source: IO[bytes], target: IO[bytes], packet: bytes, chunk: int = 1024 * 1024) -> None:
    """Copy a JPEG, inserting the XMP APP1 segment right after its SOI marker.

    The pixels are not decoded or re-compressed: the copy is lossless and streams in chunks,
    so memory stays flat whatever the size of the photo."""
    soi = source.read(2)
    if soi != b"\xff\xd8":
        raise ValueError("not a JPEG stream")
    target.write(soi)
    target.write(xmp_app1_segment(packet))
    while block := source.read(chunk):
        target.write(block)
