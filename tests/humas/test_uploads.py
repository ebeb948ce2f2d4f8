import io

import pytest
from django.core.exceptions import ValidationError

from humas.uploads import MB, check_document, check_image, check_pdf
from tests.helpers import docx_bytes, image_bytes, pdf_bytes, png_bomb_bytes


def test_real_jpeg_png_and_webp_are_accepted_with_their_size() -> None:
    for fmt, ext in (("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")):
        checked = check_image(io.BytesIO(image_bytes(640, 480, fmt)))
        assert (checked.extension, checked.width, checked.height) == (ext, 640, 480)


def test_text_renamed_as_jpg_is_refused_in_indonesian() -> None:
    with pytest.raises(ValidationError, match="bukan gambar JPEG, PNG, atau WebP"):
        check_image(io.BytesIO(b"ini bukan gambar sama sekali" * 10))


def test_truncated_image_is_refused() -> None:
    data = image_bytes(1200, 900)
    with pytest.raises(ValidationError, match="bukan gambar"):
        check_image(io.BytesIO(data[: len(data) // 2]))


def test_decompression_bomb_is_refused_by_pixel_count() -> None:
    with pytest.raises(ValidationError, match="Gambar terlalu besar") as error:
        check_image(io.BytesIO(png_bomb_bytes()))
    assert error.value.code == "too_many_pixels"


def test_oversized_file_is_refused_with_the_limit() -> None:
    with pytest.raises(ValidationError, match="Berkas terlalu besar"):
        check_pdf(io.BytesIO(b"%PDF-1.4" + b"0" * (2 * MB) + b"%%EOF"), max_bytes=1 * MB)


def test_executable_renamed_pdf_is_refused() -> None:
    with pytest.raises(ValidationError, match="bukan PDF"):
        check_pdf(io.BytesIO(b"MZ\x90\x00" + b"\x00" * 4000))


def test_document_check_recognises_the_real_type_whatever_the_name() -> None:
    assert check_document(io.BytesIO(pdf_bytes())).kind == "pdf"
    assert check_document(io.BytesIO(image_bytes())).kind == "image"
    assert check_document(io.BytesIO(docx_bytes()), allow=("pdf", "docx")).kind == "docx"
    with pytest.raises(ValidationError, match="Jenis berkas tidak diterima"):
        check_document(io.BytesIO(docx_bytes()), allow=("pdf", "image"))


def test_empty_file_is_refused() -> None:
    with pytest.raises(ValidationError, match="Berkas kosong"):
        check_image(io.BytesIO(b""))


def test_truncated_image_is_refused_even_after_weasyprint_loosened_pillow() -> None:
    import weasyprint  # noqa: F401 (its import sets Pillow's LOAD_TRUNCATED_IMAGES)
    from PIL import ImageFile

    ImageFile.LOAD_TRUNCATED_IMAGES = True
    data = image_bytes(1200, 900)
    with pytest.raises(ValidationError, match="bukan gambar"):
        check_image(io.BytesIO(data[: len(data) // 2]))


def test_html_page_with_a_pdf_inside_its_first_kilobyte_is_not_a_pdf() -> None:
    polyglot = b"<html><script>alert(1)</script></html>\n" + pdf_bytes()
    with pytest.raises(ValidationError, match="bukan PDF yang sah"):
        check_pdf(io.BytesIO(polyglot))
    assert check_pdf(io.BytesIO(pdf_bytes())).kind == "pdf"


def test_private_file_type_comes_from_its_bytes_not_its_name() -> None:
    from humas.private_media import sniffed_content_type

    assert sniffed_content_type(image_bytes(10, 10), "ktp.html") == "image/jpeg"
    assert sniffed_content_type(pdf_bytes(), "surat.svg") == "application/pdf"
    assert sniffed_content_type(b"<svg onload=alert(1)>", "foto.jpg") == "application/octet-stream"
    assert sniffed_content_type(docx_bytes(), "laporan.docx").endswith("wordprocessingml.document")
