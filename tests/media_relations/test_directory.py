"""Directory staff pages: lists with filters, contact privacy, CSV export and import."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from humas.models import AuditEntry, User
from humas.roles import Role
from media_relations.models import Journalist, Outlet
from tests.factories.media_relations import BeatFactory, JournalistFactory, OutletFactory, PendingJournalistFactory

pytestmark = pytest.mark.django_db
LIST = reverse("media_relations:staff-journalists")
IMPORT = reverse("media_relations:staff-journalists-import")
HEADER = "nama,surel,media,jenis_media,telepon,desk,wilayah,persetujuan\n"


def _csv(text: str, encoding: str = "utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile("wartawan.csv", text.encode(encoding), content_type="text/csv")


def test_media_officer_sees_contacts_and_filters_by_kind_beat_area_and_verification(
    client: Client, login_as: Callable[[Role], User]
) -> None:
    login_as(Role.MEDIA_OFFICER)
    health = BeatFactory(name="Kesehatan", slug="kesehatan")
    tv = OutletFactory(name="TV Harapan", kind=Outlet.Kind.TV, coverage_area="Provinsi Jaya")
    JournalistFactory(name="Ani TV", outlet=tv, beats=[health], email="ani@tv.id", phone="081111111111")
    JournalistFactory(name="Budi Daring", email="budi@daring.id")
    PendingJournalistFactory(name="Cici Menunggu")
    page = client.get(LIST).content.decode()
    assert "ani@tv.id" in page and "081111111111" in page
    assert "Ani TV" in client.get(LIST, {"jenis": "tv"}).content.decode()
    assert "Budi Daring" not in client.get(LIST, {"jenis": "tv"}).content.decode()
    assert "Budi Daring" not in client.get(LIST, {"desk": "kesehatan"}).content.decode()
    assert "Ani TV" in client.get(LIST, {"wilayah": "provinsi"}).content.decode()
    pending = client.get(LIST, {"verifikasi": "pending"}).content.decode()
    assert "Cici Menunggu" in pending and "Ani TV" not in pending
    assert "Ani TV" in client.get(LIST, {"q": "ani@tv"}).content.decode()


def test_staff_without_contact_permission_sees_no_phone_or_email(
    client: Client, login_as: Callable[[Role], User]
) -> None:
    user = login_as(Role.MEDIA_OFFICER)
    JournalistFactory(name="Ani", email="ani@tv.id", phone="081111111111")
    user.groups.clear()
    from django.contrib.auth.models import Group, Permission

    reader = Group.objects.create(name="Pembaca direktori")
    reader.permissions.set(Permission.objects.filter(codename__in=["access_staff_area", "view_journalist"]))
    user.groups.add(reader)
    client.force_login(User.objects.get(pk=user.pk))
    page = client.get(LIST).content.decode()
    assert "Ani" in page and "ani@tv.id" not in page and "081111111111" not in page
    export = b"".join(client.get(reverse("media_relations:staff-journalists-export")).streaming_content).decode()
    assert "Ani" in export and "ani@tv.id" not in export and "surel" not in export.splitlines()[0]
    # Searching by email would reveal it: the search ignores contact fields for them.
    assert "Ani" not in client.get(LIST, {"q": "ani@tv"}).content.decode()


@pytest.mark.parametrize("rows", [3, 40])
def test_directory_list_query_count_does_not_grow(
    client: Client, login_as: Callable[[Role], User], django_assert_max_num_queries: object, rows: int
) -> None:
    login_as(Role.MEDIA_OFFICER)
    beat = BeatFactory()
    for _ in range(rows):
        JournalistFactory(beats=[beat])
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        assert client.get(LIST).status_code == 200


def test_export_then_import_round_trip_keeps_contacts(client: Client, login_as: Callable[[Role], User]) -> None:
    login_as(Role.MEDIA_OFFICER)
    JournalistFactory(name="Ani", email="ani@tv.id", phone="+6281111111111", beats=[BeatFactory(name="Hukum")])
    export = b"".join(client.get(reverse("media_relations:staff-journalists-export")).streaming_content)
    Journalist.objects.all().delete()
    response = client.post(IMPORT, {"file": SimpleUploadedFile("x.csv", export)})
    assert "1 baris siap diimpor, 0 baris bermasalah" in response.content.decode()
    client.post(IMPORT, {"action": "import"})
    ani = Journalist.objects.get()
    assert (ani.email, ani.phone, [b.name for b in ani.beats.all()]) == ("ani@tv.id", "+6281111111111", ["Hukum"])


def test_import_reports_each_bad_row_with_line_and_reason_and_stores_nothing(
    client: Client, login_as: Callable[[Role], User]
) -> None:
    login_as(Role.MEDIA_OFFICER)
    JournalistFactory(email="sudah@ada.id")
    text = HEADER + (
        "Ani,ani@tv.id,TV Harapan,televisi,0812-1111-1111,Kesehatan,Kota,ya\n"
        "Budi,bukan-surel,Harian A,cetak,,,,\n"
        "Cici,cici@x.id,Harian A,koran,,,,\n"
        "Dedi,dedi@x.id,Harian A,cetak,12ab,,,\n"
        "Eka,sudah@ada.id,Harian A,cetak,,,,\n"
        "Fani,ANI@tv.id,Harian A,cetak,,,,\n"
    )
    response = client.post(IMPORT, {"file": _csv(text)})
    page = response.content.decode()
    assert "1 baris siap diimpor, 5 baris bermasalah" in page
    assert "<td>3</td>" in page and "Alamat surel “bukan-surel” tidak sah." in page
    assert "<td>4</td>" in page and "Jenis media “koran” tidak dikenal" in page
    assert "<td>5</td>" in page and "Nomor telepon “12ab” tidak sah" in page
    assert "Surel sudah@ada.id sudah ada di direktori." in page
    assert "sama dengan baris 2" in page
    assert Journalist.objects.count() == 1 and not Outlet.objects.filter(name="TV Harapan").exists()
    # Importing everything is refused while a row is bad; nothing is stored.
    client.post(IMPORT, {"action": "import"})
    assert Journalist.objects.count() == 1
    # The user chooses to skip the bad rows: only the good one is stored, with its consent.
    client.post(IMPORT, {"action": "skip"})
    ani = Journalist.objects.get(email="ani@tv.id")
    assert ani.phone == "081211111111" and ani.consent_source == "import" and ani.outlet.kind == "tv"
    assert AuditEntry.objects.filter(action="media.journalist.imported").exists()


def test_import_refuses_wrong_encoding_and_missing_columns_with_clear_message(
    client: Client, login_as: Callable[[Role], User]
) -> None:
    login_as(Role.MEDIA_OFFICER)
    response = client.post(IMPORT, {"file": _csv(HEADER + "Rénata,r@x.id,Média,cetak,,,,\n", "cp1252")})
    assert response.status_code == 400
    assert "tidak dapat dibaca sebagai UTF-8" in response.content.decode()
    response = client.post(IMPORT, {"file": _csv("nama,telepon\nAni,0812\n")})
    assert (
        response.status_code == 400 and "Kolom wajib tidak ada: surel, media, jenis_media" in response.content.decode()
    )
    assert client.post(IMPORT, {"action": "skip"}).status_code == 302
    assert not Journalist.objects.exists()


def test_staff_form_refuses_malformed_email_phone_and_duplicate_email(
    client: Client, login_as: Callable[[Role], User]
) -> None:
    login_as(Role.MEDIA_OFFICER)
    outlet = OutletFactory()
    JournalistFactory(email="ani@tv.id")
    url = reverse("media_relations:staff-journalist-create")
    base = {"name": "Baru", "outlet": outlet.pk, "email": "baru@x.id", "phone": "0812 3333 4444"}
    for field, value, message in [
        ("email", "baru@", "Alamat surel tidak sah"),
        ("phone", "12345", "Nomor telepon “12345” tidak sah"),
        ("email", "ANI@tv.id", "sudah ada di direktori"),
    ]:
        response = client.post(url, base | {field: value})
        assert response.status_code == 400 and message in response.content.decode()
    assert Journalist.objects.count() == 1
    response = client.post(url, base | {"consent": "form"})
    created = Journalist.objects.get(email="baru@x.id")
    assert response.status_code == 302 and created.phone == "081233334444" and created.consent_at is not None


def test_dashboard_panel_counts_pending_verifications(client: Client, login_as: Callable[[Role], User]) -> None:
    login_as(Role.MEDIA_OFFICER)
    PendingJournalistFactory()
    page = client.get(reverse("humas:dashboard")).content.decode()
    assert "Hubungan media" in page and "Menunggu verifikasi" in page


def test_export_guards_against_spreadsheet_formulas(client: Client, login_as: Callable[[Role], User]) -> None:
    login_as(Role.MEDIA_OFFICER)
    JournalistFactory(name='=HYPERLINK("http://jahat")', notes="@SUM(A1)")
    export = b"".join(client.get(reverse("media_relations:staff-journalists-export")).streaming_content).decode()
    assert "'=HYPERLINK" in export and "'@SUM(A1)" in export


def test_outlet_names_are_unique_whatever_the_case_and_nothing_is_stored_twice(
    client: Client, login_as: Callable[[Role], User]
) -> None:
    login_as(Role.MEDIA_OFFICER)
    url = reverse("media_relations:staff-outlet-create")
    assert client.post(url, {"name": "Harian Jaya", "kind": "print"}).status_code == 302
    response = client.post(url, {"name": "harian jaya", "kind": "online"})
    assert response.status_code == 400 and "Media bernama “harian jaya” sudah ada." in response.content.decode()
    assert Outlet.objects.count() == 1
    page = client.get(reverse("media_relations:staff-outlets"), {"jenis": "print"}).content.decode()
    assert "Harian Jaya" in page
