"""Evidence links: the model's rules and portfolio.services' evidence_link / evidence_unlink."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from portfolio import services
from portfolio.evidence import by_domain, evidence_of, evidence_shown
from portfolio.models import Evidence
from tests.factories import (
    AdversarialTestPlanFactory,
    BenchmarkFactory,
    RubricFactory,
    WorkSampleFactory,
    make_profile,
)

pytestmark = pytest.mark.django_db

DEPTHS = {"domains": ["Tax law", "finance", "risk"], "domain_depth": {"Tax law": 5, "risk": 3}}


@pytest.fixture
def tax(alice):
    make_profile(alice, **DEPTHS)
    return BenchmarkFactory(owner=alice, title="Filing cases", domain="Tax law")


def test_evidence_link_keeps_the_profile_spelling_of_the_domain(alice, tax):
    evidence = services.evidence_link(actor=alice, domain="  tax LAW ", artifact=tax)
    evidence.refresh_from_db()
    assert (evidence.owner, evidence.domain, evidence.benchmark, evidence.kind) == (
        alice,
        "Tax law",
        tax,
        "benchmark",
    )


def test_evidence_link_takes_every_kind_of_artifact(alice, tax):
    artifacts = [
        tax,
        RubricFactory(owner=alice),
        AdversarialTestPlanFactory(owner=alice),
        WorkSampleFactory(owner=alice),
    ]
    for artifact in artifacts:
        services.evidence_link(actor=alice, domain="Tax law", artifact=artifact)
    links = evidence_of(alice)
    assert [(link.kind, link.artifact_id) for link in links] == [
        ("benchmark", artifacts[0].pk),
        ("rubric", artifacts[1].pk),
        ("test_plan", artifacts[2].pk),
        ("work_sample", artifacts[3].pk),
    ]
    assert [link.title for link in links] == [str(artifact) for artifact in artifacts]


def test_evidence_link_refuses_someone_elses_artifact(alice, bob, tax):
    bobs = BenchmarkFactory(owner=bob, domain="Tax law")
    with pytest.raises(PermissionDenied):
        services.evidence_link(actor=alice, domain="Tax law", artifact=bobs)
    assert not Evidence.objects.exists()


def test_evidence_link_refuses_a_review_rubric(alice, tax):
    review = RubricFactory(owner=alice, kind="review")
    with pytest.raises(ValidationError, match="portfolio rubrics"):
        services.evidence_link(actor=alice, domain="Tax law", artifact=review)


@pytest.mark.parametrize(
    ("domain", "message"),
    [("risk", "not a deep domain"), ("finance", "not a deep domain"), ("cooking", "not one of")],
)
def test_evidence_link_needs_a_deep_domain_of_the_profile(alice, tax, domain, message):
    with pytest.raises(ValidationError, match=message):
        services.evidence_link(actor=alice, domain=domain, artifact=tax)
    assert not Evidence.objects.exists()


def test_evidence_link_without_a_profile_is_refused(bob):
    benchmark = BenchmarkFactory(owner=bob)
    with pytest.raises(ValidationError, match="not one of the domains"):
        services.evidence_link(actor=bob, domain="finance", artifact=benchmark)


def test_evidence_link_twice_is_refused_with_a_message(alice, tax):
    services.evidence_link(actor=alice, domain="Tax law", artifact=tax)
    with pytest.raises(ValidationError, match="already evidence for Tax law"):
        services.evidence_link(actor=alice, domain="TAX LAW", artifact=tax)
    assert Evidence.objects.count() == 1


def test_evidence_needs_exactly_one_artifact(alice, tax):
    sample = WorkSampleFactory(owner=alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        Evidence.objects.create(owner=alice, domain="Tax law")
    with pytest.raises(IntegrityError), transaction.atomic():
        Evidence.objects.create(owner=alice, domain="Tax law", benchmark=tax, work_sample=sample)
    assert not Evidence.objects.exists()


def test_evidence_is_unique_per_domain_whatever_the_case(alice, tax):
    Evidence.objects.create(owner=alice, domain="Tax law", benchmark=tax)
    with pytest.raises(IntegrityError), transaction.atomic():
        Evidence.objects.create(owner=alice, domain="tax law", benchmark=tax)


def test_deleting_an_artifact_deletes_its_links(alice, tax):
    services.evidence_link(actor=alice, domain="Tax law", artifact=tax)
    services.benchmark_delete(actor=alice, benchmark=tax)
    assert not Evidence.objects.exists()


def test_evidence_unlink_only_by_the_owner(alice, bob, tax):
    evidence = services.evidence_link(actor=alice, domain="Tax law", artifact=tax)
    with pytest.raises(PermissionDenied):
        services.evidence_unlink(actor=bob, evidence=evidence)
    services.evidence_unlink(actor=alice, evidence=evidence)
    assert not Evidence.objects.exists()


def test_a_renamed_domain_keeps_its_links_apart(alice, tax):
    services.evidence_link(actor=alice, domain="Tax law", artifact=tax)
    make_profile(alice, domains=["US tax law", "finance"], domain_depth={"US tax law": 5})
    assert list(by_domain(evidence_of(alice))) == ["tax law"]
    # Nothing shows for the new name; the old name's link comes back with the old name.
    make_profile(alice, **DEPTHS)
    assert [link.title for link in by_domain(evidence_of(alice))["tax law"]] == ["Filing cases"]


def test_evidence_shown_to_the_owner_links_every_artifact(alice, tax):
    private = WorkSampleFactory(owner=alice, title="Client memo")
    services.evidence_link(actor=alice, domain="Tax law", artifact=tax)
    services.evidence_link(actor=alice, domain="Tax law", artifact=private)
    assert evidence_shown(evidence_of(alice)) == {
        "tax law": {
            "items": [
                {
                    "title": "Filing cases",
                    "type": "Benchmark",
                    "url": f"/portfolio/benchmarks/{tax.pk}/",
                },
                {
                    "title": "Client memo",
                    "type": "Work sample",
                    "url": f"/portfolio/samples/{private.pk}/",
                },
            ],
            "hidden": 0,
        }
    }


def test_evidence_of_is_one_query(alice, tax, django_assert_num_queries):
    for index in range(5):
        sample = WorkSampleFactory(owner=alice)
        rubric = RubricFactory(owner=alice, title=f"R{index}")
        services.evidence_link(actor=alice, domain="Tax law", artifact=sample)
        services.evidence_link(actor=alice, domain="Tax law", artifact=rubric)
    with django_assert_num_queries(1):
        links = evidence_of(alice)
    assert len(links) == 10
