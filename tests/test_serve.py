"""bin/serve — what docker-compose.yml runs — migrates, collects static and serves with gunicorn."""

import pytest

from tests.servers import ROOT, Browser, free_port, production_env, redis_url, running

pytestmark = pytest.mark.django_db(transaction=True)


def test_bin_serve_runs_the_production_stack(tmp_path):
    port = free_port()
    env = production_env(
        tmp_path,
        PORT=str(port),
        BIND_HOST="127.0.0.1",
        WEB_CONCURRENCY="2",
        # As docker-compose.yml runs it: with the shared cache.
        REDIS_URL=redis_url("bin/serve as the stack runs it", database=2, empty=True),
    )
    with running([str(ROOT / "bin" / "serve")], env, port):
        plain = Browser(port)
        status, _headers, body = plain.request("GET", "/healthz", headers={"X-Forwarded-Proto": ""})
        assert status == 200
        assert body == b'{"status": "ok", "database": "up"}'

        # Hashed, compressed static files from collectstatic, served by whitenoise.
        manifest = (tmp_path / "static" / "staticfiles.json").read_text()
        assert "vendor/bootstrap/css/bootstrap.min.css" in manifest

        # Every other page redirects plain HTTP to HTTPS in production.
        status, headers, _body = plain.request("GET", "/", headers={"X-Forwarded-Proto": ""})
        assert status == 301
        assert headers["Location"] == "https://example.com/"
