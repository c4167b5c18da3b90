"""Writes: each service stores everything or nothing, and keeps the rules."""

from dataclasses import replace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from common.versions import VersionConflict
from rubrics import queries, services
from rubrics.content import LevelContent
from rubrics.models import Criterion, DisallowedBehaviour, Rubric, ScaleLevel
from tests.factories import RubricFactory

pytestmark = pytest.mark.django_db


def stored(rubric: Rubric):
    return queries.rubric_content(queries.with_scale(Rubric.objects.filter(pk=rubric.pk)).get())


def test_rubric_create_stores_every_part(alice, content):
    rubric = services.rubric_create(actor=alice, content=content)
    assert rubric.owner == alice and rubric.kind == Rubric.Kind.ARTIFACT
    assert stored(rubric) == content
    positions = list(ScaleLevel.objects.filter(rubric=rubric).values_list("score", "position"))
    assert positions == [(5, 0), (3, 1), (1, 2)]


def test_rubric_create_refuses_broken_rules_and_stores_nothing(alice, content):
    with pytest.raises(ValidationError) as info:
        services.rubric_create(actor=alice, content=replace(content, levels=content.levels[:1]))
    assert "at least 2 levels" in info.value.messages[0]
    assert not Rubric.objects.exists() and not ScaleLevel.objects.exists()


def test_review_rubrics_belong_to_staff(alice, staff, content):
    with pytest.raises(ValidationError, match="Only staff keep review rubrics"):
        services.rubric_create(actor=alice, content=content, kind=Rubric.Kind.REVIEW)
    rubric = services.rubric_create(actor=staff, content=content, kind=Rubric.Kind.REVIEW)
    assert Rubric.objects.get().kind == Rubric.Kind.REVIEW == rubric.kind


def test_unknown_kind_is_refused(alice, content):
    with pytest.raises(ValidationError, match="Unknown kind"):
        services.rubric_create(actor=alice, content=content, kind="other")
    assert not Rubric.objects.exists()


def test_rubric_update_replaces_content_and_keeps_levels_by_score(alice, content):
    rubric = services.rubric_create(actor=alice, content=content)
    level_ids = dict(ScaleLevel.objects.filter(rubric=rubric).values_list("score", "id"))
    changed = replace(
        content,
        title="Reasoning v2",
        pass_score=None,
        # 1 and 5 swap places, 3 goes, 2 arrives.
        levels=(
            LevelContent(1, ("Wrong",)),
            LevelContent(2, ("Weak", "Unclear")),
            LevelContent(5, ("Right",)),
        ),
        disallowed=(),
    )
    services.rubric_update(actor=alice, rubric=rubric, content=changed)
    assert stored(rubric) == changed
    assert rubric.title == "Reasoning v2"
    after = dict(ScaleLevel.objects.filter(rubric=rubric).values_list("score", "id"))
    assert after[1] == level_ids[1] and after[5] == level_ids[5]
    assert 3 not in after
    assert Criterion.objects.filter(level__rubric=rubric).count() == 4
    assert not DisallowedBehaviour.objects.exists()


def test_rubric_update_with_broken_rules_changes_nothing(alice, content):
    rubric = services.rubric_create(actor=alice, content=content)
    broken = replace(content, objective="", levels=(LevelContent(4, ("x",)),))
    with pytest.raises(ValidationError):
        services.rubric_update(actor=alice, rubric=rubric, content=broken)
    assert stored(rubric) == content


def test_rubric_delete_removes_the_whole_rubric(alice, content):
    rubric = services.rubric_create(actor=alice, content=content)
    other = RubricFactory(owner=alice)
    services.rubric_delete(actor=alice, rubric=rubric)
    assert list(Rubric.objects.all()) == [other]
    assert not ScaleLevel.objects.filter(rubric_id=rubric.pk).exists()
    assert Criterion.objects.filter(level__rubric=other).count() == 6


def test_rubric_duplicate_copies_content_under_a_new_title(alice, content):
    rubric = services.rubric_create(actor=alice, content=content)
    copy = services.rubric_duplicate(actor=alice, rubric=rubric)
    assert copy.pk != rubric.pk and copy.owner == alice and copy.kind == rubric.kind
    assert stored(copy) == replace(content, title="Copy of Reasoning")
    assert stored(rubric) == content


def test_rubric_duplicate_of_untitled_rubric_is_named_by_its_objective(alice, seed_text):
    rubric = services.rubric_import_yaml(actor=alice, source=seed_text)
    copy = services.rubric_duplicate(actor=alice, rubric=rubric)
    assert copy.title == "Copy of Assess step-by-step reasoning clarity and correctness"


def test_rubric_duplicate_title_fits_the_limit(alice, content):
    rubric = services.rubric_create(actor=alice, content=replace(content, title="t" * 120))
    copy = services.rubric_duplicate(actor=alice, rubric=rubric)
    assert len(copy.title) == 120 and copy.title.endswith("…")


def test_rubric_import_yaml_creates_the_seed(alice, seed_text):
    rubric = services.rubric_import_yaml(actor=alice, source=seed_text.encode())
    assert rubric.owner == alice
    assert queries.rubric_yaml(queries.with_scale(Rubric.objects.all()).get()) == seed_text


def test_rubric_import_yaml_bad_input_creates_nothing(alice, seed_text):
    with pytest.raises(ValidationError) as info:
        services.rubric_import_yaml(actor=alice, source=seed_text.replace("score: 3", "score: 5"))
    assert info.value.messages == [
        "rubric.scale[1].score: Score 5 is already used by level 1; each level needs its own score."
    ]
    assert not Rubric.objects.exists()


def test_rubric_import_yaml_as_review_needs_staff(alice, staff, seed_text):
    with pytest.raises(ValidationError, match="Only staff"):
        services.rubric_import_yaml(actor=alice, source=seed_text, kind=Rubric.Kind.REVIEW)
    assert not Rubric.objects.exists()
    rubric = services.rubric_import_yaml(actor=staff, source=seed_text, kind=Rubric.Kind.REVIEW)
    assert rubric.is_review


def test_database_keeps_scores_unique_per_rubric(alice):
    rubric = RubricFactory(owner=alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        ScaleLevel.objects.create(rubric=rubric, score=5, position=9)
    ScaleLevel.objects.create(rubric=RubricFactory(owner=alice), score=4, position=3)


def test_database_keeps_scores_in_range(alice):
    rubric = RubricFactory(owner=alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        ScaleLevel.objects.create(rubric=rubric, score=101, position=9)
    with pytest.raises(IntegrityError), transaction.atomic():
        Rubric.objects.filter(pk=rubric.pk).update(pass_score=-1)


# --- Who acts: every service checks, whatever way in called it ---------------------------------


def test_rubric_create_for_someone_else_is_refused_unless_staff(alice, bob, staff, content):
    with pytest.raises(PermissionDenied):
        services.rubric_create(actor=bob, owner=alice, content=content)
    assert not Rubric.objects.exists()
    rubric = services.rubric_create(actor=staff, owner=alice, content=content)  # the admin
    assert rubric.owner == alice


def test_rubric_create_of_a_review_rubric_needs_a_staff_actor(rita, staff, content):
    with pytest.raises(PermissionDenied, match="Only staff keep review rubrics"):
        services.rubric_create(actor=rita, owner=staff, content=content, kind=Rubric.Kind.REVIEW)
    assert not Rubric.objects.exists()


def test_rubric_create_refuses_anonymous_and_inactive_actors(alice, content):
    with pytest.raises(PermissionDenied):
        services.rubric_create(actor=AnonymousUser(), owner=alice, content=content)
    alice.is_active = False
    with pytest.raises(PermissionDenied):
        services.rubric_create(actor=alice, content=content)
    assert not Rubric.objects.exists()


def test_rubric_update_by_someone_else_changes_nothing(alice, bob, content):
    rubric = services.rubric_create(actor=alice, content=content)
    with pytest.raises(PermissionDenied):
        services.rubric_update(actor=bob, rubric=rubric, content=replace(content, title="Mine"))
    assert stored(rubric) == content


def test_rubric_update_of_a_review_rubric_needs_staff(alice, staff, content):
    rubric = services.rubric_create(actor=staff, content=content, kind=Rubric.Kind.REVIEW)
    with pytest.raises(PermissionDenied):
        services.rubric_update(actor=alice, rubric=rubric, content=replace(content, title="X"))
    services.rubric_update(actor=staff, rubric=rubric, content=replace(content, title="Kept"))
    assert stored(rubric).title == "Kept"


def test_rubric_update_by_staff_as_in_the_admin(alice, staff, content):
    rubric = services.rubric_create(actor=alice, content=content)
    services.rubric_update(actor=staff, rubric=rubric, content=replace(content, title="Fixed"))
    assert stored(rubric).title == "Fixed"


def test_rubric_delete_by_someone_else_deletes_nothing(alice, bob, content):
    rubric = services.rubric_create(actor=alice, content=content)
    with pytest.raises(PermissionDenied):
        services.rubric_delete(actor=bob, rubric=rubric)
    assert Rubric.objects.filter(pk=rubric.pk).exists()


def test_rubric_duplicate_is_for_whoever_may_change_it(alice, bob, staff, content):
    rubric = services.rubric_create(actor=alice, content=content)
    for other in (bob, staff):  # staff may look at a portfolio rubric, not copy it
        with pytest.raises(PermissionDenied):
            services.rubric_duplicate(actor=other, rubric=rubric)
    assert Rubric.objects.count() == 1


def test_rubric_import_yaml_refuses_an_inactive_actor_before_reading(alice):
    alice.is_active = False
    with pytest.raises(PermissionDenied):
        services.rubric_import_yaml(actor=alice, source="not: [valid")
    assert not Rubric.objects.exists()


def test_rubric_update_at_the_expected_version_raises_it(alice, content):
    rubric = services.rubric_create(actor=alice, content=content)

    services.rubric_update(
        actor=alice, rubric=rubric, content=replace(content, title="New"), expected_version=1
    )

    rubric.refresh_from_db()
    assert (rubric.title, rubric.version) == ("New", 2)


def test_rubric_update_at_an_old_version_raises_version_conflict_and_changes_nothing(
    alice, content
):
    rubric = services.rubric_create(actor=alice, content=content)
    services.rubric_update(actor=alice, rubric=rubric, content=replace(content, title="First"))

    with pytest.raises(VersionConflict) as refused:
        services.rubric_update(
            actor=alice,
            rubric=rubric,
            content=replace(content, title="Second", sources=""),
            expected_version=1,
        )

    assert (refused.value.expected_version, refused.value.current_version) == (1, 2)
    assert stored(rubric) == replace(content, title="First")
    rubric.refresh_from_db()
    assert rubric.version == 2
