"""Reads of rubrics with everything a page shows, in a fixed number of queries."""

import functools
from typing import NamedTuple

from django.core.cache import cache
from django.db.models import Prefetch, QuerySet

from profiles.models import User
from profiles.pagecache import TIMEOUT
from profiles.statements import fetch_one, quote
from rubrics import documents
from rubrics.content import LevelContent, RubricContent
from rubrics.models import Criterion, DisallowedBehaviour, Rubric, ScaleLevel


def with_scale(queryset: QuerySet[Rubric]) -> QuerySet[Rubric]:
    """Owner, levels, their criteria and the disallowed behaviours: four queries in all."""
    return queryset.select_related("owner").prefetch_related(
        Prefetch(
            "levels",
            queryset=ScaleLevel.objects.order_by("position", "pk").prefetch_related(
                Prefetch("criteria", queryset=Criterion.objects.order_by("position", "pk"))
            ),
        ),
        Prefetch("disallowed", queryset=DisallowedBehaviour.objects.order_by("position", "pk")),
    )


def rubrics_for(user) -> QuerySet[Rubric]:
    """The portfolio rubrics a person owns, most recently changed first."""
    return with_scale(Rubric.objects.filter(owner=user, kind=Rubric.Kind.ARTIFACT)).order_by(
        "-updated_at", "-pk"
    )


def review_rubrics() -> QuerySet[Rubric]:
    """The rubrics reviewers score portfolios with, by title."""
    return with_scale(Rubric.objects.filter(kind=Rubric.Kind.REVIEW)).order_by(
        "title", "objective", "pk"
    )


def rubric_content(rubric: Rubric) -> RubricContent:
    """The stored rubric as content (uses prefetched rows when the rubric came from with_scale)."""
    return RubricContent(
        title=rubric.title,
        objective=rubric.objective,
        pass_score=rubric.pass_score,
        sources=rubric.sources,
        levels=tuple(
            LevelContent(
                score=level.score,
                criteria=tuple(criterion.text for criterion in level.criteria.all()),
            )
            for level in rubric.levels.all()
        ),
        disallowed=tuple(behaviour.text for behaviour in rubric.disallowed.all()),
    )


def rubric_document(rubric: Rubric) -> dict:
    """The rubric as plain data in the YAML document's shape, e.g. for a frozen snapshot."""
    return documents.document_from_content(rubric_content(rubric))


def rubric_yaml(rubric: Rubric) -> str:
    return documents.dump(rubric_document(rubric))


class RubricStamp(NamedTuple):
    """Who may see a rubric, and what changes whenever its page does."""

    pk: int
    kind: str
    owner_id: int
    updated_at: object
    owner_name: str


@functools.cache
def _stamp_sql() -> str:
    rubric, user = quote(Rubric._meta.db_table), quote(User._meta.db_table)
    return (
        f"SELECT r.id, r.kind, r.owner_id, r.updated_at, u.name FROM {rubric} r "  # noqa: S608
        f"JOIN {user} u ON u.id = r.owner_id WHERE r.id = %s"
    )


def rubric_stamp(pk: int, counters: dict[str, int]) -> RubricStamp | None:
    """The rubric's stamp, kept while `counters` (of every rubric and owner's name) are
    unchanged."""
    key = f"rubric-stamp:{pk}:" + ":".join(f"{s}.{v}" for s, v in sorted(counters.items()))
    stamp = cache.get(key)
    if stamp is None:
        row = fetch_one("expertfolio_rubric", _stamp_sql(), [pk])
        if row is None:
            return None
        stamp = RubricStamp(*row)
        cache.set(key, stamp, TIMEOUT)
    return stamp
