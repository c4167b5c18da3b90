"""Writes for accounts and profiles. Views and commands call these, never the ORM directly."""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from common.versions import VersionConflict
from profiles.documents import ProfileParts, profile_parts_from_document
from profiles.models import Credential, DeclinedTopic, Profile, Strength, Tool, User
from profiles.permissions import REVIEWER_GROUP, can_edit_profile
from profiles.schema import DocumentError
from profiles.validators import DocumentInvalid, validate_profile_document


@transaction.atomic
def user_signup(*, email: str, name: str, password: str) -> User:
    return User.objects.create_user(email=email, name=name.strip(), password=password)


@transaction.atomic
def reviewer_grant(*, user: User) -> User:
    group, _ = Group.objects.get_or_create(name=REVIEWER_GROUP)
    user.groups.add(group)
    user.__dict__.pop("_is_reviewer", None)
    return user


@transaction.atomic
def reviewer_revoke(*, user: User) -> User:
    group = Group.objects.filter(name=REVIEWER_GROUP).first()
    if group is not None:
        user.groups.remove(group)
    user.__dict__.pop("_is_reviewer", None)
    return user


class ProfileConflict(VersionConflict):
    """The profile was saved elsewhere after the editor or import loaded `expected_version`."""


LIST_ITEM_MODELS = (Strength, Credential, Tool, DeclinedTopic)
SLUG_MAX = 60
CASE_UNIQUE_CONSTRAINTS = (
    "profiledomain_name_unique_per_profile",
    *(f"profiles_{model._meta.model_name}_text_unique" for model in LIST_ITEM_MODELS),
)


def _free_slug(user: User) -> str:
    base = (slugify(user.name) or slugify(user.email.split("@")[0]) or "expert")[:SLUG_MAX]
    base = base.strip("-") or "expert"
    taken = set(Profile.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _profile_store(*, user: User, parts: ProfileParts, expected_version: int | None) -> Profile:
    profile = Profile.objects.select_for_update().filter(user=user).first()
    current = profile.version if profile else 0
    if expected_version is not None and expected_version != current:
        raise ProfileConflict(expected_version=expected_version, current_version=current)
    if profile is None:
        try:
            with transaction.atomic():
                profile = Profile.objects.create(user=user, slug=_free_slug(user), **parts.fields)
        except IntegrityError as exc:
            # Another request created this user's profile a moment ago.
            if Profile.objects.filter(user=user).exists():
                raise ProfileConflict(expected_version=current, current_version=1) from exc
            raise
    else:
        for name, value in parts.fields.items():
            setattr(profile, name, value)
        profile.version += 1
        profile.save()
        for model in parts.children:
            model.objects.filter(profile=profile).delete()
    for model, rows in parts.children.items():
        for row in rows:
            row.profile = profile
        model.objects.bulk_create(rows)
    return profile


@dataclass(frozen=True)
class ProfileSaved:
    profile: Profile
    work_samples: list[dict]  # the document's, as given: the app that keeps them saves them


@transaction.atomic
def profile_save_from_document(
    *,
    actor: User | None,
    user: User,
    document: dict,
    expected_version: int | None = None,
) -> ProfileSaved:
    """Make `user`'s profile's own fields and lists what a skill-profile document says.

    The document's work samples are not kept here: they come back as given, for the caller
    (portfolio.services.profile_replace_from_document) to save in the same transaction.

    Validates first: a rejected document raises DocumentInvalid and changes nothing.
    With `expected_version` (the version an editor loaded) a profile saved elsewhere in
    the meantime raises ProfileConflict instead of being overwritten. `actor` is the
    person acting (None for an operator at the command line).
    """
    validate_profile_document(document)
    if actor is not None and not can_edit_profile(actor, user):
        raise PermissionDenied("You can only change your own profile.")
    parts = profile_parts_from_document(document)
    try:
        with transaction.atomic():
            profile = _profile_store(user=user, parts=parts, expected_version=expected_version)
    except IntegrityError as exc:
        # Python and the database fold the case of a few letters differently; when the
        # database sees two entries of a list as one, say so rather than fail.
        if not any(name in str(exc) for name in CASE_UNIQUE_CONSTRAINTS):
            raise
        raise DocumentInvalid(
            [
                DocumentError(
                    (),
                    "two entries of one list count as the same in our database "
                    "(they differ only in capitalisation or accents); list each once",
                )
            ]
        ) from exc
    return ProfileSaved(profile, parts.work_samples)
