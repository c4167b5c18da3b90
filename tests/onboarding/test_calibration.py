"""Reviewer agreement from stored reviews, against figures worked out by hand, and its page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from onboarding.models import Review, ReviewScore
from onboarding.queries.calibration import calibration, reviewer_agreements
from onboarding.workflow import Decision
from profiles.models import User
from tests.factories import RoundFactory, UserFactory
from tests.onboarding.review_setup import review_form, reviewed, submitted_round
from tests.planner import index_plan

pytestmark = pytest.mark.django_db

URL = "/review/calibration/"
RIGOR, CLARITY = 11, 12  # rubric ids as frozen in the instrument


def give(round, reviewer, decision, scores: dict[int, int | None], *, state="submitted"):
    review = Review.objects.create(
        round=round,
        reviewer=reviewer,
        state=state,
        decision=decision if state == "submitted" else "",
        submitted_at=timezone.now() if state == "submitted" else None,
    )
    titles = {RIGOR: "Domain rigor", CLARITY: "Writing clarity"}
    ReviewScore.objects.bulk_create(
        ReviewScore(
            review=review,
            rubric_position=position,
            rubric_key=key,
            rubric_title=titles[key],
            score=score,
        )
        for position, (key, score) in enumerate(scores.items())
    )


@pytest.fixture
def scored(rita):
    """Two rounds scored by two reviewers, one round by one, and an unfinished draft.

    Domain rigor: round 1 gave 5 and 4, round 2 gave 3 and 3. Ordinal alpha by hand:
    n = 4 values with counts 3:2, 4:1, 5:1, so the ordinal positions are 1, 2.5 and 3.5.
    D_o = (1/4)(1 + 1) = 1/2 (the pair 5–4, both ways, δ² = 1).
    D_e = 2 (2·1·1.5² + 2·1·2.5² + 1·1·1²) / (4·3) = 36/12 = 3. α = 1 − (1/2)/3 = 5/6.
    Writing clarity: 2 and 2, 4 and 4: perfect agreement, α = 1.
    Pooled: values 2:2, 3:2, 4:3, 5:1 (n = 8), positions 1, 3, 5.5, 7.5.
    D_o = 2·2²/8 = 1 (the pair 5–4 again, now 2 apart), D_e = 624/56,
    α = 1 − 56/624 = 71/78 ≈ 0.910.
    """
    raj = UserFactory(reviewer=True, name="Raj")
    first, second, single = RoundFactory(), RoundFactory(), RoundFactory()
    give(first, rita, Decision.APPROVE, {RIGOR: 5, CLARITY: 2})
    give(first, raj, Decision.APPROVE, {RIGOR: 4, CLARITY: 2})
    give(second, rita, Decision.APPROVE, {RIGOR: 3, CLARITY: 4})
    give(second, raj, Decision.REQUEST_CHANGES, {RIGOR: 3, CLARITY: 4})
    give(single, rita, Decision.APPROVE, {RIGOR: 1, CLARITY: 1})
    # A draft never counts.
    give(single, raj, "", {RIGOR: 5, CLARITY: 5}, state="claimed")


def test_calibration_figures_match_the_hand_computed_ones(scored):
    result = calibration()
    rubrics = {row.label: row.agreement for row in result.rubrics}
    assert rubrics["Domain rigor"].alpha == pytest.approx(5 / 6)
    assert (rubrics["Domain rigor"].units, rubrics["Domain rigor"].coders) == (2, 2)
    assert rubrics["Domain rigor"].values == 4
    assert rubrics["Writing clarity"].alpha == pytest.approx(1.0)
    assert not rubrics["Writing clarity"].no_variation
    assert result.overall.agreement.alpha == pytest.approx(71 / 78)
    assert result.overall.agreement.units == 2  # rounds, not round-rubric pairs
    assert (result.rounds_reviewed, result.rounds_multiple) == (3, 2)
    assert result.enough_data
    assert result.overall.reading == "Reliable agreement. Only 2 rounds: a first hint at most."


def test_calibration_is_kept_until_another_review_is_submitted(
    scored, rita, django_assert_max_num_queries
):
    first = calibration()
    with django_assert_max_num_queries(1):  # the version: how many, and the latest
        assert calibration() == first
    give(RoundFactory(), rita, Decision.APPROVE, {RIGOR: 4}, state="claimed")
    with django_assert_max_num_queries(1):  # a draft changes nothing
        assert calibration() == first
    give(RoundFactory(), rita, Decision.APPROVE, {RIGOR: 4})
    assert calibration().rounds_reviewed == first.rounds_reviewed + 1


def test_reviewers_agreement_counts_a_round_they_share_once(scored, rita):
    raj = User.objects.get(name="Raj")
    together = reviewer_agreements([rita.pk, raj.pk])
    assert together == {
        rita.pk: reviewer_agreements([rita.pk])[rita.pk],
        raj.pk: reviewer_agreements([raj.pk])[raj.pk],
    }
    mine = together[rita.pk]
    # Rounds 1 and 2 with Raj (the single round has no other review); the same decision on 1.
    assert (mine.shared_rounds, mine.same_decision) == (2, 1)
    assert mine.scores.alpha == pytest.approx(71 / 78) and mine.scores.values == 8


def test_calibration_decision_agreement_is_nominal(scored):
    # Units: round 1 {approve, approve}, round 2 {approve, request}. n = 4,
    # counts approve 3, request 1. D_o = 2/4; D_e = 2·3·1/(4·3) = 1/2. α = 1 − 1 = 0.
    assert calibration().decisions.agreement.alpha == pytest.approx(0.0)


def test_calibration_without_pairs_says_there_is_not_enough_data(rita):
    give(RoundFactory(), rita, Decision.APPROVE, {RIGOR: 4})
    result = calibration()
    assert not result.enough_data
    assert result.overall.agreement.alpha is None
    assert result.rounds_reviewed == 1 and result.rounds_multiple == 0
    not_enough = "Not enough data: no round was {} by two reviewers yet."
    assert result.rubrics[0].reading == not_enough.format("scored")
    assert result.overall.reading == not_enough.format("scored")
    assert result.decisions.reading == not_enough.format("decided")


def test_calibration_from_real_reviews(alice, bob, rita, staff, settings):
    settings.REVIEWS_REQUIRED = 2
    review_form(staff)
    raj = UserFactory(reviewer=True)
    reviewed(submitted_round(alice), rita, Decision.APPROVE, score=5)
    first = alice.submission.rounds.get()
    reviewed(first, raj, Decision.APPROVE, score=5)
    other = submitted_round(bob)
    reviewed(other, rita, Decision.APPROVE, score=3)
    reviewed(other, raj, Decision.APPROVE, score=4)
    result = calibration()
    assert [row.label for row in result.rubrics] == ["Reasoning quality", "Domain rigor"]
    assert result.overall.agreement.units == 2


# --- The page --------------------------------------------------------------------------------


def test_calibration_url_is_stable():
    assert reverse("calibration") == URL


def test_calibration_page_for_staff(client, staff, scored):
    client.force_login(staff)
    html = client.get(URL).content.decode()
    assert "<strong>2</strong> rounds scored by two or more reviewers" in html
    assert "0.833" in html and "0.910" in html and "1.000" in html
    assert "Not enough data yet" not in html


def test_calibration_page_explains_missing_data(client, staff):
    client.force_login(staff)
    html = client.get(URL).content.decode()
    assert "Not enough data yet." in html
    assert "EXPERTFOLIO_REVIEWS_REQUIRED=2" in html


@pytest.mark.parametrize("who", ["alice", "rita"])
def test_calibration_page_is_for_staff_only(client, alice, rita, scored, who):
    # As every page behind staff_required answers an expert or a reviewer (the matrix holds it).
    client.force_login({"alice": alice, "rita": rita}[who])
    response = client.get(URL)
    assert response.status_code == 403
    html = response.content.decode()
    assert "This page is for staff." in html
    assert "rounds scored by two or more reviewers" not in html and "0.910" not in html


def test_calibration_page_anonymous_and_wrong_method(client, staff):
    assert client.get(URL)["Location"] == f"/accounts/login/?next={URL}"
    client.force_login(staff)
    assert client.post(URL).status_code == 405


def test_calibration_page_query_count_is_flat(client, staff, scored, django_assert_max_num_queries):
    client.force_login(staff)
    with django_assert_max_num_queries(6):
        client.get(URL)


def test_the_agreement_version_is_read_from_the_submitted_reviews_index_alone():
    """The staff's pages read the version: from the narrow partial index, not from every
    review's row and comment (a scan that grows with the reviews' text)."""
    from onboarding.queries.calibration import _submitted_reviews_version

    plan = index_plan(_submitted_reviews_version)
    # Either partial index of the submitted reviews holds what it reads.
    assert "review_submitted_at" in plan or "review_reviewer_submitted" in plan
