"""Blind review: no page or file a reviewer can reach shows who the expert is (name, email,
public address), and artifacts that name the expert are flagged for staff when frozen."""

import io
import json
import re
import zipfile

import pytest
from django.core import mail
from django.db import transaction

from onboarding.blind import download_name, identity_flags
from onboarding.confirmations import CONFIRMATIONS
from onboarding.models import AuditEntry, Round
from onboarding.services.redaction import redaction_request
from onboarding.services.reviews import review_claim
from onboarding.services.submissions import submission_submit
from onboarding.workflow import Decision
from portfolio import services
from profiles.models import FormSent, Profile
from tests.factories import (
    AdversarialTestPlanFactory,
    BenchmarkFactory,
    UserFactory,
    make_profile,
)
from tests.onboarding.review_setup import ready_portfolio, review_form, reviewed
from tests.portfolio.upload_examples import upload

pytestmark = pytest.mark.django_db

NAME, EMAIL, SLUG = "Zenobia Quillfeather", "zenobia@quill.example", "zq-evals"
HIDDEN = ("Zenobia", "Quillfeather", "zenobia@", "quill.example", SLUG)


@pytest.fixture
def blind(settings):
    settings.BLIND_REVIEW = True


@pytest.fixture
def zenobia(db):
    return UserFactory(email=EMAIL, name=NAME)


def _portfolio(user):
    ready_portfolio(user)
    make_profile(
        user,
        headline="Evaluator of financial reasoning",
        domains=["finance", "statistics"],
        domain_depth={"finance": 4},
        credentials=["CFA"],
    )
    Profile.objects.filter(user=user).update(slug=SLUG, visibility="public")
    services.work_sample_create(
        actor=user,
        title="Field notes",
        sample_type="report",
        upload=upload("quillfeather-notes.md", b"# Notes\n\nNo names in here.\n"),
    )


def _hidden_in(text: str) -> list[str]:
    return [value for value in HIDDEN if value.casefold() in text.casefold()]


def test_a_reviewer_sees_the_expert_nowhere(client, blind, zenobia, rita, staff):
    review_form(staff)
    _portfolio(zenobia)
    # Personal data in a file: the round page says where and what, never the file's name.
    services.work_sample_create(
        actor=zenobia,
        title="Contact sheet",
        sample_type="report",
        upload=upload("quillfeather-contact.md", b"Call the desk on +1 202-555-0143 after nine.\n"),
    )
    first = submission_submit(actor=zenobia, confirmed=CONFIRMATIONS)
    assert first.personal_data  # found, so the pages below show it
    reviewed(first, UserFactory(reviewer=True), Decision.REQUEST_CHANGES)
    # A resubmission: the diff, the previous round.
    round = submission_submit(actor=zenobia, confirmed=CONFIRMATIONS)
    Round.objects.filter(pk=round.pk).update(offered_to=None, offered_until=None)
    benchmark = round.snapshot["artifacts"]["benchmarks"][0]["id"]
    client.force_login(rita)
    pages = [
        "/dashboard/",
        "/review/",
        "/review/?sort=name",
        f"/review/rounds/{round.pk}/",
        f"/review/rounds/{round.pk}/benchmarks/{benchmark}/",
        f"/review/rounds/{first.pk}/",
    ]
    claim = client.post(f"/review/rounds/{round.pk}/claim/", follow=True)
    assert claim.status_code == 200 and _hidden_in(claim.content.decode()) == []
    assert "You claimed Anonymous expert #" in claim.content.decode()
    for page in [*pages, "/review/?state=mine"]:
        response = client.get(page)
        assert response.status_code == 200, page
        assert _hidden_in(response.content.decode()) == [], page
    # Approving asks to confirm first: that page names the round as every other one does.
    approve = {"level_0": "5", "level_1": "5", "comment": "Sound.", "decision": "approve"}
    confirm = client.post(
        f"/review/rounds/{round.pk}/", {**approve, "action": "submit", "version": "1"}
    )
    assert "Confirm: approve" in confirm.content.decode()
    assert _hidden_in(confirm.content.decode()) == []
    assert "Anonymous expert #" in confirm.content.decode()
    # A name typed into the search finds nobody (the box shows what was typed, nothing more).
    assert client.get("/review/?q=Zenobia").context["rows"] == []
    assert client.get("/review/?q=Evaluator").context["rows"] != []
    for round_file in round.files.select_related("file"):
        response = client.get(f"/files/{round_file.file_id}/")
        assert _hidden_in(response["Content-Disposition"]) == []
        assert "portfolio-file-" in response["Content-Disposition"]
    export = client.get("/account/export.zip")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(export.streaming_content)))
    for name in archive.namelist():
        assert _hidden_in(name + archive.read(name).decode(errors="replace")) == [], name
    assert all(
        _hidden_in(message.body) == [] for message in mail.outbox if rita.email in message.to
    )


def test_staff_and_the_expert_still_see_the_name(client, blind, zenobia, staff):
    review_form(staff)
    _portfolio(zenobia)
    round = submission_submit(actor=zenobia, confirmed=CONFIRMATIONS)
    client.force_login(staff)
    assert NAME in client.get(f"/review/rounds/{round.pk}/").content.decode()
    assert NAME in client.get("/review/").content.decode()
    stored = round.files.get(name="quillfeather-notes.md").file
    assert "quillfeather-notes.md" in client.get(f"/files/{stored.pk}/")["Content-Disposition"]


def test_without_blind_review_reviewers_see_the_name(client, zenobia, rita, staff):
    review_form(staff)
    _portfolio(zenobia)
    round = submission_submit(actor=zenobia, confirmed=CONFIRMATIONS)
    client.force_login(rita)
    assert NAME in client.get(f"/review/rounds/{round.pk}/").content.decode()
    assert Round.objects.get(pk=round.pk).identity_flags == []  # nothing flagged when off


def test_artifacts_that_name_the_expert_are_flagged_when_frozen(blind, zenobia, staff):
    review_form(staff)
    _portfolio(zenobia)
    BenchmarkFactory(
        owner=zenobia, title="Lease set", domain="finance", description="By Z. Quillfeather"
    )
    round = submission_submit(actor=zenobia, confirmed=CONFIRMATIONS)
    flagged = {(flag["kind"], flag["title"]): flag["found"] for flag in round.identity_flags}
    assert flagged[("benchmarks", "Lease set")] == ["quillfeather"]
    assert flagged[("work_samples", "Field notes")] == ["quillfeather"]  # the file's name
    assert ("rubrics", "Reasoning rubric") not in flagged


def test_a_file_that_names_the_expert_inside_is_flagged(blind, zenobia, staff):
    review_form(staff)
    ready_portfolio(zenobia)
    services.work_sample_create(
        actor=zenobia,
        title="Case notes",
        sample_type="report",
        upload=upload("notes.md", b"# Notes\n\nWritten by zenobia@quill.example.\n"),
    )
    services.work_sample_create(
        actor=zenobia,
        title="Clean notes",
        sample_type="report",
        upload=upload("clean.md", b"# Notes\n\nNothing personal.\n"),
    )
    round = submission_submit(actor=zenobia, confirmed=CONFIRMATIONS)
    flagged = {flag["title"]: flag["found"] for flag in round.identity_flags}
    assert flagged["Case notes"] == [EMAIL.casefold(), "zenobia"]
    assert "Clean notes" not in flagged


def test_identity_flags_match_the_email_and_whole_name():
    snapshot = {
        "profile": {"headline": "Write to ann@acme.io"},
        "artifacts": {"rubrics": [{"id": 1, "title": "R", "content": "by Ann Lee"}]},
    }
    flags = identity_flags(snapshot, name="Ann Lee", email="ann@acme.io")
    assert [(flag["kind"], flag["found"]) for flag in flags] == [
        ("profile", ["ann@acme.io", "ann"]),
        ("rubrics", ["ann lee", "ann", "lee"]),
    ]


def test_download_name_keeps_only_the_extension():
    assert (
        download_name("Zenobia CV.PDF", "ab" * 32, blind=True) == "portfolio-file-abababababab.pdf"
    )
    assert download_name("Zenobia CV.PDF", "ab" * 32, blind=False) == "Zenobia CV.PDF"


def test_staff_ask_the_expert_to_redact(
    client, blind, zenobia, staff, django_capture_on_commit_callbacks
):
    review_form(staff)
    _portfolio(zenobia)
    AdversarialTestPlanFactory(owner=zenobia, title="Bank probes", goal="Zenobia's probes")
    round = submission_submit(actor=zenobia, confirmed=CONFIRMATIONS)
    client.force_login(staff)
    html = client.get(f"/review/rounds/{round.pk}/").content.decode()
    assert "parts that name the expert" in html
    # Each part named with its kind in words.
    assert (
        'Field notes <span class="small text-body-secondary">(work sample: “quillfeather”)' in html
    )
    assert 'Bank probes <span class="small text-body-secondary">(test plan: “zenobia”)' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/review/rounds/{round.pk}/redaction/")
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[EMAIL]]
    body = mail.outbox[0].body
    assert "\n- Field notes (work sample)\n" in body and "\n- Bank probes (test plan)" in body
    entry = AuditEntry.objects.filter(round=round).last()
    assert (entry.action, entry.actor) == (AuditEntry.Action.REDACTION_REQUESTED, staff)


def test_a_reviewer_cannot_ask_for_a_redaction(client, blind, zenobia, rita, staff):
    review_form(staff)
    _portfolio(zenobia)
    round = submission_submit(actor=zenobia, confirmed=CONFIRMATIONS)
    client.force_login(rita)
    assert client.post(f"/review/rounds/{round.pk}/redaction/").status_code == 403
    assert mail.outbox == []


def test_blind_claims_still_work(blind, zenobia, rita, staff):
    review_form(staff)
    _portfolio(zenobia)
    round = submission_submit(actor=zenobia, confirmed=CONFIRMATIONS)
    assert review_claim(actor=rita, round=round).reviewer == rita
    assert json.dumps(round.queue_domains)


def test_asking_for_a_redaction_twice_sends_one_email(
    client, blind, zenobia, staff, django_capture_on_commit_callbacks
):
    review_form(staff)
    _portfolio(zenobia)
    round = submission_submit(actor=zenobia, confirmed=CONFIRMATIONS)
    client.force_login(staff)
    html = client.get(f"/review/rounds/{round.pk}/").content.decode()
    form = html[html.index(f'action="/review/rounds/{round.pk}/redaction/"') :]
    token = re.search(r'name="once" value="([^"]+)"', form)[1]
    for _ in range(2):  # a double click without JavaScript
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/review/rounds/{round.pk}/redaction/", {"once": token})
        assert response["Location"] == f"/review/rounds/{round.pk}/"
    assert len(mail.outbox) == 1


def test_the_redaction_email_leaves_once_the_request_is_recorded(
    blind, zenobia, staff, django_capture_on_commit_callbacks
):
    """Not while the round's row is held, nor before the audit log says it was asked."""
    review_form(staff)
    _portfolio(zenobia)
    round = submission_submit(actor=zenobia, confirmed=CONFIRMATIONS)
    with django_capture_on_commit_callbacks() as waiting, transaction.atomic():
        redaction_request(actor=staff, round=round)
        assert mail.outbox == []
    assert mail.outbox == [] and len(waiting) == 1
    waiting[0]()
    assert [message.to for message in mail.outbox] == [[EMAIL]]
    asked = AuditEntry.objects.filter(round=round, action=AuditEntry.Action.REDACTION_REQUESTED)
    assert asked.count() == 1


def test_a_refused_redaction_request_leaves_its_token_free(client, blind, zenobia, staff):
    review_form(staff)
    ready_portfolio(zenobia)
    round = submission_submit(actor=zenobia, confirmed=CONFIRMATIONS)
    Round.objects.filter(pk=round.pk).update(identity_flags=[])  # nothing names her
    client.force_login(staff)
    for _ in range(2):  # each press is told why, not that it was acted on
        response = client.post(f"/review/rounds/{round.pk}/redaction/", {"once": "t"}, follow=True)
        shown = [str(message) for message in response.context["messages"]]
        assert shown == ["Nothing in this round names the expert."]
    assert not FormSent.objects.exists() and mail.outbox == []
