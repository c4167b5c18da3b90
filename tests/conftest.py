import os

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import override_settings
from hypothesis import settings as hypothesis_settings

from credentials.keys import new_private_jwk
from tests.factories import UserFactory
from tests.migrating import migrate_to_latest

# Timing deadlines make property tests flaky on a loaded machine; CI runs the same
# examples every time, so a red build always reproduces.
hypothesis_settings.register_profile("expertfolio", deadline=None)
hypothesis_settings.register_profile("ci", deadline=None, derandomize=True)
hypothesis_settings.load_profile("ci" if os.environ.get("EXPERTFOLIO_CI") else "expertfolio")


@pytest.fixture(autouse=True)
def _private_upload_root(settings, tmp_path):
    # Every test writes uploads to its own directory, never to var/.
    root = tmp_path / "uploads"
    settings.PRIVATE_UPLOAD_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": root, "base_url": None},
        },
    }


@pytest.fixture(scope="session", autouse=True)
def _own_redis_database():
    """With REDIS_URL, each parallel test process uses a Redis database of its own: clearing
    the cache (below) empties a whole Redis database."""
    url = os.environ.get("REDIS_URL")
    if not url:
        yield
        return
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    base = url.rsplit("/", 1)[0] if url.count("/") > 2 else url
    caches = {**django_settings.CACHES}
    caches["default"] = {**caches["default"], "LOCATION": f"{base}/{int(worker) % 12 + 4}"}
    with override_settings(CACHES=caches):
        yield


@pytest.fixture(scope="session")
def signing_jwk() -> str:
    return new_private_jwk()


@pytest.fixture(autouse=True)
def _signing_key(settings, signing_jwk):
    # Approvals sign credentials: with a key of the session's own, never one written to var/.
    settings.SIGNING_KEY = signing_jwk


@pytest.fixture(autouse=True)
def _empty_cache():
    # Cached reads (the queue's filter choices) must not leak from one test into another.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashing is slow by design; tests that check passwords still check them.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def alice(db):
    return UserFactory(email="alice@example.com", name="Alice Expert")


@pytest.fixture
def bob(db):
    return UserFactory(email="bob@example.com", name="Bob Expert")


@pytest.fixture
def rita(db):
    return UserFactory(email="rita@example.com", name="Rita Reviewer", reviewer=True)


@pytest.fixture
def staff(db):
    return UserFactory(
        email="staff@example.com", name="Stan Staff", is_staff=True, is_superuser=True
    )


@pytest.fixture
def latest_schema_after():
    """For a test that migrates the database back: the latest schema again after it."""
    yield
    migrate_to_latest()
