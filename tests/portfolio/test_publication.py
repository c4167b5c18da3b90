"""Choosing what the public page shows: nothing by default, only one's own artifacts."""

import pytest

from common.versions import VersionConflict
from portfolio.models import Benchmark, WorkSample
from portfolio.publication import publication_rows, publication_set, publication_version
from rubrics.models import Rubric
from tests.factories import BenchmarkFactory, RubricFactory, WorkSampleFactory

pytestmark = pytest.mark.django_db


def test_artifacts_are_private_by_default(alice):
    RubricFactory(owner=alice)
    BenchmarkFactory(owner=alice)
    WorkSampleFactory(owner=alice)
    rows = publication_rows(alice)
    assert [row.public for kind in rows for row in rows[kind]] == [False, False, False]
    assert not Benchmark.objects.filter(publish_items=True).exists()


def test_publication_set_makes_exactly_the_ticked_ones_public(alice):
    shown_sample, ticked_sample = WorkSampleFactory(owner=alice), WorkSampleFactory(owner=alice)
    benchmark = BenchmarkFactory(owner=alice)
    shown_sample.public = True
    shown_sample.save()
    before = WorkSample.objects.get(pk=ticked_sample.pk).updated
    publication_set(
        actor=alice,
        shown={"work_samples": {shown_sample.pk, ticked_sample.pk}, "benchmarks": {benchmark.pk}},
        public={"work_samples": {ticked_sample.pk}, "benchmarks": {benchmark.pk}},
        items=set(),
        expected_version=0,
    )
    assert set(WorkSample.objects.filter(public=True).values_list("pk", flat=True)) == {
        ticked_sample.pk
    }
    assert Benchmark.objects.values_list("public", "publish_items").get() == (True, False)
    # A choice is not an edit of the artifact.
    assert WorkSample.objects.get(pk=ticked_sample.pk).updated == before


def test_publication_set_publishes_items_separately(alice):
    benchmark = BenchmarkFactory(owner=alice)
    publication_set(
        actor=alice,
        shown={"benchmarks": {benchmark.pk}},
        public={},
        items={benchmark.pk},
        expected_version=0,
    )
    assert Benchmark.objects.values_list("public", "publish_items").get() == (False, True)


def test_publication_set_leaves_what_the_form_did_not_list(alice):
    listed, unlisted = RubricFactory(owner=alice), RubricFactory(owner=alice)
    Rubric.objects.filter(pk=unlisted.pk).update(public=True)
    publication_set(
        actor=alice, shown={"rubrics": {listed.pk}}, public={}, items=set(), expected_version=0
    )
    assert Rubric.objects.get(pk=unlisted.pk).public is True


def test_publication_set_never_touches_other_peoples_artifacts(alice, bob):
    bobs = WorkSampleFactory(owner=bob)
    publication_set(
        actor=alice,
        shown={"work_samples": {bobs.pk}},
        public={"work_samples": {bobs.pk}},
        items=set(),
        expected_version=0,
    )
    assert WorkSample.objects.get(pk=bobs.pk).public is False


def test_publication_set_refuses_choices_made_before_another_save(alice):
    sample, benchmark = WorkSampleFactory(owner=alice), BenchmarkFactory(owner=alice)
    shown = {"work_samples": {sample.pk}, "benchmarks": {benchmark.pk}}
    publication_set(
        actor=alice,
        shown=shown,
        public={"work_samples": {sample.pk}},
        items=set(),
        expected_version=0,
    )
    assert publication_version(alice) == 1
    with pytest.raises(VersionConflict):
        publication_set(
            actor=alice,
            shown=shown,
            public={"benchmarks": {benchmark.pk}},
            items={benchmark.pk},
            expected_version=0,  # opened before the first save
        )
    assert WorkSample.objects.get(pk=sample.pk).public is True
    assert Benchmark.objects.values_list("public", "publish_items").get() == (False, False)
    assert publication_version(alice) == 1


def test_publication_rows_leave_out_review_rubrics(staff):
    RubricFactory(owner=staff, kind="review")
    assert publication_rows(staff)["rubrics"] == []
