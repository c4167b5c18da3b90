"""/submit/: the pre-flight check, submitting, withdrawing, and the expert's own rounds."""

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.safestring import SafeString

from onboarding.confirmations import CONFIRMATIONS
from onboarding.models import Round
from onboarding.queries import frozen
from onboarding.services.reviews import review_claim
from onboarding.services.submissions import submission_submit
from onboarding.workflow import Decision, State
from tests.factories import RoundFactory, SubmissionFactory, WorkSampleFactory, make_profile
from tests.onboarding.review_setup import (
    grow_portfolio,
    ready_portfolio,
    review_form,
    reviewed,
    submitted_round,
)

pytestmark = pytest.mark.django_db

URL = "/submit/"
CONFIRMED = dict.fromkeys(CONFIRMATIONS, "on")


def test_submit_urls_are_stable():
    assert reverse("submit") == URL
    assert reverse("submission_round", args=[7]) == "/submit/rounds/7/"
    assert reverse("submission_withdraw", args=[7]) == "/submit/rounds/7/withdraw/"


def test_submit_preflight_lists_what_is_missing(client, alice):
    make_profile(alice)
    WorkSampleFactory(owner=alice, title="Memo")
    client.force_login(alice)
    response = client.get(URL)
    html = response.content.decode()
    assert [check.ok for check in response.context["checks"]] == [True, True, False, False, False]
    assert "Only 1 work sample so far: “Memo” (link). Add one more." in html
    assert 'href="/rubrics/new/">Build a rubric</a>' in html
    assert 'href="/portfolio/benchmarks/new/">Add a benchmark</a>' in html
    assert "Finish the missing items above" in html
    assert "Submit round 1 for review" not in html


def test_submit_preflight_asks_for_every_check_it_lists(client, alice):
    client.force_login(alice)
    response = client.get(URL)
    html = response.content.decode()
    # The sentence names no count, so it agrees with the list however many checks it has.
    assert "Reviewers need every one of these before you can submit." in html
    assert "all four" not in html
    assert html.count('class="checklist-item ') == len(response.context["checks"])


def test_submit_when_ready_offers_the_button(client, alice):
    ready_portfolio(alice)
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert all(check.ok for check in client.get(URL).context["checks"])
    assert "Submit round 1 for review" in html


def test_submit_query_count_is_flat(client, alice, rita, staff, django_assert_max_num_queries):
    review_form(staff)
    reviewed(submitted_round(alice), rita, Decision.REQUEST_CHANGES, score=2)
    client.force_login(alice)
    # Session, user, the person with their profile and role, rounds, and in one query the
    # work samples (with their files), evidence, rubrics, benchmarks, their items (both for
    # the personal-data check) and the profile's lists.
    with django_assert_max_num_queries(5) as few:
        client.get(URL)
    grow_portfolio(alice)
    submission_submit(actor=alice, confirmed=CONFIRMATIONS)
    # The kept document's work samples changed: the profile's lists are read on their own.
    with django_assert_max_num_queries(len(few.captured_queries) + 1):
        response = client.get(URL)
    assert [round.number for round in response.context["rounds"]] == [2, 1]
    assert "13 rubrics" in response.content.decode()


def withdrawn_rounds(submission, numbers) -> None:
    for number in numbers:
        RoundFactory(submission=submission, number=number, state=State.WITHDRAWN)


def test_submit_lists_the_rounds_a_page_at_a_time_in_flat_queries(
    client, alice, django_assert_max_num_queries
):
    submission = SubmissionFactory(owner=alice)
    withdrawn_rounds(submission, range(1, 4))
    client.force_login(alice)
    client.get(URL)
    with django_assert_max_num_queries(5) as few:
        client.get(URL)
    withdrawn_rounds(submission, range(4, 34))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    page = response.context["rounds_page"]
    assert (page.paginator.count, page.paginator.num_pages) == (33, 2)
    assert [round.number for round in response.context["rounds"]] == list(range(33, 13, -1))
    assert response.context["latest"].number == 33
    assert "Page 1 of 2" in response.content.decode()
    with django_assert_max_num_queries(len(few.captured_queries) + 1):
        response = client.get(URL + "?page=2")
    assert [round.number for round in response.context["rounds"]] == list(range(13, 0, -1))
    # The latest round still decides what the page offers, whichever page lists it.
    assert response.context["latest"].number == 33
    assert response.context["next_number"] == 34


def test_submit_post_freezes_round_one(client, alice, staff):
    review_form(staff)
    ready_portfolio(alice)
    client.force_login(alice)
    response = client.post(URL, CONFIRMED)
    assert response.status_code == 302 and response["Location"] == URL
    round = Round.objects.get()
    assert (round.submission.owner, round.number, round.state) == (alice, 1, State.SUBMITTED)
    page = client.get(URL).content.decode()
    assert "Round 1 is submitted." in page
    assert "Withdraw round 1" in page
    assert "Round 1 is with the reviewers" in page
    assert f'href="/submit/rounds/{round.pk}/">Open round 1</a>' in page


def test_submit_post_not_ready_saves_nothing_and_says_why(client, alice):
    make_profile(alice)
    client.force_login(alice)
    response = client.post(URL, CONFIRMED)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was submitted:" in html
    assert "A reasoning rubric:" in html
    assert not Round.objects.exists()


def test_submit_post_twice_keeps_one_round(client, alice):
    ready_portfolio(alice)
    client.force_login(alice)
    client.post(URL, CONFIRMED)
    response = client.post(URL, CONFIRMED)
    assert response.status_code == 200
    assert "Round 1 is with the reviewers" in response.content.decode()
    assert Round.objects.count() == 1


def test_submit_after_changes_requested_offers_round_two(client, alice, rita):
    reviewed(submitted_round(alice), rita, Decision.REQUEST_CHANGES)
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert "Resubmit" in html and "Submit round 2 for review" in html
    client.post(URL, CONFIRMED)
    assert list(Round.objects.values_list("number", "state")) == [
        (1, State.CHANGES_REQUESTED),
        (2, State.SUBMITTED),
    ]


def test_submit_page_explains_rejection_is_final_for_a_while(client, alice, settings):
    settings.RESUBMIT_AFTER_REJECTION_DAYS = 180
    client.force_login(alice)
    assert "you may submit a revised one 180 days after the decision" in (
        client.get(URL).content.decode()
    )


def test_submit_anonymous_and_wrong_method(client, alice):
    assert client.get(URL)["Location"] == f"/accounts/login/?next={URL}"
    assert client.post(URL, CONFIRMED)["Location"] == f"/accounts/login/?next={URL}"
    client.force_login(alice)
    assert client.put(URL).status_code == 405
    assert not Round.objects.exists()


# --- Withdrawing -------------------------------------------------------------------------------


def withdraw_url(round) -> str:
    return f"/submit/rounds/{round.pk}/withdraw/"


def test_withdraw_before_a_review_starts(client, alice):
    round = submitted_round(alice)
    client.force_login(alice)
    response = client.post(withdraw_url(round))
    assert response["Location"] == URL
    round.refresh_from_db()
    assert round.state == State.WITHDRAWN
    assert "Round 1 is withdrawn" in client.get(URL).content.decode()


def test_withdraw_sent_twice_says_it_was_withdrawn_already(client, alice):
    round = submitted_round(alice)
    client.force_login(alice)
    client.post(withdraw_url(round))  # a double click
    response = client.post(withdraw_url(round), follow=True)
    html = response.content.decode()
    assert "Round 1 was withdrawn already." in html
    assert "can no longer be withdrawn" not in html and "alert-danger" not in html
    round.refresh_from_db()
    assert round.state == State.WITHDRAWN
    assert round.audit_entries.filter(action="withdrawn").count() == 1


def test_withdraw_after_a_claim_is_refused_with_a_message(client, alice, rita):
    round = submitted_round(alice)
    review_claim(actor=rita, round=round)
    client.force_login(alice)
    response = client.post(withdraw_url(round), follow=True)
    assert "can no longer be withdrawn" in response.content.decode()
    round.refresh_from_db()
    assert round.state == State.IN_REVIEW


@pytest.mark.parametrize("who", ["bob", "rita", "staff"])
def test_withdraw_someone_elses_round_is_404(client, alice, bob, rita, staff, who):
    round = submitted_round(alice)
    client.force_login({"bob": bob, "rita": rita, "staff": staff}[who])
    assert client.post(withdraw_url(round)).status_code == 404
    round.refresh_from_db()
    assert round.state == State.SUBMITTED


def test_withdraw_anonymous_and_wrong_method(client, alice):
    round = submitted_round(alice)
    assert client.post(withdraw_url(round))["Location"].startswith("/accounts/login/")
    client.force_login(alice)
    assert client.get(withdraw_url(round)).status_code == 405
    round.refresh_from_db()
    assert round.state == State.SUBMITTED


# --- The expert's own round page ---------------------------------------------------------------


def own_url(round) -> str:
    return f"/submit/rounds/{round.pk}/"


def test_own_round_page_shows_the_snapshot(client, alice):
    round = submitted_round(alice)
    client.force_login(alice)
    html = client.get(own_url(round)).content.decode()
    assert "Your portfolio, round 1" in html
    assert "Alice Expert: evaluator of financial reasoning" in html
    assert "Lease pilot" in html and "Grading notes" in html
    assert "This is exactly what the reviewers read." in html
    assert "(checked just now). Your later edits do not change it." in html
    assert "Claim this round" not in html and "Your review" not in html


def test_own_round_page_counts_the_reviewers_without_reading_their_reviews(
    client, alice, rita, staff
):
    review_form(staff)
    round = submitted_round(alice)
    review_claim(actor=rita, round=round)
    client.force_login(alice)
    with CaptureQueriesContext(connection) as read:
        html = client.get(own_url(round)).content.decode()
    assert "· 1 of 1 reviewer" in html
    reviews = [q for q in read.captured_queries if q["sql"].startswith('SELECT "portfolio_review"')]
    assert reviews == []


def test_own_round_page_counts_the_reviewers_of_a_decided_round(client, alice, rita, staff):
    review_form(staff)
    round = submitted_round(alice)
    reviewed(round, rita, Decision.REQUEST_CHANGES)
    client.force_login(alice)
    html = client.get(own_url(round)).content.decode()
    assert "· 1 of 1 reviewer" in html and "Reviewer 1" in html


def test_own_round_page_works_for_an_expert_who_is_also_a_reviewer(client, alice, rita):
    theirs = submitted_round(alice)
    client.force_login(alice)
    with CaptureQueriesContext(connection) as expert:
        assert "Review queue" not in client.get(own_url(theirs)).content.decode()
    round = submitted_round(rita)
    client.force_login(rita)
    with CaptureQueriesContext(connection) as reviewer:
        assert "Review queue" in client.get(own_url(round)).content.decode()
    # Whether she reviews comes with her round: no query of its own.
    assert len(reviewer.captured_queries) == len(expert.captured_queries)


@pytest.mark.parametrize("who", ["bob", "rita", "staff"])
def test_own_round_page_for_anyone_else_is_404(client, alice, bob, rita, staff, who):
    round = submitted_round(alice)
    client.force_login({"bob": bob, "rita": rita, "staff": staff}[who])
    assert client.get(own_url(round)).status_code == 404


def test_own_round_page_anonymous_and_wrong_method(client, alice):
    round = submitted_round(alice)
    assert client.get(own_url(round))["Location"] == f"/accounts/login/?next={own_url(round)}"
    client.force_login(alice)
    assert client.post(own_url(round)).status_code == 405


@pytest.mark.parametrize("blind", [False, True])
def test_submit_post_builds_the_frozen_copy_for_its_readers(
    client, alice, rita, staff, settings, blind
):
    """Submitting builds the round's frozen copy, blind too when reviewers read blind: the
    expert's and the reviewer's first visits read it rather than build it, and it is the
    copy a visit would have built."""
    settings.BLIND_REVIEW = blind
    review_form(staff)
    ready_portfolio(alice)
    client.force_login(alice)
    client.post(URL, CONFIRMED)
    round = Round.objects.get()
    keys = {b: frozen.frozen_copy_key(round, blind=b) for b in (False, True)}
    kept = {b: cache.get(key) for b, key in keys.items()}
    assert kept[False] is not None and (kept[True] is not None) == blind
    # Marked, the kept copies show the visits read them rather than build their own.
    for b in {False, blind}:
        marked = kept[b]["body"] + SafeString(f"<!-- kept {b} -->")
        cache.set(keys[b], {**kept[b], "body": marked})
    own = client.get(f"/submit/rounds/{round.pk}/").content.decode()
    client.force_login(rita)
    theirs = client.get(f"/review/rounds/{round.pk}/").content.decode()
    assert kept[False]["body"] + "<!-- kept False -->" in own
    assert kept[blind]["body"] + f"<!-- kept {blind} -->" in theirs
    # Nothing kept: the visit builds the copy, the same as submitting kept.
    cache.clear()
    client.get(f"/review/rounds/{round.pk}/")
    assert cache.get(keys[blind]) == kept[blind]


@pytest.mark.parametrize("blind", [False, True])
def test_resubmitting_keeps_the_copy_a_visit_would_build_with_its_changes(
    client, alice, rita, staff, settings, blind
):
    settings.BLIND_REVIEW = blind
    review_form(staff)
    reviewed(submitted_round(alice), rita, Decision.REQUEST_CHANGES)
    WorkSampleFactory(owner=alice, title='Added <script>x</script> & "more"')
    client.force_login(alice)
    client.post(URL, CONFIRMED)
    second = Round.objects.get(number=2)
    key = frozen.frozen_copy_key(second, blind=blind)
    kept = cache.get(key)
    assert "Changes since round 1" in kept["nav"]
    assert "Added &lt;script&gt;x&lt;/script&gt; &amp; &quot;more&quot;" in kept["body"]
    cache.clear()
    client.force_login(rita)
    assert client.get(f"/review/rounds/{second.pk}/").status_code == 200
    assert cache.get(key) == kept


def refuse_round_file_reads(execute, sql, params, many, context):
    """The database failing the frozen copy's one read the submission itself never makes:
    the round's files (the submission writes them, the copy reads them for their previews)."""
    if sql.startswith("SELECT") and 'FROM "portfolio_roundfile"' in sql:
        raise OperationalError("the connection to the database was lost")
    return execute(sql, params, many, context)


def test_submit_post_is_kept_when_its_frozen_copy_cannot_be_built(client, alice, staff, caplog):
    """The copy is only a head start: submitting succeeds without it, and the round's
    first visit builds it."""
    review_form(staff)
    ready_portfolio(alice)
    client.force_login(alice)
    with connection.execute_wrapper(refuse_round_file_reads):
        response = client.post(URL, CONFIRMED, follow=True)
    round = Round.objects.get()
    assert response.redirect_chain == [(URL, 302)]
    assert "Round 1 is submitted." in response.content.decode()
    assert "its frozen copy was not built on submitting" in caplog.text
    assert "the connection to the database was lost" in caplog.text
    assert round.files.count() == 1
    assert cache.get(frozen.frozen_copy_key(round)) is None
    html = client.get(f"/submit/rounds/{round.pk}/").content.decode()
    assert "Reasoning rubric" in html and cache.get(frozen.frozen_copy_key(round)) is not None
