"""common/versions.py: the version raised only from the expected one, and what changed since a
snapshot."""

import pytest
from django.db import transaction

from common.versions import (
    Change,
    VersionConflict,
    VersionedForm,
    changes_since,
    snapshot_token,
    version_raise,
)
from rubrics.models import Rubric
from tests.factories import RubricFactory

BEFORE = {"Title": "Lease cases", "Metric": "accuracy", "Items": ["a", "b"]}


@pytest.mark.django_db
def test_version_raise_from_the_expected_version_adds_one(alice):
    rubric = RubricFactory(owner=alice)
    with transaction.atomic():
        version_raise(rubric, expected_version=1)
    assert rubric.version == 2
    assert Rubric.objects.get(pk=rubric.pk).version == 2


@pytest.mark.django_db
def test_version_raise_from_an_old_version_raises_and_writes_nothing(alice):
    rubric = RubricFactory(owner=alice)
    Rubric.objects.filter(pk=rubric.pk).update(version=5)
    with pytest.raises(VersionConflict) as refused, transaction.atomic():
        version_raise(rubric, expected_version=4)
    assert (refused.value.expected_version, refused.value.current_version) == (4, 5)
    assert Rubric.objects.get(pk=rubric.pk).version == 5


@pytest.mark.django_db
def test_version_raise_without_an_expected_version_always_adds_one(alice):
    rubric = RubricFactory(owner=alice)
    Rubric.objects.filter(pk=rubric.pk).update(version=7)
    version_raise(rubric, expected_version=None)
    assert rubric.version == 8


def test_changes_since_an_equal_snapshot_are_none():
    assert changes_since(snapshot_token(BEFORE), dict(BEFORE)) == []


def test_changes_since_name_changed_fields_with_their_current_value():
    now = {**BEFORE, "Title": "Renamed"}
    assert changes_since(snapshot_token(BEFORE), now) == [Change("Title", now="Renamed")]


def test_changes_since_count_list_items_added_removed_changed_and_moved():
    token = snapshot_token(BEFORE)
    added = changes_since(token, {**BEFORE, "Items": ["a", "b", "c", "d"]})
    edited = changes_since(token, {**BEFORE, "Items": ["a", "B"]})
    moved = changes_since(token, {**BEFORE, "Items": ["b", "a"]})
    assert added == [Change("Items", count=4, was_count=2, differing=2)]
    assert edited == [Change("Items", count=2, was_count=2, differing=1)]
    assert moved == [Change("Items", count=2, was_count=2, differing=2)]


@pytest.mark.parametrize("token", ["", "not-a-token", snapshot_token(BEFORE) + "x"])
def test_changes_since_an_unreadable_note_name_every_field(token):
    assert [change.label for change in changes_since(token, BEFORE)] == list(BEFORE)


@pytest.mark.parametrize(
    ("posted", "version"), [({"version": "3"}, 3), ({}, 0), ({"version": ""}, 0)]
)
def test_versioned_form_reads_the_version_and_counts_a_missing_one_as_zero(posted, version):
    form = VersionedForm({**posted, "based_on": "note"})
    assert form.is_valid()
    assert (form.version, form.based_on, form.cleaned_data) == (version, "note", {})


def test_versioned_form_refuses_a_negative_version():
    assert not VersionedForm({"version": "-1"}).is_valid()
