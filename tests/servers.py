"""Production-mode app servers in subprocesses, for tests that cross process boundaries."""

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import psycopg
from django.db import connection

from credentials.keys import new_private_jwk

ROOT = Path(__file__).resolve().parent.parent
HOST = "example.com"
# The PostgreSQL server's own database, for tests that need the server whichever database
# the suite runs on (backups, the database backend).
PG_ADMIN_URL = os.environ.get(
    "EXPERTFOLIO_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pg_admin(purpose: str) -> psycopg.Connection:
    """An autocommit connection to PG_ADMIN_URL; without a server, a failure in CI (nothing
    may be skipped there) and a skip elsewhere."""
    import pytest  # the benchmark imports this module without the test requirements

    try:
        return psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        if os.environ.get("EXPERTFOLIO_CI"):
            pytest.fail(f"PostgreSQL is needed for {purpose}: {exc}")
        pytest.skip(f"no PostgreSQL server for {purpose}: {exc}")


REDIS_SERVER_URL = os.environ.get("EXPERTFOLIO_REDIS_SERVER_URL", "redis://127.0.0.1:6379")


def redis_url(purpose: str, *, database: int, empty: bool = False) -> str:
    """The URL of one database of the Redis server (emptied first with `empty`); without a
    server, a failure in CI and a skip elsewhere, as `pg_admin`."""
    import pytest
    import redis

    url = f"{REDIS_SERVER_URL}/{database}"
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=5)
        client.ping()
        if empty:
            client.flushdb()
        client.close()
    except redis.RedisError as exc:
        if os.environ.get("EXPERTFOLIO_CI"):
            pytest.fail(f"Redis is needed for {purpose}: {exc}")
        pytest.skip(f"no Redis server for {purpose}: {exc}")
    return url


def database_url() -> str:
    """The test database this run already uses, as a URL for another process ('' on SQLite)."""
    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        return ""
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def production_env(tmp_path: Path, **extra: str) -> dict:
    """Environment of a production server: DEBUG off, a real key, the test's database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        PYTHON=sys.executable,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        EXPERTFOLIO_SIGNING_KEY=new_private_jwk(),
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        EXPERTFOLIO_VAR_DIR=str(tmp_path),
        EXPERTFOLIO_UPLOAD_ROOT=str(tmp_path / "uploads"),
        DATABASE_URL=database_url() or f"sqlite:///{tmp_path / 'serve.sqlite3'}",
    )
    env.update(extra)
    return env


def manage(env: dict, *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


@contextmanager
def running(command: list[str], env: dict, port: int, timeout: float = 90):
    """Start a server process and wait until /healthz answers 200."""
    proc = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                status, _headers, _body = Browser(port).request("GET", "/healthz")
                if status == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise AssertionError(f"server did not start:\n{proc.stdout.read()}")
            time.sleep(0.3)
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def gunicorn(port: int, workers: int = 2) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
    ]


class Browser:
    """A tiny HTTP client that keeps cookies, as if behind a TLS proxy for HOST.

    Cookies are shared between Browser objects made with the same jar, so one "person"
    can talk to several app servers.
    """

    def __init__(self, port: int, jar: SimpleCookie | None = None):
        self.port = port
        self.jar = jar if jar is not None else SimpleCookie()

    def request(self, method: str, path: str, body: bytes = b"", headers: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
        all_headers = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "Origin": f"https://{HOST}",
            "Referer": f"https://{HOST}{path}",
            **(headers or {}),
        }
        if self.jar:
            all_headers["Cookie"] = "; ".join(f"{k}={m.value}" for k, m in self.jar.items())
        conn.request(method, path, body=body, headers=all_headers)
        response = conn.getresponse()
        data = response.read()
        for value in response.headers.get_all("Set-Cookie") or []:
            self.jar.load(value)
        conn.close()
        return response.status, response.headers, data

    def csrf_token(self, path: str) -> str:
        _status, _headers, body = self.request("GET", path)
        return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()

    def post_form(self, path: str, fields: dict, *, form_page: str | None = None):
        fields = {"csrfmiddlewaretoken": self.csrf_token(form_page or path), **fields}
        return self.request(
            "POST",
            path,
            urlencode(fields).encode(),
            {"Content-Type": "application/x-www-form-urlencoded"},
        )

    def post_multipart(self, path: str, fields: dict, files: dict):
        boundary = secrets.token_hex(16)
        fields = {"csrfmiddlewaretoken": self.csrf_token(path), **fields}
        parts = []
        for name, value in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        for name, (filename, content) in files.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request(
            "POST", path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        )
