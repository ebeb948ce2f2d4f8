import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from humas.roles import Role
from releases.models import Release
from releases.services import release_create_draft
from tests.factories.humas import UnitFactory, staff_user
from tests.factories.releases import PublishedReleaseFactory, ReleaseFactory

pytestmark = pytest.mark.django_db


def test_only_published_releases_past_their_time_and_embargo_are_public(client: Client) -> None:
    now = timezone.now()
    shown = PublishedReleaseFactory(title="Jembatan Baru Dibuka")
    PublishedReleaseFactory(title="Masih Embargo", embargo_until=now + timedelta(hours=2))
    PublishedReleaseFactory(title="Belum Waktunya", publish_at=now + timedelta(hours=2))
    ReleaseFactory(title="Masih Draf")
    assert list(Release.objects.public()) == [shown]
    body = client.get("/siaran-pers/").content.decode()
    assert "Jembatan Baru Dibuka" in body
    assert "Masih Embargo" not in body and "Belum Waktunya" not in body and "Masih Draf" not in body


def test_a_draft_has_no_public_page(client: Client) -> None:
    draft = ReleaseFactory()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_draft_created_by_another_app_is_sanitised_and_audited() -> None:
    writer = staff_user(Role.WRITER)
    release = release_create_draft(
        author=writer,
        unit=UnitFactory(),
        title="Kunjungan Kerja DPRD Kota Sejahtera",
        lead="Delegasi mempelajari layanan PPID.",
        body='<p onclick="alert(1)">Isi</p><script>alert(1)</script>',
    )
    assert release.status == Release.Status.DRAFT
    assert release.slug == "kunjungan-kerja-dprd-kota-sejahtera"
    assert "script" not in release.body and "onclick" not in release.body
    from humas.audit import history_for

    assert [entry.action for entry in history_for(release)] == ["releases.release.create"]


# ---- the public newsroom -------------------------------------------------------------------

import json  # noqa: E402
import xml.etree.ElementTree as ET  # noqa: E402
from typing import Any  # noqa: E402

from django.contrib.auth.models import Group  # noqa: E402
from django.urls import reverse  # noqa: E402

from humas.roles import VERIFIED_JOURNALISTS  # noqa: E402
from releases.services import (  # noqa: E402
    release_attachment_add,
    release_correct,
    release_withdraw,
)
from tests.factories.humas import UserFactory  # noqa: E402
from tests.factories.releases import CategoryFactory, MediaContactFactory, TagFactory, add_image  # noqa: E402
from tests.helpers import pdf_upload  # noqa: E402


def _journalist() -> Any:
    user = UserFactory()
    user.groups.add(Group.objects.get(name=VERIFIED_JOURNALISTS))
    return user


def test_list_filters_by_category_unit_tag_and_date(client: Client) -> None:
    health, roads = CategoryFactory(name="Kesehatan", slug="kesehatan"), CategoryFactory(name="Jalan", slug="jalan")
    tag = TagFactory(name="imunisasi", slug="imunisasi")
    a = PublishedReleaseFactory(title="Imunisasi Gratis di Puskesmas", category=health, tags=[tag])
    b = PublishedReleaseFactory(title="Perbaikan Jalan Protokol", category=roads)
    old = PublishedReleaseFactory(title="Kabar Lama", publish_at=timezone.now() - timedelta(days=60))

    def titles(query: str) -> list[str]:
        html = client.get(f"/siaran-pers/?{query}").content.decode()
        return [t for t in (a.title, b.title, old.title) if t in html]

    assert titles("kategori=kesehatan") == [a.title]
    assert titles(f"unit={b.unit.slug}") == [b.title]
    assert titles("tag=imunisasi") == [a.title]
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    assert titles(f"dari={since}") == [a.title, b.title]


def test_search_uses_indonesian_stemming_ranks_and_highlights(client: Client) -> None:
    PublishedReleaseFactory(
        title="Jembatan Sungai Cikapundung Selesai",
        body="<p>Pemkot menyelesaikan pembangunan jembatan penghubung dua kelurahan.</p>",
    )
    PublishedReleaseFactory(title="Festival Kuliner", body="<p>Pembangunan <b>tidak</b> disebut di judul.</p>")
    PublishedReleaseFactory(title="Lomba Kebersihan", body="<p>Kampung bersih.</p>")
    html = client.get("/siaran-pers/?q=membangun+jembatan").content.decode()
    assert "Jembatan Sungai Cikapundung Selesai" in html
    assert "Lomba Kebersihan" not in html
    assert "<mark>pembangunan</mark>" in html and "<mark>jembatan</mark>" in html
    PublishedReleaseFactory(
        title="Pembangunan Pasar Rakyat", body="<p>Pasar baru.</p>", publish_at=timezone.now() - timedelta(days=3)
    )
    ranked = client.get("/siaran-pers/?q=pembangunan").content.decode()
    # A match in the title outranks a newer match in the body only.
    assert ranked.index("Pembangunan Pasar Rakyat") < ranked.index("Festival Kuliner")
    assert "&lt;b&gt;" not in ranked  # snippets are plain text, highlighted only with <mark>


def test_search_snippet_cannot_inject_markup(client: Client) -> None:
    PublishedReleaseFactory(
        title="Uji", lead="Ringkasan", body="<p>kata &lt;script&gt;alert(1)&lt;/script&gt; jembatan</p>"
    )
    html = client.get("/siaran-pers/?q=jembatan").content.decode()
    assert "<script>alert(1)" not in html


def test_detail_has_share_meta_json_ld_srcset_contacts_and_related(client: Client) -> None:
    category = CategoryFactory(name="Pariwisata", slug="pariwisata")
    release = PublishedReleaseFactory(title="Festival Budaya Digelar", category=category, dateline_place="Harapan Jaya")
    add_image(release, caption="Tari pembukaan", alt_text="Penari di panggung")
    add_image(release, caption="Pengunjung", alt_text="Pengunjung festival")
    MediaContactFactory(release=release)
    related = PublishedReleaseFactory(title="Pawai Budaya Sukses", category=category)
    html = client.get(release.get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="Festival Budaya Digelar">' in html
    assert 'property="og:image" content="http://testserver/unggahan/siaran-pers/gambar/' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "NewsArticle" and data["headline"] == "Festival Budaya Digelar" and len(data["image"]) == 2
    assert re.search(r'srcset="[^"]+ 480w, [^"]+ 1200w, [^"]+ 1200w"', html)
    assert "Siti Rahmawati" in html and related.title in html
    assert "HARAPAN JAYA" in html and release.get_presskit_url() in html


def test_embargoed_release_is_shown_only_to_verified_journalists(client: Client) -> None:
    release = PublishedReleaseFactory(
        status=Release.Status.SCHEDULED, embargo_until=timezone.now() + timedelta(hours=3)
    )
    assert client.get(release.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(release.get_absolute_url()).status_code == 404
    client.force_login(_journalist())
    response = client.get(release.get_absolute_url())
    assert response.status_code == 200 and "EMBARGO" in response.content.decode()
    assert release.title not in Client().get("/siaran-pers/").content.decode()


def test_withdrawn_release_says_so_and_leaves_lists_feeds_and_sitemap(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    release = PublishedReleaseFactory(title="Tarif Parkir Baru")
    editor = staff_user(Role.EDITOR)
    assert "Tarif Parkir Baru" in client.get("/siaran-pers/").content.decode()  # now cached
    assert "Tarif Parkir Baru" in client.get(reverse("releases:feed-rss")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        release_withdraw(release_id=release.pk, actor=editor, reason="Tarif belum ditetapkan DPRD.")
    page = client.get(release.get_absolute_url())
    assert page.status_code == 410
    assert (
        "Siaran pers ini telah ditarik." in page.content.decode()
        and "Tarif belum ditetapkan DPRD." in page.content.decode()
    )
    assert "Tarif Parkir Baru" not in client.get("/siaran-pers/").content.decode()
    assert "Tarif Parkir Baru" not in client.get(reverse("releases:feed-rss")).content.decode()
    assert release.slug not in client.get("/sitemap.xml").content.decode()


def test_correction_note_is_shown_on_the_public_page(client: Client, django_capture_on_commit_callbacks: Any) -> None:
    release = PublishedReleaseFactory()
    client.get(release.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        release_correct(
            release_id=release.pk,
            actor=staff_user(Role.EDITOR),
            title=release.title,
            lead=release.lead,
            body="<p>Luas taman tiga hektare.</p>",
            note="Luas taman semula tertulis dua hektare.",
        )
    html = client.get(release.get_absolute_url()).content.decode()
    assert "Ralat" in html and "Luas taman semula tertulis dua hektare." in html and "tiga hektare" in html


def test_rss_and_atom_feeds_are_valid_and_filtered(client: Client) -> None:
    health = CategoryFactory(name="Kesehatan", slug="kesehatan")
    a = PublishedReleaseFactory(title="Posyandu Serentak", category=health)
    b = PublishedReleaseFactory(title="Jalan Baru")
    ReleaseFactory(title="Draf Rahasia")
    rss = client.get(reverse("releases:feed-rss"))
    assert rss["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(rss.content).find("channel")  # noqa: S314 (our own feed)
    items = [item.findtext("title") for item in channel.findall("item")]
    assert set(items) == {a.title, b.title}
    assert all(item.findtext("pubDate") and item.findtext("guid") for item in channel.findall("item"))
    atom = ET.fromstring(client.get(reverse("releases:feed-atom")).content)  # noqa: S314
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert {e.findtext("a:title", namespaces=ns) for e in atom.findall("a:entry", ns)} == {a.title, b.title}
    category_feed = client.get("/siaran-pers/kategori/kesehatan/feed/rss/").content.decode()
    assert a.title in category_feed and b.title not in category_feed
    unit_feed = client.get(f"/siaran-pers/unit/{b.unit.slug}/feed/atom/").content.decode()
    assert b.title in unit_feed and a.title not in unit_feed


def test_sitemap_lists_public_releases_and_robots_points_to_it(client: Client) -> None:
    shown = PublishedReleaseFactory()
    hidden = ReleaseFactory()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver{shown.get_absolute_url()}" in sitemap and hidden.slug not in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots and "Disallow: /siaran-pers/redaksi/" in robots


def test_public_pages_are_cached_and_invalidated_on_change(
    client: Client, django_assert_num_queries: Any, django_capture_on_commit_callbacks: Any
) -> None:
    release = PublishedReleaseFactory(title="Judul Pertama")
    client.get("/siaran-pers/")
    with django_assert_num_queries(0):  # the whole page comes from Redis
        assert "Judul Pertama" in client.get("/siaran-pers/").content.decode()
    # Without the invalidation the cached list would still show the old title.
    Release.objects.filter(pk=release.pk).update(title="Diubah Diam-diam")
    assert "Judul Pertama" in client.get("/siaran-pers/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        release_correct(
            release_id=release.pk, actor=staff_user(Role.EDITOR), title="Judul Diralat", lead="L", body="", note="Judul"
        )
    assert "Judul Diralat" in client.get("/siaran-pers/").content.decode()


def test_cached_page_gives_each_visitor_a_csrf_token_of_their_own_that_works(
    django_assert_num_queries: Any,
) -> None:
    release = PublishedReleaseFactory(title="Festival Kuliner")
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get(release.get_absolute_url())
    with django_assert_num_queries(0):
        page = second.get(release.get_absolute_url())
    body = page.content.decode()
    assert "Festival Kuliner" in body and "csrf-token-placeholder" not in body
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)  # type: ignore[union-attr]
    switched = second.post("/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token})
    assert switched.status_code == 302  # the token in the cached page is this visitor's own
    refused = first.post("/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token})
    assert refused.status_code == 403  # and not the first visitor's


def test_visitor_with_a_session_gets_the_page_rendered_for_them(client: Client) -> None:
    release = PublishedReleaseFactory(title="Festival Kuliner")
    client.get(release.get_absolute_url())
    session = client.session
    session["pesan"] = "x"
    session.save()
    client.cookies["sessionid"] = session.session_key
    with CaptureQueriesContext(connection) as queries:
        assert "Festival Kuliner" in client.get(release.get_absolute_url()).content.decode()
    assert any("releases_release" in query["sql"] for query in queries.captured_queries)  # not the shared copy


def _populate(count: int) -> None:
    tags = [TagFactory() for _ in range(3)]
    for _ in range(count):
        release = PublishedReleaseFactory(tags=tags)
        MediaContactFactory(release=release)
    for release in Release.objects.all()[:5]:
        add_image(release)


@pytest.mark.parametrize("count", [1, 25])
def test_list_query_count_is_constant(client: Client, count: int, django_assert_max_num_queries: Any) -> None:
    _populate(count)
    client.force_login(UserFactory())  # signed in: not served from the cache
    with django_assert_max_num_queries(10):
        assert client.get("/siaran-pers/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/siaran-pers/?q=taman").status_code == 200


@pytest.mark.parametrize("images", [1, 8])
def test_detail_query_count_is_constant(client: Client, images: int, django_assert_max_num_queries: Any) -> None:
    release = PublishedReleaseFactory(tags=[TagFactory(), TagFactory()])
    for _ in range(images):
        add_image(release)
    MediaContactFactory(release=release)
    PublishedReleaseFactory(category=release.category)
    client.force_login(UserFactory())
    with django_assert_max_num_queries(14):
        assert client.get(release.get_absolute_url()).status_code == 200


def test_attachments_stay_private_until_the_release_is_public(client: Client) -> None:
    release = ReleaseFactory()
    attachment = release_attachment_add(release_id=release.pk, actor=release.author, file=pdf_upload(), title="Data")
    url = reverse("releases:attachment", args=[release.slug, attachment.pk])
    assert client.get(url).status_code == 404
    with pytest.raises(ValueError):
        attachment.file.url  # noqa: B018 (private storage has no address)
    Release.objects.filter(pk=release.pk).update(
        status=Release.Status.PUBLISHED, publish_at=timezone.now(), approved_by=staff_user(Role.EDITOR)
    )
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
