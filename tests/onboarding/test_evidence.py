"""Evidence for deep domains in onboarding: the checklist item that blocks submitting, the
snapshot that freezes the links, and the round page's claims × evidence table."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from onboarding.checklist import blocking_problems, onboarding, preflight_checks
from onboarding.confirmations import CONFIRMATIONS
from onboarding.models import Round
from onboarding.queries.frozen import claims_of
from onboarding.services.submissions import submission_submit
from onboarding.snapshots import freeze_portfolio
from portfolio import services
from portfolio.models import Benchmark, Evidence
from portfolio.outline import portfolio_outline
from tests.factories import BenchmarkFactory, RoundFactory, make_profile
from tests.onboarding.review_setup import ready_portfolio, review_form, submitted_round
from tests.onboarding.test_views_public_verified import approved, publish

pytestmark = pytest.mark.django_db


def evidence_check(portfolio):
    return next(check for check in preflight_checks(portfolio) if check.key == "evidence")


def test_evidence_check_without_a_profile_asks_for_the_profile(alice):
    check = evidence_check(freeze_portfolio(alice))
    assert not check.ok and check.url == reverse("profile_edit")


def test_evidence_check_without_deep_domains_is_done(alice):
    make_profile(alice, domains=["finance"], domain_depth={"finance": 3})
    check = evidence_check(freeze_portfolio(alice))
    assert check.ok and "no deep domain" in check.detail


def test_evidence_check_names_the_deep_domains_without_evidence(alice):
    make_profile(alice, domains=["finance", "law", "risk"], domain_depth={"finance": 4, "law": 5})
    benchmark = BenchmarkFactory(owner=alice, domain="finance")
    check = evidence_check(freeze_portfolio(alice))
    assert not check.ok
    assert check.detail.startswith("No artifact shows finance, law yet.")
    assert (check.url, check.link_label) == (reverse("profile_evidence"), "Link evidence")
    services.evidence_link(actor=alice, domain="finance", artifact=benchmark)
    assert "No artifact shows law yet." in evidence_check(portfolio_outline(alice)).detail
    services.evidence_link(actor=alice, domain="LAW", artifact=benchmark)
    for portfolio in (freeze_portfolio(alice), portfolio_outline(alice)):
        check = evidence_check(portfolio)
        assert check.ok and check.detail == "Every deep domain has evidence: finance, law."


def test_evidence_step_follows_the_profile_step(alice):
    steps = onboarding(freeze_portfolio(alice), None).steps
    assert [step.key for step in steps][:2] == ["profile", "evidence"]
    assert steps[1].label == "Evidence for every deep domain"


def test_a_deep_domain_without_evidence_blocks_submitting(alice):
    parts = ready_portfolio(alice)
    Evidence.objects.filter(pk=parts["evidence"].pk).delete()
    assert blocking_problems(freeze_portfolio(alice)) == [
        "Evidence for every deep domain: No artifact shows finance yet. Link a rubric, "
        "benchmark, test plan or work sample to every domain at depth 4 or 5."
    ]
    with pytest.raises(ValidationError):
        submission_submit(actor=alice, confirmed=CONFIRMATIONS)
    assert not Round.objects.exists()


def test_the_snapshot_freezes_the_links_of_the_profile_domains(alice):
    parts = ready_portfolio(alice)
    # A link kept for a domain no longer in the profile is not frozen.
    Evidence.objects.create(owner=alice, domain="gone", rubric=parts["rubric"])
    snapshot = freeze_portfolio(alice).snapshot
    assert snapshot["evidence"] == [
        {"domain": "finance", "kind": "benchmarks", "id": parts["benchmark"].pk}
    ]


def test_claims_mark_the_gaps():
    snapshot = {
        "profile": {
            "headline": "Evaluator",
            "domains": ["finance", "law", "risk"],
            "domain_depth": {"finance": 4, "law": 5, "risk": 2},
        },
        "artifacts": {"benchmarks": [{"id": 7, "title": "Lease pilot"}], "rubrics": []},
        "evidence": [
            {"domain": "Finance", "kind": "benchmarks", "id": 7},
            {"domain": "finance", "kind": "rubrics", "id": 99},  # not frozen: left out
        ],
    }
    claims = claims_of(snapshot)
    assert [(claim.domain, claim.depth, claim.gap) for claim in claims] == [
        ("finance", 4, False),
        ("law", 5, True),
    ]
    assert [item["title"] for item in claims[0].evidence] == ["Lease pilot"]
    # A round frozen before evidence was recorded shows no table.
    del snapshot["evidence"]
    assert claims_of(snapshot) is None


def test_round_page_shows_claims_and_evidence_with_the_gap(client, alice, rita, staff):
    review_form(staff)
    round = submitted_round(alice)
    # Frozen when the rule did not yet hold: statistics deep, without evidence.
    snapshot = round.snapshot
    snapshot["profile"]["domain_depth"]["statistics"] = 5
    Round.objects.filter(pk=round.pk).update(snapshot=snapshot)
    benchmark_id = snapshot["evidence"][0]["id"]
    for person in (rita, staff, alice):
        client.force_login(person)
        html = client.get(f"/review/rounds/{round.pk}/").content.decode()
        table = html[html.index('id="claims-heading"') : html.index('id="artifacts-heading"')]
        assert f'<a href="#artifact-benchmarks-{benchmark_id}">Lease pilot</a>' in table
        assert '<tr class="table-warning">' in table
        assert "statistics</th>" in table and "No artifact shows this claim." in table
        assert '<a href="#claims-heading">Claims and evidence</a>' in html


def test_round_page_of_an_old_snapshot_has_no_claims_table(client, alice, rita, staff):
    review_form(staff)
    round = RoundFactory(submission__owner=alice)
    client.force_login(staff)
    html = client.get(f"/review/rounds/{round.pk}/").content.decode()
    assert "Profile" in html and "claims-heading" not in html


def test_dashboard_and_submit_link_to_the_evidence_page(client, alice):
    parts = ready_portfolio(alice)
    Evidence.objects.filter(pk=parts["evidence"].pk).delete()
    client.force_login(alice)
    for url in ("/dashboard/", "/submit/"):
        html = client.get(url).content.decode()
        assert "Evidence for every deep domain" in html
        assert f'href="{reverse("profile_evidence")}">Link evidence</a>' in html


def test_public_profile_shows_the_approved_evidence_of_published_artifacts(client, alice, rita):
    parts, _round = approved(alice, rita)
    url = reverse("public_profile", args=[alice.profile.slug])
    html = client.get(url).content.decode()
    # Approved, nothing published: the evidence is counted, not named.
    assert "Lease pilot" not in html and "1 artifact seen by reviewers" in html
    publish(alice, benchmarks={parts["benchmark"].pk})
    html = client.get(url).content.decode()  # the kept body follows the choice
    link = f'<a href="#public-benchmarks-{parts["benchmark"].pk}">Lease pilot</a>'
    assert link in html and f'id="public-benchmarks-{parts["benchmark"].pk}"' in html
    # Edited after the review: the public page keeps the approved title beside the claim.
    Benchmark.objects.filter(pk=parts["benchmark"].pk).update(
        title="Lease pilot, second edition", updated=timezone.now()
    )
    html = client.get(url).content.decode()
    assert link in html and "second edition" not in html
    assert "/portfolio/benchmarks/" not in html and "Link evidence" not in html


def test_public_profile_before_approval_shows_no_evidence(client, alice):
    profile = make_profile(
        alice, visibility="public", domains=["finance"], domain_depth={"finance": 4}
    )
    services.evidence_link(
        actor=alice, domain="finance", artifact=BenchmarkFactory(owner=alice, title="Lease pilot")
    )
    html = client.get(reverse("public_profile", args=[profile.slug])).content.decode()
    assert "Lease pilot" not in html and "No evidence" not in html
