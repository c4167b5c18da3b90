"""Two app servers, one database, one Redis and one upload store: a session, an upload, a
change to a page and the failed-login throttle made on one hold on the other, as behind a
load balancer."""

import hashlib
import re

import pytest

from tests.servers import (
    Browser,
    free_port,
    gunicorn,
    manage,
    production_env,
    redis_url,
    running,
)

pytestmark = pytest.mark.django_db(transaction=True)

NOTES = b"# Lease classification notes\n\nShort-term leases are 12 months or less.\n"


def test_session_and_upload_cross_app_servers(tmp_path):
    port_a, port_b = free_port(), free_port()
    env = production_env(
        tmp_path,
        DJANGO_BEHIND_TLS_PROXY="1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        # Sessions read through the shared cache; a database of its own, emptied first.
        REDIS_URL=redis_url("the two-server test", database=1, empty=True),
    )
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    with running(gunicorn(port_a), env, port_a), running(gunicorn(port_b), env, port_b):
        on_a = Browser(port_a)
        on_b = Browser(port_b, jar=on_a.jar)  # the same person, routed to the other server

        status, headers, _ = on_a.post_form(
            "/accounts/signup/",
            {
                "name": "Ada Lovelace",
                "email": "ada@example.com",
                "password1": "analytical-engine-1843",
                "password2": "analytical-engine-1843",
            },
        )
        assert (status, headers["Location"]) == (302, "/dashboard/")
        # Production cookies: Secure, HttpOnly, SameSite — for the session and CSRF token.
        for name in ("sessionid", "csrftoken"):
            cookie = on_a.jar[name]
            assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"

        status, headers, body = on_b.request("GET", "/dashboard/")
        assert status == 200
        assert b"Ada" in body
        # HTTPS responses in production carry HSTS of at least a year.
        hsts = dict(
            part.strip().partition("=")[::2]
            for part in headers["Strict-Transport-Security"].split(";")
        )
        assert int(hsts["max-age"]) >= 31_536_000 and "includeSubDomains" in hsts

        # A change made on B shows on A at once.
        for _ in range(2):
            status, _, page = on_a.request("GET", "/portfolio/")
            assert status == 200 and b"Lease notes" not in page

        status, headers, _ = on_b.post_multipart(
            "/portfolio/samples/new/",
            {"title": "Lease notes", "sample_type": "memo", "source": "file"},
            {"file": ("lease-notes.md", NOTES)},
        )
        assert status == 302, headers
        status, _, page = on_a.request("GET", headers["Location"])
        assert status == 200
        file_url = re.search(rb'href="(/files/[0-9a-f-]{36}/)"', page).group(1).decode()
        status, _, page = on_a.request("GET", "/portfolio/")
        assert status == 200 and b"Lease notes" in page

        status, headers, body = on_a.request("GET", file_url)
        assert status == 200
        assert body == NOTES
        assert headers["Content-Disposition"].startswith("attachment")
        stored = [p for p in (tmp_path / "uploads").rglob("*") if p.is_file()]
        assert [hashlib.sha256(p.read_bytes()).hexdigest() for p in stored] == [
            hashlib.sha256(NOTES).hexdigest()
        ]

        # Logging out on one server ends the session on both.
        on_b.post_form("/accounts/logout/", {}, form_page="/dashboard/")
        status, headers, _ = on_a.request("GET", "/dashboard/")
        assert status == 302 and headers["Location"].startswith("/accounts/login/")

        # Failed logins count on every server: five spread over both lock the account on both.
        for attempt in range(5):
            server = on_a if attempt % 2 else on_b
            status, _, _ = server.post_form(
                "/accounts/login/", {"username": "ada@example.com", "password": "wrong"}
            )
            assert status == (429 if attempt == 4 else 200)
        for server in (on_a, on_b):
            status, _, body = server.post_form(
                "/accounts/login/",
                {"username": "ada@example.com", "password": "analytical-engine-1843"},
            )
            assert status == 429 and b"Too many failed logins" in body
