"""Reads of rubrics with everything a page shows, in a fixed number of queries."""

import functools

from django.db.models import Count, Prefetch, QuerySet

from common.versions import Snapshot
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


def scale_levels() -> Prefetch:
    """The levels in the rubric's order, without their criteria: for lists of scores."""
    return Prefetch("levels", queryset=ScaleLevel.objects.order_by("position", "pk"))


def listed(queryset: QuerySet[Rubric]) -> QuerySet[Rubric]:
    """Rubrics as lists show and check them (quality.listed_rubric_checklist): the disallowed
    behaviours counted, the scores kept with each row (Rubric.listed_scores). Neither levels
    nor criteria are read.

    Counting groups the query, so count a page of these with common.pagination.counted_page
    rather than a paginator's COUNT.
    """
    return queryset.annotate(disallowed_count=Count("disallowed"))


@functools.cache
def _listed_artifact_rubrics() -> QuerySet[Rubric]:
    # Built once a process and never run: each request filters a copy by its owner, since
    # the count costs more to build than to run.
    return listed(Rubric.objects.filter(kind=Rubric.Kind.ARTIFACT)).order_by("-updated_at", "-pk")


def listed_rubrics_for(user) -> QuerySet[Rubric]:
    """rubrics_for() as lists need it."""
    return _listed_artifact_rubrics().filter(owner=user)


def listed_review_rubrics() -> QuerySet[Rubric]:
    """review_rubrics() as lists need it."""
    return listed(Rubric.objects.filter(kind=Rubric.Kind.REVIEW)).order_by(
        "title", "objective", "pk"
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


def rubric_content_of(rubric: Rubric) -> RubricContent:
    """One rubric's content read in two queries (its levels joined with their criteria, then
    its behaviours) rather than with_scale()'s three prefetches."""
    levels: dict[int, tuple[int, list[str]]] = {}
    rows = (
        ScaleLevel.objects.filter(rubric=rubric)
        .order_by("position", "pk", "criteria__position", "criteria__pk")
        .values_list("pk", "score", "criteria__text")
    )
    for pk, score, criterion in rows:
        _score, criteria = levels.setdefault(pk, (score, []))
        if criterion is not None:  # a level without criteria still has its row
            criteria.append(criterion)
    disallowed = (
        DisallowedBehaviour.objects.filter(rubric=rubric)
        .order_by("position", "pk")
        .values_list("text", flat=True)
    )
    return RubricContent(
        title=rubric.title,
        objective=rubric.objective,
        pass_score=rubric.pass_score,
        sources=rubric.sources,
        levels=tuple(
            LevelContent(score=score, criteria=tuple(criteria))
            for score, criteria in levels.values()
        ),
        disallowed=tuple(disallowed),
    )


def rubric_document(rubric: Rubric) -> dict:
    """The rubric as plain data in the YAML document's shape, e.g. for a frozen snapshot."""
    return documents.document_from_content(rubric_content(rubric))


def rubric_yaml(rubric: Rubric) -> str:
    return documents.dump(rubric_document(rubric))


def rubric_snapshot(content: RubricContent) -> Snapshot:
    """What the builder shows of a rubric, by label: a stale save names what changed."""
    return {
        "Title": content.title,
        "Objective": content.objective,
        "Levels": [f"{level.score}: {' / '.join(level.criteria)}" for level in content.levels],
        "Lowest passing score": "" if content.pass_score is None else str(content.pass_score),
        "Disallowed behaviours": list(content.disallowed),
        "Sources": content.sources,
    }
