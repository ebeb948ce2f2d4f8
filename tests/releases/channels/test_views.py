"""Staff pages of the social channels: permissions, credentials never shown, versions with their
limits, the delivery panel and its actions, query counts, the dashboard panel and demo data."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pytest_httpserver import HTTPServer

from humas.models import AuditEntry, User
from humas.roles import Role, declared_permissions
from releases.channels.crypto import decrypt_credentials
from releases.channels.dashboard import panels
from releases.channels.models import Channel, ChannelDelivery, ChannelVersion
from releases.channels.models import DeliveryStatus as S
from releases.channels.roles import ROLE_PERMISSIONS
from releases.models import Release
from releases.signals import approval_problems
from tests.factories.channels import ChannelFactory
from tests.factories.releases import PublishedReleaseFactory, ReleaseFactory
from tests.helpers import image_upload
from tests.humas.test_permissions import assert_matrix

pytestmark = pytest.mark.django_db

WIRED = all(codes <= declared_permissions()[role] for role, codes in ROLE_PERMISSIONS.items())


def matrix() -> dict[str, set[Role]]:
    channel = ChannelFactory()
    release = ReleaseFactory()
    admin, editor, writer = Role.HUMAS_ADMIN, Role.EDITOR, Role.WRITER
    return {
        reverse("channels:list"): {admin},
        reverse("channels:create"): {admin},
        reverse("channels:edit", args=[channel.pk]): {admin},
        reverse("channels:failures"): {admin, editor, writer},
        reverse("channels:versions", args=[release.pk]): {admin, editor, writer},
        reverse("channels:deliveries", args=[release.pk]): {admin, editor, writer},
    }


@pytest.mark.xfail(
    not WIRED,
    strict=True,
    reason="releases.channels.roles.ROLE_PERMISSIONS is merged into ReleasesConfig.role_permissions at merge",
)
def test_channel_pages_follow_the_permission_matrix() -> None:
    assert_matrix(matrix())


@pytest.fixture
def channel_roles(db: None) -> None:
    """Grant the declared channel permissions to the role groups, as the merged AppConfig will."""
    for role, codes in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role.value)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


@pytest.fixture
def admin_client(client: Client, login_as: Callable[[Role], User], channel_roles: None) -> Client:
    login_as(Role.HUMAS_ADMIN)
    return client


def test_anonymous_visitors_go_to_login_and_other_roles_get_403(client: Client, channel_roles: None) -> None:
    channel = ChannelFactory()
    response = client.get(reverse("channels:edit", args=[channel.pk]))
    assert response.status_code == 302 and "/masuk/" in response["Location"]
    from tests.factories.humas import staff_user

    client.force_login(staff_user(Role.EDITOR))
    assert client.get(reverse("channels:list")).status_code == 403
    assert client.post(reverse("channels:test", args=[channel.pk])).status_code == 403
    client.force_login(staff_user(Role.WRITER))
    delivery = ChannelDelivery.objects.create(
        release=PublishedReleaseFactory(), channel=channel, text="t", link="http://testserver/a", status=S.FAILED
    )
    assert client.post(reverse("channels:retry", args=[delivery.pk])).status_code == 403
    assert ChannelDelivery.objects.get(pk=delivery.pk).status == S.FAILED


def test_admin_creates_a_channel_with_its_token_encrypted_and_never_shown(admin_client: Client) -> None:
    response = admin_client.post(
        reverse("channels:create"),
        {
            "platform": "telegram",
            "name": "Telegram Kota",
            "account": "@infokota",
            "base_url": "",
            "enabled": "on",
            "message_template": "{title} {link}",
            "hashtags": "#Kota",
            "secret": "123456:RAHASIA-SEKALI-token",
        },
    )
    assert response.status_code == 302
    channel = Channel.objects.get(name="Telegram Kota")
    assert channel.base_url == "https://api.telegram.org"
    assert "RAHASIA" not in channel.credentials_encrypted
    assert decrypt_credentials(channel.credentials_encrypted) == {"bot_token": "123456:RAHASIA-SEKALI-token"}
    page = admin_client.get(reverse("channels:edit", args=[channel.pk])).content.decode()
    assert "RAHASIA" not in page and "••••••oken" in page
    assert not AuditEntry.objects.filter(data__icontains="RAHASIA").exists()

    # Saving with the secret left empty keeps the stored token.
    data = {
        "name": "Telegram Kota",
        "account": "@infokota",
        "base_url": channel.base_url,
        "message_template": "{title}",
    }
    assert admin_client.post(reverse("channels:edit", args=[channel.pk]), data).status_code == 302
    channel.refresh_from_db()
    assert decrypt_credentials(channel.credentials_encrypted) == {"bot_token": "123456:RAHASIA-SEKALI-token"}


def test_a_new_channel_without_a_token_is_refused_and_nothing_is_stored(admin_client: Client) -> None:
    response = admin_client.post(
        reverse("channels:create"),
        {"platform": "x", "name": "X Kota", "account": "@kota", "message_template": "{title}"},
    )
    assert response.status_code == 200
    assert "Isi token atau rahasia kanal ini." in response.content.decode()
    assert not Channel.objects.exists()


def test_connection_test_records_health_and_mails_admins_when_the_token_fails(
    admin_client: Client, fake: HTTPServer, django_capture_on_commit_callbacks: object
) -> None:
    channel = ChannelFactory(platform="mastodon", base_url=fake.url_for("/m"))
    fake.expect_oneshot_request("/m/api/v1/accounts/verify_credentials").respond_with_json({"id": "1", "acct": "humas"})
    fake.expect_oneshot_request("/m/api/v2/instance").respond_with_json(
        {"configuration": {"statuses": {"max_characters": 1000, "characters_reserved_per_url": 23}}}
    )
    response = admin_client.post(reverse("channels:test", args=[channel.pk]), follow=True)
    channel.refresh_from_db()
    assert channel.health == Channel.Health.OK and channel.max_characters == 1000
    assert "Terhubung sebagai @humas" in response.content.decode()

    fake.expect_oneshot_request("/m/api/v1/accounts/verify_credentials").respond_with_json(
        {"error": "The access token is invalid"}, status=401
    )
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        admin_client.post(reverse("channels:test", args=[channel.pk]))
    channel.refresh_from_db()
    assert channel.health == Channel.Health.FAILING
    assert len(mail.outbox) == 1 and "perlu diperbarui" in mail.outbox[0].subject


def test_channel_list_shows_success_rate_with_constant_queries(
    admin_client: Client, django_assert_max_num_queries: Callable[..., object]
) -> None:
    channel = ChannelFactory(name="X Kota")
    for status in (S.POSTED, S.POSTED, S.POSTED, S.FAILED):
        ChannelDelivery.objects.create(
            release=PublishedReleaseFactory(),
            channel=channel,
            text="t",
            link="http://t/a",
            status=status,
            remote_id="1",
        )
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        page = admin_client.get(reverse("channels:list")).content.decode()
    assert "tingkat keberhasilan 75%" in page
    for _ in range(5):
        other = ChannelFactory()
        for _ in range(4):
            ChannelDelivery.objects.create(
                release=PublishedReleaseFactory(), channel=other, text="t", link="http://t/a"
            )
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        assert admin_client.get(reverse("channels:list")).status_code == 200


def editor_post(client: Client, release: Release, channel: Channel, **fields: object) -> object:
    data = {f"ch{channel.pk}-{name}": value for name, value in fields.items()}
    return client.post(reverse("channels:versions", args=[release.pk]), data)


def test_editor_version_too_long_for_x_is_refused_with_the_count_and_nothing_is_saved(
    client: Client, login_as: Callable[[Role], User], channel_roles: None
) -> None:
    login_as(Role.EDITOR)
    x = ChannelFactory(platform="x", name="X Kota")
    release = ReleaseFactory(status=Release.Status.IN_REVIEW)
    response = editor_post(client, release, x, selected="on", text="kata " * 60)
    page = response.content.decode()  # type: ignore[attr-defined]
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "Teks untuk X Kota terlalu panjang: 299 dari batas 280 karakter (kelebihan 19)." in page
    assert not ChannelVersion.objects.exists()

    response = editor_post(client, release, x, selected="on", text="Taman kota dibuka http://testserver/a #Kota")
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert ChannelVersion.objects.get().text == "Taman kota dibuka http://testserver/a #Kota"


def test_versions_page_renders_the_live_counter_with_the_platform_rule(
    client: Client, login_as: Callable[[Role], User], channel_roles: None
) -> None:
    login_as(Role.EDITOR)
    ChannelFactory(platform="mastodon", name="Masto", max_characters=1000, characters_per_url=23)
    release = ReleaseFactory(status=Release.Status.DRAFT)
    page = client.get(reverse("channels:versions", args=[release.pk])).content.decode()
    assert 'data-count-rule="mastodon"' in page and 'data-count-max="1000"' in page
    assert "releases/channels/counter.js" in page
    assert "utm_source=mastodon" in page


def test_instagram_image_must_have_an_allowed_ratio_and_is_stored_as_jpeg(
    client: Client, login_as: Callable[[Role], User], channel_roles: None
) -> None:
    login_as(Role.EDITOR)
    ig = ChannelFactory(platform="instagram", name="IG Kota")
    release = ReleaseFactory(status=Release.Status.IN_REVIEW)
    data = {f"ch{ig.pk}-selected": "on", f"ch{ig.pk}-text": "Taman kota #Kota"}
    tall = image_upload("tinggi.png", width=400, height=1000, fmt="PNG")
    response = client.post(reverse("channels:versions", args=[release.pk]), {**data, f"ch{ig.pk}-image": tall})
    assert "Rasio gambar Instagram harus antara 4:5 dan 1,91:1" in response.content.decode()
    assert not ChannelVersion.objects.exists()

    square = image_upload("persegi.png", width=1080, height=1080, fmt="PNG")
    response = client.post(reverse("channels:versions", args=[release.pk]), {**data, f"ch{ig.pk}-image": square})
    assert response.status_code == 302
    version = ChannelVersion.objects.get()
    assert version.image.name.endswith(".jpg")
    with version.image.open("rb") as file:
        assert file.read(3) == b"\xff\xd8\xff"


def test_versions_cannot_change_after_approval(
    client: Client, login_as: Callable[[Role], User], channel_roles: None
) -> None:
    login_as(Role.EDITOR)
    x = ChannelFactory(platform="x")
    release = ReleaseFactory(status=Release.Status.APPROVED)
    assert editor_post(client, release, x, selected="on", text="baru").status_code == 403  # type: ignore[attr-defined]
    assert not ChannelVersion.objects.exists()


def test_approval_is_refused_when_a_chosen_version_does_not_fit_or_lacks_its_image() -> None:
    x = ChannelFactory(platform="x", name="X Kota")
    ChannelFactory(platform="instagram", name="IG Kota")
    ChannelFactory(platform="telegram", name="TG Kota", selected_by_default=False)
    release = ReleaseFactory(title="Judul " * 41)  # the default X text is far too long
    problems = approval_problems(release)
    assert any(p.startswith("Teks untuk X Kota terlalu panjang") for p in problems)
    assert "IG Kota memerlukan gambar: unggah gambar untuk versi kanal ini." in problems
    assert not any("TG Kota" in p for p in problems)

    ChannelVersion.objects.create(release=release, channel=x, text="Singkat http://testserver/a")
    Channel.objects.filter(platform="instagram").update(enabled=False)
    assert approval_problems(release) == []


def test_delivery_panel_retry_and_mark_posted(
    client: Client, login_as: Callable[[Role], User], channel_roles: None, django_capture_on_commit_callbacks: object
) -> None:
    editor = login_as(Role.EDITOR)
    release = PublishedReleaseFactory()
    failed = ChannelDelivery.objects.create(
        release=release,
        channel=ChannelFactory(name="A", base_url="http://127.0.0.1:9/"),
        text="t",
        link="http://t/a",
        status=S.FAILED,
        last_error="X: Unauthorized",
    )
    unknown = ChannelDelivery.objects.create(
        release=release,
        channel=ChannelFactory(name="B", platform="telegram"),
        text="t",
        link="http://t/a",
        status=S.UNKNOWN,
    )
    url = reverse("channels:deliveries", args=[release.pk])
    page = client.get(url).content.decode()
    assert "X: Unauthorized" in page and "Kirim ulang" in page and "Status keseluruhan" in page

    response = client.post(reverse("channels:mark-posted", args=[unknown.pk]), {"url": "bukan alamat", "next": url})
    assert response.status_code == 302 and ChannelDelivery.objects.get(pk=unknown.pk).status == S.UNKNOWN
    client.post(reverse("channels:mark-posted", args=[unknown.pk]), {"url": "https://t.me/infokota/5", "next": url})
    unknown.refresh_from_db()
    assert unknown.status == S.POSTED and unknown.remote_url == "https://t.me/infokota/5"

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        client.post(reverse("channels:retry", args=[failed.pk]), {"next": "https://jahat.example/"})
    failed.refresh_from_db()
    assert failed.attempt_count == 1  # it ran again (and the closed port made it wait for a retry)
    assert AuditEntry.objects.filter(action="releases.channel_delivery.retry", actor=editor).exists()


def test_delivery_panel_queries_do_not_grow_with_the_channels(
    client: Client,
    login_as: Callable[[Role], User],
    channel_roles: None,
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    login_as(Role.EDITOR)
    release = PublishedReleaseFactory()
    ChannelDelivery.objects.create(release=release, channel=ChannelFactory(), text="t", link="http://t/a")
    url = reverse("channels:deliveries", args=[release.pk])
    with django_assert_max_num_queries(10):  # type: ignore[operator]
        client.get(url)
    for _ in range(6):
        ChannelDelivery.objects.create(release=release, channel=ChannelFactory(), text="t", link="http://t/a")
    with django_assert_max_num_queries(10):  # type: ignore[operator]
        assert client.get(url).status_code == 200


def test_dashboard_panel_counts_failures_and_failing_channels(
    make_staff: Callable[..., User], channel_roles: None, django_assert_num_queries: Callable[..., object]
) -> None:
    release = PublishedReleaseFactory()
    ChannelDelivery.objects.create(
        release=release, channel=ChannelFactory(), text="t", link="http://t/a", status=S.FAILED
    )
    ChannelFactory(health=Channel.Health.FAILING)
    admin = make_staff(Role.HUMAS_ADMIN)
    admin = User.objects.get(pk=admin.pk)
    admin.has_perm("releases.view_channeldelivery")  # load the permission cache first
    with django_assert_num_queries(2):  # type: ignore[operator]
        (panel,) = panels(admin)
    assert [(c.label, c.value, c.tone) for c in panel.counters] == [
        ("Pengiriman gagal", 1, "danger"),
        ("Hasil tidak pasti", 0, "secondary"),
        ("Kanal perlu kredensial baru", 1, "danger"),
    ]
    assert panels(make_staff(Role.PPID_OFFICER)) == []


def test_demo_channels_are_disabled_one_per_platform_and_seeding_twice_changes_nothing() -> None:
    from releases.channels import demo

    lines: list[str] = []
    demo.seed(out=lines.append)
    demo.seed(out=lines.append)
    assert Channel.objects.count() == 6 and not Channel.objects.filter(enabled=True).exists()
    assert set(Channel.objects.values_list("platform", flat=True)) == {
        "x",
        "facebook",
        "instagram",
        "telegram",
        "mastodon",
        "webhook",
    }
    assert lines[-1].endswith("baru: 0")
    call_command("check")
