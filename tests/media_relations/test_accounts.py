"""Journalist accounts: registration, email confirmation, verification, own pages."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from humas.models import User
from humas.roles import VERIFIED_JOURNALISTS, Role
from media_relations.models import AlertPreference, Journalist
from releases.models import Release
from tests.factories.media_relations import (
    JournalistFactory,
    OutletFactory,
    PendingJournalistFactory,
    VerifiedJournalistFactory,
)
from tests.factories.releases import CategoryFactory, PublishedReleaseFactory
from tests.helpers import image_upload, pdf_upload, png_bomb_bytes, spam_trap_fields

pytestmark = pytest.mark.django_db
REGISTER = reverse("media_relations:register")


def _form(outlet_pk: int, **extra: object) -> dict[str, object]:
    return {
        "name": "Rina Wartawati",
        "outlet": outlet_pk,
        "email": "rina@harian-jaya.id",
        "phone": "0812-5555-6666",
        "press_card_number": "PWI-12345",
        "press_card_issuer": "PWI Provinsi Jaya",
        "press_card_image": image_upload("kartu.jpg"),
        "password": "Kata-Sandi-Kuat-2026!",
        "consent": "on",
        **spam_trap_fields(),
        **extra,
    }


def _confirm_link(message: mail.EmailMessage) -> str:
    found = re.search(r"https?://testserver(/media/konfirmasi/[^/\s]+/)", str(message.body))
    assert found
    return found.group(1)


def test_journalist_registers_confirms_and_is_verified_with_emails(
    client: Client, login_as: Callable[[Role], User], django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    outlet = OutletFactory()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = client.post(REGISTER, _form(outlet.pk))
    assert response.status_code == 302
    journalist = Journalist.objects.get()
    assert journalist.consent_source == "registration" and journalist.consent_at is not None
    assert journalist.verification == "unverified" and not journalist.user.is_active
    assert journalist.press_card_image.name.startswith("media/kartu-pers/")
    (message,) = mail.outbox
    assert message.to == ["rina@harian-jaya.id"] and message.alternatives[0][1] == "text/html"
    link = _confirm_link(message)
    # Opening the link (GET) changes nothing: a link scanner must not confirm.
    assert client.get(link).status_code == 200
    assert Journalist.objects.get().verification == "unverified"
    assert "Surel Anda telah dikonfirmasi" in client.post(link).content.decode()
    journalist.refresh_from_db()
    assert journalist.verification == "pending" and journalist.user.is_active

    login_as(Role.MEDIA_OFFICER)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        client.post(reverse("media_relations:staff-journalist-verify", args=[journalist.pk]))
    journalist.refresh_from_db()
    assert journalist.verification == "verified" and journalist.verified_at is not None
    assert journalist.user.groups.filter(name=VERIFIED_JOURNALISTS).exists()
    assert "diverifikasi" in mail.outbox[-1].subject and mail.outbox[-1].to == ["rina@harian-jaya.id"]
    # The staff page streams the press card from private storage.
    card = client.get(reverse("media_relations:staff-press-card", args=[journalist.pk]))
    assert card.status_code == 200 and card["Cache-Control"] == "private, no-store"


def test_refusal_needs_a_reason_and_tells_the_journalist(
    client: Client, login_as: Callable[[Role], User], django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    journalist = PendingJournalistFactory()
    login_as(Role.MEDIA_OFFICER)
    url = reverse("media_relations:staff-journalist-refuse", args=[journalist.pk])
    response = client.post(url, {"reason": ""}, follow=True)
    assert "Tuliskan alasan penolakan." in response.content.decode()
    assert Journalist.objects.get().verification == "pending" and not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        client.post(url, {"reason": "Kartu pers sudah kedaluwarsa."})
    journalist.refresh_from_db()
    assert journalist.verification == "refused" and journalist.refusal_reason == "Kartu pers sudah kedaluwarsa."
    assert "Kartu pers sudah kedaluwarsa." in mail.outbox[0].body
    assert not journalist.user.groups.filter(name=VERIFIED_JOURNALISTS).exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"consent": ""}, "Persetujuan diperlukan untuk mendaftar."),
        ({"email": "rina@"}, "Alamat surel tidak sah"),
        ({"phone": "999"}, "Nomor telepon “999” tidak sah"),
        ({"press_card_image": None}, "Jenis berkas tidak diterima"),
        ({"password": "123"}, "Kata sandi"),
    ],
)
def test_registration_bad_input_is_refused_and_nothing_is_stored(
    client: Client, extra: dict[str, object], message: str
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    if extra.get("press_card_image", 1) is None:
        extra = {"press_card_image": SimpleUploadedFile("kartu.jpg", b"MZ bukan gambar")}
    response = client.post(REGISTER, _form(OutletFactory().pk, **extra))
    assert response.status_code == 400
    assert message.lower() in response.content.decode().lower()
    assert not Journalist.objects.exists() and not User.objects.filter(username="rina@harian-jaya.id").exists()
    assert not mail.outbox


def test_registration_accepts_a_pdf_card_and_refuses_an_image_bomb_and_a_duplicate_email(client: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    outlet = OutletFactory()
    bomb = SimpleUploadedFile("kartu.png", png_bomb_bytes())
    assert client.post(REGISTER, _form(outlet.pk, press_card_image=bomb)).status_code == 400
    assert client.post(REGISTER, _form(outlet.pk, press_card_image=pdf_upload("kartu.pdf"))).status_code == 302
    JournalistFactory(email="ani@tv.id")
    response = client.post(REGISTER, _form(outlet.pk, email="ANI@tv.id"))
    assert response.status_code == 400 and "sudah terdaftar" in response.content.decode()
    assert Journalist.objects.count() == 2


def test_confirmation_link_unknown_or_expired_is_refused_clearly(
    client: Client, django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    response = client.post(reverse("media_relations:confirm", args=["tidak-dikenal"]))
    assert response.status_code == 400 and "Tautan konfirmasi tidak dikenal" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        client.post(REGISTER, _form(OutletFactory().pk))
    link = _confirm_link(mail.outbox[0])
    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        response = client.post(link)
    assert response.status_code == 400 and "kedaluwarsa" in response.content.decode()
    assert Journalist.objects.get().verification == "unverified"


def test_journalist_corrects_own_record_and_asks_for_deletion(client: Client) -> None:
    journalist = VerifiedJournalistFactory(phone="081111111111")
    client.force_login(journalist.user)
    url = reverse("media_relations:account")
    page = client.get(url).content.decode()
    assert journalist.email in page and "Terverifikasi" in page
    data = {
        "name": "Nama Baru",
        "outlet": journalist.outlet_id,
        "phone": "abc",
        "press_card_number": "X",
        "press_card_issuer": "Y",
    }
    response = client.post(url, data)
    assert response.status_code == 400 and "Nomor telepon “abc” tidak sah" in response.content.decode()
    assert Journalist.objects.get().name != "Nama Baru"
    client.post(url, data | {"phone": "0812 2222 3333"})
    journalist.refresh_from_db()
    assert (journalist.name, journalist.phone, journalist.verification) == ("Nama Baru", "081222223333", "verified")
    client.post(reverse("media_relations:account-delete"))
    journalist.refresh_from_db()
    assert journalist.deletion_requested_at is not None and not journalist.can_be_mailed


def test_alert_preferences_are_saved_by_category_and_unit(client: Client) -> None:
    journalist = VerifiedJournalistFactory()
    category = CategoryFactory()
    client.force_login(journalist.user)
    url = reverse("media_relations:account-alerts")
    assert client.get(url).status_code == 200
    client.post(url, {"enabled": "on", "categories": [category.pk]})
    preference = AlertPreference.objects.get(journalist=journalist)
    assert preference.enabled and list(preference.categories.all()) == [category] and not preference.units.exists()


def test_press_kit_page_lists_embargoed_releases_only_for_verified_journalists(
    client: Client, make_staff: Callable[..., User]
) -> None:
    embargoed = PublishedReleaseFactory(title="Rahasia Sampai Besok", embargo_until=timezone.now() + timedelta(days=1))
    Release.objects.filter(pk=embargoed.pk).update(status=Release.Status.SCHEDULED)
    PublishedReleaseFactory(title="Sudah Terbit")
    url = reverse("media_relations:account-presskits")
    pending = PendingJournalistFactory()
    client.force_login(pending.user)
    page = client.get(url).content.decode()
    assert (
        "Sudah Terbit" in page and "Rahasia Sampai Besok" not in page and "setelah kartu pers Anda diverifikasi" in page
    )
    verified = VerifiedJournalistFactory()
    client.force_login(verified.user)
    page = client.get(url).content.decode()
    assert "Rahasia Sampai Besok" in page and "EMBARGO sampai" in page and embargoed.get_presskit_url() in page


def test_signed_in_user_without_journalist_record_gets_404_on_account_pages(
    client: Client, make_staff: Callable[..., User]
) -> None:
    from tests.factories.humas import UserFactory

    client.force_login(UserFactory())
    for name in ["account", "account-alerts", "account-invitations", "account-presskits"]:
        assert client.get(reverse(f"media_relations:{name}")).status_code == 404
    anonymous = Client().get(reverse("media_relations:account"))
    assert anonymous.status_code == 302 and "/masuk/" in anonymous["Location"]
