"""The releases' browser test reuses the portal's Playwright fixtures (gunicorn + Chromium)."""

from tests.e2e.conftest import browser, page, portal_url  # noqa: F401
