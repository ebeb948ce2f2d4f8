"""The benchmarks' own databases: each script names one in DATABASE_URL before Django starts."""

from __future__ import annotations


def ensure_database(*, collectstatic: bool = False) -> None:
    """Create the configured database when it does not exist yet, migrate it, and collect the
    static files when the script serves pages."""
    import psycopg
    from django.conf import settings
    from django.core.management import call_command

    db = settings.DATABASES["default"]
    with psycopg.connect(
        host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], dbname="postgres", autocommit=True
    ) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]).fetchone():
            conn.execute(f'CREATE DATABASE "{db["NAME"]}"')
    call_command("migrate", verbosity=0)
    if collectstatic:
        call_command("collectstatic", interactive=False, verbosity=0)
