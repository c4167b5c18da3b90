"""A profile's whole skill-profile document: the profile's own fields and lists, with the
portfolio's linked work samples as its `work_samples`.

profiles builds the document from what it keeps and takes the samples as plain rows; the
document lists the linked samples only, because an uploaded file has no public address
(uploads are only ever sent to their owner, reviewers and staff, by /files/<id>/).
"""

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from operator import itemgetter

from django.core.cache import cache
from django.db.models import CharField, Count, F, IntegerField, Max, QuerySet, Value

from portfolio.models import WorkSample
from profiles import documents as profile_documents
from profiles.documents import ProfileLists
from profiles.models import Profile, User
from profiles.queries import profile_lists
from profiles.schema import SCHEMA, DocumentError, document_errors

KEEP_DOCUMENT_SECONDS = 600
# Part of the key a document is stored under with its profile: raise it when documents are
# built differently (a change of the schema changes its digest on its own).
STORED_DOCUMENT_FORMAT = 2
# The row's own fields the document holds: part of the stored document's key, so a row
# changed without a save (QuerySet.update()) never shows the document from before.
DOCUMENT_ROW_FIELDS = (
    "headline",
    "bio",
    "visibility",
    "hours_per_week",
    "timezone",
    "rate_amount",
    "rate_currency",
)
_SCHEMA_DIGEST = hashlib.sha256(json.dumps(SCHEMA, sort_keys=True).encode()).hexdigest()[:16]


def samples_version(count: int, top_id: int | None, last_updated: datetime | None) -> str:
    """Changes with every sample added, deleted or edited: their number, newest id, last edit."""
    return f"{count}.{top_id}.{last_updated.timestamp() if last_updated else 0}"


def _of_profile(profile_id: int) -> QuerySet:
    return WorkSample.objects.filter(owner__profile__id=profile_id)


def document_sample_rows(profile_id: int) -> QuerySet:
    """The document's samples as (list key, position, title, None, type, link) rows, in the
    shape of profiles.queries' other list rows, so they join its one UNION query."""
    # Positions are ids: the document lists samples in the order they were added.
    return (
        _of_profile(profile_id)
        .exclude(url="")
        .order_by()
        .values_list(
            Value("work_samples", output_field=CharField()),
            F("pk"),
            F("title"),
            Value(None, output_field=IntegerField()),
            F("sample_type"),
            F("url"),
        )
    )


def document_samples_version(profile_id: int) -> str:
    """Changes whenever the document's samples do (one query), for kept documents."""
    state = _of_profile(profile_id).aggregate(count=Count("pk"), top=Max("pk"), last=Max("updated"))
    return samples_version(state["count"], state["top"], state["last"])


def profile_document(profile: Profile) -> dict:
    """The profile's whole document read through its relations (prefetched with
    PROFILE_PREFETCH, or not), and its work samples (one query)."""
    rows = sorted(document_sample_rows(profile.pk), key=itemgetter(1))
    lists = replace(
        ProfileLists.of_profile(profile),
        work_samples=tuple((title, kind, link) for _k, _p, title, _d, kind, link in rows),
    )
    return profile_documents.profile_document(profile, lists)


def profile_document_of(profile: Profile, *, samples: Sequence[tuple] | None = None) -> dict:
    """The profile's whole document, read from its rows: one query for its lists and its
    work samples. `samples`: the document's samples as (title, type, link) in id order, when
    the caller read them (the query then reads the lists only)."""
    if samples is None:
        lists = profile_lists(profile.pk, sample_rows=document_sample_rows(profile.pk))
    else:
        lists = replace(profile_lists(profile.pk), work_samples=tuple(samples))
    return profile_documents.profile_document(profile, lists)


@dataclass(frozen=True)
class KeptDocument:
    """A profile's document and what the schema says of it, kept in the shared cache."""

    document: dict
    problems: tuple[DocumentError, ...]  # document_errors(document); () when it is valid
    samples_version: str  # samples_version() of the work samples it was built with


def _kept_key(profile: Profile) -> str:
    # The key names where KeptDocument lives and its shape (2: with its samples' version): a
    # worker must never read one pickled under another module path or shape (a 500).
    return (
        f"profile-document:2:{KeptDocument.__module__}:{profile.pk}:{profile.version}"
        f":{profile.updated_at.timestamp()}"
    )


def _stored_key(profile: Profile) -> str:
    fields = repr([getattr(profile, name) for name in DOCUMENT_ROW_FIELDS]).encode()
    return (
        f"{STORED_DOCUMENT_FORMAT}:{_SCHEMA_DIGEST}:{profile.version}"
        f":{profile.updated_at.timestamp()}:{hashlib.sha256(fields).hexdigest()[:16]}"
    )


def stored_document(profile: Profile) -> KeptDocument | None:
    """The document stored with the profile's row (document_to_store()), if it is of this save
    of the profile and of today's schema; the caller checks its samples' version."""
    if not profile.kept_document:
        return None
    stored = json.loads(profile.kept_document)
    if stored["key"] != _stored_key(profile):
        return None
    problems = tuple(DocumentError(tuple(parts), message) for parts, message in stored["problems"])
    return KeptDocument(stored["document"], problems, stored["samples_version"])


def document_to_store(profile: Profile) -> str:
    """The profile's document and its problems worked out now, as its row keeps them
    (portfolio.services.profile_document_store(), on every write of the profile or of its
    owner's work samples), so that pages read them rather than build and validate the
    document. A row written another way, or before a change of the schema, no longer matches
    its key, and pages then build the document as they did before (kept_document())."""
    # The samples' version first: a sample written while the document is built then leaves
    # an older version with it, which pages see differs and build the document again.
    version = document_samples_version(profile.pk)
    document = profile_document_of(profile)
    stored = {
        "key": _stored_key(profile),
        "samples_version": version,
        "document": document,
        "problems": [[list(error.parts), error.message] for error in document_errors(document)],
    }
    return json.dumps(stored, ensure_ascii=False)


def cached_document(profile: Profile) -> KeptDocument | None:
    """What the profile's row (stored_document()) or else the cache keeps for this save of
    the profile: a caller that asks before reading the work samples reads the lists with them
    when nothing is kept (kept_document's `lists`), and checks the samples' version after."""
    return stored_document(profile) or cache.get(_kept_key(profile))


def kept_document(
    profile: Profile,
    *,
    samples_version: str | None = None,
    samples: Sequence[tuple] | None = None,
    lists: ProfileLists | None = None,
) -> KeptDocument:
    """The profile's document as pages show and judge it: the one stored with its row
    (stored_document()) or else one kept in the cache under the profile's version, either
    checked against its work samples'.

    Every save raises the version and the row's updated_at, and every change to a work sample
    changes their version, so a kept document is never out of date; keeping it spares each
    page the lists' query, building the document and validating it. The cached one keeps ten
    minutes; the stored one until the profile, its samples or the schema change: a change to
    how documents are built or judged raises STORED_DOCUMENT_FORMAT.

    A caller that read the samples already passes their version and the document's samples
    (profile_document_of()'s `samples`); one that found nothing cached_document() and read
    the profile's lists (profile_list_parts()) passes them too.
    """
    version = samples_version or document_samples_version(profile.pk)
    stored = stored_document(profile)
    if stored is not None and stored.samples_version == version:
        return stored
    kept = cache.get(_kept_key(profile)) if lists is None else None
    if kept is None or kept.samples_version != version:
        if lists is None or samples is None:
            document = profile_document_of(profile, samples=samples)
        else:
            document = profile_documents.profile_document(
                profile, replace(lists, work_samples=tuple(samples))
            )
        kept = KeptDocument(document, tuple(document_errors(document)), version)
        cache.set(_kept_key(profile), kept, KEEP_DOCUMENT_SECONDS)
    return kept


def profile_with_document_for(
    user: User, *, samples_version: str | None = None, rows: QuerySet | None = None
) -> tuple[Profile | None, dict | None]:
    """The user's profile row and its skill-profile document, for a page: two queries (the row
    and its work samples' version, one when the caller read that), three when the document is
    not kept yet; (None, None) before they make one. `rows`: the profiles to read it from,
    e.g. annotated."""
    if not user.is_authenticated:
        return None, None
    profile = (Profile.objects if rows is None else rows).filter(user=user).first()
    if profile is None:
        return None, None
    return profile, kept_document(profile, samples_version=samples_version).document


def profile_document_for(user: User) -> dict | None:
    """The user's skill-profile document read from the database (what submissions freeze and
    commands export), or None."""
    profile = Profile.objects.filter(user=user).first() if user.is_authenticated else None
    return profile_document_of(profile) if profile is not None else None
