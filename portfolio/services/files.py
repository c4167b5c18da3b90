"""Stored files: checked before a byte is stored, released when nothing refers to them."""

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import Sum
from django.template.defaultfilters import filesizeformat

from common.uploads import check_upload
from portfolio.models import (
    StoredFile,
)
from profiles.models import User


def _storage():
    # Looked up on every call so the backend stays a matter of configuration (STORAGES).
    return storages["default"]


def upload_quota_used(*, owner: User) -> int:
    return StoredFile.objects.filter(owner=owner).aggregate(total=Sum("size"))["total"] or 0


@transaction.atomic
def stored_file_create(*, actor: User, upload: File) -> StoredFile:
    """Check an uploaded file against the allow-list and the owner's quota, then store it
    under a random name in the private storage and record its SHA-256."""
    checked = check_upload(upload)
    # Lock the owner's row so two uploads at once cannot both slip under the quota.
    User.objects.select_for_update().only("pk").get(pk=actor.pk)
    used = upload_quota_used(owner=actor)
    if used + checked.size > settings.UPLOAD_QUOTA_BYTES:
        raise ValidationError(
            f"This file ({filesizeformat(checked.size)}) does not fit in your upload allowance "
            f"of {filesizeformat(settings.UPLOAD_QUOTA_BYTES)}: you have used "
            f"{filesizeformat(used)}. Delete a work sample you no longer need, or upload a "
            "smaller file.",
            code="quota",
        )
    token = secrets.token_hex(16)
    storage_name = _storage().save(f"{token[:2]}/{token}", upload)
    with blob_discarded_on_error(storage_name):
        return StoredFile.objects.create(
            owner=actor,
            storage_name=storage_name,
            original_name=checked.original_name,
            size=checked.size,
            sha256=checked.sha256,
            content_type=checked.content_type,
        )


@contextmanager
def blob_discarded_on_error(storage_name: str | None) -> Iterator[None]:
    """A just-stored blob is removed again when the writes that follow it fail. Wrap every
    write of the service that follows it: whichever fails rolls the file's row back too. (A
    caller's own transaction, as a form sent once opens, only adds its token's row after the
    service; a failure there, or of the commit, would leave the blob unused on disk.) Names
    are random, never derived from the content, so no other row uses this blob."""
    try:
        yield
    except BaseException:
        if storage_name:
            _storage().delete(storage_name)
        raise


def stored_file_is_referenced(stored_file: StoredFile) -> bool:
    """Whether anything (an artifact, a duplicate, a submitted snapshot) still uses the file.

    Every model with a relation to StoredFile counts, so a new kind of reference needs no
    change here.
    """
    for relation in StoredFile._meta.related_objects:
        manager = relation.related_model._base_manager
        if manager.filter(**{relation.field.name: stored_file}).exists():
            return True
    return False


@transaction.atomic
def stored_file_release(*, stored_file: StoredFile) -> bool:
    """Delete the file (row now, bytes once the transaction commits) unless something still
    refers to it. Returns whether it was deleted."""
    if stored_file_is_referenced(stored_file):
        return False
    storage_name = stored_file.storage_name
    stored_file.delete()
    transaction.on_commit(lambda: _storage().delete(storage_name))
    return True
