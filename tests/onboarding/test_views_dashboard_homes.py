"""/dashboard/ by role: the reviewer's work, the staff's pipeline, the expert's checklist only
for experts (someone who is both sees both), each with a flat query count."""

import random
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from account.services import account_delete
from onboarding.models import Review, Round
from onboarding.queries.homes import is_expert
from onboarding.queries.pipeline import reviewers_page
from onboarding.queries.queue import QueueFilters, review_queue
from onboarding.queries.queue_choices import FILTER_CHOICES_KEY
from onboarding.services.assignment import conflict_declare
from onboarding.services.submissions import submission_withdraw
from onboarding.workflow import Decision
from profiles.models import User
from rubrics.models import Rubric
from tests.factories import (
    ReviewFactory,
    RoundFactory,
    RubricFactory,
    SubmissionFactory,
    UserFactory,
    make_profile,
)
from tests.onboarding.review_setup import ready_portfolio, review_form, reviewed, submitted_round

pytestmark = pytest.mark.django_db

URL = "/dashboard/"


def _ago(**delta):
    return timezone.now() - timedelta(**delta)


def test_a_reviewer_without_a_portfolio_gets_no_expert_checklist(client, rita):
    client.force_login(rita)
    response = client.get(URL)
    html = response.content.decode()
    assert response.context["is_expert_home"] is False
    assert "Your onboarding checklist" not in html and "60–90 day plan" not in html
    assert "Your reviewing" in html
    assert "Review pipeline" not in html


def test_an_expert_gets_only_the_checklist(client, alice):
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert "Your onboarding checklist" in html
    assert "Your reviewing" not in html and "Review pipeline" not in html


def test_a_reviewer_who_builds_a_portfolio_sees_both(client, rita):
    ready_portfolio(rita)
    client.force_login(rita)
    html = client.get(URL).content.decode()
    assert "Your onboarding checklist" in html and "Your reviewing" in html


def test_staff_see_the_pipeline_not_the_checklist(client, staff):
    client.force_login(staff)
    html = client.get(URL).content.decode()
    assert "Review pipeline" in html and "Your onboarding checklist" not in html


def test_staff_who_build_a_portfolio_see_the_pipeline_and_the_checklist(client, staff):
    ready_portfolio(staff)
    client.force_login(staff)
    html = client.get(URL).content.decode()
    assert "Review pipeline" in html and "Your onboarding checklist" in html


def test_is_expert_asks_whether_a_reviewer_or_staff_builds_a_portfolio_when_not_told(
    alice, rita, staff
):
    assert [is_expert(person) for person in (alice, rita, staff)] == [True, False, False]
    ready_portfolio(rita)
    RubricFactory(owner=staff, kind=Rubric.Kind.ARTIFACT)
    assert [is_expert(person) for person in (alice, rita, staff)] == [True, True, True]


def test_a_review_rubric_is_not_a_portfolio(client, staff, rita):
    """Staff write the rubrics reviewers score with: they are not portfolio artifacts."""
    RubricFactory(owner=staff, kind=Rubric.Kind.REVIEW)
    RubricFactory(owner=rita, kind=Rubric.Kind.ARTIFACT)
    for person, expert in ((staff, False), (rita, True)):
        client.force_login(person)
        assert client.get(URL).context["is_expert_home"] is expert


@pytest.mark.parametrize("who", ["alice", "rita", "staff"])
@pytest.mark.parametrize("builds", [False, True])
def test_a_home_reads_whether_the_person_builds_a_portfolio_with_their_row(
    client, request, who, builds
):
    """Never a query of its own: the person's row says, whatever their roles."""
    person = request.getfixturevalue(who)
    if builds:
        ready_portfolio(person)
    client.force_login(person)
    with CaptureQueriesContext(connection) as read:
        response = client.get(URL)
    assert response.context["is_expert_home"] is (builds or who == "alice")
    asked_alone = [q for q in read.captured_queries if q["sql"].startswith('SELECT 1 AS "a"')]
    assert asked_alone == []


def test_reviewer_home_shows_held_rounds_domains_decisions_and_agreement(client, rita, staff):
    review_form(staff)
    make_profile(rita, domains=["statistics", "law"], domain_depth={"statistics": 5})
    held = RoundFactory(submission__owner=UserFactory(name="Hana Held"), state="in_review")
    ReviewFactory(round=held, reviewer=rita, claimed_at=_ago(days=2, hours=3))
    RoundFactory(domains=[("finance", 3)])
    RoundFactory(domains=[("finance", 3)])
    RoundFactory(domains=[("statistics", 4)])
    # A round reviewed by rita and raj, who agree.
    raj = UserFactory(name="Raj Reviewer", reviewer=True)
    shared = submitted_round(UserFactory(name="Sam Shared"))
    Round.objects.filter(pk=shared.pk).update(reviews_required=2)
    shared.refresh_from_db()
    reviewed(shared, raj, Decision.APPROVE)
    reviewed(shared, rita, Decision.APPROVE)
    client.force_login(rita)
    response = client.get(URL)
    html = response.content.decode()
    held_rounds = response.context["held"]
    assert [item.review.round_id for item in held_rounds] == [held.pk]
    assert held_rounds[0].held == "2\xa0days, 3\xa0hours"
    assert "Hana Held, round 1" in html
    domains = [(d.name, d.count, d.depth) for d in response.context["queue_domains"]]
    # Her deep domain first, then the busiest of the others.
    assert domains[:2] == [("statistics", 1, 5), ("finance", 3, None)]  # held is finance too
    assert "your deep domain" in html
    assert [r.round_id for r in response.context["recent_decisions"]] == [shared.pk]
    # The latest decisions only; all of them are a link away.
    assert '<a href="/review/?state=mine">Every round you reviewed or hold</a>' in html
    mine = client.get("/review/?state=mine").context["rows"]
    assert {row["pk"] for row in mine} == {held.pk, shared.pk}
    agreement = response.context["my_agreement"]
    assert (agreement.shared_rounds, agreement.same_decision, agreement.percent_same) == (1, 1, 100)
    assert "every reviewer made your decision on 1 (100%)" in html


def _held_and_lapsed(rita, settings) -> tuple[Round, Round]:
    """Rita holds one round for a day and another past the claim limit, not yet expired."""
    settings.CLAIM_DAYS = 7
    held = RoundFactory(submission__owner=UserFactory(name="Hana Held"), state="in_review")
    ReviewFactory(round=held, reviewer=rita, claimed_at=_ago(days=1))
    lapsed = RoundFactory(submission__owner=UserFactory(name="Lea Lapsed"), state="in_review")
    ReviewFactory(round=lapsed, reviewer=rita, claimed_at=_ago(days=8))
    return held, lapsed


def test_reviewer_home_drops_a_lapsed_claim_before_listing_held_rounds(client, rita, settings):
    held, lapsed = _held_and_lapsed(rita, settings)
    client.force_login(rita)
    response = client.get(URL)
    assert [item.review.round_id for item in response.context["held"]] == [held.pk]
    html = response.content.decode()
    assert "Hana Held, round 1" in html and "Lea Lapsed" not in html
    assert not lapsed.reviews.exists()
    lapsed.refresh_from_db()
    assert lapsed.state == "submitted"  # waits in the queue again


def test_staff_pipeline_drops_a_lapsed_claim_before_counting_rounds_held(
    client, staff, rita, settings
):
    held, _lapsed = _held_and_lapsed(rita, settings)
    client.force_login(staff)
    response = client.get(URL)
    loads = {load.reviewer.pk: load.open_claims for load in response.context["reviewer_loads"]}
    assert loads[rita.pk] == 1
    assert list(Review.objects.values_list("round_id", flat=True)) == [held.pk]


def test_staff_pipeline_counts_states_and_waiting_times(client, staff, settings):
    settings.REVIEW_TARGET_DAYS = 7
    for days in (1, 3, 10, 20):
        RoundFactory(submitted_at=_ago(days=days))
    RoundFactory(state="approved", submitted_at=_ago(days=40))
    rita = UserFactory(name="Rita Busy", reviewer=True)
    in_review = RoundFactory(state="in_review", submitted_at=_ago(days=5))
    ReviewFactory(round=in_review, reviewer=rita)
    client.force_login(staff)
    response = client.get(URL)
    per_state = {state: count for state, _label, count in response.context["per_state"]}
    assert per_state["submitted"] == 4 and per_state["in_review"] == 1
    assert per_state["approved"] == 1 and per_state["rejected"] == 0
    waiting = response.context["waiting"]
    assert (waiting.count, waiting.past_target, waiting.target_days) == (5, 2, 7)
    assert waiting.median.startswith("5\xa0days")
    assert waiting.oldest.startswith("2\xa0weeks")
    rows = list(response.context["waiting_rounds"].object_list)
    assert len(rows) == 5 and rows[0].submitted_at < rows[-1].submitted_at
    loads = {load.reviewer.pk: load.open_claims for load in response.context["reviewer_loads"]}
    assert loads[rita.pk] == 1
    html = response.content.decode()
    assert "2 past the 7-day target" in html
    assert f'href="/review/rounds/{in_review.pk}/"' in html


def test_staff_pipeline_query_count_is_flat(client, staff, django_assert_max_num_queries):
    def add(n):
        for _ in range(n):
            round = RoundFactory(state="in_review")
            ReviewFactory(round=round, state=Review.State.CLAIMED)

    add(2)
    RoundFactory(state="adjudication")
    client.force_login(staff)
    # Session, user, the person with their flags, the reviewers page with their loads, the
    # submitted reviews' version and the reviewers' agreement (two: none kept yet), the
    # rounds' figures, the median wait, rounds waiting, rounds awaiting adjudication, and the
    # lapsed claims looked for (once a minute).
    with django_assert_max_num_queries(12) as few:
        client.get(URL)
    few = len(few.captured_queries)
    add(30)  # other reviewers on the page: their agreement is read, not kept
    with django_assert_max_num_queries(few):
        response = client.get(URL)
    assert len(response.context["waiting_rounds"].object_list) == 20
    assert len(response.context["reviewer_loads"]) == 20
    assert response.context["reviewers_page"].paginator.num_pages == 2
    assert "Reviewers pages" in response.content.decode()


def test_reviewer_home_query_count_is_flat(client, rita, django_assert_max_num_queries):
    client.force_login(rita)
    # Session, user, the person with their role and whether they build a portfolio, their
    # open reviews, their domains, conflicts of interest, the rounds kept from them, recent
    # decisions with the submitted reviews' version (no review of hers: no agreement to work
    # out), and the site's open rounds counted (three, once a minute) and the lapsed claims
    # looked for (once a minute).
    with django_assert_max_num_queries(13) as cold:
        client.get(URL)
    with django_assert_max_num_queries(len(cold.captured_queries) - 4) as warm:
        client.get(URL)  # the figures kept, as most visits find them
    warm = len(warm.captured_queries)
    for n in range(15):
        round = RoundFactory(domains=[(f"domain {n}", 3)], state="in_review")
        ReviewFactory(round=round, reviewer=rita)
    cache.delete(FILTER_CHOICES_KEY)  # a minute later: the open rounds counted again
    client.get(URL)
    with django_assert_max_num_queries(warm):
        response = client.get(URL)
    assert len(response.context["held"]) == 10
    assert len(response.context["queue_domains"]) == 12


def test_reviewer_home_counts_the_queue_less_the_rounds_kept_from_the_reviewer(client, rita):
    make_profile(rita, domains=["finance"])
    for _ in range(2):
        RoundFactory(domains=[("Finance", 4)])
    RoundFactory(submission__owner=rita, domains=[("finance", 4)])  # her own
    conflict_declare(actor=rita, other_email="carl@example.com")
    RoundFactory(submission__owner=UserFactory(email="carl@example.com"), domains=[("law", 3)])
    RoundFactory(  # offered first to the reviewer of the previous round
        domains=[("finance", 4), ("law", 2)],
        offered_to=UserFactory(reviewer=True),
        offered_until=timezone.now() + timedelta(days=1),
    )
    RoundFactory(state="approved", domains=[("finance", 4)])  # decided: not waiting
    RoundFactory(domains=[("law", 2)], state="in_review")
    client.force_login(rita)
    response = client.get(URL)
    counts = {d.key: d.count for d in response.context["queue_domains"]}
    assert counts == {"finance": 2, "law": 1}
    assert response.context["waiting_count"] == 3
    assert review_queue(rita, QueueFilters()).count() == 3
    assert "3 rounds waiting for review" in response.content.decode()


def test_staff_see_the_oldest_rounds_awaiting_adjudication_and_how_many(client, staff):
    for days in range(12):
        RoundFactory(
            state="adjudication",
            submitted_at=_ago(days=days + 1),
            submission__owner=UserFactory(name=f"Expert {days:02}"),
        )
    RoundFactory(state="in_review", submission__owner=UserFactory(name="Not Disputed"))
    client.force_login(staff)
    response = client.get(URL)
    shown = response.context["adjudication"]
    assert response.context["adjudication_count"] == 12
    assert [r.expert_name for r in shown] == [f"Expert {days:02}" for days in range(11, 1, -1)]
    html = response.content.decode()
    assert "12 rounds where the reviewers disagree" in html
    # The rest are a link away: the queue filtered to them.
    assert 'These are the 10 oldest. <a href="/review/?state=adjudication">All 12' in html
    queue = client.get("/review/?state=adjudication").context["page"]
    assert queue.paginator.count == 12
    assert (
        f'href="/review/rounds/{shown[0].pk}/"' in html
        and "Not Disputed" not in html.split("adjudication-heading")[1].split("</section>")[0]
    )


def _queue_counts(user) -> tuple[dict[str, int], int]:
    """The reviewer's queue itself counted by domain: what the dashboard's counts stand for."""
    rounds = review_queue(user, QueueFilters(sort="oldest"))
    by_key: dict[str, int] = {}
    for round in rounds:
        for key in {domain["name"].casefold() for domain in round.queue_domains}:
            by_key[key] = by_key.get(key, 0) + 1
    return by_key, rounds.count()


@pytest.mark.parametrize("seed", range(3))
def test_reviewer_home_counts_equal_the_queue_itself(client, rita, seed):
    rng = random.Random(seed)
    make_profile(rita, domains=["finance", "law"])
    conflict_declare(actor=rita, other_email="carl@example.com")
    carl = UserFactory(email="carl@example.com")
    colleague = UserFactory(email="x@acme.org")  # the same employer as rita, below
    rita.email = "rita@acme.org"
    rita.save()
    other = UserFactory(reviewer=True)
    names = ["Finance", "finance", "LAW", "law", "Statistics", "ß-domain", "SS-domain"]
    submissions = {user.pk: SubmissionFactory(owner=user) for user in (rita, carl, colleague)}
    for number in range(25):
        owner = rng.choice([rita, carl, colleague, None, None, None])
        extra = {"number": number + 1}
        if owner is not None:
            extra["submission"] = submissions[owner.pk]
        if rng.random() < 0.2:
            extra["offered_to"] = rng.choice([rita, other])
            extra["offered_until"] = timezone.now() + timedelta(days=rng.choice([-1, 1]))
        RoundFactory(
            state=rng.choice(["submitted", "in_review", "approved", "withdrawn", "adjudication"]),
            domains=[(name, rng.randint(1, 5)) for name in rng.sample(names, rng.randint(1, 3))],
            **extra,
        )
    client.force_login(rita)
    response = client.get(URL)
    shown = {domain.key: domain.count for domain in response.context["queue_domains"]}
    expected, waiting = _queue_counts(rita)
    assert shown == {key: expected[key] for key in shown}
    assert response.context["waiting_count"] == waiting


@pytest.mark.parametrize("whose", ["her own", "a conflicted expert's"])
def test_reviewer_home_stops_counting_a_round_kept_from_her_once_it_leaves_the_queue(
    client, rita, whose, django_capture_on_commit_callbacks
):
    make_profile(rita, domains=["law"])
    owner = rita
    if whose != "her own":
        conflict_declare(actor=rita, other_email="carl@example.com")
        owner = UserFactory(email="carl@example.com")
    kept = RoundFactory(submission__owner=owner, domains=[("law", 3)])
    client.force_login(rita)
    first = client.get(URL)
    assert first.context["waiting_count"] == 0 and first.context["queue_domains"] == []
    with django_capture_on_commit_callbacks(execute=True):
        submission_withdraw(actor=owner, round=kept)
    response = client.get(URL)
    assert response.context["waiting_count"] == 0
    assert response.context["queue_domains"] == []


def test_staff_pipeline_counts_reviews_of_the_last_90_days_exactly(staff):
    now = timezone.now().replace(hour=12, minute=0)
    raj = UserFactory(name="Raj", reviewer=True)
    review = ReviewFactory(reviewer=raj)
    Review.objects.filter(pk=review.pk).update(
        state=Review.State.SUBMITTED,
        decision=Decision.APPROVE,
        submitted_at=now - timedelta(days=90, minutes=5),
    )
    _page, loads = reviewers_page(None, now=now)
    assert {load.reviewer.pk: load.recent_reviews for load in loads}[raj.pk] == 0


def test_reviewer_home_stops_counting_the_rounds_of_a_deleted_account(
    client, rita, django_capture_on_commit_callbacks
):
    conflict_declare(actor=rita, other_email="carl@example.com")
    carl = UserFactory(email="carl@example.com")
    RoundFactory(submission__owner=carl, domains=[("law", 3)])
    client.force_login(rita)
    assert client.get(URL).context["waiting_count"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        account_delete(actor=carl)
    response = client.get(URL)
    assert response.context["waiting_count"] == 0
    assert response.context["queue_domains"] == []


def test_reviewer_home_rows_link_each_round_and_say_what_became_of_it(client, rita, staff):
    review_form(staff)
    decided = submitted_round(UserFactory(name="Dee <Decided>"))
    review = Review.objects.get(pk=reviewed(decided, rita, Decision.REQUEST_CHANGES).pk)
    held = RoundFactory(submission__owner=UserFactory(name="Hal Held"), state="in_review")
    ReviewFactory(round=held, reviewer=rita, claimed_at=_ago(days=6, hours=12))
    RoundFactory(domains=[("Machine learning & AI", 3)])
    client.force_login(rita)
    html = client.get(URL).content.decode()
    submitted = timezone.localtime(review.submitted_at)
    assert (
        f'<li><a href="/review/rounds/{decided.pk}/">Dee &lt;Decided&gt;, round 1</a>: request '
        f'changes <span class="small text-body-secondary"><time datetime="'
        f'{submitted.isoformat(timespec="seconds")}">'
        f"{submitted.day} {submitted:%b %Y}</time> · round changes requested</span></li>"
    ) in html
    expires = timezone.localtime(held.reviews.get().claimed_at + timedelta(days=7))
    assert f'<a href="/review/rounds/{held.pk}/">Hal Held, round 1</a>' in html
    assert (
        "<strong>the claim expires</strong> "
        f'<time datetime="{expires.isoformat(timespec="seconds")}">'
        f"{expires.day} {expires:%b, %H:%M}</time>"
    ) in html
    assert (
        '<a href="/review/?domain=machine%20learning%20%26%20ai">Machine learning &amp; AI</a>'
        in html
    )


def _shared_round(expert_name: str, *reviewers, decision=Decision.APPROVE) -> Round:
    """A round of a new expert that each of `reviewers` reviewed and submitted."""
    shared = submitted_round(UserFactory(name=expert_name))
    Round.objects.filter(pk=shared.pk).update(reviews_required=len(reviewers))
    shared.refresh_from_db()
    for reviewer in reviewers:
        reviewed(shared, reviewer, decision)
    return shared


def _agreement_read(client) -> tuple[tuple[int, int], list[str]]:
    """The reviewer's agreement on their home (rounds shared, the same decision on), and the
    queries the visit ran."""
    with CaptureQueriesContext(connection) as queries:
        agreement = client.get(URL).context["my_agreement"]
    return (agreement.shared_rounds, agreement.same_decision), [q["sql"] for q in queries]


def reads_agreement(sql: list[str]) -> bool:
    """Whether the visit worked the figures out (they read every shared round's scores)."""
    return any('FROM "portfolio_reviewscore"' in query for query in sql)


def test_reviewer_home_keeps_the_agreement_until_a_review_that_may_change_it(
    client, rita, staff, django_capture_on_commit_callbacks
):
    review_form(staff)
    raj = UserFactory(name="Raj Reviewer", reviewer=True)
    _shared_round("Sam Shared", raj, rita)
    client.force_login(rita)
    assert _agreement_read(client)[0] == (1, 1)
    figures, sql = _agreement_read(client)
    assert figures == (1, 1) and not reads_agreement(sql)
    # No query of its own for what they are kept under: the recent decisions bring it.
    assert not any(query.startswith("SELECT COUNT(*)") for query in sql)
    # Another reviewer's review of a round rita reviewed: worked out again.
    later = submitted_round(UserFactory(name="Lou Later"))
    Round.objects.filter(pk=later.pk).update(reviews_required=2)
    reviewed(Round.objects.get(pk=later.pk), rita, Decision.APPROVE)
    assert _agreement_read(client)[0] == (1, 1)  # her own review: read again, still one
    reviewed(Round.objects.get(pk=later.pk), raj, Decision.REJECT)
    figures, sql = _agreement_read(client)
    assert figures == (2, 1) and reads_agreement(sql)
    # A round she reviewed goes with its expert's account, and no review is submitted.
    with django_capture_on_commit_callbacks(execute=True):
        account_delete(actor=User.objects.get(name="Sam Shared"))
    assert _agreement_read(client)[0] == (1, 0)


def test_reviewer_home_of_a_reviewer_with_no_review_reads_no_agreement(client, rita, staff):
    """She shares no round with anyone, whatever others submit: nothing to work out."""
    review_form(staff)
    raj, ria = (UserFactory(reviewer=True) for _ in range(2))
    _shared_round("Sam Shared", raj, ria)
    client.force_login(rita)
    figures, sql = _agreement_read(client)
    assert figures == (0, 0) and not reads_agreement(sql)
    _shared_round("Lou Later", raj, ria)
    figures, sql = _agreement_read(client)
    assert figures == (0, 0) and not reads_agreement(sql)
