import pytest
from django.test import Client, override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_health_answers_200_when_database_cache_and_broker_answer(client: Client) -> None:
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "broker": "ok"}


@override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0")
def test_health_answers_503_and_names_the_broker_when_it_is_down(client: Client) -> None:
    response = client.get(reverse("health"))
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["broker"].startswith("error")
    assert checks["database"] == "ok"


def test_health_answers_503_and_names_the_cache_when_it_is_down(client: Client, settings) -> None:
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["checks"]["cache"].startswith("error")
