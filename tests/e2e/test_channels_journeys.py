"""In a real browser: a Redaktur reviews the per-channel versions (live counter), approves and
publishes a release; the portal's own gunicorn and Celery worker processes post it to fake
platforms served by a local HTTP server in this test process, exactly once each, and the delivery
panel shows the links after a reload."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

from humas.roles import Role
from releases import services as release_services
from releases.channels.counting import x_weighted_length
from releases.channels.models import ChannelDelivery
from releases.channels.models import DeliveryStatus as S
from releases.models import Release
from tests.e2e.conftest import OUTPUT, axe_violations, has_horizontal_scroll, sign_in
from tests.factories.channels import ChannelFactory
from tests.factories.humas import UnitFactory, staff_user
from tests.releases.channels.fakes import PREFIX, TEXT_PLATFORMS, FakePlatforms

pytestmark = pytest.mark.e2e


@pytest.fixture
def platforms() -> Iterator[FakePlatforms]:
    """The fake platforms on 127.0.0.1, where the portal's gunicorn and worker reach them."""
    server = HTTPServer(host="127.0.0.1", threaded=True)
    server.start()
    try:
        yield FakePlatforms(server).install()
    finally:
        server.clear()
        server.stop()


def _wait(condition, seconds: float = 60.0, what: str = "the worker") -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


def test_redaktur_approves_and_publishes_in_the_browser_and_every_channel_gets_one_post_with_its_link(
    page, platforms: FakePlatforms
) -> None:  # type: ignore[no-untyped-def]
    channels = platforms.channels(TEXT_PLATFORMS)
    spare = ChannelFactory(
        platform="x", name="X cadangan", base_url=platforms.server.url_for(PREFIX["x"]), selected_by_default=False
    )
    writer, editor = staff_user(Role.WRITER), staff_user(Role.EDITOR)
    release = release_services.release_create_draft(
        author=writer,
        unit=UnitFactory(short_name="Dishub", name="Dinas Perhubungan"),
        title="Bus Listrik Gratis Mulai Beroperasi",
        lead="Lima bus listrik melayani rute alun-alun sampai terminal setiap hari.",
        body="<p>Layanan berjalan pukul 06.00 sampai 21.00 WIB.</p>",
    )
    release_services.release_submit(release_id=release.pk, actor=writer)

    sign_in(page, editor)
    page.goto(f"/siaran-pers/redaksi/{release.pk}/")
    page.get_by_role("link", name="Kanal dan versi teks").click()
    x_box = page.locator("fieldset", has=page.locator("legend", has_text="Kanal x"))
    x_text = f"Bus listrik gratis mulai hari ini 🚌 http://testserver/siaran-pers/{release.slug}/?utm_source=x"
    x_box.get_by_label("Teks").fill(x_text)
    x_channel = next(c for c in channels if c.platform == "x")
    counter = x_box.locator(f"#counter-{x_channel.pk}")
    assert counter.inner_text() == f"{x_weighted_length(x_text)} / 280"  # the browser agrees with the server
    spare_box = page.locator("fieldset", has=page.locator("legend", has_text="X cadangan"))
    assert not spare_box.get_by_label("Kirim ke kanal ini").is_checked()  # not chosen by default
    assert axe_violations(page) == []
    page.get_by_role("button", name="Simpan versi kanal").click()
    page.get_by_text("Versi kanal tersimpan.").wait_for()

    page.goto(f"/siaran-pers/redaksi/{release.pk}/")
    page.get_by_role("button", name="Setujui").click()
    page.get_by_role("button", name="Terbitkan").click()
    page.get_by_text("Terbit", exact=True).first.wait_for()

    _wait(lambda: all(platforms.count(c.platform) >= 1 for c in channels), what="every platform to get its post")
    _wait(lambda: ChannelDelivery.objects.filter(status=S.POSTED).count() == len(channels), what="the ids")
    time.sleep(1.5)  # a second post would arrive now
    assert {c.platform: platforms.count(c.platform) for c in channels} == {c.platform: 1 for c in channels}
    assert platforms.posts["x"][0]["text"] == x_text
    assert not ChannelDelivery.objects.filter(channel=spare).exists()
    assert Release.objects.get(pk=release.pk).status == Release.Status.PUBLISHED

    page.reload()
    panel = page.locator("section", has=page.get_by_role("heading", name="Media sosial"))
    assert "Status keseluruhan: Terunggah" in panel.inner_text()
    rows = panel.locator("tbody tr")
    assert rows.count() == len(channels)
    for delivery in ChannelDelivery.objects.select_related("channel"):
        row = rows.filter(has_text=delivery.channel.name)
        assert row.locator(".badge").inner_text() == "Terunggah", delivery.channel.name
        if delivery.remote_url:
            assert row.get_by_role("link", name="Lihat unggahan").get_attribute("href") == delivery.remote_url
        else:  # the webhook gateway answers with an id only
            assert row.locator("code").inner_text() == delivery.remote_id
    assert panel.get_by_role("link", name="Lihat unggahan").count() == len(channels) - 1
    assert axe_violations(page) == []
    assert page.problems.serious == [], page.problems.serious
    page.set_viewport_size({"width": 360, "height": 800})
    page.reload()
    assert not has_horizontal_scroll(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()
    panel.scroll_into_view_if_needed()
    page.screenshot(path=str(OUTPUT / "channels_delivery_panel_posted.png"), full_page=True)
