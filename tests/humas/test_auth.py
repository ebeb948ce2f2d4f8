import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from humas.roles import Role
from tests.factories.humas import staff_user

pytestmark = pytest.mark.django_db

PASSWORD = "kata-sandi-uji-123"


def _login(client: Client, username: str, password: str):
    return client.post(reverse("humas:login"), {"username": username, "password": password})


def test_staff_signs_in_and_reaches_the_dashboard(client: Client) -> None:
    user = staff_user(Role.EDITOR)
    response = _login(client, user.username, PASSWORD)
    assert response.status_code == 302
    response = client.get(response["Location"], follow=True)
    assert response.redirect_chain[-1][0] == reverse("humas:dashboard")
    assert f"Selamat datang, {user.display_name}" in response.content.decode()


def test_wrong_password_shows_a_clear_message_in_indonesian(client: Client) -> None:
    user = staff_user(Role.EDITOR)
    response = _login(client, user.username, "salah-sekali")
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in response.content.decode()


def test_five_failures_lock_the_account_even_for_the_right_password(client: Client) -> None:
    user = staff_user(Role.EDITOR)
    for _ in range(5):
        _login(client, user.username, "salah-sekali")
    response = _login(client, user.username, PASSWORD)
    assert response.status_code == 429
    assert "Akun dikunci sementara" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_needs_a_post_and_ends_the_session(client: Client) -> None:
    client.force_login(staff_user(Role.WRITER))
    assert client.get(reverse("humas:logout")).status_code == 405
    client.post(reverse("humas:logout"))
    assert client.get(reverse("humas:dashboard")).status_code == 302


def test_password_reset_by_email_lets_the_user_choose_a_new_password(client: Client) -> None:
    user = staff_user(Role.WRITER, email="rina@harapanjaya.go.id")
    client.post(reverse("humas:password_reset"), {"email": "rina@harapanjaya.go.id"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/akun/atur-ulang/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    new = "Kota-Harapan-Jaya-2027"
    response = client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)


def test_password_reset_for_unknown_email_sends_nothing_and_reveals_nothing(client: Client) -> None:
    response = client.post(reverse("humas:password_reset"), {"email": "tidak-ada@contoh.id"}, follow=True)
    assert "Periksa email Anda" in response.content.decode()
    assert mail.outbox == []
