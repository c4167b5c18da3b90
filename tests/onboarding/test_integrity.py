"""Integrity checks at submission: the confirmations, personal data found when freezing,
and the round page's flags for each audience."""

import pytest
from django.core.exceptions import ValidationError

from onboarding.confirmations import (
    CONFIRMATIONS,
    NO_PERSONAL_DATA,
    OWN_WORK,
    UNPUBLISHED_ITEMS,
)
from onboarding.models import Round
from onboarding.queries.integrity import NAMED_PER_FLAG
from onboarding.services.submissions import submission_submit
from portfolio import services
from portfolio.models import Benchmark
from tests.factories import BenchmarkFactory, BenchmarkItemFactory, UserFactory
from tests.onboarding.review_setup import NOTES, ready_portfolio, review_form
from tests.portfolio.upload_examples import upload

pytestmark = pytest.mark.django_db

CONFIRMED = dict.fromkeys(CONFIRMATIONS, "on")


def review_url(round) -> str:
    return f"/review/rounds/{round.pk}/"


def test_submit_refuses_without_each_required_confirmation(alice, staff):
    review_form(staff)
    ready_portfolio(alice)
    with pytest.raises(ValidationError) as refused:
        submission_submit(actor=alice, confirmed=[OWN_WORK])
    assert set(refused.value.message_dict) == {NO_PERSONAL_DATA, UNPUBLISHED_ITEMS}
    assert not Round.objects.exists()


def test_submit_freezes_the_confirmations_as_worded(alice, staff):
    review_form(staff)
    ready_portfolio(alice)
    round = submission_submit(actor=alice, confirmed=CONFIRMATIONS)
    round.refresh_from_db()
    assert round.confirmations == list(CONFIRMATIONS.values())


def test_the_unpublished_statement_is_asked_only_with_benchmarks(client, alice, staff):
    review_form(staff)
    ready_portfolio(alice)
    client.force_login(alice)
    assert "not published elsewhere" in client.get("/submit/").content.decode()
    Benchmark.objects.filter(owner=alice).delete()
    assert "not published elsewhere" not in client.get("/submit/").content.decode()


def test_submit_freezes_personal_data_found_in_files_and_items(alice, staff):
    review_form(staff)
    ready_portfolio(alice)
    services.work_sample_create(
        actor=alice,
        title="Contacts",
        sample_type="dataset",
        upload=upload("contacts.csv", b"name,email\nJane,jane@example.org\n"),
    )
    benchmark = Benchmark.objects.get(owner=alice)
    benchmark.items.filter(position=0).update(prompt="Card 4111 1111 1111 1111 declined: why?")
    round = submission_submit(actor=alice, confirmed=CONFIRMATIONS)
    round.refresh_from_db()
    assert round.personal_data == [
        {
            "where": "Work sample “Contacts” (contacts.csv)",
            "findings": [{"kind": "email", "excerpt": "j•••@example.org", "line": 2}],
        },
        {
            "where": "Benchmark “Lease pilot”, item 1, prompt",
            "findings": [{"kind": "card", "excerpt": "•••• •••• •••• 1111", "line": 1}],
        },
    ]


# --- The submit page ------------------------------------------------------------------


def test_submit_page_without_confirmations_errs_at_each_box_and_keeps_the_ticks(
    client, alice, staff
):
    review_form(staff)
    ready_portfolio(alice)
    client.force_login(alice)
    response = client.post("/submit/", {OWN_WORK: "on"})
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {NO_PERSONAL_DATA, UNPUBLISHED_ITEMS}
    html = response.content.decode()
    assert "Confirm each statement below to submit." in html
    assert html.count("Confirm this before submitting.") == 2
    assert (
        f'name="{OWN_WORK}" class="checkboxinput form-check-input" id="id_{OWN_WORK}" checked'
        in html
    )
    assert not Round.objects.exists()


def test_submit_page_shows_personal_data_before_submitting(client, alice):
    ready_portfolio(alice)
    sample = services.work_sample_create(
        actor=alice,
        title="Call log",
        sample_type="report",
        upload=upload("log.txt", b"Called +44 20 7946 0958 at noon.\n"),
    )
    client.force_login(alice)
    html = client.get("/submit/").content.decode()
    assert "This may be personal data" in html
    assert f'<a href="{sample.get_absolute_url()}">Work sample “Call log” (log.txt)</a>' in html
    assert "phone number <code>+•• •• •••• ••58</code> (line 1)" in html


def test_submit_page_without_personal_data_says_nothing_of_it(client, alice):
    ready_portfolio(alice)
    client.force_login(alice)
    assert "This may be personal data" not in client.get("/submit/").content.decode()


# --- The round page -------------------------------------------------------------------


@pytest.fixture
def shared(alice, bob, staff):
    """Alice's round 1, with a file and a benchmark prompt Bob also has; Bob submitted."""
    review_form(staff)
    ready_portfolio(bob)
    bobs = submission_submit(actor=bob, confirmed=CONFIRMATIONS)
    ready_portfolio(alice)
    services.work_sample_create(
        actor=alice,
        title="Mail",
        sample_type="report",
        upload=upload("mail.md", b"Write to jane@example.org\n"),
    )
    return submission_submit(actor=alice, confirmed=CONFIRMATIONS), bobs


def test_round_page_for_staff_names_whose_round_matches(client, shared, bob, staff):
    round, bobs = shared
    client.force_login(staff)
    response = client.get(review_url(round))
    html = response.content.decode()
    integrity = response.context["integrity"]
    # ready_portfolio uploads the same notes and writes the same two prompts for both.
    assert [(m.what, m.count) for m in integrity.matches] == [
        ("File “notes.md”", 1),
        ("Benchmark “Lease pilot”, item 1", 1),
        ("Benchmark “Lease pilot”, item 2", 1),
    ]
    assert f'<a href="{bobs.get_absolute_url()}">{bob.get_full_name()}</a>' in html
    assert "email address <code>j•••@example.org</code>" in html
    assert "The expert confirmed on submitting:" in html


def test_round_page_for_a_reviewer_counts_matches_without_names(client, shared, bob, rita):
    round, bobs = shared
    client.force_login(rita)
    html = client.get(review_url(round)).content.decode()
    assert "File “notes.md”: 1 other expert" in html
    assert bob.get_full_name() not in html
    assert bobs.get_absolute_url() not in html
    assert "email address <code>j•••@example.org</code>" in html


def test_round_page_for_the_owner_shows_findings_but_no_matches(client, shared, alice, bob):
    round, _bobs = shared
    client.force_login(alice)
    html = client.get(round.owner_url).content.decode()
    assert "You confirmed on submitting:" in html
    assert "email address <code>j•••@example.org</code>" in html
    assert "Also in another expert" not in html
    assert bob.get_full_name() not in html


def test_round_page_integrity_for_another_expert_is_404(client, shared, bob):
    round, _bobs = shared
    client.force_login(bob)
    assert client.get(review_url(round)).status_code == 404
    assert client.get(round.owner_url).status_code == 404


def test_round_page_without_matches_says_so(client, alice, staff):
    review_form(staff)
    ready_portfolio(alice)
    round = submission_submit(actor=alice, confirmed=CONFIRMATIONS)
    client.force_login(staff)
    html = client.get(review_url(round)).content.decode()
    assert "No uploaded file and no benchmark prompt of this round appears" in html


def test_round_page_matches_cost_the_same_queries_however_many_experts_match(
    client, shared, staff, django_assert_max_num_queries
):
    round, _bobs = shared
    client.force_login(staff)
    client.get(review_url(round))
    with django_assert_max_num_queries(30) as few:
        client.get(review_url(round))
    for _ in range(NAMED_PER_FLAG + 3):
        other = UserFactory()
        services.work_sample_create(
            actor=other, title="Notes", sample_type="report", upload=upload("n.md", NOTES)
        )
        BenchmarkItemFactory(benchmark=BenchmarkFactory(owner=other))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(review_url(round))
    file_match = response.context["integrity"].matches[0]
    assert file_match.count == NAMED_PER_FLAG + 4
    assert len(file_match.others) == NAMED_PER_FLAG
