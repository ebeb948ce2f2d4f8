"""Production mode: refuses unsafe values and passes ``check --deploy`` with no warning."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from humas.env import database_from_url, envbool, envint

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    unset = {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env, "DJANGO_SETTINGS_MODULE": "humas.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_real_secret_key() -> None:
    result = _manage("check", HUMAS_ENV="production", ALLOWED_HOSTS="humas.example.go.id")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_debug() -> None:
    key = secrets.token_urlsafe(64)
    result = _manage("check", HUMAS_ENV="production", SECRET_KEY=key, DEBUG="true", ALLOWED_HOSTS="x.go.id")
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_check_deploy_is_clean_under_production_settings() -> None:
    key = secrets.token_urlsafe(64)
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        HUMAS_ENV="production",
        SECRET_KEY=key,
        ALLOWED_HOSTS="humas.example.go.id",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_env_helpers_reject_values_they_cannot_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_BOOL", "mungkin")
    monkeypatch.setenv("X_INT", "sepuluh")
    with pytest.raises(ImproperlyConfigured, match="X_BOOL"):
        envbool("X_BOOL", False)
    with pytest.raises(ImproperlyConfigured, match="X_INT"):
        envint("X_INT", 1)
    with pytest.raises(ImproperlyConfigured, match="postgres"):
        database_from_url("mysql://root@localhost/humas")


def test_database_url_is_parsed_into_django_settings() -> None:
    db = database_from_url("postgres://humas:rah%40sia@db.internal:6432/portal?sslmode=require")
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "portal",
        "humas",
        "rah@sia",
        "db.internal",
        "6432",
    )
    assert db["OPTIONS"] == {"sslmode": "require"}
