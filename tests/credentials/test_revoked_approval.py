"""What the expert is told once staff revoke their approval: it is no longer current, its
credential is not to be sent, and a revised portfolio may follow after the wait a rejection
asks for (counted from the revocation). Reviewers and staff see such a round as revoked too:
in the queue, on the reviewer's home and in the pipeline's counts."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone

from credentials.models import IssuedCredential
from credentials.services import credential_revoke
from onboarding.checklist import round_opening
from onboarding.confirmations import CONFIRMATIONS
from onboarding.models import Round
from onboarding.workflow import Decision, State
from tests.credentials.approval import approved_round
from tests.factories import UserFactory
from tests.onboarding.review_setup import reviewed, submitted_round

pytestmark = pytest.mark.django_db

REASON = "The benchmark copies a published data set."
APPROVED_NOW = "Your portfolio is approved; there is nothing to submit."
SEND_IT = "send with an application"


@pytest.fixture(autouse=True)
def _wait(settings):
    settings.RESUBMIT_AFTER_REJECTION_DAYS = 30


@pytest.fixture
def credential(alice, rita, staff) -> IssuedCredential:
    approved_round(alice, rita, staff)
    return IssuedCredential.objects.select_related("round").get()


@pytest.fixture
def revoked(credential, staff) -> IssuedCredential:
    return credential_revoke(actor=staff, credential=credential, reason=REASON)


def revoked_days_ago(credential: IssuedCredential, days: int) -> None:
    IssuedCredential.objects.filter(pk=credential.pk).update(
        revoked_at=timezone.now() - timedelta(days=days)
    )


def test_round_opening_after_a_revoked_approval_waits_from_the_revocation(revoked):
    round = Round.objects.select_related("issued_credential").get()
    opening = round_opening(round)
    reopens = revoked.revoked_at + timedelta(days=30)
    assert (opening.allowed, opening.from_date) == (False, reopens)
    assert opening.reason == (
        f"Staff revoked the approval of round 1 on {revoked.revoked_at:%-d %B %Y}, so your "
        f"portfolio is no longer approved. You may submit a revised portfolio from "
        f"{reopens:%-d %B %Y}. Staff's reason: {REASON}"
    )
    revoked_days_ago(revoked, 31)
    assert round_opening(Round.objects.select_related("issued_credential").get()).allowed


def test_submit_page_says_the_approval_was_revoked_and_refuses_for_now(client, alice, revoked):
    client.force_login(alice)
    html = client.get("/submit/").content.decode()
    assert APPROVED_NOW not in html
    assert "so your portfolio is no longer approved" in html and REASON in html
    reopens = revoked.revoked_at + timedelta(days=30)
    assert f"You may submit a revised portfolio from {reopens:%-d %B %Y}." in html
    assert "(approval revoked)" in html
    client.post("/submit/", dict.fromkeys(CONFIRMATIONS, "on"))
    assert list(Round.objects.values_list("number", flat=True)) == [1]


def test_submit_page_opens_a_new_round_once_the_wait_is_over(client, alice, revoked):
    revoked_days_ago(revoked, 31)
    client.force_login(alice)
    html = client.get("/submit/").content.decode()
    assert "Submit round 2 for review" in html and APPROVED_NOW not in html
    client.post("/submit/", dict.fromkeys(CONFIRMATIONS, "on"))
    assert list(Round.objects.order_by("number").values_list("number", "state")) == [
        (1, State.APPROVED),
        (2, State.SUBMITTED),
    ]
    # Not offered first to the reviewer whose approval was revoked: every reviewer sees it.
    assert Round.objects.get(number=2).offered_to is None


def test_the_data_export_marks_a_revoked_approval(client, alice, revoked):
    client.force_login(alice)
    export = client.get("/account/export.zip")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(export.streaming_content)))
    (name,) = [name for name in archive.namelist() if name.endswith("round.json")]
    record = json.loads(archive.read(name))
    assert (record["state"], record["approval_revoked_reason"]) == ("approved", REASON)
    assert record["approval_revoked_at"].startswith(f"{revoked.revoked_at:%Y-%m-%dT%H:%M:%S}")


def test_submit_page_of_a_current_approval_has_nothing_to_submit(client, alice, credential):
    client.force_login(alice)
    html = client.get("/submit/").content.decode()
    assert APPROVED_NOW in html and "(approval revoked)" not in html


def test_dashboard_after_revocation_neither_calls_it_approved_nor_offers_the_credential(
    client, alice, revoked
):
    client.force_login(alice)
    html = client.get("/dashboard/").content.decode()
    assert "Your approval was revoked" in html and REASON in html
    assert SEND_IT not in html and revoked.download_url not in html
    assert "The portfolio is approved." not in html
    assert "Staff later revoked this approval." in html
    assert f'href="{revoked.get_absolute_url()}"' in html
    reopens = revoked.revoked_at + timedelta(days=30)
    assert f"you may submit it for review again from {reopens:%-d %B %Y}." in html


def test_dashboard_after_the_wait_leads_to_the_submit_page(client, alice, revoked):
    revoked_days_ago(revoked, 31)
    client.force_login(alice)
    html = client.get("/dashboard/").content.decode()
    assert "Revise your portfolio and submit it for review again." in html
    assert 'href="/submit/">Submit a revised portfolio' in html


def test_dashboard_of_a_current_approval_offers_the_credential(client, alice, credential):
    client.force_login(alice)
    html = client.get("/dashboard/").content.decode()
    assert SEND_IT in html and credential.download_url in html
    assert "The portfolio is approved." in html and "revoked" not in html.lower()


@pytest.fixture
def standing(credential, rita) -> Round:
    """Another expert's round that rita approved, whose approval stands."""
    round = submitted_round(UserFactory(name="Sam Standing"))
    reviewed(round, rita, Decision.APPROVE)
    return round


def table_of(html: str) -> str:
    """The queue's rows, without its filters (whose Status choices name every state)."""
    return html.split("<table", 1)[1]


def test_review_queue_marks_a_revoked_approval_and_filters_it_apart(
    client, rita, revoked, standing, django_assert_max_num_queries
):
    client.force_login(rita)
    client.get("/review/")  # claims expire, and the filter choices are read, once a minute
    # As many queries as any page: the revocation is read with the page's rows.
    with django_assert_max_num_queries(8):
        response = client.get("/review/", {"state": "approval_revoked"})
    (row,) = response.context["rows"]
    assert (row["expert_name"], row["state"], row["state_label"]) == (
        "Alice Expert",
        State.APPROVED,
        "Approval revoked",
    )
    revoked_at = timezone.localtime(revoked.revoked_at)
    assert (
        '<span class="badge round-state round-state-approval_revoked">Approval revoked</span>\n'
        '<div class="small text-danger-emphasis">Approved, then revoked by staff '
        f'on <time datetime="{revoked_at.isoformat(timespec="seconds")}">'
        f"{revoked_at.day} {revoked_at:%b %Y}</time></div>"
    ) in response.content.decode()
    assert '<option value="approval_revoked" selected>Approval revoked</option>' in (
        response.content.decode()
    )
    response = client.get("/review/", {"state": "approved"})
    (row,) = response.context["rows"]
    assert (row["expert_name"], row["state_label"], row["revoked_day"]) == (
        "Sam Standing",
        "Approved",
        "",
    )
    html = table_of(response.content.decode())
    assert 'round-state-approved">Approved</span>' in html and "revoked" not in html.lower()
    mine = client.get("/review/", {"state": "mine"})
    shown = {row["expert_name"]: row["state_label"] for row in mine.context["rows"]}
    assert shown == {"Alice Expert": "Approval revoked", "Sam Standing": "Approved"}


def test_reviewer_home_says_staff_later_revoked_an_approval(client, rita, revoked, standing):
    client.force_login(rita)
    response = client.get("/dashboard/")
    decided = {item.round_id: item for item in response.context["recent_decisions"]}
    revoked_at = timezone.localtime(revoked.revoked_at)
    assert decided[revoked.round_id].revoked_day == f"{revoked_at.day} {revoked_at:%b %Y}"
    assert decided[standing.pk].revoked_day == ""
    html = response.content.decode()
    assert (
        "· round approved, later revoked by staff on "
        f'<time datetime="{revoked_at.isoformat(timespec="seconds")}">'
        f"{revoked_at.day} {revoked_at:%b %Y}</time></span></li>"
    ) in html
    assert html.count("· round approved</span></li>") == 1
    assert html.count("later revoked by staff") == 1


def test_staff_pipeline_counts_revoked_approvals_apart(client, staff, revoked, standing):
    client.force_login(staff)
    response = client.get("/dashboard/")
    per_state = [(state, count) for state, _label, count in response.context["per_state"]]
    assert per_state[per_state.index(("approved", 1)) + 1] == ("approval_revoked", 1)
    assert sum(count for _state, count in per_state) == Round.objects.count() == 2
    html = response.content.decode()
    assert (
        '<span class="badge round-state round-state-approval_revoked">Approval revoked</span>\n'
        '</dt><dd class="col-4 mb-1">1</dd>'
    ) in html
    assert (
        '<span class="badge round-state round-state-approved">Approved</span>\n'
        '</dt><dd class="col-4 mb-1">1</dd>'
    ) in html


def test_staff_pipeline_counts_a_standing_approval_as_approved(client, staff, credential):
    client.force_login(staff)
    response = client.get("/dashboard/")
    per_state = {state: count for state, _label, count in response.context["per_state"]}
    assert (per_state["approved"], per_state["approval_revoked"]) == (1, 0)
