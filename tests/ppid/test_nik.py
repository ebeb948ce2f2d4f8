from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ppid.nik import birth_date, mask_nik, mask_phone, validate_nik


def test_valid_nik_of_a_woman_has_forty_added_to_the_day() -> None:
    validate_nik("3273015708900002")
    born = birth_date("3273015708900002")
    assert born is not None and (born.day, born.month, born.year) == (17, 8, 1990)


@pytest.mark.parametrize(
    ("nik", "message"),
    [
        ("32730157089000", "16 angka"),
        ("3273O15708900002", "16 angka"),
        ("0073015708900002", "Kode wilayah"),
        ("9973015708900002", "Kode wilayah"),
        ("3200015708900002", "Kode wilayah"),
        ("3273013202900002", "Tanggal lahir"),  # 32 Feb
        ("3273017213900002", "Tanggal lahir"),  # month 13 (woman, day 32)
        ("3273010101990000", "Nomor urut"),
    ],
)
def test_implausible_nik_is_refused_with_a_clear_message(nik: str, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        validate_nik(nik)
    assert message in error.value.messages[0]


def test_nik_and_phone_are_masked_for_lists() -> None:
    assert mask_nik("3273015708900002") == "3273********0002"
    assert mask_phone("081234567890") == "0812*****890"
