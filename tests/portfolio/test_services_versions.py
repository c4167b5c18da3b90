"""Every save of a work sample, test plan or benchmark (items import included) raises its
version; one based on an older version raises VersionConflict and changes nothing."""

import pytest

from common.versions import VersionConflict
from portfolio import services
from portfolio.services import CaseData
from tests.factories import (
    AdversarialCaseFactory,
    AdversarialTestPlanFactory,
    BenchmarkFactory,
    BenchmarkItemFactory,
    WorkSampleFactory,
    make_profile,
)

pytestmark = pytest.mark.django_db

CSV = "prompt,reference_answer,rationale,difficulty,adversarial,source\nNew?,Yes.,So.,easy,false,\n"


def sample_update(alice, sample, title: str, expected_version: int | None):
    return services.work_sample_update(
        actor=alice,
        sample=sample,
        title=title,
        sample_type=sample.sample_type,
        url=sample.url,
        expected_version=expected_version,
    )


def test_work_sample_update_at_the_expected_version_raises_it(alice):
    sample = WorkSampleFactory(owner=alice)
    sample_update(alice, sample, "Renamed", expected_version=1)
    sample.refresh_from_db()
    assert (sample.title, sample.version) == ("Renamed", 2)


def test_work_sample_update_at_an_old_version_is_refused(alice):
    sample = WorkSampleFactory(owner=alice, title="Original")
    sample_update(alice, sample, "First", expected_version=1)
    with pytest.raises(VersionConflict) as refused:
        sample_update(alice, sample, "Second", expected_version=1)
    assert refused.value.current_version == 2
    sample.refresh_from_db()
    assert (sample.title, sample.version) == ("First", 2)


def plan_update(alice, plan, title: str, expected_version: int | None):
    return services.adversarial_plan_update(
        actor=alice,
        plan=plan,
        title=title,
        scope=plan.scope,
        threat_model=plan.threat_model,
        cases=[CaseData("Attack", "Refuses.", "high")],
        expected_version=expected_version,
    )


def test_test_plan_update_raises_the_version_and_refuses_an_old_one(alice):
    plan = AdversarialTestPlanFactory(owner=alice, title="Original")
    AdversarialCaseFactory(plan=plan, position=0, attack="Kept")
    plan_update(alice, plan, "First", expected_version=1)
    with pytest.raises(VersionConflict):
        plan_update(alice, plan, "Second", expected_version=1)
    plan.refresh_from_db()
    assert (plan.title, plan.version) == ("First", 2)
    assert list(plan.cases.values_list("attack", flat=True)) == ["Attack"]


@pytest.fixture
def benchmark(alice):
    make_profile(alice, domains=["finance"])
    benchmark = BenchmarkFactory(owner=alice, domain="finance")
    BenchmarkItemFactory(benchmark=benchmark, position=0, prompt="Existing")
    return benchmark


def benchmark_update(alice, benchmark, title: str, expected_version: int | None):
    return services.benchmark_update(
        actor=alice,
        benchmark=benchmark,
        title=title,
        domain=benchmark.domain,
        metric=benchmark.metric,
        target=benchmark.target,
        items=[],
        expected_version=expected_version,
    )


def test_benchmark_items_import_raises_the_version_so_a_stale_update_is_refused(alice, benchmark):
    services.benchmark_items_import(
        actor=alice, benchmark=benchmark, source=CSV, file_format="csv", expected_version=1
    )
    with pytest.raises(VersionConflict) as refused:
        benchmark_update(alice, benchmark, "Emptied", expected_version=1)
    assert (refused.value.expected_version, refused.value.current_version) == (1, 2)
    benchmark.refresh_from_db()
    assert benchmark.version == 2
    assert list(benchmark.items.values_list("prompt", flat=True)) == ["Existing", "New?"]


def test_benchmark_items_import_at_an_old_version_is_refused(alice, benchmark):
    benchmark_update(alice, benchmark, "Renamed", expected_version=1)
    with pytest.raises(VersionConflict):
        services.benchmark_items_import(
            actor=alice, benchmark=benchmark, source=CSV, file_format="csv", expected_version=1
        )
    assert benchmark.items.count() == 0


def test_benchmark_update_at_the_expected_version_raises_it(alice, benchmark):
    benchmark_update(alice, benchmark, "Renamed", expected_version=1)
    benchmark_update(alice, benchmark, "Renamed again", expected_version=2)
    benchmark.refresh_from_db()
    assert (benchmark.title, benchmark.version) == ("Renamed again", 3)
