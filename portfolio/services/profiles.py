"""A profile saved from its skill-profile document, with the document's work samples kept
as the portfolio's linked work samples, in one transaction."""

from dataclasses import dataclass

from django.db import transaction

from common.versions import changes_since, version_raise
from portfolio.documents import document_to_store, profile_document_of
from portfolio.models import WorkSample
from portfolio.services.evidence import evidence_from_document
from portfolio.services.proofs import proofs_follow_spelling
from portfolio.validators import DOCUMENT_SAMPLES_MAX
from profiles.models import Profile, User
from profiles.queries import SNAPSHOT_LABELS, profile_snapshot
from profiles.schema import DocumentError
from profiles.services import ProfileConflict, profile_save_from_document
from profiles.validators import DocumentInvalid


def _document_samples_merge(*, user: User, samples: list[dict], remove_missing: bool) -> None:
    """Create or update a link sample per document entry (matched by link, then title); with
    `remove_missing`, delete the link samples the document no longer lists."""
    links = list(WorkSample.objects.select_for_update().filter(owner=user, file__isnull=True))
    by_link = {sample.url: sample for sample in links}
    by_title = {sample.title.casefold(): sample for sample in links}
    kept = set()
    for entry in samples:
        title, kind, link = entry["title"], entry.get("type", ""), entry["link"]
        sample = by_link.get(link) or by_title.get(title.casefold())
        if sample is None or sample.pk in kept:
            sample = WorkSample(owner=user)
        if (sample.title, sample.sample_type, sample.url) != (title, kind, link):
            if sample.pk is not None:
                # An edit page opened before this import then sees a conflict.
                version_raise(sample, expected_version=None)
            sample.title, sample.sample_type, sample.url = title, kind, link
            sample.save()
        kept.add(sample.pk)
    if remove_missing:
        WorkSample.objects.filter(owner=user, file__isnull=True).exclude(pk__in=kept).delete()
    total = WorkSample.objects.filter(owner=user, file__isnull=True).count()
    if total > DOCUMENT_SAMPLES_MAX:
        # Rolled back with the rest of the import by the caller's transaction.
        raise DocumentInvalid(
            [
                DocumentError(
                    ("work_samples",),
                    f"with the linked work samples already in your portfolio this makes "
                    f"{total}; a profile lists at most {DOCUMENT_SAMPLES_MAX}, so remove "
                    "some from your portfolio first",
                )
            ]
        )


def _samples_unchanged_since(*, user: User, based_on: str, expected_version: int | None) -> None:
    """Raise ProfileConflict if the linked samples are not those the editor showed: they are
    the portfolio's, saved on their own pages without raising the profile's version, and the
    editor's save would otherwise undo those edits or delete a sample added meanwhile."""
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        return
    # Held until the save's end, so no sample changes between this check and the merge.
    list(WorkSample.objects.select_for_update().filter(owner=user, file__isnull=True))
    label = SNAPSHOT_LABELS["work_samples"]
    current = {label: profile_snapshot(profile_document_of(profile))[label]}
    if changes_since(based_on, current):
        raise ProfileConflict(expected_version=expected_version, current_version=profile.version)


@transaction.atomic
def profile_replace_from_document(
    *,
    actor: User | None,
    user: User,
    document: dict,
    expected_version: int | None = None,
    remove_missing_samples: bool = False,
    based_on: str = "",
) -> Profile:
    """Make `user`'s profile exactly what a skill-profile document says.

    Its work samples are the portfolio's: each entry creates or updates a linked work sample
    (matched by link, then title); uploaded ones are never touched. An import only adds and
    updates; the editor, which lists every linked sample, passes `remove_missing_samples`
    so a row taken out there deletes that sample.

    Validates first: a rejected document raises DocumentInvalid and changes nothing.
    With `expected_version` (the version an editor loaded) a profile saved elsewhere in
    the meantime raises ProfileConflict instead of being overwritten. `actor` is the
    person acting (None for an operator at the command line). With `based_on` (the editor's
    note of what it showed, common.versions) samples changed on their own pages since then
    raise ProfileConflict too.
    """
    if based_on:
        _samples_unchanged_since(user=user, based_on=based_on, expected_version=expected_version)
    saved = profile_save_from_document(
        actor=actor, user=user, document=document, expected_version=expected_version
    )
    _document_samples_merge(
        user=user, samples=saved.work_samples, remove_missing=remove_missing_samples
    )
    proofs_follow_spelling(user.pk)
    saved.profile.kept_document = profile_document_store(owner_id=user.pk)
    return saved.profile


def profile_document_store(*, owner_id: int) -> str:
    """Store the owner's profile document with its row (documents.document_to_store()), in
    the transaction of a write of the profile or of the owner's work samples; say what was
    stored ("" without a profile)."""
    profile = Profile.objects.filter(user_id=owner_id).first()
    if profile is None:
        return ""
    text = document_to_store(profile)
    Profile.objects.filter(pk=profile.pk).update(kept_document=text)
    return text


@dataclass(frozen=True)
class ProfileImported:
    profile: Profile
    notes: list[str]  # evidence the document names that could not be linked


@transaction.atomic
def profile_import(
    *, actor: User | None, user: User, document: dict, expected_version: int | None = None
) -> ProfileImported:
    """profile_replace_from_document(), then link the evidence the document names
    (`domain_evidence`, since version 1.2.0 of the schema; older documents have none)."""
    profile = profile_replace_from_document(
        actor=actor, user=user, document=document, expected_version=expected_version
    )
    return ProfileImported(profile, evidence_from_document(user=user, document=document))
