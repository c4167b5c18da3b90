"""Who may download a file and see an artifact: everything else is a 404."""

import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from onboarding.permissions import can_download_file, get_stored_file_for
from portfolio.permissions import get_benchmark_for, get_test_plan_for, get_work_sample_for
from tests.factories import (
    AdversarialTestPlanFactory,
    BenchmarkFactory,
    BenchmarkItemFactory,
    WorkSampleFactory,
)
from tests.portfolio.upload_examples import stored_file

pytestmark = pytest.mark.django_db


def test_can_download_file_matrix(alice, bob, rita, staff):
    stored = stored_file(alice)
    assert can_download_file(alice, stored)
    assert can_download_file(staff, stored)
    assert not can_download_file(bob, stored)
    # Reviewers get files through a submission that contains them, not by their role.
    assert not can_download_file(rita, stored)
    assert not can_download_file(AnonymousUser(), stored)


def test_can_download_file_not_for_a_deactivated_owner(alice):
    stored = stored_file(alice)
    alice.is_active = False
    assert not can_download_file(alice, stored)


def test_get_stored_file_for_answers_404_to_others_and_unknown_ids(alice, bob):
    stored = stored_file(alice)
    assert get_stored_file_for(alice, stored.pk) == stored
    with pytest.raises(Http404):
        get_stored_file_for(bob, stored.pk)
    with pytest.raises(Http404):
        get_stored_file_for(alice, uuid.uuid4())


@pytest.mark.parametrize("write", [False, True])
def test_get_artifacts_for_owner_only(alice, bob, staff, write):
    sample = WorkSampleFactory(owner=alice)
    plan = AdversarialTestPlanFactory(owner=alice)
    assert get_work_sample_for(alice, sample.pk, write=write) == sample
    assert get_test_plan_for(alice, plan.pk, write=write) == plan
    for user in (bob, staff, AnonymousUser()):
        with pytest.raises(Http404):
            get_work_sample_for(user, sample.pk, write=write)
        with pytest.raises(Http404):
            get_test_plan_for(user, plan.pk, write=write)
    with pytest.raises(Http404):
        get_work_sample_for(alice, sample.pk + 1000, write=write)


@pytest.mark.parametrize("write", [False, True])
def test_get_benchmark_for_owner_only_with_items_in_order(
    alice, bob, staff, rita, write, django_assert_num_queries
):
    benchmark = BenchmarkFactory(owner=alice)
    for position in (2, 0, 1):
        BenchmarkItemFactory(benchmark=benchmark, position=position, prompt=f"Q{position}")
    with django_assert_num_queries(2):
        fetched = get_benchmark_for(alice, benchmark.pk, write=write)
        assert [item.prompt for item in fetched.items.all()] == ["Q0", "Q1", "Q2"]
    for user in (bob, staff, rita, AnonymousUser()):
        with pytest.raises(Http404):
            get_benchmark_for(user, benchmark.pk, write=write)
    with pytest.raises(Http404):
        get_benchmark_for(alice, benchmark.pk + 1000, write=write)
