"""Work samples: a link or a file, replaced, switched, duplicated and deleted safely."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction

from portfolio import services
from portfolio.models import StoredFile, WorkSample
from tests.factories import WorkSampleFactory, make_profile
from tests.portfolio.upload_examples import PDF, files_on_disk, stored_file, upload

pytestmark = pytest.mark.django_db

DETAILS = {"title": "Loan-default benchmark", "sample_type": "benchmark", "description": "Mine."}


def test_work_sample_create_with_a_link(alice):
    sample = services.work_sample_create(
        actor=alice, **DETAILS, url="https://example.org/benchmark"
    )
    sample.refresh_from_db()
    assert (sample.owner, sample.title, sample.url, sample.file) == (
        alice,
        "Loan-default benchmark",
        "https://example.org/benchmark",
        None,
    )


def test_work_sample_create_with_a_file(alice):
    sample = services.work_sample_create(actor=alice, **DETAILS, upload=upload("report.pdf", PDF))
    sample.refresh_from_db()
    assert sample.url == ""
    assert sample.file.original_name == "report.pdf"
    assert sample.file.owner == alice
    assert files_on_disk()[0].read_bytes() == PDF


@pytest.mark.parametrize(
    ("url", "with_file", "message"),
    [
        ("https://example.org/x", True, "not both"),
        ("", False, "Give a link"),
        ("javascript:alert(1)", False, "http:// or https://"),
        ("ftp://example.org/file.pdf", False, "http:// or https://"),
        ("https://user:secret@example.org/", False, "user name or password"),
    ],
)
def test_work_sample_create_refuses_bad_sources_and_saves_nothing(alice, url, with_file, message):
    with pytest.raises(ValidationError) as caught:
        services.work_sample_create(
            actor=alice,
            **DETAILS,
            url=url,
            upload=upload("report.pdf", PDF) if with_file else None,
        )
    assert message in " ".join(caught.value.message_dict["url"])
    assert not WorkSample.objects.exists()
    assert not StoredFile.objects.exists()
    assert files_on_disk() == []


def test_work_sample_create_with_missing_title_stores_no_file(alice):
    with pytest.raises(ValidationError) as caught:
        services.work_sample_create(
            actor=alice, title="", sample_type="report", upload=upload("report.pdf", PDF)
        )
    assert "title" in caught.value.message_dict
    assert not StoredFile.objects.exists()
    assert files_on_disk() == []


def test_work_sample_create_with_unknown_type_is_refused(alice):
    with pytest.raises(ValidationError) as caught:
        services.work_sample_create(
            actor=alice, title="X", sample_type="poem", url="https://example.org/"
        )
    assert "sample_type" in caught.value.message_dict


def test_work_sample_database_refuses_both_link_and_file(alice):
    stored = stored_file(alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkSample.objects.create(
            owner=alice, title="x", sample_type="report", url="https://e.org/", file=stored
        )


def test_work_sample_update_replaces_the_file_and_deletes_the_old_one(
    alice, django_capture_on_commit_callbacks
):
    sample = services.work_sample_create(
        actor=alice, **DETAILS, upload=upload("old.md", b"# old\n")
    )
    old_file = sample.file
    with django_capture_on_commit_callbacks(execute=True):
        services.work_sample_update(
            actor=alice, sample=sample, **DETAILS, upload=upload("new.md", b"# new\n")
        )
    sample.refresh_from_db()
    assert sample.file.original_name == "new.md"
    assert not StoredFile.objects.filter(pk=old_file.pk).exists()
    assert [path.read_bytes() for path in files_on_disk()] == [b"# new\n"]


def test_work_sample_update_switches_a_file_to_a_link(alice, django_capture_on_commit_callbacks):
    sample = services.work_sample_create(actor=alice, **DETAILS, upload=upload("a.md", b"# a\n"))
    with django_capture_on_commit_callbacks(execute=True):
        services.work_sample_update(
            actor=alice, sample=sample, **DETAILS, url="https://example.org/now-a-link"
        )
    sample.refresh_from_db()
    assert (sample.url, sample.file) == ("https://example.org/now-a-link", None)
    assert not StoredFile.objects.exists()
    assert files_on_disk() == []


def test_work_sample_update_switches_a_link_to_a_file(alice):
    sample = WorkSampleFactory(owner=alice)
    services.work_sample_update(actor=alice, sample=sample, **DETAILS, upload=upload("a.md", b"#"))
    sample.refresh_from_db()
    assert sample.url == ""
    assert sample.file.original_name == "a.md"


def test_work_sample_update_without_new_file_keeps_the_file(alice):
    sample = services.work_sample_create(actor=alice, **DETAILS, upload=upload("a.md", b"# a\n"))
    services.work_sample_update(
        actor=alice, sample=sample, title="Renamed", sample_type="memo", description=""
    )
    sample.refresh_from_db()
    assert (sample.title, sample.sample_type, sample.file.original_name) == (
        "Renamed",
        "memo",
        "a.md",
    )


def test_work_sample_update_with_a_bad_file_changes_nothing(alice):
    sample = services.work_sample_create(actor=alice, **DETAILS, upload=upload("a.md", b"# a\n"))
    with pytest.raises(ValidationError):
        services.work_sample_update(
            actor=alice,
            sample=sample,
            title="Renamed",
            sample_type="memo",
            upload=upload("evil.md", b"<html>"),
        )
    sample = WorkSample.objects.get(pk=sample.pk)
    assert (sample.title, sample.file.original_name) == ("Loan-default benchmark", "a.md")
    assert StoredFile.objects.count() == 1
    assert len(files_on_disk()) == 1


# The database refuses the last write of these services (the profile document's, stored on
# the profile's row), as a full disk or a lost connection would, after the file is stored.
REFUSE_PROFILE_UPDATES = {
    "postgresql": [
        """CREATE FUNCTION refuse_profile_update() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION 'profile writes refused'; END $$ LANGUAGE plpgsql""",
        """CREATE TRIGGER refuse_profile_update BEFORE UPDATE ON profiles_profile
        FOR EACH ROW EXECUTE FUNCTION refuse_profile_update()""",
    ],
    "sqlite": [
        """CREATE TRIGGER refuse_profile_update BEFORE UPDATE ON profiles_profile
        BEGIN SELECT RAISE(ABORT, 'profile writes refused'); END""",
    ],
}


def refuse_to_store_the_document(owner) -> None:
    """From now on, until the test's transaction ends (with the trigger), the owner's
    profile document cannot be stored."""
    make_profile(owner)
    with connection.cursor() as cursor:
        for statement in REFUSE_PROFILE_UPDATES[connection.vendor]:
            cursor.execute(statement)


def test_work_sample_create_rolled_back_after_the_file_is_stored_leaves_no_file(alice):
    refuse_to_store_the_document(alice)
    with pytest.raises(DatabaseError, match="profile writes refused"):
        services.work_sample_create(actor=alice, **DETAILS, upload=upload("r.pdf", PDF))
    assert not WorkSample.objects.exists()
    assert not StoredFile.objects.exists()
    assert files_on_disk() == []


def test_work_sample_update_rolled_back_after_the_file_is_stored_keeps_the_shared_file(alice):
    sample = services.work_sample_create(actor=alice, **DETAILS, upload=upload("a.md", b"# a\n"))
    copy = services.work_sample_duplicate(actor=alice, sample=sample)
    refuse_to_store_the_document(alice)
    with pytest.raises(DatabaseError, match="profile writes refused"):
        services.work_sample_update(
            actor=alice, sample=copy, **DETAILS, upload=upload("b.md", b"# b\n")
        )
    # The new file is gone; the one both samples still use stays.
    assert [path.read_bytes() for path in files_on_disk()] == [b"# a\n"]
    assert StoredFile.objects.get() == sample.file
    assert list(WorkSample.objects.values_list("file", flat=True)) == [sample.file_id] * 2


def test_work_sample_update_by_someone_else_is_refused(alice, bob):
    sample = WorkSampleFactory(owner=alice)
    with pytest.raises(PermissionDenied):
        services.work_sample_update(actor=bob, sample=sample, **DETAILS, url="https://e.org/")
    sample.refresh_from_db()
    assert sample.title != DETAILS["title"]


def test_work_sample_delete_removes_sample_and_file(alice, django_capture_on_commit_callbacks):
    sample = services.work_sample_create(actor=alice, **DETAILS, upload=upload("r.pdf", PDF))
    with django_capture_on_commit_callbacks(execute=True):
        services.work_sample_delete(actor=alice, sample=sample)
    assert not WorkSample.objects.exists()
    assert not StoredFile.objects.exists()
    assert files_on_disk() == []


def test_work_sample_duplicate_shares_the_file_until_the_last_copy_goes(
    alice, django_capture_on_commit_callbacks
):
    sample = services.work_sample_create(actor=alice, **DETAILS, upload=upload("r.pdf", PDF))
    copy = services.work_sample_duplicate(actor=alice, sample=sample)

    copy.refresh_from_db()
    assert copy.pk != sample.pk
    assert copy.title == "Copy of Loan-default benchmark"
    assert (copy.sample_type, copy.description) == ("benchmark", "Mine.")
    assert copy.file_id == sample.file_id
    assert StoredFile.objects.count() == 1
    assert services.upload_quota_used(owner=alice) == len(PDF)

    with django_capture_on_commit_callbacks(execute=True):
        services.work_sample_delete(actor=alice, sample=sample)
    assert StoredFile.objects.filter(pk=copy.file_id).exists()
    assert len(files_on_disk()) == 1

    with django_capture_on_commit_callbacks(execute=True):
        services.work_sample_delete(actor=alice, sample=copy)
    assert not StoredFile.objects.exists()
    assert files_on_disk() == []


def test_work_sample_duplicate_keeps_the_title_within_its_limit(alice):
    sample = WorkSampleFactory(owner=alice, title="x" * 200)
    copy = services.work_sample_duplicate(actor=alice, sample=sample)
    # A linked sample's title is also a profile document's, which stops at 160.
    assert len(copy.title) == 160
    assert copy.title.startswith("Copy of ")


def test_work_sample_delete_and_duplicate_by_someone_else_are_refused(alice, bob):
    sample = WorkSampleFactory(owner=alice)
    with pytest.raises(PermissionDenied):
        services.work_sample_delete(actor=bob, sample=sample)
    with pytest.raises(PermissionDenied):
        services.work_sample_duplicate(actor=bob, sample=sample)
    assert WorkSample.objects.count() == 1


def test_deleting_an_expert_deletes_their_samples_and_files(alice):
    services.work_sample_create(actor=alice, **DETAILS, upload=upload("r.pdf", PDF))
    alice.delete()
    assert not WorkSample.objects.exists()
    assert not StoredFile.objects.exists()
