"""Work samples: a link or an uploaded file, with what it shows."""

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from common.versions import version_raise
from portfolio.models import (
    WorkSample,
)
from portfolio.services.artifacts import copy_title, require_editor
from portfolio.services.files import (
    blob_discarded_on_error,
    stored_file_create,
    stored_file_release,
)
from portfolio.services.profiles import profile_document_store
from portfolio.validators import DOCUMENT_SAMPLE_TITLE_MAX, validate_linked_sample
from profiles.models import User


def _check_link_or_file(*, url: str, upload: File | None, has_file: bool) -> None:
    if url and upload is not None:
        message = "Give either a link or a file to upload, not both."
    elif not url and upload is None and not has_file:
        message = "Give a link, or choose a file to upload."
    else:
        return
    raise ValidationError({"url": ValidationError(message, code="link_or_file")})


@transaction.atomic
def work_sample_create(
    *,
    actor: User,
    title: str,
    sample_type: str,
    description: str = "",
    url: str = "",
    upload: File | None = None,
) -> WorkSample:
    """A work sample is a link or an uploaded file: exactly one of `url` and `upload`."""
    _check_link_or_file(url=url, upload=upload, has_file=False)
    if url:
        others = WorkSample.objects.filter(owner=actor, file__isnull=True).count()
        validate_linked_sample(title=title, url=url, other_links=others)
    sample = WorkSample(
        owner=actor, title=title, sample_type=sample_type, description=description, url=url
    )
    sample.full_clean(exclude=["file"], validate_constraints=False)
    if upload is not None:
        sample.file = stored_file_create(actor=actor, upload=upload)
    # Every write after the file's is guarded: any failure rolls its row back too.
    with blob_discarded_on_error(sample.file.storage_name if sample.file else None):
        sample.save()
        profile_document_store(owner_id=actor.pk)  # the document lists the linked samples
    return sample


@transaction.atomic
def work_sample_update(
    *,
    actor: User,
    sample: WorkSample,
    title: str,
    sample_type: str,
    description: str = "",
    url: str = "",
    upload: File | None = None,
    expected_version: int | None = None,
) -> WorkSample:
    """Change the details; a new `upload` replaces the file, a `url` switches to a link, and
    neither keeps the current file. A file no longer used by anything is deleted. With
    `expected_version`, a sample saved elsewhere since raises VersionConflict."""
    require_editor(actor, sample)
    _check_link_or_file(url=url, upload=upload, has_file=sample.file_id is not None)
    if url:
        links = WorkSample.objects.filter(owner=sample.owner_id, file__isnull=True)
        others = links.exclude(pk=sample.pk).count()
        validate_linked_sample(title=title, url=url, other_links=others)
    previous_file = sample.file
    sample.title, sample.sample_type, sample.description = title, sample_type, description
    sample.url = url
    sample.full_clean(exclude=["file"], validate_constraints=False)
    version_raise(sample, expected_version=expected_version)  # before a file is stored
    if upload is not None:
        sample.file = stored_file_create(actor=actor, upload=upload)
    elif url:
        sample.file = None
    # Only the file stored just now: the previous one may be shared, and is released (its
    # bytes deleted) only once this commits.
    with blob_discarded_on_error(sample.file.storage_name if upload is not None else None):
        sample.save()
        if previous_file is not None and previous_file.pk != sample.file_id:
            stored_file_release(stored_file=previous_file)
        profile_document_store(owner_id=sample.owner_id)
    return sample


@transaction.atomic
def work_sample_delete(*, actor: User, sample: WorkSample) -> None:
    require_editor(actor, sample)
    stored_file = sample.file
    sample.delete()
    if stored_file is not None:
        stored_file_release(stored_file=stored_file)
    profile_document_store(owner_id=sample.owner_id)


@transaction.atomic
def work_sample_duplicate(*, actor: User, sample: WorkSample) -> WorkSample:
    """A copy titled "Copy of …"; an uploaded file is shared, not stored twice."""
    require_editor(actor, sample)
    title = copy_title(sample.title)
    if sample.url:
        title = title[:DOCUMENT_SAMPLE_TITLE_MAX]
        others = WorkSample.objects.filter(owner=actor, file__isnull=True).count()
        validate_linked_sample(title=title, url=sample.url, other_links=others)
    copy = WorkSample.objects.create(
        owner=actor,
        title=title,
        sample_type=sample.sample_type,
        description=sample.description,
        url=sample.url,
        file=sample.file,
    )
    profile_document_store(owner_id=actor.pk)
    return copy
