"""Reads of skill profiles that pages and later apps reuse, with their prefetches.

A profile page costs the same few queries however long its lists are.
"""

from django.db.models import QuerySet

from profiles.documents import PROFILE_PREFETCH, profile_document
from profiles.models import Profile, ProfileDomain, User, Visibility


def profile_queryset() -> QuerySet[Profile]:
    return Profile.objects.select_related("user").prefetch_related(*PROFILE_PREFETCH)


def profile_for(user: User) -> Profile | None:
    """The user's profile with everything its document needs, or None before they make one."""
    if not user.is_authenticated:
        return None
    return profile_queryset().filter(user=user).first()


def profile_document_for(user: User) -> dict | None:
    """The user's skill-profile document (what export and submissions store), or None."""
    profile = profile_for(user)
    return profile_document(profile) if profile else None


def profile_domain_names(user: User) -> list[str]:
    """The domains of the user's profile, in the expert's order ([] without a profile)."""
    return list(
        ProfileDomain.objects.filter(profile__user=user)
        .order_by("position")
        .values_list("name", flat=True)
    )


def public_profile_by_slug(slug: str) -> Profile | None:
    """The public profile row with its owner; its page reads the lists only when its cached
    body is stale."""
    return (
        Profile.objects.select_related("user")
        .filter(slug=slug, visibility=Visibility.PUBLIC)
        .first()
    )


def income_inputs_for(user: User) -> dict:
    """The rate and weekly hours a profile states, for prefilling the income calculator."""
    if not user.is_authenticated:
        return {}
    row = (
        Profile.objects.filter(user=user)
        .values("rate_amount", "rate_currency", "hours_per_week")
        .first()
    )
    return row or {}
