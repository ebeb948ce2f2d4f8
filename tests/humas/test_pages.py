import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_page_names_the_office_and_links_every_public_section(client: Client) -> None:
    response = client.get(reverse("home"))
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="id">' in body
    assert "Bagian Hubungan Masyarakat" in body
    for name in ("releases:index", "media_relations:index", "ppid:index", "visits:index"):
        assert f'href="{reverse(name)}"' in body
    assert '<main id="konten"' in body


def test_every_page_carries_a_strict_content_security_policy(client: Client) -> None:
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_scripts_or_styles(client: Client) -> None:
    body = client.get(reverse("home")).content.decode()
    assert "<script>" not in body
    assert "style=" not in body
    assert "<style" not in body


def test_visitor_can_switch_the_interface_to_english(client: Client) -> None:
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    body = response.content.decode()
    assert '<html lang="en">' in body
    assert "Press Releases" in body
    assert "Skip to content" in body


def test_unknown_page_shows_the_indonesian_not_found_page(client: Client) -> None:
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_staff_pages_are_not_indexed_by_search_engines(client: Client, login_as) -> None:
    from humas.roles import Role

    login_as(Role.WRITER)
    assert '<meta name="robots" content="noindex, nofollow">' in client.get(reverse("humas:dashboard")).content.decode()


def test_browser_language_alone_does_not_switch_away_from_indonesian(client: Client) -> None:
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="id">' in response.content.decode()
    assert response["Content-Language"] == "id"
