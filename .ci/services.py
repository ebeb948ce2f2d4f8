"""Make sure PostgreSQL and Redis answer before the portal or the tests start.

If one does not answer on a local address, try to start it (the system PostgreSQL cluster,
or a private Redis under var/redis). Otherwise stop with a message that names what to do.
Also creates the database named in DATABASE_URL when it does not exist yet.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/humas")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
LOCAL = {"127.0.0.1", "localhost", "::1"}


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def wait_for(host: str, port: int, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if reachable(host, port):
            return True
        time.sleep(0.5)
    return False


def fail(message: str) -> None:
    print(f"\n*** {message}\n", file=sys.stderr)
    sys.exit(1)


def ensure_postgres() -> None:
    url = urlsplit(DATABASE_URL)
    host, port = url.hostname or "127.0.0.1", url.port or 5432
    if not reachable(host, port):
        clusters = glob.glob("/etc/postgresql/*/main")
        if host in LOCAL and clusters and shutil.which("pg_ctlcluster"):
            version = Path(clusters[0]).parent.name
            print(f"PostgreSQL is not answering on {host}:{port}; starting cluster {version}/main")
            subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"], check=False)
        if not wait_for(host, port):
            fail(
                f"PostgreSQL does not answer at {host}:{port}. Install it (apt-get install postgresql) "
                "and start it, or set DATABASE_URL to a reachable server."
            )
    create_database(url.path.lstrip("/"))


def create_database(name: str) -> None:
    import psycopg
    from psycopg import sql

    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}")


def ensure_redis() -> None:
    url = urlsplit(REDIS_URL)
    host, port = url.hostname or "127.0.0.1", url.port or 6379
    if reachable(host, port):
        return
    server = shutil.which("redis-server")
    if host in LOCAL and server:
        data = ROOT / "var" / "redis"
        data.mkdir(parents=True, exist_ok=True)
        print(f"Redis is not answering on {host}:{port}; starting a private one in {data}")
        subprocess.run(
            [
                server,
                "--daemonize",
                "yes",
                "--bind",
                host,
                "--port",
                str(port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(data),
                "--logfile",
                str(data / "redis.log"),
            ],
            check=False,
        )
    if not wait_for(host, port):
        fail(f"Redis does not answer at {host}:{port}. Install it (apt-get install redis-server) or set REDIS_URL.")


if __name__ == "__main__":
    ensure_postgres()
    ensure_redis()
    print("PostgreSQL and Redis are ready.")
