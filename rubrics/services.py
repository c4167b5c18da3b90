"""Every write to rubrics. Each checks who acts (PermissionDenied) and the rules first, and
stores all or nothing."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from common.versions import version_raise
from profiles.models import User
from rubrics import documents, queries
from rubrics.content import RubricContent
from rubrics.models import Criterion, DisallowedBehaviour, Rubric, ScaleLevel
from rubrics.permissions import can_change_rubric, can_create_rubric, can_write_rubric
from rubrics.validators import TITLE_MAX, validate_rubric_content


def _check_kind(*, owner: User, kind: str) -> None:
    if kind not in Rubric.Kind.values:
        raise ValidationError(f"Unknown kind of rubric: {kind!r}.", code="kind_unknown")
    if kind == Rubric.Kind.REVIEW and not owner.is_staff:
        raise ValidationError(
            "Only staff keep review rubrics; this rubric can be a portfolio rubric.",
            code="review_needs_staff",
        )


def _require_creator(actor: User, *, owner: User, kind: str) -> None:
    if can_create_rubric(actor, owner=owner, kind=kind):
        return
    if kind == Rubric.Kind.REVIEW:
        raise PermissionDenied("Only staff keep review rubrics.")
    if owner.pk == actor.pk:
        raise PermissionDenied("This account cannot start rubrics.")  # a closed account
    raise PermissionDenied("Only staff start rubrics for someone else.")


def _require_writer(actor: User, rubric: Rubric) -> None:
    if not can_write_rubric(actor, rubric):
        raise PermissionDenied("Only the rubric's owner can change it.")


def _write_scale(rubric: Rubric, content: RubricContent) -> None:
    """Store the levels, criteria and disallowed behaviours of the content.

    Levels keep their rows (and ids) when their score stays, so anything that points
    at a level keeps pointing at the same score. Removed scores go first, so the
    unique score per rubric never collides halfway.
    """
    wanted = [level.score for level in content.levels]
    ScaleLevel.objects.filter(rubric=rubric).exclude(score__in=wanted).delete()
    kept = {level.score: level for level in ScaleLevel.objects.filter(rubric=rubric)}
    levels = []
    for position, level_content in enumerate(content.levels):
        level = kept.get(level_content.score)
        if level is None:
            level = ScaleLevel.objects.create(
                rubric=rubric, score=level_content.score, position=position
            )
        elif level.position != position:
            level.position = position
            level.save(update_fields=["position"])
        levels.append(level)
    Criterion.objects.filter(level__rubric=rubric).delete()
    Criterion.objects.bulk_create(
        Criterion(level=level, text=text, position=position)
        for level, level_content in zip(levels, content.levels, strict=True)
        for position, text in enumerate(level_content.criteria)
    )
    DisallowedBehaviour.objects.filter(rubric=rubric).delete()
    DisallowedBehaviour.objects.bulk_create(
        DisallowedBehaviour(rubric=rubric, text=text, position=position)
        for position, text in enumerate(content.disallowed)
    )


def _set_fields(rubric: Rubric, content: RubricContent) -> None:
    rubric.title = content.title
    rubric.objective = content.objective
    rubric.pass_score = content.pass_score
    rubric.sources = content.sources
    # Saved with the row and written by _write_scale() after it: lists read them from here.
    rubric.level_scores = [level.score for level in content.levels]


@transaction.atomic
def rubric_create(
    *,
    actor: User,
    content: RubricContent,
    kind: str = Rubric.Kind.ARTIFACT,
    owner: User | None = None,
) -> Rubric:
    """A new rubric kept by `owner`: the actor, unless staff choose someone in the admin."""
    owner = owner or actor
    _check_kind(owner=owner, kind=kind)
    _require_creator(actor, owner=owner, kind=kind)
    validate_rubric_content(content)
    rubric = Rubric(owner=owner, kind=kind)
    _set_fields(rubric, content)
    rubric.save()
    _write_scale(rubric, content)
    return rubric


@transaction.atomic
def rubric_update(
    *,
    actor: User,
    rubric: Rubric,
    content: RubricContent,
    expected_version: int | None = None,
) -> Rubric:
    """Replace the rubric's content. With `expected_version` (the version the builder was
    opened at) a rubric saved elsewhere since raises VersionConflict and nothing changes."""
    _require_writer(actor, rubric)
    validate_rubric_content(content)
    # One edit at a time per rubric: the version's UPDATE holds the row, so a second save
    # waits, then finds the version moved on.
    version_raise(rubric, expected_version=expected_version)
    locked = Rubric.objects.select_for_update().get(pk=rubric.pk)
    _set_fields(locked, content)
    locked.save()
    _write_scale(locked, content)
    rubric.refresh_from_db()
    return rubric


@transaction.atomic
def rubric_delete(*, actor: User, rubric: Rubric) -> None:
    _require_writer(actor, rubric)
    rubric.delete()


def _copy_title(rubric: Rubric) -> str:
    title = f"Copy of {rubric.display_title}"
    return title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1].rstrip() + "…"


@transaction.atomic
def rubric_duplicate(*, actor: User, rubric: Rubric) -> Rubric:
    """The actor's new rubric of the same kind with the same content, titled as a copy; a
    rubric is copied by whoever may change it (the copy's owner is that person)."""
    if not can_change_rubric(actor, rubric):
        raise PermissionDenied("Only the rubric's owner can copy it.")
    content = queries.rubric_content(queries.with_scale(Rubric.objects.filter(pk=rubric.pk)).get())
    copy = RubricContent(
        title=_copy_title(rubric),
        objective=content.objective,
        pass_score=content.pass_score,
        levels=content.levels,
        disallowed=content.disallowed,
        sources=content.sources,
    )
    return rubric_create(actor=actor, content=copy, kind=rubric.kind)


@transaction.atomic
def rubric_import_yaml(
    *, actor: User, source: str | bytes, kind: str = Rubric.Kind.ARTIFACT
) -> Rubric:
    """The actor's new rubric from a YAML document; a ValidationError (with paths) creates
    nothing."""
    # Who and what kind first: a refused import is not worth reading.
    _check_kind(owner=actor, kind=kind)
    _require_creator(actor, owner=actor, kind=kind)
    return rubric_create(actor=actor, content=documents.content_from_yaml(source), kind=kind)
