"""What the writes of every artifact share: who may edit it, and what a copy is called."""

from django.core.exceptions import PermissionDenied

from portfolio.models import (
    WorkSample,
)
from portfolio.permissions import can_edit_artifact
from profiles.models import User

COPY_PREFIX = "Copy of "


def require_editor(actor: User, artifact) -> None:
    if not can_edit_artifact(actor, artifact):
        raise PermissionDenied("Only the owner can change this artifact.")


def copy_title(title: str) -> str:
    limit = WorkSample._meta.get_field("title").max_length
    return (COPY_PREFIX + title)[:limit]
