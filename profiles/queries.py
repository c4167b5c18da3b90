"""Reads of skill profiles that pages and later apps reuse, with their prefetches.

A profile page costs the same few queries however long its lists are.
"""

import functools
from collections.abc import Iterable
from operator import itemgetter

from django.core.cache import cache
from django.db.models import CharField, Count, F, IntegerField, QuerySet, Value

from common.versions import Snapshot
from profiles.documents import PROFILE_PREFETCH, TEXT_LISTS, ProfileLists
from profiles.models import (
    Credential,
    Profile,
    ProfileDomain,
    Strength,
    Tool,
    User,
    Visibility,
)
from profiles.shape import TOP_DEPTH


def profile_queryset() -> QuerySet[Profile]:
    return Profile.objects.select_related("user").prefetch_related(*PROFILE_PREFETCH)


def profile_for(user: User) -> Profile | None:
    """The user's profile with everything its document needs, or None before they make one."""
    if not user.is_authenticated:
        return None
    return profile_queryset().filter(user=user).first()


def _list_entries(model, key: str, text: str, extra: tuple, **columns) -> QuerySet:
    """Every profile's entries of one list as (list, position, text, depth, type, link,
    *extra) rows: filter them by profile_id."""
    blank = Value("", output_field=CharField())
    # No ORDER BY inside a compound query (SQLite refuses one); rows are sorted after.
    return model.objects.order_by().values_list(
        Value(key, output_field=CharField()),
        F("position"),
        F(text),
        F(columns["depth"]) if "depth" in columns else Value(None, output_field=IntegerField()),
        F(columns["type"]) if "type" in columns else blank,
        F(columns["link"]) if "link" in columns else blank,
        *extra,
    )


def profile_list_parts(*extra) -> list[QuerySet]:
    """The lists as the parts of one UNION ALL query, for every profile (filter each part by
    profile_id): rows of (list, position, text, depth, type, link), then `extra` (columns
    that fit the rows to a wider query). Build them once and filter them per profile: the
    columns cost more to build than the query to run."""
    return [
        _list_entries(ProfileDomain, "domains", "name", extra, depth="depth"),
        *(
            _list_entries(model, key, "text", extra)
            for key, (model, _related) in TEXT_LISTS.items()
        ),
    ]


@functools.cache
def _list_parts() -> tuple[QuerySet, ...]:
    # Built once a process and never run: filter() reads a copy.
    return tuple(profile_list_parts())


def lists_of_rows(rows: Iterable[tuple]) -> ProfileLists:
    """The lists from profile_list_parts()' rows (and work_samples rows of the same shape),
    in any order."""
    entries: dict[str, list[tuple]] = {}
    for key, position, text, depth, sample_type, link, *_extra in rows:
        entries.setdefault(key, []).append((position, text, depth, sample_type, link))
    for found in entries.values():
        found.sort(key=itemgetter(0))  # by position, unique within a list
    return ProfileLists(
        domains=tuple((text, depth) for _pos, text, depth, _t, _l in entries.get("domains", [])),
        texts={key: tuple(row[1] for row in entries.get(key, [])) for key in TEXT_LISTS},
        work_samples=tuple(
            (text, sample_type, link)
            for _pos, text, _d, sample_type, link in entries.get("work_samples", [])
        ),
    )


def profile_lists(profile_id: int, *, sample_rows: QuerySet | None = None) -> ProfileLists:
    """The profile's lists in one query (UNION ALL) rather than one query each.

    The document's work samples are kept above this app: a caller that wants them passes
    their rows (in the shape of _list_entries') and they join the same query."""
    parts = [part.filter(profile_id=profile_id) for part in _list_parts()]
    if sample_rows is not None:
        parts.append(sample_rows)
    return lists_of_rows(parts[0].union(*parts[1:], all=True))


def profile_domain_names(user: User, *, to_deepen: bool = False) -> list[str]:
    """The domains of the user's profile, in the expert's order ([] without a profile);
    `to_deepen`: only those below the top of the scale (documents.domains_to_deepen())."""
    domains = ProfileDomain.objects.filter(profile__user=user)
    if to_deepen:
        domains = domains.exclude(depth=TOP_DEPTH)  # no depth (NULL) is the default, kept
    return list(domains.order_by("position").values_list("name", flat=True))


# The editor's suggestions are the same for everyone and need not be fresh to the second.
SUGGESTIONS_SECONDS = 300
SUGGESTIONS_MAX = 200  # per list: the most used values
SUGGESTIONS_KEY = "profile-suggestions:1"
_SUGGESTED = {"domains": (ProfileDomain, "name"), "strengths": (Strength, "text")} | {
    "credentials": (Credential, "text"),
    "tools": (Tool, "text"),
}


def profile_suggestions() -> dict[str, list[str]]:
    """Values already in use in every profile's domains, strengths, credentials and tools,
    most used first (at most SUGGESTIONS_MAX each), for the editor's <datalist>s: one query,
    kept for a few minutes."""
    kept = cache.get(SUGGESTIONS_KEY)
    if kept is not None:
        return kept
    counted = [
        model.objects.order_by()
        .values_list(Value(key, output_field=CharField()), F(column))
        .annotate(uses=Count("pk"))
        for key, (model, column) in _SUGGESTED.items()
    ]
    rows = sorted(counted[0].union(*counted[1:], all=True), key=lambda row: (-row[2], row[1]))
    suggestions: dict[str, list[str]] = {key: [] for key in _SUGGESTED}
    for key, value, _uses in rows:
        if len(suggestions[key]) < SUGGESTIONS_MAX:
            suggestions[key].append(value)
    cache.set(SUGGESTIONS_KEY, suggestions, SUGGESTIONS_SECONDS)
    return suggestions


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


SNAPSHOT_LABELS = {
    "headline": "Headline",
    "bio": "Bio",
    "visibility": "Visibility",
    "domains": "Domains",
    "domain_depth": "Domain depths",
    "strengths": "Strengths",
    "credentials": "Credentials",
    "tools": "Tools",
    "availability": "Availability",
    "topics_declined": "Topics declined",
    "hourly_rate": "Hourly rate",
    "work_samples": "Work samples",
}


def _snapshot_text(value) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{key}: {_snapshot_text(item)}" for key, item in value.items())
    return "" if value is None else str(value)


def profile_snapshot(document: dict | None) -> Snapshot:
    """What the editor and import show of a profile, by label: a stale save names what changed."""
    # A document without a visibility is private: the editor's saving it says nothing new.
    document = {"visibility": Visibility.PRIVATE.value, **(document or {})}
    snapshot: Snapshot = {}
    for key, label in SNAPSHOT_LABELS.items():
        value = document.get(key)
        if isinstance(value, list):
            snapshot[label] = [_snapshot_text(item) for item in value]
        else:
            snapshot[label] = _snapshot_text(value)
    return snapshot
