"""Who sees and changes which rubric: the matrix, and 404 for everything else."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from rubrics.models import Rubric
from rubrics.permissions import (
    can_change_rubric,
    can_create_rubric,
    can_manage_review_rubrics,
    can_view_rubric,
    can_write_rubric,
    get_rubric_for,
)
from tests.factories import RubricFactory

pytestmark = pytest.mark.django_db


def test_portfolio_rubric_matrix(alice, bob, rita, staff):
    rubric = RubricFactory(owner=alice)
    people = (AnonymousUser(), alice, bob, rita, staff)
    assert [can_view_rubric(p, rubric) for p in people] == [False, True, False, False, True]
    assert [can_change_rubric(p, rubric) for p in people] == [False, True, False, False, False]


def test_review_rubric_matrix(alice, rita, staff):
    rubric = RubricFactory(owner=staff, kind=Rubric.Kind.REVIEW)
    people = (AnonymousUser(), alice, rita, staff)
    assert [can_view_rubric(p, rubric) for p in people] == [False, True, True, True]
    assert [can_change_rubric(p, rubric) for p in people] == [False, False, False, True]
    assert [can_manage_review_rubrics(p) for p in people] == [False, False, False, True]


def test_who_may_start_a_rubric(alice, bob, rita, staff):
    people = (AnonymousUser(), alice, bob, rita, staff)
    artifact, review = Rubric.Kind.ARTIFACT, Rubric.Kind.REVIEW
    # Their own portfolio rubric: everyone signed in.
    assert [can_create_rubric(p, owner=p, kind=artifact) for p in people[1:]] == [True] * 4
    # Someone else's: staff only (in the admin).
    assert [can_create_rubric(p, owner=alice, kind=artifact) for p in people] == [
        False, True, False, False, True
    ]  # fmt: skip
    assert [can_create_rubric(p, owner=staff, kind=review) for p in people] == [
        False, False, False, False, True
    ]  # fmt: skip
    assert not can_create_rubric(AnonymousUser(), owner=alice, kind=artifact)


def test_services_let_staff_write_every_rubric(alice, bob, rita, staff):
    """The pages keep staff off portfolio rubrics; the admin, through the same services,
    does not."""
    people = (AnonymousUser(), alice, bob, rita, staff)
    portfolio = RubricFactory(owner=alice)
    review = RubricFactory(owner=staff, kind=Rubric.Kind.REVIEW)
    assert [can_write_rubric(p, portfolio) for p in people] == [False, True, False, False, True]
    assert [can_write_rubric(p, review) for p in people] == [False, False, False, False, True]


def test_inactive_people_start_and_write_nothing(alice, staff):
    rubric = RubricFactory(owner=alice)
    alice.is_active = staff.is_active = False
    assert not can_create_rubric(alice, owner=alice, kind=Rubric.Kind.ARTIFACT)
    assert not can_write_rubric(alice, rubric) and not can_write_rubric(staff, rubric)


def test_inactive_owner_may_do_nothing(alice):
    rubric = RubricFactory(owner=alice)
    alice.is_active = False
    assert not can_view_rubric(alice, rubric) and not can_change_rubric(alice, rubric)


def test_get_rubric_for_returns_the_rubric_with_its_scale(alice, django_assert_num_queries):
    rubric = RubricFactory(owner=alice)
    with django_assert_num_queries(4):
        found = get_rubric_for(alice, rubric.pk, write=True)
        assert [level.score for level in found.levels.all()] == [5, 3, 1]
        assert [c.text for c in found.levels.all()[0].criteria.all()] == [
            "Correct final answer",
            "Clear explanation",
        ]


def test_get_rubric_for_answers_404_to_others(alice, bob, staff):
    rubric = RubricFactory(owner=alice)
    with pytest.raises(Http404):
        get_rubric_for(bob, rubric.pk)
    with pytest.raises(Http404):
        get_rubric_for(staff, rubric.pk, write=True)
    with pytest.raises(Http404):
        get_rubric_for(alice, rubric.pk + 1000)
    assert get_rubric_for(staff, rubric.pk) == rubric
