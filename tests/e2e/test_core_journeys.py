import json
import time
import warnings

import pytest
from celery.exceptions import AlwaysEagerIgnored

from humas.celery import app
from humas.roles import Role
from tests.e2e.conftest import axe_violations, has_horizontal_scroll
from tests.factories.humas import staff_user

PUBLIC_PAGES = ["/", "/masuk/", "/akun/lupa-kata-sandi/"]


def test_staff_member_signs_in_from_the_home_page_and_reaches_the_dashboard(page) -> None:
    user = staff_user(Role.HUMAS_ADMIN)
    page.goto("/")
    page.get_by_role("link", name="Masuk").click()
    page.get_by_label("Nama pengguna").fill(user.username)
    page.get_by_label("Kata sandi").fill("kata-sandi-uji-123")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/staf/")
    assert page.get_by_role("heading", name=f"Selamat datang, {user.display_name}").is_visible()
    page.get_by_role("link", name="Jejak audit").click()
    assert page.get_by_role("heading", name="Jejak audit").is_visible()
    assert page.problems.serious == []


def test_visitor_switches_to_english_with_the_footer_selector(page) -> None:
    page.goto("/")
    page.get_by_label("Bahasa").select_option("en")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Press Releases").first.is_visible()
    assert page.problems.serious == []


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_serious_accessibility_violation_or_console_error(page, path: str) -> None:
    page.goto(path)
    assert axe_violations(page) == []
    assert page.problems.serious == []


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_fits_a_360_pixel_phone_without_horizontal_scrolling(page, path: str) -> None:
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(path)
    assert not has_horizontal_scroll(page)


def test_login_form_works_by_keyboard_alone(page) -> None:
    user = staff_user(Role.WRITER)
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").focus()
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")
    page.keyboard.type("kata-sandi-uji-123")
    page.keyboard.press("Enter")
    page.wait_for_url("**/staf/")
    assert page.get_by_role("heading", name=f"Selamat datang, {user.display_name}").is_visible()


@pytest.mark.parametrize("path", ["/staf/", "/staf/audit/"])
def test_staff_page_has_no_serious_accessibility_violation_or_console_error(page, path: str) -> None:
    user = staff_user(Role.HUMAS_ADMIN)
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill(user.username)
    page.get_by_label("Kata sandi").fill("kata-sandi-uji-123")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/staf/")
    page.goto(path)
    assert axe_violations(page) == []
    assert page.problems.serious == []


def test_follow_up_work_queued_on_redis_is_run_by_the_worker_beside_the_portal(page) -> None:
    page.goto("/sehat/")
    assert json.loads(page.inner_text("body"))["worker_heartbeat"] is None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AlwaysEagerIgnored)  # the test process itself stays eager
        app.send_task("humas.tasks.heartbeat")  # through the broker, never inline
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        page.goto("/sehat/")
        if json.loads(page.inner_text("body"))["worker_heartbeat"]:
            break
        time.sleep(0.5)
    assert json.loads(page.inner_text("body"))["worker_heartbeat"], "the worker never ran the task"


def test_public_information_request_can_be_filed_by_keyboard_alone(page, tmp_path) -> None:
    """Tab from field to field, type, pick options with the arrow keys, open the file chooser
    with the space bar and send with Enter: no mouse at all."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    from ppid.models import InfoRequest
    from tests.factories.ppid import VALID_NIK
    from tests.helpers import image_bytes

    scan = tmp_path / "ktp.jpg"
    scan.write_bytes(image_bytes(900, 600))
    values = {
        "name": "Budi Santoso",
        "nik": VALID_NIK,
        "address": "Jl. Kenanga 3, Harapan Jaya",
        "phone": "081298765432",
        "email": "budi@example.id",
        "occupation": "Guru",
        "information": "Daftar penerima beasiswa daerah 2026",
        "purpose": "Penelitian",
    }
    page.goto("/ppid/permohonan/")
    page.locator("body").focus()
    typed, chose_file = set(), False
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement; return {name: e.name || '', type: e.type || '',"
            " tag: e.tagName, value: e.value || '', text: e.innerText || ''}; }"
        )
        name, kind = focused["name"], focused["type"]
        if name in values and name not in typed:
            page.keyboard.type(values[name])
            typed.add(name)
        elif kind == "select-one" and not focused["value"]:
            page.keyboard.press("ArrowDown")
        elif kind == "file" and name == "identity_document" and not chose_file:
            for _attempt in range(3):  # a busy machine can swallow the first key press
                try:
                    with page.expect_file_chooser(timeout=5000) as chooser:
                        page.keyboard.press("Space")
                except PlaywrightTimeout:
                    continue
                chooser.value.set_files(str(scan))
                chose_file = True
                break
        elif kind == "submit" and typed == set(values) and chose_file:
            time.sleep(2)  # the spam trap refuses forms sent within two seconds of opening
            page.keyboard.press("Enter")
            break
    else:
        raise AssertionError(f"the keyboard never reached the send button; typed {sorted(typed)}, file {chose_file}")
    page.wait_for_url("**/ppid/lacak/**")
    assert InfoRequest.objects.get().name == "Budi Santoso"
    assert page.problems.serious == []
