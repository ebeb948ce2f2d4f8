"""Test settings: only what tests need differs from humas.settings.

Each pytest-xdist worker gets its own Redis database (cache, sessions and broker), so
clearing the cache or running a real Celery worker in one never touches another.
"""

import os

from humas.env import envbool, envint
from humas.settings import *  # noqa: F403
from humas.settings import CACHES, REDIS_URL, STORAGES, VAR_DIR

_worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
# TEST_REDIS_DB_BASE lets two checkouts run their suites at once on one Redis.
_index = envint("TEST_REDIS_DB_BASE", 1) + int(_worker.removeprefix("gw") or 0)
_redis_base = REDIS_URL.rsplit("/", 1)[0]
TEST_REDIS_URL = f"{_redis_base}/{_index}"

CACHES["default"]["LOCATION"] = TEST_REDIS_URL
CACHES["default"]["KEY_PREFIX"] = f"humas-test-{_worker}"
CELERY_BROKER_URL = TEST_REDIS_URL
# Follow-up work runs inline unless a test starts a real worker (tests/celery_worker.py).
# (The browser tests' gunicorn turns this off and runs a real worker beside it.)
CELERY_TASK_ALWAYS_EAGER = envbool("CELERY_TASK_ALWAYS_EAGER", True)
CELERY_TASK_EAGER_PROPAGATES = True

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
_media = VAR_DIR / "test-media" / _worker
MEDIA_ROOT = _media / "public"
PRIVATE_MEDIA_ROOT = _media / "private"
STORAGES["private"] = {
    "BACKEND": "humas.private_media.PrivateFileSystemStorage",
    "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT)},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SITE_URL = "http://testserver"
# The e2e tests' gunicorn serves static files straight from the app and project folders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
