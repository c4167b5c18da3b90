"""config/postgresql: Django's PostgreSQL backend, with a health check that asks the socket
before the server. Run against the PostgreSQL server whichever database the suite uses."""

import select
import time

import dj_database_url
import pytest
from django.db import connections
from django.db.backends.postgresql import base as django_postgresql
from django.db.utils import load_backend

from tests.servers import PG_ADMIN_URL, pg_admin
from tests.test_settings import run_manage


@pytest.fixture
def admin():
    with pg_admin("the health check") as connection:
        yield connection


@pytest.fixture
def probe(admin, django_db_blocker):
    """A kept connection as a request sees it, with health checks on, through our backend,
    to the server's own database rather than the suite's."""
    settings = dj_database_url.parse(PG_ADMIN_URL, conn_max_age=60, conn_health_checks=True)
    settings = connections.configure_settings({"default": settings})["default"]
    wrapper = load_backend("config.postgresql").DatabaseWrapper(settings, alias="probe")
    with django_db_blocker.unblock():
        wrapper.connect()
        yield wrapper
        wrapper.close()


@pytest.fixture
def server_checks(monkeypatch):
    """How often Django's own check (a `SELECT 1` round trip) ran."""
    calls = []
    original = django_postgresql.DatabaseWrapper.is_usable

    def counted(self):
        calls.append(self.alias)
        return original(self)

    monkeypatch.setattr(django_postgresql.DatabaseWrapper, "is_usable", counted)
    return calls


def _wait_until_readable(wrapper) -> None:
    deadline = time.monotonic() + 10
    while not select.select([wrapper.connection.fileno()], [], [], 0.05)[0]:
        assert time.monotonic() < deadline, "the server's message never arrived"


def test_an_idle_connection_is_usable_without_a_round_trip(probe, server_checks):
    assert probe.is_usable() is True
    assert server_checks == []


def test_a_connection_the_server_ended_is_not_usable_and_is_replaced(probe, admin):
    pid = probe.connection.info.backend_pid
    admin.execute("SELECT pg_terminate_backend(%s)", [pid])
    _wait_until_readable(probe)
    assert probe.is_usable() is False
    # What Django does before a request's first query: the request is served on a new one.
    probe.health_check_done = False
    probe.close_if_health_check_failed()
    with probe.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid


def test_a_connection_with_something_waiting_asks_the_server(probe, admin, server_checks):
    with probe.cursor() as cursor:
        cursor.execute("LISTEN expertfolio_probe")
    admin.execute("NOTIFY expertfolio_probe")
    _wait_until_readable(probe)
    assert probe.is_usable() is True
    assert server_checks == ["probe"]


def test_a_closed_connection_is_not_usable(probe, server_checks):
    probe.connection.close()
    assert probe.is_usable() is False
    assert server_checks == []


def test_postgresql_urls_use_this_backend():
    shown = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    for url, engine in [(PG_ADMIN_URL, "config.postgresql"), ("sqlite:///:memory:", "sqlite3")]:
        result = run_manage("shell", "--no-imports", "-c", shown, DATABASE_URL=url)
        assert result.stdout.strip().endswith(engine), result.stderr


def test_a_connection_inside_a_transaction_asks_the_server(probe, server_checks):
    probe.connection.execute("BEGIN")
    assert probe.is_usable() is True
    assert server_checks == ["probe"]
