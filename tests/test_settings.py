"""Production settings: refuse to start without a secret, and pass check --deploy."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from credentials.keys import new_private_jwk

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_secret_key_refuses_to_start():
    result = run_manage("check", DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="example.com")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_with_weak_secret_key_refuses_to_start():
    result = run_manage(
        "check", DJANGO_DEBUG="0", DJANGO_SECRET_KEY="short", DJANGO_ALLOWED_HOSTS="example.com"
    )
    assert result.returncode != 0
    assert "at least 50 random characters" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="example.com",
        EXPERTFOLIO_SIGNING_KEY=new_private_jwk(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_development_needs_no_variables():
    result = run_manage("check")
    assert result.returncode == 0, result.stderr


def test_development_logs_each_django_message_once():
    # Django's own console handler (DEBUG only) and ours on the root logger both wrote it.
    probe = "import logging; logging.getLogger('django.request').warning('probe-line')"
    result = run_manage("shell", "-c", probe, DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("probe-line") == 1


def test_development_server_request_lines_keep_their_time():
    probe = "import logging; logging.getLogger('django.server').info('GET /probe-line')"
    result = run_manage("shell", "-c", probe, DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "probe-line" in line]
    assert len(lines) == 1 and re.fullmatch(r"\[[^\]]+\] GET /probe-line", lines[0])


def test_reviews_required_must_be_at_least_one():
    result = run_manage("check", EXPERTFOLIO_REVIEWS_REQUIRED="0")
    assert result.returncode != 0
    assert "EXPERTFOLIO_REVIEWS_REQUIRED must be 1 or more" in result.stderr


@pytest.mark.parametrize(
    "variable",
    ["EXPERTFOLIO_REVIEW_TARGET_DAYS", "EXPERTFOLIO_CLAIM_DAYS", "EXPERTFOLIO_FIRST_OFFER_HOURS"],
)
def test_review_timing_must_not_be_negative(variable):
    result = run_manage("check", **{variable: "-1"})
    assert result.returncode != 0
    assert "EXPERTFOLIO_CLAIM_DAYS must be 1 or more" in result.stderr


def _settings_with(**env: str) -> dict:
    """The cache and session settings a process started with `env` (and no REDIS_URL of the
    suite's own) reads."""
    code = (
        "import json; from django.conf import settings; print(json.dumps("
        "{'cache': settings.CACHES['default'], 'sessions': settings.SESSION_ENGINE}))"
    )
    result = run_manage("shell", "-c", code, REDIS_URL=env.pop("REDIS_URL", ""), **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_without_redis_the_cache_is_bounded_memory_and_sessions_are_in_the_database():
    found = _settings_with()
    assert found["cache"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert found["cache"]["OPTIONS"]["MAX_ENTRIES"] == 1000
    # A process's memory is not shared between servers: sessions are read from the database.
    assert found["sessions"] == "django.contrib.sessions.backends.db"


def test_with_redis_the_cache_is_djangos_redis_cache_and_sessions_read_through_it():
    found = _settings_with(REDIS_URL="redis://127.0.0.1:6379/3")
    assert found["cache"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert found["cache"]["LOCATION"] == "redis://127.0.0.1:6379/3"
    assert found["sessions"] == "django.contrib.sessions.backends.cached_db"


def test_no_custom_database_engine_or_session_machinery():
    from django.conf import settings

    assert settings.DATABASES["default"]["ENGINE"] in {
        "django.db.backends.postgresql",
        "django.db.backends.sqlite3",
    }
    assert settings.AUTHENTICATION_BACKENDS[-1] == "django.contrib.auth.backends.ModelBackend"
    assert "django.contrib.auth.middleware.AuthenticationMiddleware" in settings.MIDDLEWARE


def test_proxy_count_configures_axes_client_address_through_ipware():
    code = (
        "import json; from django.conf import settings as s; print(json.dumps(["
        "s.AXES_IPWARE_META_PRECEDENCE_ORDER, getattr(s, 'AXES_IPWARE_PROXY_COUNT', None)]))"
    )
    behind = run_manage("shell", "-c", code, AXES_PROXY_COUNT="1")
    direct = run_manage("shell", "-c", code, AXES_PROXY_COUNT="")
    assert json.loads(behind.stdout.splitlines()[-1]) == [
        ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"],
        0,
    ]
    assert json.loads(direct.stdout.splitlines()[-1])[0] == ["REMOTE_ADDR"]
    # django-axes uses django-ipware only when it is installed.
    from axes.helpers import IPWARE_INSTALLED

    assert IPWARE_INSTALLED


def test_site_address_in_emails_follows_the_port_the_app_runs_on():
    code = "from django.conf import settings; print(settings.SITE_URL)"
    assert run_manage("shell", "-c", code, PORT="8101").stdout.splitlines()[-1] == (
        "http://127.0.0.1:8101"
    )
    configured = run_manage(
        "shell", "-c", code, PORT="8101", EXPERTFOLIO_SITE_URL="https://expertfolio.example/"
    )
    assert configured.stdout.splitlines()[-1] == "https://expertfolio.example"


def test_make_run_serves_and_links_on_the_same_port():
    dry = subprocess.run(
        ["make", "-n", "run", "PORT=8101"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "PORT=8101 .venv/bin/python manage.py runserver 127.0.0.1:8101" in dry.stdout
