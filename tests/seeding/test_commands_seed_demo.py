import pytest
from django.core import mail
from django.core.management import call_command

from onboarding.models import ReviewForm, Round
from onboarding.queries.queue import QueueFilters, review_queue
from portfolio.models import AdversarialTestPlan, Benchmark, CredentialProof, WorkSample
from portfolio.quality import checklist_for_benchmark
from profiles.models import User
from profiles.permissions import is_reviewer
from seeding.demo import DEMO_NOTES
from seeding.management.commands.seed_demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_logins_and_is_idempotent(capsys):
    call_command("seed_demo")
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "expert@example.com" in out and DEMO_PASSWORD in out
    assert "Log in at /accounts/login/ with:" in out
    assert User.objects.count() == 3
    expert = User.objects.get(email="expert@example.com")
    reviewer = User.objects.get(email="reviewer@example.com")
    assert expert.check_password(DEMO_PASSWORD)
    assert is_reviewer(reviewer) and not is_reviewer(expert)
    assert User.objects.get(email="staff@example.com").is_staff


def test_seed_demo_sends_no_email(capsys):
    # `make run` prints the logins; a verification email to the demo expert came before them.
    call_command("seed_demo")
    assert mail.outbox == []
    assert CredentialProof.objects.get().state == CredentialProof.State.VERIFIED


def test_seed_demo_gives_the_expert_a_portfolio_once():
    call_command("seed_demo")
    call_command("seed_demo")
    expert = User.objects.get(email="expert@example.com")
    samples = WorkSample.objects.filter(owner=expert).select_related("file")
    # The profile's link (a work sample since the document's samples are the portfolio's),
    # a linked and an uploaded sample.
    assert samples.count() == 3
    uploaded = samples.get(file__isnull=False)
    assert uploaded.file.size == len(DEMO_NOTES)
    plan = AdversarialTestPlan.objects.get(owner=expert)
    assert plan.cases.count() == 3


def test_seed_demo_gives_the_expert_a_pilot_benchmark_in_a_profile_domain_once():
    call_command("seed_demo")
    call_command("seed_demo")
    expert = User.objects.get(email="expert@example.com")
    benchmark = Benchmark.objects.get(owner=expert)
    assert benchmark.domain == "finance"
    items = list(benchmark.items.order_by("position"))
    assert len(items) == 12
    assert [item.position for item in items] == list(range(12))
    assert {item.difficulty for item in items} == {"easy", "medium", "hard"}
    assert sum(item.adversarial for item in items) == 3
    assert checklist_for_benchmark(benchmark).complete


def test_seed_demo_submits_the_demo_portfolio_for_the_reviewer_once():
    call_command("seed_demo")
    call_command("seed_demo")
    expert = User.objects.get(email="expert@example.com")
    reviewer = User.objects.get(email="reviewer@example.com")
    round = Round.objects.get()
    assert round.submission.owner == expert and round.state == "submitted"
    assert [entry["title"] for entry in round.instrument["rubrics"]] == [
        "Reasoning quality",
        "Domain rigor",
        "Writing clarity",
    ]
    assert all(
        len(entry["rubric"]["scale"]) == 5 and entry["rubric"]["disallow"]
        for entry in round.instrument["rubrics"]
    )
    benchmark = Benchmark.objects.get(owner=expert)
    assert benchmark.items.count() == 12
    assert round.snapshot["artifacts"]["benchmarks"][0]["title"] == benchmark.title
    assert ReviewForm.objects.get(is_active=True).entries.count() == 3
    assert list(review_queue(reviewer, QueueFilters())) == [round]


def test_seed_demo_verifies_one_credential_of_the_expert_once():
    call_command("seed_demo")
    call_command("seed_demo")
    proof = CredentialProof.objects.get()
    assert (proof.owner.email, proof.credential, proof.state) == (
        "expert@example.com",
        "CFA Level II",
        "verified",
    )
    assert proof.decided_by.email == "staff@example.com"
    # Verified before the demo portfolio was submitted, so its round shows it too.
    frozen = Round.objects.get().snapshot["verified_credentials"]
    assert [entry["text"] for entry in frozen] == ["CFA Level II"]
