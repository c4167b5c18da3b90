"""Storing and releasing private files: random names, hashes, quota, nothing left on refusal."""

import hashlib
import stat

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from portfolio import services
from portfolio.models import StoredFile
from portfolio.services import files
from tests.factories import WorkSampleFactory
from tests.portfolio.upload_examples import GOOD_FILES, PDF, files_on_disk, stored_file, upload

pytestmark = pytest.mark.django_db


def test_stored_file_create_stores_bytes_under_a_random_private_name(alice):
    stored = services.stored_file_create(actor=alice, upload=upload("report.pdf", PDF))

    stored.refresh_from_db()
    assert stored.owner == alice
    assert stored.original_name == "report.pdf"
    assert stored.size == len(PDF)
    assert stored.sha256 == hashlib.sha256(PDF).hexdigest()
    assert stored.content_type == "application/pdf"
    assert "report" not in stored.storage_name
    [path] = files_on_disk()
    assert path.read_bytes() == PDF
    assert path.is_relative_to(settings.PRIVATE_UPLOAD_ROOT)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_stored_file_names_differ_for_the_same_content(alice):
    first = stored_file(alice, "notes.md")
    second = stored_file(alice, "notes.md")
    assert first.storage_name != second.storage_name
    assert first.sha256 == second.sha256
    assert len(files_on_disk()) == 2


def test_private_storage_is_not_served_at_any_public_path(alice, client):
    stored = stored_file(alice)
    client.force_login(alice)
    for path in (
        f"/{stored.storage_name}",
        f"/media/{stored.storage_name}",
        f"/static/{stored.storage_name}",
        f"/uploads/{stored.storage_name}",
    ):
        assert client.get(path).status_code == 404


def test_settings_keep_uploads_outside_static_files():
    from config import settings as config

    root = config.PRIVATE_UPLOAD_ROOT.resolve()
    assert config.STORAGES["default"]["OPTIONS"] == {"location": root, "base_url": None}
    assert not root.is_relative_to(config.STATIC_ROOT.resolve())
    assert not root.is_relative_to((config.BASE_DIR / "static").resolve())


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"not a pdf"),
        ("x.php.pdf", PDF),
        ("notes.md", b"<html><script>alert(1)</script>"),
        ("notes.txt", b"<svg onload=alert(1)>"),
        ("notes.txt", b"\x7fELF\x02\x01\x01"),
        ("drawing.svg", b"<svg/>"),
    ],
)
def test_stored_file_create_refused_stores_nothing(alice, name, content):
    with pytest.raises(ValidationError):
        services.stored_file_create(actor=alice, upload=upload(name, content))
    assert not StoredFile.objects.exists()
    assert files_on_disk() == []


def test_stored_file_create_oversize_stores_nothing(alice, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    with pytest.raises(ValidationError, match="larger than"):
        services.stored_file_create(actor=alice, upload=upload("notes.txt", b"a" * 1001))
    assert not StoredFile.objects.exists()
    assert files_on_disk() == []


def test_stored_file_create_enforces_the_per_expert_quota(alice, bob, settings):
    settings.UPLOAD_QUOTA_BYTES = 300
    stored_file(alice, "notes.txt", b"a" * 200)

    with pytest.raises(ValidationError) as caught:
        stored_file(alice, "more.txt", b"b" * 101)
    assert caught.value.code == "quota"
    assert "upload allowance" in caught.value.messages[0]
    assert StoredFile.objects.filter(owner=alice).count() == 1
    assert len(files_on_disk()) == 1

    # Exactly up to the quota is fine, and the quota is per expert.
    stored_file(alice, "fits.txt", b"c" * 100)
    stored_file(bob, "bobs.txt", b"d" * 300)
    assert services.upload_quota_used(owner=alice) == 300
    assert services.upload_quota_used(owner=bob) == 300


def test_stored_file_create_removes_the_bytes_when_the_row_cannot_be_written(alice, monkeypatch):
    # A row already claims the name the random generator will produce: the insert fails.
    monkeypatch.setattr(files.secrets, "token_hex", lambda n: "ab" * n)
    StoredFile.objects.create(
        owner=alice,
        storage_name="ab/" + "ab" * 16,
        original_name="x.md",
        size=1,
        sha256="0" * 64,
        content_type="text/markdown",
    )
    with pytest.raises(IntegrityError):
        services.stored_file_create(actor=alice, upload=upload("notes.md", b"# hi\n"))
    assert files_on_disk() == []


def test_stored_file_release_deletes_an_unused_file(alice, django_capture_on_commit_callbacks):
    stored = stored_file(alice)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.stored_file_release(stored_file=stored) is True
    assert not StoredFile.objects.exists()
    assert files_on_disk() == []


def test_stored_file_release_keeps_a_file_still_in_use(alice, django_capture_on_commit_callbacks):
    stored = stored_file(alice)
    WorkSampleFactory(owner=alice, url="", file=stored)
    assert services.stored_file_is_referenced(stored)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.stored_file_release(stored_file=stored) is False
    assert StoredFile.objects.filter(pk=stored.pk).exists()
    assert len(files_on_disk()) == 1


def test_stored_file_bytes_survive_a_rolled_back_release(alice, django_capture_on_commit_callbacks):
    stored = stored_file(alice)
    # The bytes go only when the deletion commits; a rollback keeps row and bytes together.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.stored_file_release(stored_file=stored)
    assert len(callbacks) == 1
    assert len(files_on_disk()) == 1


@pytest.mark.parametrize("name", sorted(GOOD_FILES))
def test_stored_file_create_accepts_every_allowed_kind(alice, name):
    stored = stored_file(alice, name)
    assert stored.size == len(GOOD_FILES[name])
    assert files_on_disk()[0].read_bytes() == GOOD_FILES[name]
