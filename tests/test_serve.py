"""bin/serve — what docker-compose.yml runs — migrates, collects static and serves with gunicorn."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db(transaction=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    """The test database this run already uses, as a URL for another process."""
    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        return ""
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def get(url: str, host: str = "example.com"):
    request = urllib.request.Request(url, headers={"Host": host})
    return urllib.request.urlopen(request, timeout=5)


def test_bin_serve_runs_the_production_stack(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        PYTHON=sys.executable,
        PORT=str(port),
        BIND_HOST="127.0.0.1",
        WEB_CONCURRENCY="2",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="example.com",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        EXPERTFOLIO_VAR_DIR=str(tmp_path),
        DATABASE_URL=database_url() or f"sqlite:///{tmp_path / 'serve.sqlite3'}",
    )
    proc = subprocess.Popen(
        [str(ROOT / "bin" / "serve")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                response = get(f"http://127.0.0.1:{port}/healthz")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(proc.stdout.read()) from None
                time.sleep(0.3)
        assert response.status == 200
        assert response.read() == b'{"status": "ok", "database": "up"}'

        # Hashed, compressed static files from collectstatic, served by whitenoise.
        manifest = (tmp_path / "static" / "staticfiles.json").read_text()
        assert "vendor/bootstrap/css/bootstrap.min.css" in manifest
        # Every other page redirects to HTTPS in production.
        with pytest.raises(urllib.error.HTTPError) as redirect:
            opener = urllib.request.build_opener(NoRedirect)
            opener.open(
                urllib.request.Request(
                    f"http://127.0.0.1:{port}/", headers={"Host": "example.com"}
                ),
                timeout=5,
            )
        assert redirect.value.code == 301
        assert redirect.value.headers["Location"] == "https://example.com/"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
