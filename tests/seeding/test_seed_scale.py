"""`manage.py seed_scale`: synthetic experts in bulk, shaped like real submissions."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Q
from django.utils import timezone

from onboarding.checklist import blocking_problems
from onboarding.models import AuditEntry, Review, ReviewForm, Round, RoundCredential, RoundDomain
from onboarding.queries.calibration import calibration
from onboarding.queries.queue import QueueFilters, review_queue
from onboarding.snapshots import freeze_portfolio, snapshot_sha256
from onboarding.validators import review_problems
from onboarding.workflow import DECIDED, DRAFT, State, can_transition
from portfolio.documents import document_samples_version, profile_document_of, stored_document
from portfolio.models import Benchmark, BenchmarkItem, WorkSample
from profiles.documents import document_shape
from profiles.models import Profile, User
from profiles.permissions import is_reviewer
from profiles.schema import document_errors
from profiles.shape import Shape
from seeding.plan.experts import plan_expert
from seeding.scale import DEFAULT_SEED, SEED_PASSWORD

pytestmark = pytest.mark.django_db

EXPERTS = 25


def seed(experts: int = EXPERTS, *args: str) -> str:
    out = StringIO()
    call_command("seed_scale", "--experts", str(experts), *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def output() -> str:
    return seed()


def experts():
    return User.objects.filter(email__regex=r"^scale-[0-9]+@example\.com$")


def test_seed_scale_creates_experts_reviewers_and_staff(output):
    assert experts().count() == EXPERTS
    assert Profile.objects.filter(user__in=experts()).count() == EXPERTS
    reviewers = User.objects.filter(email__startswith="scale-reviewer-")
    assert reviewers.count() == 5
    assert all(is_reviewer(reviewer) for reviewer in reviewers)
    assert User.objects.get(email="scale-staff@example.com").is_staff
    # Written by the database, on either way in (COPY on PostgreSQL, bulk_create on SQLite).
    assert set(User.objects.values_list("email_domain", flat=True)) == {"EXAMPLE.COM"}
    assert ReviewForm.objects.get(is_active=True).entries.count() == 3
    assert f"experts {EXPERTS}/{EXPERTS}" in output
    assert re.search(rf"profiles\.User +{EXPERTS + 6}$", output, re.M)  # and reviewers, staff
    assert re.search(r"Seeded 25 experts in [0-9.]+ s", output)


def test_seed_scale_gives_every_expert_a_portfolio(output):
    for user in experts():
        assert user.rubrics.count() >= 1
        assert WorkSample.objects.filter(owner=user).count() >= 2
    benchmarks = Benchmark.objects.annotate(items_count=Count("items"))
    assert benchmarks.filter(items_count__gte=10, items_count__lte=20).exists()  # pilots
    assert benchmarks.filter(items_count__lt=10).exists()
    assert Profile.objects.filter(visibility="public").exists()
    assert Profile.objects.exclude(visibility="public").exists()
    # Every item holds its benchmark's owner, which the integrity matches count.
    items = BenchmarkItem.objects.values_list("owner_id", "benchmark__owner_id")
    assert items and all(owner == benchmark_owner for owner, benchmark_owner in items)


def test_seed_scale_stores_every_profile_with_its_document(output):
    for profile in Profile.objects.filter(user__in=experts()):
        stored = stored_document(profile)
        assert stored is not None and stored.document == profile_document_of(profile)
        assert stored.samples_version == document_samples_version(profile.pk)


def test_seed_scale_public_profiles_answer(client, output):
    profile = Profile.objects.filter(visibility="public").first()
    response = client.get(f"/p/{profile.slug}/")
    assert response.status_code == 200
    assert profile.headline in response.content.decode()


def test_seed_scale_rounds_reach_every_state(output):
    assert set(Round.objects.values_list("state", flat=True)) == set(State.values)
    resubmitted = Round.objects.filter(number=2)
    assert resubmitted.exists()
    for second in resubmitted:
        first = Round.objects.get(submission=second.submission, number=1)
        assert first.state == State.CHANGES_REQUESTED
        assert second.state in (State.SUBMITTED, State.IN_REVIEW)
        assert first.snapshot != second.snapshot
        assert first.decided_at < second.submitted_at


def test_seed_scale_snapshots_are_what_submitting_freezes(output):
    rounds = list(Round.objects.select_related("submission__owner").order_by("number"))
    latest = {round.submission_id: round for round in rounds}
    for round in rounds:
        document = round.snapshot["profile"]
        assert round.snapshot_sha256 == snapshot_sha256(round.snapshot)
        assert document_errors(document) == []
        shape = document_shape(document)
        assert round.shape == shape.shape.value
        assert round.headline == document["headline"]
        assert round.expert_name == round.submission.owner.name
        assert [(d.name, d.key, d.depth) for d in round.domains.all()] == [
            (d.name, d.name.casefold(), d.depth) for d in shape.domains
        ]
        assert [c.text for c in round.credentials.all()] == document.get("credentials", [])
        assert round.queue_domains == [{"name": d.name, "depth": d.depth} for d in shape.domains]
        assert round.queue_credentials == document.get("credentials", [])
        assert [entry["title"] for entry in round.instrument["rubrics"]] == [
            "Reasoning quality",
            "Domain rigor",
            "Writing clarity",
        ]
    for round in latest.values():
        frozen = freeze_portfolio(round.submission.owner)
        assert frozen.snapshot == round.snapshot
        assert frozen.checklists == round.checklists
        assert blocking_problems(frozen) == []
    assert len({round.shape for round in rounds}) >= 4


def test_seed_scale_reviews_score_the_instrument_and_decide(output):
    for round in Round.objects.prefetch_related("reviews__scores", "reviews__flags"):
        submitted = [r for r in round.reviews.all() if r.state == Review.State.SUBMITTED]
        if round.state in DECIDED:
            assert len(submitted) == round.reviews_required
            assert round.decision and round.decided_at
            agreed = {r.decision for r in submitted} == {round.decision}
            assert agreed or round.decided_by.email == "scale-staff@example.com"
        if round.state == State.ADJUDICATION:
            assert len({r.decision for r in submitted}) == 2
        if round.state in (State.SUBMITTED, State.WITHDRAWN):
            assert not round.reviews.all()
        for review in submitted:
            scores = {s.rubric_position: s.score for s in review.scores.all()}
            flags: dict[int, set[int]] = {}
            for flag in review.flags.all():
                flags.setdefault(flag.rubric_position, set()).add(flag.behaviour_position)
            problems = review_problems(
                round.instrument,
                scores=scores,
                flags=flags,
                decision=review.decision,
                comment=review.comment,
                final=True,
            )
            assert problems == {}
    assert calibration().rounds_multiple >= 1


def test_seed_scale_audit_log_follows_the_workflow(output):
    for round in Round.objects.prefetch_related("audit_entries"):
        entries = list(round.audit_entries.all())
        first, *later = entries
        assert (first.action, first.from_state, first.to_state) == (
            AuditEntry.Action.SUBMITTED,
            DRAFT,
            State.SUBMITTED,
        )
        state = State.SUBMITTED
        for entry in later:
            assert entry.from_state == state
            assert entry.to_state == state or can_transition(state, entry.to_state)
            state = entry.to_state
        assert state == round.state
        assert [entry.at for entry in entries] == sorted(entry.at for entry in entries)
        assert entries[-1].at <= timezone.now()


def test_seed_scale_fills_the_reviewer_queue(output):
    reviewer = User.objects.get(email="scale-reviewer-1@example.com")
    waiting = list(review_queue(reviewer, QueueFilters()))
    assert waiting
    assert {round.state for round in waiting} == {State.SUBMITTED, State.IN_REVIEW}
    ages = [(timezone.now() - round.submitted_at).days for round in Round.objects.all()]
    assert min(ages) < 30 < max(ages) <= 60
    old = list(review_queue(reviewer, QueueFilters(waiting=30)))
    assert old and len(old) < len(waiting)
    domain = RoundDomain.objects.filter(round__in=waiting).first()
    by_domain = review_queue(reviewer, QueueFilters(domain=domain.name))
    assert domain.round in by_domain
    credential = RoundCredential.objects.filter(round__in=waiting).first()
    assert credential.round in review_queue(reviewer, QueueFilters(credential=credential.text))


def test_seed_scale_printed_logins_work(client, output):
    assert SEED_PASSWORD in output
    for role in ("expert", "reviewer", "staff"):
        email = re.search(rf"^  {role} +(\S+@example\.com)$", output, re.M).group(1)
        response = client.post("/accounts/login/", {"username": email, "password": SEED_PASSWORD})
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(User.objects.get(email=email).pk)
        client.logout()


def test_seed_scale_twice_continues_numbering():
    seed(5)
    output = seed(5)
    assert sorted(experts().values_list("email", flat=True)) == sorted(
        f"scale-{n}@example.com" for n in range(1, 11)
    )
    assert "expert    scale-6@example.com" in output
    assert User.objects.filter(email__startswith="scale-reviewer-").count() == 5
    assert User.objects.filter(email="scale-staff@example.com").count() == 1
    assert ReviewForm.objects.count() == 1


def test_seed_scale_adds_to_the_demo_data():
    call_command("seed_demo", stdout=StringIO())
    demo_round = Round.objects.get()
    seed(5)
    assert (
        User.objects.filter(email__in=["expert@example.com", "reviewer@example.com"]).count() == 2
    )
    assert ReviewForm.objects.count() == 1  # the demo's form scores the seeded rounds too
    assert Round.objects.filter(pk=demo_round.pk, state=State.SUBMITTED).exists()
    assert Round.objects.filter(~Q(pk=demo_round.pk)).count() >= 4


def test_seed_scale_is_deterministic():
    now = timezone.now()

    def planned(seed: int, number: int):
        plan = plan_expert(seed=seed, number=number, password_hash="x", now=now)
        items = [[item.prompt for item in items] for _, items in plan.benchmarks]
        return plan.user.name, plan.document, plan.story, items

    assert planned(DEFAULT_SEED, 7) == planned(DEFAULT_SEED, 7)
    assert planned(DEFAULT_SEED, 7) != planned(DEFAULT_SEED + 1, 7)
    shapes = {
        document_shape(plan_expert(seed=1, number=n, password_hash="x", now=now).document).shape
        for n in range(200)
    }
    assert shapes == set(Shape)


def test_seed_scale_refuses_no_experts():
    with pytest.raises(CommandError, match="at least 1"):
        seed(0)
    assert not User.objects.exists()
