"""/review/rounds/<id>/: the frozen snapshot, the scoring form, the outcome and the audit log,
for each person who may (or may not) see a round."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.test.utils import CaptureQueriesContext

from common.caching import KEPT_MAX_BYTES
from onboarding.confirmations import CONFIRMATIONS
from onboarding.models import AuditEntry, Review, ReviewScore, Round
from onboarding.queries import frozen
from onboarding.services.reviews import ReviewInput, review_claim, review_save
from onboarding.services.submissions import submission_submit
from onboarding.snapshots import snapshot_sha256
from onboarding.workflow import Decision, State
from portfolio import services
from tests.factories import RoundFactory, UserFactory, make_profile
from tests.onboarding.review_setup import (
    NOTES,
    ready_portfolio,
    review_form,
    review_input,
    reviewed,
    submitted_round,
)
from tests.portfolio.upload_examples import upload

pytestmark = pytest.mark.django_db


def url(round) -> str:
    return f"/review/rounds/{round.pk}/"


def people(alice, bob, rita, staff):
    return {"owner": alice, "other expert": bob, "reviewer": rita, "staff": staff}


# --- Who sees a round ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 200), ("other expert", 404), ("reviewer", 200), ("staff", 200)],
)
def test_round_page_permission_matrix(client, round, alice, bob, rita, staff, who, status):
    client.force_login(people(alice, bob, rita, staff)[who])
    assert client.get(url(round)).status_code == status


def test_round_page_anonymous_goes_to_login(client, round):
    assert client.get(url(round))["Location"] == f"/accounts/login/?next={url(round)}"


def test_round_page_reviewer_who_is_the_submitter_gets_404(client, rita, staff):
    review_form(staff)
    own = submitted_round(rita)
    client.force_login(rita)
    assert client.get(url(own)).status_code == 404
    assert client.post(url(own), {"action": "save"}).status_code == 404
    assert client.get(f"/submit/rounds/{own.pk}/").status_code == 200  # her own page


def test_round_page_withdrawn_round_is_hidden_from_reviewers(client, round, rita, staff):
    Round.objects.filter(pk=round.pk).update(state=State.WITHDRAWN)
    client.force_login(rita)
    assert client.get(url(round)).status_code == 404
    client.force_login(staff)
    assert client.get(url(round)).status_code == 200


def test_round_page_unknown_round_is_404(client, rita):
    client.force_login(rita)
    assert client.get("/review/rounds/999999/").status_code == 404


def test_round_page_wrong_method(client, round, rita):
    client.force_login(rita)
    assert client.put(url(round)).status_code == 405
    assert client.delete(url(round)).status_code == 405


# --- What a reviewer reads -------------------------------------------------------------------


def test_round_page_shows_the_frozen_snapshot(client, round, rita):
    client.force_login(rita)
    html = client.get(url(round)).content.decode()
    assert "Alice Expert, round 1" in html
    assert 'id="round-shape-title"' in html  # the shape picture
    assert "Specialist." in html
    for title in ("Reasoning rubric", "Lease pilot", "Risk memo", "Grading notes"):
        assert title in html
    assert "Quality checklist: 4 of 5 quality checks met" in html
    assert "Claim this round" in html
    assert "Your review" not in html  # no scoring before claiming


def test_round_page_profile_sections_sit_under_its_profile_heading(client, round, rita, alice):
    """The frozen profile's sections are subsections of "Profile" (h3 under its h2), named
    after it: its "Work samples" is not taken for the artifacts' own."""
    client.force_login(rita)
    html = client.get(url(round)).content.decode()
    assert '<h2 class="h3" id="profile-heading">Profile</h2>' in html
    assert '<h3 class="h5" id="round-shape-domains">Domains and depth</h3>' in html
    assert 'aria-labelledby="profile-heading round-shape-domains"' in html
    assert '<h2 class="h5" id="round-shape-' not in html
    # The profile's own page keeps them at the top level.
    client.force_login(alice)
    html = client.get("/profile/").content.decode()
    assert '<h2 class="h5" id="profile-shape-domains">Domains and depth</h2>' in html
    assert 'aria-labelledby="profile-shape-domains"' in html


def test_round_page_previews_the_file_and_links_the_download(client, round, rita):
    stored = round.files.get().file
    client.force_login(rita)
    html = client.get(url(round)).content.decode()
    assert "The model refused 9 of 10 attacks." in html
    assert f'href="/files/{stored.pk}/">Download notes.md</a>' in html
    response = client.get(f"/files/{stored.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == NOTES


def test_round_files_stay_downloadable_after_the_expert_deletes_the_sample(
    client, round, alice, rita
):
    stored = round.files.get().file
    sample = alice.work_samples.get(file=stored)
    services.work_sample_delete(actor=alice, sample=sample)
    client.force_login(rita)
    html = client.get(url(round)).content.decode()
    assert "Grading notes" in html and "The model refused 9 of 10 attacks." in html
    response = client.get(f"/files/{stored.pk}/")
    assert b"".join(response.streaming_content) == NOTES


def test_round_files_are_not_for_other_experts_or_withdrawn_rounds(client, round, bob, rita):
    stored = round.files.get().file
    client.force_login(bob)
    assert client.get(f"/files/{stored.pk}/").status_code == 404
    Round.objects.filter(pk=round.pk).update(state=State.WITHDRAWN)
    client.force_login(rita)
    assert client.get(f"/files/{stored.pk}/").status_code == 404


def test_round_two_shows_what_changed(client, round, alice, rita):
    reviewed(round, rita, Decision.REQUEST_CHANGES)
    make_profile(
        alice,
        headline="Alice Expert: evaluator of financial reasoning",
        domains=["finance", "statistics", "law"],
        domain_depth={"finance": 4},
        credentials=["CFA"],
    )
    second = submission_submit(actor=alice, confirmed=CONFIRMATIONS)
    client.force_login(rita)
    response = client.get(url(second))
    html = response.content.decode()
    assert "Changes since the previous round" in html
    assert "Compared with round 1" in html and "(changes requested)." in html
    assert "<ins>law</ins>" in html
    assert response.context["previous"] == round
    first_page = client.get(url(round)).content.decode()
    assert "Changes since the previous round" not in first_page


EXPERT_INSTRUCTION = "Revise your portfolio with the feedback below, then submit the next round."


def test_changes_requested_instruction_is_for_the_expert_only(client, round, alice, rita, staff):
    reviewed(round, rita, Decision.REQUEST_CHANGES)
    for reader in (rita, staff):
        client.force_login(reader)
        html = client.get(url(round)).content.decode()
        assert "Decision: Changes requested" in html
        assert EXPERT_INSTRUCTION not in html
        assert "The expert may revise the portfolio and submit the next round." in html
    client.force_login(alice)
    for page in (round.owner_url, "/dashboard/"):
        html = client.get(page).content.decode()
        assert EXPERT_INSTRUCTION in html
        assert "The expert may revise" not in html


# --- Scoring -----------------------------------------------------------------------------------


def scoring_post(**overrides) -> dict:
    data = {
        "level_0": "4",
        "level_1": "2",
        "comment_0": "Clear steps.",
        "comment_1": "Two items lack sources.",
        "comment": "Add sources to the benchmark items.",
        "decision": "request_changes",
        "action": "submit",
        "version": "1",  # the review's version when it is claimed
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_round_page_shows_the_scoring_form_to_the_claimer(client, round, rita):
    review_claim(actor=rita, round=round)
    client.force_login(rita)
    html = client.get(url(round)).content.decode()
    assert '<h2 class="h4" id="score-heading">Your review</h2>' in html
    assert "<legend" in html and "1. Reasoning quality" in html and "2. Domain rigor" in html
    assert 'name="level_0" value="5"' in html
    # The level's criteria label the radio, each on a line of its own.
    assert '<span class="d-block">Reasoning quality: level 5</span>' in html
    assert "Reasoning quality: fabricated sources" in html
    assert "Release (drops your draft)" in html
    # The overall comment is described by its help text, under the id it names.
    assert 'aria-describedby="id_comment_helptext"' in html
    assert '<div class="form-text" id="id_comment_helptext">' in html


def test_scoring_submit_decides_the_round(client, round, rita, django_capture_on_commit_callbacks):
    review_claim(actor=rita, round=round)
    client.force_login(rita)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(round), scoring_post())
    assert response["Location"] == url(round)
    round.refresh_from_db()
    assert (round.state, round.decision) == (State.CHANGES_REQUESTED, "request_changes")
    review = Review.objects.get()
    assert (review.state, review.comment) == ("submitted", "Add sources to the benchmark items.")
    assert list(review.scores.values_list("rubric_title", "score", "comment")) == [
        ("Reasoning quality", 4, "Clear steps."),
        ("Domain rigor", 2, "Two items lack sources."),
    ]
    assert len(mail.outbox) == 1
    page = client.get(url(round)).content.decode()
    assert "The round is decided: changes requested." in page
    assert "Decision: Changes requested" in page


def test_scoring_approve_asks_for_confirmation_first(
    client, round, rita, django_capture_on_commit_callbacks
):
    review_claim(actor=rita, round=round)
    client.force_login(rita)
    approving = scoring_post(level_1="3", decision="approve", comment="Line one\nline two")
    response = client.post(url(round), approving)
    html = response.content.decode()
    assert response.status_code == 200 and "Confirm: approve" in html
    assert "Your scores" in html and "Domain rigor" in html
    assert "The round is closed as approved; approval is final." in html
    # The email links to the round; the reviews are read there, not in the email.
    assert "told by email, with a link to the round, where they read the reviews." in html
    assert "A credential is issued" in html
    # Nothing is saved until confirmed, and the confirmation carries every field.
    assert Review.objects.get().state == "claimed" and not ReviewScore.objects.exists()
    assert '<input type="hidden" name="level_1" value="3"' in html
    assert '<input type="hidden" name="action" value="submit">' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(round), {**approving, "confirm": "yes"})
    assert response["Location"] == url(round)
    round.refresh_from_db()
    assert (round.state, round.decision) == (State.APPROVED, "approve")
    assert Review.objects.get().comment == "Line one\nline two"
    assert len(mail.outbox) == 1


def test_scoring_confirmation_column_says_whether_each_level_passes(client, round, rita):
    review_claim(actor=rita, round=round)
    client.force_login(rita)
    html = client.post(url(round), scoring_post(decision="reject")).content.decode()
    table = html[html.index('<table class="table table-sm confirm-scores">') :]
    table = table[: table.index("</table>")]
    # Its cells are "pass" or "fail", so the column is the result, not the passing level.
    assert '<th scope="col">Result</th>' in table and "Passing level" not in table
    assert '<span class="badge text-bg-secondary">fail</span>' in table


def test_scoring_reject_confirmation_says_what_it_does(client, round, rita):
    review_claim(actor=rita, round=round)
    client.force_login(rita)
    html = client.post(url(round), scoring_post(decision="reject")).content.decode()
    assert "Confirm: reject" in html and "The round is closed as rejected" in html
    assert "The expert may submit again after" in html
    assert Round.objects.get(pk=round.pk).state == State.IN_REVIEW


def test_scoring_confirmation_go_back_keeps_the_input(client, round, rita):
    review_claim(actor=rita, round=round)
    client.force_login(rita)
    response = client.post(url(round), scoring_post(decision="reject", back="1"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your review is not saved yet:" not in html
    assert 'name="level_1" value="2" class="form-check-input" id="id_level_1_3" checked' in html
    assert "Add sources to the benchmark items." in html
    assert 'value="reject" class="form-check-input" id="id_decision_2" checked' in html
    assert Review.objects.get().state == "claimed" and not ReviewScore.objects.exists()


def test_scoring_confirmation_with_two_reviews_needed_says_the_round_waits(client, round, rita):
    Round.objects.filter(pk=round.pk).update(reviews_required=2)
    review_claim(actor=rita, round=round)
    client.force_login(rita)
    html = client.post(url(round), scoring_post(decision="reject")).content.decode()
    assert "The round waits for 1 more review;" in html
    assert "The round is closed" not in html


def test_scoring_save_draft_keeps_the_values(client, round, rita):
    review_claim(actor=rita, round=round)
    client.force_login(rita)
    response = client.post(
        url(round), scoring_post(level_1=None, decision=None, action="save", comment="Half way")
    )
    assert response["Location"] == url(round)
    review = Review.objects.get()
    assert review.state == "claimed" and review.comment == "Half way"
    html = client.get(url(round)).content.decode()
    assert "Draft saved. Only you can see it until you submit." in html
    assert 'name="level_0" value="4" class="form-check-input" id="id_level_0_1" checked' in html
    assert "Half way" in html


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"level_1": None}, "level_1", "Choose a level for “Domain rigor”."),
        (
            {"decision": "approve", "level_1": "4", "flags_0": "0"},
            "decision",
            "This portfolio cannot be approved: you ticked a disallowed behaviour",
        ),
        (
            {"decision": "approve"},
            "level_1",
            "“Domain rigor” is scored 2, below its passing level 3: approval needs at least 3.",
        ),
        ({"comment": ""}, "comment", "Say why in the overall comment"),
        ({"decision": "reject", "comment": " "}, "comment", "Say why in the overall comment"),
        ({"decision": None}, "decision", "Choose a decision"),
        ({"level_0": "7"}, "level_0", "Select a valid choice"),
    ],
)
def test_scoring_invalid_submit_saves_nothing_and_shows_why(
    client, round, rita, overrides, field, message
):
    review_claim(actor=rita, round=round)
    client.force_login(rita)
    response = client.post(url(round), scoring_post(**overrides))
    assert response.status_code == 200
    form = response.context["scoring_form"]
    assert message in " ".join(form.errors[field])
    html = response.content.decode()
    assert "Your review is not saved yet:" in html
    assert "<title>Error: Alice Expert, round 1 · Expertfolio</title>" in html
    assert message.replace("“", "&ldquo;")[:20] in html or message[:20] in html
    # The message sits under the field, which names it (every radio of a group, too).
    assert f'<div class="invalid-feedback d-block" id="id_{field}_error">' in html
    tags = re.findall(rf'<(?:input|textarea) [^>]*name="{field}"[^>]*>', html)
    assert tags and all(
        re.search(rf'aria-describedby="[^"]*\bid_{field}_error\b', tag) for tag in tags
    )
    assert not ReviewScore.objects.exists()
    assert Review.objects.get().state == "claimed"
    assert Round.objects.get(pk=round.pk).state == State.IN_REVIEW


def test_scoring_by_a_reviewer_without_a_claim_saves_nothing_and_says_why(client, round, rita, raj):
    review_claim(actor=raj, round=round)
    client.force_login(rita)
    response = client.post(url(round), scoring_post())
    assert response.status_code == 409
    assert "You hold no seat on this round: claim it first." in response.content.decode()
    assert "<title>Error: " in response.content.decode()
    assert response.context["scoring_form"] is None
    assert list(Review.objects.values_list("reviewer", "state")) == [(raj.pk, "claimed")]
    assert not ReviewScore.objects.exists()


def test_scoring_by_the_owner_or_staff_is_refused(client, round, alice, staff):
    for person in (alice, staff):
        client.force_login(person)
        assert client.post(url(round), scoring_post()).status_code == 403
    assert not Review.objects.exists()


def test_scoring_by_another_expert_is_404(client, round, bob):
    client.force_login(bob)
    assert client.post(url(round), scoring_post()).status_code == 404


def test_scoring_anonymous_goes_to_login(client, round):
    assert client.post(url(round), scoring_post())["Location"].startswith("/accounts/login/")
    assert not Review.objects.exists()


# --- Independence, outcome and what each person reads -------------------------------------------


def test_reviewers_do_not_see_each_others_scores_before_the_decision(client, round, rita, raj):
    Round.objects.filter(pk=round.pk).update(reviews_required=2)
    round.refresh_from_db()
    reviewed(round, raj, Decision.APPROVE, comment="Raj thinks it is fine")
    review_claim(actor=rita, round=round)
    client.force_login(rita)
    html = client.get(url(round)).content.decode()
    assert "Raj thinks it is fine" not in html
    client.force_login(raj)
    html = client.get(url(round)).content.decode()
    assert "Your review beside the others" in html and "Raj thinks it is fine" in html


def test_owner_sees_no_draft_and_then_the_outcome(client, round, alice, rita):
    review = review_claim(actor=rita, round=round)
    review_save(actor=rita, review=review, data=ReviewInput(comment="Secret draft"), submit=False)
    client.force_login(alice)
    html = client.get(url(round)).content.decode()
    assert "Secret draft" not in html and "Decision:" not in html
    assert "Rita" not in html
    review_save(
        actor=rita,
        review=review,
        data=ReviewInput(scores={0: 5, 1: 3}, decision="approve", comment="Well argued."),
        submit=True,
    )
    html = client.get(url(round)).content.decode()
    assert "Decision: Approved" in html
    assert "Reviewer 1" in html and "Rita" not in html
    assert "Well argued." in html
    assert "Domain rigor: level 3" in html


def test_staff_adjudicate_on_the_round_page(
    client, round, rita, raj, staff, alice, django_capture_on_commit_callbacks
):
    Round.objects.filter(pk=round.pk).update(reviews_required=2)
    round.refresh_from_db()
    reviewed(round, rita, Decision.APPROVE, comment="Ready.")
    reviewed(round, raj, Decision.REJECT, comment="Not ready.")
    client.force_login(staff)
    html = client.get(url(round)).content.decode()
    assert "Adjudicate" in html and "Ready." in html and "Not ready." in html
    comparison = client.get(url(round)).context["comparison"]
    assert comparison.reviewers == ("Rita Reviewer", "Raj Reviewer")
    assert comparison.decisions == ("Approve", "Reject")
    assert comparison.rows == (("Reasoning quality", (5, 5)), ("Domain rigor", (5, 5)))
    assert "Scores side by side" in html
    assert "Audit log" in html and "Sent to staff: reviewers disagree" in html

    response = client.post(f"/review/rounds/{round.pk}/adjudicate/", {"decision": "approve"})
    assert response.status_code == 200
    assert "Explain the decision" in response.content.decode()
    assert Round.objects.get(pk=round.pk).state == State.ADJUDICATION

    adjudication = {"decision": "approve", "note": "The sources are adequate."}
    response = client.post(f"/review/rounds/{round.pk}/adjudicate/", adjudication)
    html = response.content.decode()
    assert response.status_code == 200 and "Confirm: approve" in html
    assert "5 (median)" in html and "A credential is issued" in html
    assert Round.objects.get(pk=round.pk).state == State.ADJUDICATION
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/review/rounds/{round.pk}/adjudicate/", {**adjudication, "confirm": "yes"}
        )
    assert response["Location"] == url(round)
    round.refresh_from_db()
    assert (round.state, round.decided_by, round.decision_note) == (
        State.APPROVED,
        staff,
        "The sources are adequate.",
    )
    assert mail.outbox[0].to == [alice.email]
    client.force_login(alice)
    html = client.get(url(round)).content.decode()
    assert "Decided by staff" in html and "The sources are adequate." in html


def test_adjudicate_approval_of_failing_medians_is_refused_at_the_decision(
    client, round, rita, raj, staff
):
    Round.objects.filter(pk=round.pk).update(reviews_required=2)
    round.refresh_from_db()
    reviewed(round, rita, Decision.APPROVE, score=3, comment="Just enough.")
    reviewed(round, raj, Decision.REJECT, score=1, comment="Far from it.")
    client.force_login(staff)
    adjudicate = f"/review/rounds/{round.pk}/adjudicate/"
    response = client.post(adjudicate, {"decision": "approve", "note": "Fine", "confirm": "yes"})
    assert response.status_code == 200
    errors = response.context["adjudication_form"].errors["decision"]
    assert "“Domain rigor” is scored 2 (the reviews' median)" in " ".join(errors)
    assert "This portfolio cannot be approved" in response.content.decode()
    assert Round.objects.get(pk=round.pk).state == State.ADJUDICATION

    # Reject is final too: confirmed first; Go back shows the form as entered.
    rejecting = {"decision": "reject", "note": "Sources are missing."}
    html = client.post(adjudicate, rejecting).content.decode()
    assert "Confirm: reject" in html and "2 (median)" in html
    back = client.post(adjudicate, {**rejecting, "back": "1"})
    assert back.context["adjudication_form"]["note"].value() == "Sources are missing."
    assert not back.context["adjudication_form"].errors
    assert Round.objects.get(pk=round.pk).state == State.ADJUDICATION
    client.post(adjudicate, {**rejecting, "confirm": "yes"})
    assert Round.objects.get(pk=round.pk).state == State.REJECTED


@pytest.mark.parametrize("who", ["reviewer", "owner", "other expert"])
def test_adjudicate_by_anyone_but_staff_is_refused(client, round, alice, bob, rita, staff, who):
    Round.objects.filter(pk=round.pk).update(state=State.ADJUDICATION)
    client.force_login(people(alice, bob, rita, staff)[who])
    response = client.post(
        f"/review/rounds/{round.pk}/adjudicate/", {"decision": "approve", "note": "x"}
    )
    assert response.status_code == 403
    assert Round.objects.get(pk=round.pk).state == State.ADJUDICATION


def test_adjudicate_a_round_not_waiting_for_it_and_wrong_method(client, round, staff):
    client.force_login(staff)
    adjudicate = f"/review/rounds/{round.pk}/adjudicate/"
    response = client.post(adjudicate, {"decision": "approve", "note": "x"})
    assert response.status_code == 409
    assert "not waiting for adjudication: it is submitted" in response.content.decode()
    assert client.get(adjudicate).status_code == 405
    client.logout()
    assert client.post(adjudicate)["Location"].startswith("/accounts/login/")
    assert Round.objects.get(pk=round.pk).state == State.SUBMITTED


def test_audit_log_only_for_staff(client, round, alice, rita, staff):
    review_claim(actor=rita, round=round)
    for person, shown in ((alice, False), (rita, False), (staff, True)):
        client.force_login(person)
        html = client.get(url(round)).content.decode()
        assert ("Audit log" in html) is shown
    entries = AuditEntry.objects.filter(round=round)
    assert [entry.action for entry in entries] == ["submitted", "claimed"]


def released_and_claimed(round, reviewer, times: int) -> None:
    AuditEntry.objects.bulk_create(
        AuditEntry(round=round, actor=reviewer, action=action, note=f"Number {n}")
        for n in range(times)
        for action in (AuditEntry.Action.RELEASED, AuditEntry.Action.CLAIMED)
    )


def test_audit_log_is_read_a_page_at_a_time(
    client, round, rita, staff, django_assert_max_num_queries
):
    released_and_claimed(round, rita, 2)
    client.force_login(staff)
    client.get(url(round))
    with django_assert_max_num_queries(40) as few:
        client.get(url(round))
    released_and_claimed(round, rita, 30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url(round))
    audit = response.context["audit"]
    assert (len(audit.object_list), audit.paginator.count, audit.paginator.num_pages) == (50, 65, 2)
    assert audit.object_list[0].action == "submitted"  # oldest first
    html = response.content.decode()
    assert 'aria-label="Audit log pages"' in html and "?audit_page=2#audit-heading" in html
    audit = client.get(url(round) + "?audit_page=2").context["audit"]
    assert [entry.note for entry in audit.object_list][-1] == "Number 29"
    assert len(audit.object_list) == 15


def _next_round(round, reviewer):
    """Changes requested on `round`; the expert submits again, and `reviewer` claims it."""
    reviewed(round, reviewer, Decision.REQUEST_CHANGES)
    following = submission_submit(actor=round.submission.owner, confirmed=CONFIRMATIONS)
    review_claim(actor=reviewer, round=following)
    return following


def _request_changes(round, reviewer):
    review = Review.objects.get(round=round, reviewer=reviewer)
    review_save(
        actor=reviewer,
        review=review,
        data=review_input(round, Decision.REQUEST_CHANGES),
        submit=True,
    )


def test_round_page_query_count_is_flat(client, alice, rita, staff, django_assert_max_num_queries):
    review_form(staff)
    ready_portfolio(alice)
    second = _next_round(submitted_round(alice), rita)
    client.force_login(rita)
    with CaptureQueriesContext(connection) as few:
        client.get(url(second))
    for n in range(8):
        services.work_sample_create(
            actor=alice, title=f"Notes {n}", sample_type="report", upload=upload(f"n{n}.md", b"#")
        )
    _request_changes(second, rita)
    third = submission_submit(actor=alice, confirmed=CONFIRMATIONS)
    review_claim(actor=rita, round=third)
    assert third.files.count() == 10
    with django_assert_max_num_queries(len(few)):
        response = client.get(url(third))
    assert response.context["diff"].has_changes


def test_round_page_once_the_frozen_copy_is_kept_costs_a_few_queries(
    client, alice, rita, staff, django_assert_max_num_queries
):
    review_form(staff)
    ready_portfolio(alice)
    for n in range(8):
        services.work_sample_create(
            actor=alice, title=f"Notes {n}", sample_type="report", upload=upload(f"n{n}.md", b"#")
        )
    second = _next_round(submitted_round(alice), rita)
    assert second.files.count() == 10
    client.force_login(rita)
    client.get(url(second))
    # The session, the person, the round (with the reviewer role and conflicts of interest),
    # the reviews (whose claims say whether any expired) with the previous round's and that
    # round, the scores and flags of the draft (for the scoring form) and of those reviews
    # together, in one query; the same files and prompts elsewhere.
    with django_assert_max_num_queries(7):
        response = client.get(url(second))
    assert response.context["scoring_form"] is not None
    assert "Changes since round 1" in response.content.decode()
    client.force_login(alice)
    with django_assert_max_num_queries(5):  # no draft to read, nothing decided to show
        client.get(f"/submit/rounds/{second.pk}/")


def test_round_page_reads_the_round_before_once(
    client, alice, rita, staff, django_assert_max_num_queries
):
    review_form(staff)
    ready_portfolio(alice)
    second = _next_round(submitted_round(alice), rita)
    client.force_login(rita)
    # The session, the person, the round (with the reviewer role and conflicts of interest),
    # the reviews of both rounds with the round before, its snapshot (the copy is built),
    # their scores and flags (one query), the round's files; the same files and prompts
    # elsewhere.
    with django_assert_max_num_queries(9) as queries:
        response = client.get(url(second))
    rounds = [
        query["sql"] for query in queries if query["sql"].startswith('SELECT "portfolio_round".')
    ]
    # This round, then the round before's snapshot alone.
    assert len(rounds) == 2
    assert rounds[1].startswith('SELECT "portfolio_round"."id", "portfolio_round"."snapshot" FROM')
    # A snapshot may be large: it never comes with every review of the join.
    reviews = [
        query["sql"] for query in queries if query["sql"].startswith('SELECT "portfolio_review".')
    ]
    assert reviews and not any('"portfolio_round"."snapshot"' in sql for sql in reviews)
    assert "Changes since round 1" in response.content.decode()


def _roundfile_queries(queries) -> int:
    return sum("portfolio_roundfile" in query["sql"] for query in queries.captured_queries)


def test_round_page_frozen_copy_is_built_once_for_everyone(client, round, alice, rita, staff):
    stored = round.files.get().file
    client.force_login(rita)
    client.get(url(round))
    # Neither the copy nor the file's preview reads the bytes again.
    storages["default"].delete(stored.storage_name)
    for person, address in (
        (staff, url(round)),
        (alice, f"/submit/rounds/{round.pk}/"),
        (rita, url(round)),
    ):
        client.force_login(person)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(address).content.decode()
        assert "The model refused 9 of 10 attacks." in html
        assert "Reasoning rubric" in html and 'id="round-shape-title"' in html
        assert _roundfile_queries(queries) == 0


def test_round_page_frozen_copy_over_the_size_cap_is_built_every_time(client, rita):
    sample = {
        "id": 1,
        "title": "A very long memo",
        "type": "report",
        "description": "word " * (KEPT_MAX_BYTES // 4),
        "link": "https://example.org/memo",
        "file": None,
    }
    snapshot = {
        "format": 1,
        "profile": None,
        "artifacts": {"rubrics": [], "benchmarks": [], "test_plans": [], "work_samples": [sample]},
    }
    big = RoundFactory(snapshot=snapshot, snapshot_sha256=snapshot_sha256(snapshot))
    client.force_login(rita)
    for _visit in range(2):
        html = client.get(url(big)).content.decode()
        assert "A very long memo" in html and "(checked just now)" in html
        # Not kept, blind or not: the next visit finds nothing to read and builds it again.
        assert cache.get_many([frozen.frozen_copy_key(big, blind=b) for b in (False, True)]) == {}


def test_round_page_with_a_file_unreadable_for_now_is_built_again(client, round, rita):
    stored = round.files.get().file
    storage = storages["default"]
    with storage.open(stored.storage_name) as handle:
        content = handle.read()
    storage.delete(stored.storage_name)
    client.force_login(rita)
    assert "could not be read just now" in client.get(url(round)).content.decode()
    storage.save(stored.storage_name, ContentFile(content))
    assert "The model refused 9 of 10 attacks." in client.get(url(round)).content.decode()


def test_review_pages_have_no_inline_scripts_or_styles(client, round, alice, rita, staff):
    review_claim(actor=rita, round=round)
    pages = [
        (alice, "/dashboard/"),
        (alice, "/submit/"),
        (alice, f"/submit/rounds/{round.pk}/"),
        (rita, "/review/"),
        (rita, url(round)),
        (staff, url(round)),
        (staff, "/review/calibration/"),
    ]
    for person, address in pages:
        client.force_login(person)
        html = client.get(address).content.decode()
        assert "<script>" not in html and " style=" not in html and "<style" not in html, address


def test_round_page_checks_the_snapshot_fingerprint(client, round, rita):
    client.force_login(rita)
    html = client.get(url(round)).content.decode()
    assert "(checked just now). Later edits by the expert do not change it." in html
    tampered = {**round.snapshot, "profile": {**round.snapshot["profile"], "headline": "Forged"}}
    Round.objects.filter(pk=round.pk).update(snapshot=tampered)
    html = client.get(url(round)).content.decode()
    assert "no longer matches the fingerprint" in html
    assert "Forged" in html  # shown as stored now, never the copy kept before


# --- Reviews seen after one's own ---------------------------------------------------------------


def test_a_reviewer_reads_the_other_reviews_only_after_submitting(client, round, rita, raj):
    Round.objects.filter(pk=round.pk).update(reviews_required=3)
    round.refresh_from_db()
    reviewed(round, raj, Decision.REQUEST_CHANGES, comment="Raj wants sources", score=2)
    client.force_login(rita)
    assert "Raj wants sources" not in client.get(url(round)).content.decode()
    reviewed(round, rita, Decision.APPROVE, comment="Rita approves")
    response = client.get(url(round))
    html = response.content.decode()
    assert "Your review beside the others" in html
    assert "Raj wants sources" in html and "Rita approves" in html
    assert "The reviews disagree on the decision." in html
    assert response.context["comparison"].reviewers == ("Raj Reviewer", "You")
    assert response.context["comparison"].rows[0][1] == (2, 5)


def test_staff_read_every_submitted_review_at_once(client, round, raj, staff):
    Round.objects.filter(pk=round.pk).update(reviews_required=2)
    round.refresh_from_db()
    reviewed(round, raj, Decision.APPROVE, comment="Raj is content")
    client.force_login(staff)
    assert "Raj is content" in client.get(url(round)).content.decode()


# A round's frozen portfolio, as a query that reads it names it.
SNAPSHOT_COLUMN = '"portfolio_round"."snapshot"'


def test_a_kept_frozen_copy_spares_reading_the_previous_snapshot(client, alice, rita, staff):
    """A resubmission's page reads the round before's snapshot to build its copy, once; with
    the copy kept, not at all (a benchmark's snapshot may be megabytes)."""
    review_form(staff)
    first = submitted_round(alice)
    raj = UserFactory(email="raj@example.com", name="Raj", reviewer=True)
    first.reviews_required = 2
    first.save(update_fields=["reviews_required"])
    reviewed(first, rita, Decision.REQUEST_CHANGES)
    reviewed(first, raj, Decision.REQUEST_CHANGES)
    second = submission_submit(actor=alice, confirmed=CONFIRMATIONS)
    review_claim(actor=rita, round=second)
    client.force_login(rita)
    assert "Changes since round 1" in client.get(f"/review/rounds/{second.pk}/").content.decode()
    # The copy is kept now: the next visit reads one snapshot, the round's own (its hash is
    # checked every visit), and nothing of round 1.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/review/rounds/{second.pk}/")
    assert response.status_code == 200
    read = [q["sql"] for q in queries.captured_queries if SNAPSHOT_COLUMN in q["sql"]]
    assert len(read) == 1, read
    assert f'"portfolio_round"."id" = {second.pk}' in read[0].replace("%s", str(second.pk))


def test_the_scores_of_ones_own_review_are_captioned_as_ones_own(client, round, rita, staff):
    # A screen reader names the table by its caption: "Your scores", not "given by You".
    reviewed(round, rita, Decision.APPROVE)
    client.force_login(rita)
    html = client.get(round.get_absolute_url()).content.decode()
    assert '<caption class="visually-hidden">Your scores</caption>' in html
    assert "given by You" not in html
    client.force_login(staff)
    html = client.get(round.get_absolute_url()).content.decode()
    assert '<caption class="visually-hidden">Scores given by Rita Reviewer</caption>' in html
