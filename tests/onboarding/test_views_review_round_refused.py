"""/review/rounds/<id>/ and its adjudication, sent from a page opened before something else
happened: a draft saved in another tab, the seat released or expired, the review submitted,
the round decided. Nothing is written; the page says why and keeps what was entered."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from onboarding.models import AuditEntry, Review, ReviewScore, Round
from onboarding.services.assignment import claims_expire
from onboarding.services.reviews import review_claim
from onboarding.workflow import Decision, State
from tests.onboarding.review_setup import reviewed

pytestmark = pytest.mark.django_db


def url(round) -> str:
    return f"/review/rounds/{round.pk}/"


def opened(client, round) -> dict:
    """The scoring form's hidden fields as a tab opened now carries them."""
    initial = client.get(url(round)).context["scoring_form"].initial
    return {"version": initial["version"], "based_on": initial["based_on"]}


def draft(tab: dict, comment: str, **fields) -> dict:
    return {"level_0": "4", "comment_0": "Clear steps.", "comment": comment, **fields, **tab}


# --- A draft saved in another tab -------------------------------------------------------------


def test_scoring_stale_draft_is_refused_and_the_input_kept(client, round, rita):
    review_claim(actor=rita, round=round)
    client.force_login(rita)
    tab_a, tab_b = opened(client, round), opened(client, round)
    saved = client.post(url(round), draft(tab_a, "Draft from tab A", action="save"))
    assert saved.status_code == 302

    response = client.post(url(round), draft(tab_b, "Draft from tab B", level_1="2", action="save"))
    assert response.status_code == 409
    review = Review.objects.get()
    assert (review.comment, review.version) == ("Draft from tab A", 2)
    assert list(review.scores.values_list("rubric_position", "score")) == [(0, 4)]
    html = response.content.decode()
    assert "Not saved: your review was saved in another tab" in html
    assert "the saved draft now differs from the one this page started from" in html
    assert "your levels and comments are kept below" in html
    assert "<strong>Overall comment</strong>:\n              now “Draft from tab A”" in html
    form = response.context["scoring_form"]
    assert form["comment"].value() == "Draft from tab B" and form["level_1"].value() == "2"
    assert ">\nDraft from tab B</textarea>" in html
    assert 'name="level_1" value="2" class="form-check-input" id="id_level_1_3" checked' in html
    # Now based on the saved draft: sending it again replaces that draft, knowingly.
    assert form["version"].value() == "2"
    again = {**draft(tab_b, "Draft from tab B", level_1="2", action="save"), "version": "2"}
    assert client.post(url(round), again).status_code == 302
    assert Review.objects.get().comment == "Draft from tab B"


def test_scoring_stale_submit_confirmed_is_refused(client, round, rita):
    review_claim(actor=rita, round=round)
    client.force_login(rita)
    tab_a, tab_b = opened(client, round), opened(client, round)
    rejecting = draft(tab_b, "Rejected from tab B", level_1="2", decision="reject", action="submit")
    confirm = client.post(url(round), rejecting).content.decode()
    assert "Confirm: reject" in confirm
    assert f'<input type="hidden" name="version" value="{tab_b["version"]}">' in confirm
    assert (
        client.post(url(round), draft(tab_a, "Draft from tab A", action="save")).status_code == 302
    )

    response = client.post(url(round), {**rejecting, "confirm": "yes"})
    assert response.status_code == 409
    review = Review.objects.get()
    assert (review.state, review.comment) == ("claimed", "Draft from tab A")
    assert Round.objects.get(pk=round.pk).state == State.IN_REVIEW
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.REVIEW_SUBMITTED).exists()
    assert "Not saved: your review was saved in another tab" in response.content.decode()
    assert response.context["scoring_form"]["comment"].value() == "Rejected from tab B"


def test_scoring_without_a_version_is_refused(client, round, rita):
    review_claim(actor=rita, round=round)
    client.force_login(rita)
    response = client.post(url(round), draft({}, "No version", action="save"))
    assert response.status_code == 409
    assert Review.objects.get().comment == ""


# --- The seat or the round moved on ---------------------------------------------------------------


def test_scoring_after_releasing_in_another_tab_keeps_the_input(client, round, rita):
    review_claim(actor=rita, round=round)
    client.force_login(rita)
    tab = opened(client, round)
    client.post(f"/review/rounds/{round.pk}/release/")
    response = client.post(url(round), draft(tab, "Typed in tab 1\nsecond line", action="save"))
    assert response.status_code == 409
    assert not Review.objects.exists() and not ReviewScore.objects.exists()
    html = response.content.decode()
    assert "Your review was not saved" in html
    assert "If you had claimed it, the claim was released" in html
    assert "what you entered is below, to copy" in html
    assert '<dd class="border rounded p-2 bg-body">Typed in tab 1<br>second line</dd>' in html
    assert "<dt>Level for Reasoning quality</dt><dd" in html and ">Score 4</dd>" in html
    assert "Claim this round" in html  # a seat is free again: claim it, paste it back


@override_settings(CLAIM_DAYS=3)
def test_scoring_after_the_claim_expired_keeps_the_input(client, round, rita):
    review_claim(actor=rita, round=round)
    client.force_login(rita)
    tab = opened(client, round)
    Review.objects.update(claimed_at=timezone.now() - timedelta(days=4))
    claims_expire()
    response = client.post(
        url(round), draft(tab, "Nearly done", decision="reject", action="submit")
    )
    assert response.status_code == 409
    assert not Review.objects.exists()
    html = response.content.decode()
    assert "or it expired (3 days without submitting)" in html
    assert "Nearly done" in html and "<dt>Decision</dt><dd" in html and ">Reject</dd>" in html


@override_settings(CLAIM_DAYS=3)
def test_scoring_a_claim_past_its_days_not_yet_dropped_is_refused_and_drops_it(client, round, rita):
    review_claim(actor=rita, round=round)
    client.force_login(rita)
    tab = opened(client, round)
    # Past its days, and nothing has read the queue or the round since to drop it.
    Review.objects.update(claimed_at=timezone.now() - timedelta(days=3, minutes=1))
    response = client.post(
        url(round),
        draft(tab, "Nearly done", level_1="3", decision="request_changes", action="submit"),
    )
    assert response.status_code == 409
    assert not Review.objects.exists()  # dropped, as the round's page would have
    round.refresh_from_db()
    assert round.state == State.SUBMITTED  # waiting for a reviewer again, not decided
    assert list(AuditEntry.objects.filter(round=round).values_list("action", flat=True)) == [
        "submitted",
        "claimed",
        "claim_expired",
    ]
    html = response.content.decode()
    assert "or it expired (3 days without submitting)" in html
    assert "Nearly done" in html and ">Request changes</dd>" in html
    assert "Claim this round" in html


def test_scoring_a_round_decided_by_others_keeps_the_input(client, round, rita, raj):
    review_claim(actor=rita, round=round)
    client.force_login(rita)
    tab = opened(client, round)
    Review.objects.filter(reviewer=rita).delete()  # her claim went (expired)
    reviewed(round, raj, Decision.APPROVE)
    response = client.post(url(round), draft(tab, "Mine was coming", action="save"))
    assert response.status_code == 409
    assert list(Review.objects.values_list("reviewer", "comment")) == [(raj.pk, "")]
    html = response.content.decode()
    assert "This round is no longer waiting for review: it is approved now." in html
    assert "Mine was coming" in html


def test_scoring_after_submitting_in_another_tab_keeps_the_input(client, round, rita):
    Round.objects.filter(pk=round.pk).update(reviews_required=2)
    review_claim(actor=rita, round=round)
    client.force_login(rita)
    tab = opened(client, round)
    submitted = draft(tab, "Sources missing.", level_1="2", decision="request_changes")
    assert client.post(url(round), {**submitted, "action": "submit"}).status_code == 302
    response = client.post(url(round), draft(tab, "An afterthought", action="save"))
    assert response.status_code == 409
    review = Review.objects.get()
    assert (review.state, review.comment) == ("submitted", "Sources missing.")
    html = response.content.decode()
    assert "You have already submitted your review of this round" in html
    assert "An afterthought" in html


def test_scoring_by_the_owner_is_still_refused_and_another_expert_still_404(
    client, round, alice, bob, staff
):
    for person, status in ((alice, 403), (staff, 403), (bob, 404)):
        client.force_login(person)
        assert client.post(url(round), draft({}, "x", action="save")).status_code == status
    assert not Review.objects.exists()


# --- Adjudication ------------------------------------------------------------------------------


@pytest.fixture
def disputed(round, rita, raj):
    Round.objects.filter(pk=round.pk).update(reviews_required=2)
    round.refresh_from_db()
    reviewed(round, rita, Decision.APPROVE, comment="Ready.")
    reviewed(round, raj, Decision.REJECT, comment="Not ready.")
    assert round.state == State.ADJUDICATION
    return round


def test_adjudicate_after_a_decision_in_another_tab_keeps_the_note(client, disputed, staff):
    client.force_login(staff)
    adjudicate = f"/review/rounds/{disputed.pk}/adjudicate/"
    changes = {"decision": "request_changes", "note": "Add sources, then resubmit."}
    assert client.post(adjudicate, changes).status_code == 302
    rejecting = {"decision": "reject", "note": "Far too thin\nfor now."}
    response = client.post(adjudicate, {**rejecting, "confirm": "yes"})
    assert response.status_code == 409
    disputed.refresh_from_db()
    assert (disputed.state, disputed.decision_note) == (
        State.CHANGES_REQUESTED,
        "Add sources, then resubmit.",
    )
    html = response.content.decode()
    assert "Your decision was not saved" in html
    assert "This round is decided already: changes requested, by other staff" in html
    assert "<dt>Reasons for the decision</dt>" in html and "Far too thin<br>for now." in html
    assert ">Reject</dd>" in html
    assert response.context["adjudication_form"] is None


def test_adjudicate_own_round_is_still_refused(client, disputed, alice):
    alice.is_staff = True
    alice.save(update_fields=["is_staff"])
    client.force_login(alice)
    adjudicate = f"/review/rounds/{disputed.pk}/adjudicate/"
    assert client.post(adjudicate, {"decision": "reject", "note": "x"}).status_code == 403
    assert Round.objects.get(pk=disputed.pk).state == State.ADJUDICATION
