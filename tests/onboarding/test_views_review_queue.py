"""/review/: the reviewer queue, its filters, search, sorting, pages, claim and release."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from onboarding.models import AuditEntry, Review, Round
from onboarding.queries import queue
from onboarding.services.assignment import conflict_declare
from onboarding.services.reviews import review_claim
from onboarding.views.review import QUEUE_PAGE_SIZE
from onboarding.workflow import State
from tests.factories import ReviewFactory, RoundFactory, UserFactory
from tests.onboarding.review_setup import submitted_round

pytestmark = pytest.mark.django_db

URL = "/review/"


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)


def names(response) -> list[str]:
    return [row["expert_name"] for row in response.context["rows"]]


def expert(name: str):
    return UserFactory(name=name)


def test_review_urls_are_stable():
    assert reverse("review_queue") == URL
    assert reverse("review_round", args=[3]) == "/review/rounds/3/"
    assert reverse("review_claim", args=[3]) == "/review/rounds/3/claim/"
    assert reverse("review_release", args=[3]) == "/review/rounds/3/release/"
    assert reverse("round_adjudicate", args=[3]) == "/review/rounds/3/adjudicate/"
    assert reverse("calibration") == "/review/calibration/"


def test_queue_lists_open_rounds_oldest_first_without_my_own(client, rita):
    RoundFactory(submission__owner=expert("Newer"), submitted_at=days_ago(1))
    RoundFactory(submission__owner=expert("Oldest"), submitted_at=days_ago(9))
    RoundFactory(submission__owner=expert("Reviewing"), state="in_review", submitted_at=days_ago(5))
    RoundFactory(submission__owner=expert("Withdrawn"), state="withdrawn")
    RoundFactory(submission__owner=expert("Approved"), state="approved")
    RoundFactory(submission__owner=rita, submitted_at=days_ago(20))  # her own
    client.force_login(rita)
    response = client.get(URL)
    assert names(response) == ["Oldest", "Reviewing", "Newer"]
    assert "Rita" not in response.content.decode().split("<main")[1]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"state": "in_review"}, ["Bea"]),
        ({"state": "approved"}, ["Cy"]),
        ({"state": "adjudication"}, []),
        ({"domain": "law"}, ["Bea"]),
        ({"domain": "finance"}, ["Ada", "Bea"]),
        ({"shape": "t_shaped"}, ["Ada"]),
        ({"credential": "cfa"}, ["Ada"]),
        ({"waiting": "7"}, ["Ada"]),
        ({"waiting": "3"}, ["Ada", "Bea"]),
        ({"q": "ADA"}, ["Ada"]),
        ({"q": "tax law"}, ["Bea"]),
        ({"sort": "newest"}, ["Bea", "Ada"]),
        ({"sort": "name", "state": "approved"}, ["Cy"]),
        ({"domain": "law", "shape": "t_shaped"}, []),
    ],
)
def test_queue_filters_search_and_sort(client, rita, params, expected):
    RoundFactory(
        submission__owner=expert("Ada"),
        headline="Quant researcher",
        shape="t_shaped",
        submitted_at=days_ago(10),
        domains=[("Finance", 4), ("statistics", 3), ("risk", 2)],
        credentials=["CFA", "MSc"],
    )
    RoundFactory(
        submission__owner=expert("Bea"),
        headline="Tax law reviewer",
        state="in_review",
        shape="specialist",
        submitted_at=days_ago(5),
        domains=[("law", 5), ("finance", 2)],
        credentials=["JD"],
    )
    RoundFactory(submission__owner=expert("Cy"), state="approved", submitted_at=days_ago(30))
    client.force_login(rita)
    response = client.get(URL, params)
    assert names(response) == expected


def test_queue_mine_lists_rounds_i_claimed_or_reviewed(client, rita):
    claimed = RoundFactory(submission__owner=expert("Claimed"), state="in_review")
    ReviewFactory(round=claimed, reviewer=rita)
    RoundFactory(submission__owner=expert("Other"))
    client.force_login(rita)
    assert names(client.get(URL, {"state": "mine"})) == ["Claimed"]


def test_queue_filter_choices_come_from_the_rounds(client, rita):
    RoundFactory(domains=[("Finance", 4)], credentials=["CFA"])
    RoundFactory(domains=[("finance", 2), ("Law", 3)])
    client.force_login(rita)
    form = client.get(URL).context["form"]
    assert form.fields["domain"].choices == [
        ("", "Any domain"),
        ("finance", "Finance"),
        ("law", "Law"),
    ]
    assert form.fields["credential"].choices == [("", "Any credential"), ("cfa", "CFA")]


def choice_keys(response, name: str) -> list[str]:
    return [key for key, _ in response.context["form"].fields[name].choices if key]


def test_queue_filter_choices_leave_out_what_only_rounds_kept_from_the_reviewer_have(client, rita):
    rina = UserFactory(email="rina@acme.org", reviewer=True)
    colleague = UserFactory(email="cole@acme.org", name="Cole Acme")  # in conflict with rina
    RoundFactory(
        submission__owner=colleague,
        domains=[("Forensic accounting", 4), ("finance", 2)],
        credentials=["CFE", "CFA"],
    )
    RoundFactory(submission__owner=expert("Sam"), domains=[("Finance", 3)], credentials=["CFA"])
    RoundFactory(submission__owner=rina, domains=[("Ethics", 3)], credentials=["PhD"])
    client.force_login(rina)
    response = client.get(URL)
    assert names(response) == ["Sam"]
    # Shared with a round she may see: kept. Only her colleague's, or only her own: left out.
    assert choice_keys(response, "domain") == ["finance"]
    assert choice_keys(response, "credential") == ["cfa"]
    html = response.content.decode()
    assert "Forensic accounting" not in html and "CFE" not in html and "Ethics" not in html
    client.force_login(rita)  # in conflict with nobody: every choice
    response = client.get(URL)
    assert choice_keys(response, "domain") == ["ethics", "finance", "forensic accounting"]
    assert choice_keys(response, "credential") == ["cfa", "cfe", "phd"]


def test_queue_filter_choices_count_rounds_kept_from_the_reviewer_in_every_state(
    client, rita, staff
):
    dee = expert("Dee")
    decided = RoundFactory(
        submission__owner=dee, state="approved", domains=[("Actuarial science", 4)]
    )
    RoundFactory(submission=decided.submission, number=2, domains=[("law", 3)])
    conflict_declare(actor=rita, other_email=dee.email)
    RoundFactory(submission__owner=expert("Sam"), state="approved", domains=[("Law", 2)])
    RoundFactory(
        submission__owner=expert("Ola"),
        domains=[("tax", 2)],
        offered_to=UserFactory(reviewer=True),
        offered_until=timezone.now() + timedelta(days=1),
    )
    client.force_login(rita)
    # Law finds Sam's approved round; Dee's domains and the round offered to another
    # reviewer find nothing she may see.
    assert choice_keys(client.get(URL), "domain") == ["law"]
    assert names(client.get(URL, {"state": "approved", "domain": "law"})) == ["Sam"]
    client.force_login(staff)  # staff read every round but their own, by every choice
    assert choice_keys(client.get(URL), "domain") == ["actuarial science", "law", "tax"]


def test_queue_filter_chosen_stays_chosen_only_when_the_reviewer_may_choose_it(client, rita):
    RoundFactory(submission__owner=expert("Sam"), domains=[("Law", 2)])
    dee = expert("Dee")
    RoundFactory(submission__owner=dee, domains=[("Actuarial science", 4)])
    conflict_declare(actor=rita, other_email=dee.email)
    client.force_login(rita)
    html = client.get(URL, {"domain": "law"}).content.decode()
    assert '<option value="law" selected>Law</option>' in html
    # As a domain nobody has: ignored and said so, without naming it.
    response = client.get(URL, {"domain": "actuarial science"})
    assert names(response) == ["Sam"]
    html = response.content.decode()
    assert html.count("This filter is ignored.") == 1 and "Actuarial science" not in html


def test_queue_ignores_an_unknown_filter_value_and_says_so(client, rita):
    RoundFactory(submission__owner=expert("Ada"))
    client.force_login(rita)
    response = client.get(URL, {"state": "bogus", "domain": "astrology", "q": "x" * 101})
    assert names(response) == ["Ada"]
    html = response.content.decode()
    # At each field, and named by it for screen readers.
    for name in ("state", "domain", "q"):
        assert f'<div class="invalid-feedback d-block" id="id_{name}_error">' in html, name
        tag = re.search(rf'<(select|input) [^>]*name="{name}"[^>]*>', html).group(0)
        assert f'aria-describedby="id_{name}_error"' in tag and 'aria-invalid="true"' in tag
    assert html.count("This filter is ignored.") == 3


@pytest.mark.parametrize(
    ("params", "filtered", "clearable"),
    [
        ({"page": "1", "utm_source": "mail"}, False, False),
        ({"q": "", "domain": "", "state": "open"}, False, True),
        ({"sort": "newest"}, False, True),
        ({"domain": "astrology"}, False, True),
        ({"domain": "finance"}, True, True),
    ],
)
def test_queue_says_it_is_filtered_only_when_a_filter_narrows_it(
    client, rita, params, filtered, clearable
):
    RoundFactory(submission__owner=expert("Ada"), domains=[("finance", 2)])
    client.force_login(rita)
    html = client.get(URL, params).content.decode()
    assert ("1 round matches these filters." in html) is filtered
    assert ("1 round." in html) is not filtered
    assert ("Clear filters" in html) is clearable


@pytest.mark.parametrize(
    ("params", "said"),
    [
        ({}, "The queue is empty: every submitted portfolio has its reviewers."),
        ({"waiting": "30"}, "No round matches these filters."),
        ({"state": "mine"}, "No round has a review of yours yet."),
        ({"state": "mine", "sort": "newest"}, "No round has a review of yours yet."),
        ({"state": "mine", "waiting": "30"}, "No round matches these filters."),
    ],
)
def test_an_empty_queue_says_why_once(client, rita, params, said):
    RoundFactory(submission__owner=rita)  # one's own round is never in one's queue
    client.force_login(rita)
    html = client.get(URL, params).content.decode()
    assert said in html
    assert "0 rounds" not in html  # said once, not counted as well
    said_too = [
        text
        for text in ("The queue is empty", "No round matches", "No round has a review of yours")
        if text in html
    ]
    assert len(said_too) == 1


def test_queue_pages_and_keeps_filters_in_page_links(client, rita):
    for n in range(QUEUE_PAGE_SIZE + 3):
        RoundFactory(submitted_at=days_ago(100 - n), domains=[("finance", 2)])
    client.force_login(rita)
    first = client.get(URL, {"domain": "finance"})
    assert len(first.context["rows"]) == QUEUE_PAGE_SIZE
    assert 'href="?domain=finance&amp;page=2"' in first.content.decode()
    second = client.get(URL, {"domain": "finance", "page": 2})
    assert len(second.context["rows"]) == 3
    assert "Page 2 of 2" in second.content.decode()


def _ada_and_zed() -> list[int]:
    """Two rounds whose order by name is not their order by age: their ids, oldest first."""
    zed = RoundFactory(submission__owner=expert("Zed"), submitted_at=days_ago(9))
    ada = RoundFactory(submission__owner=expert("Ada"), submitted_at=days_ago(1))
    return [zed.pk, ada.pk]


def test_blind_queue_offers_no_order_by_name_and_shows_the_order_used(client, rita, settings):
    settings.BLIND_REVIEW = True
    oldest_first = _ada_and_zed()
    client.force_login(rita)
    response = client.get(URL, {"sort": "name"})  # an old bookmark
    assert [row["pk"] for row in response.context["rows"]] == oldest_first
    html = response.content.decode()
    assert '<option value="oldest" selected>Oldest first</option>' in html
    assert '<option value="name"' not in html and "Expert name" not in html
    with CaptureQueriesContext(connection) as by_name:
        client.get(URL, {"sort": "name"})
    with CaptureQueriesContext(connection) as oldest:
        client.get(URL, {"sort": "oldest"})
    assert len(by_name.captured_queries) == len(oldest.captured_queries)


@pytest.mark.parametrize(("who", "blind"), [("rita", False), ("staff", True)])
def test_queue_sorts_by_name_for_whoever_may_see_names(client, request, settings, who, blind):
    settings.BLIND_REVIEW = blind
    zed, ada = _ada_and_zed()
    client.force_login(request.getfixturevalue(who))
    response = client.get(URL, {"sort": "name"})
    assert [row["pk"] for row in response.context["rows"]] == [ada, zed]
    assert '<option value="name" selected>Expert name</option>' in response.content.decode()


@pytest.mark.parametrize("sort", ["oldest", "newest", "name"])
def test_queue_pages_together_are_the_whole_queue_in_order(client, rita, sort):
    for n in range(2 * QUEUE_PAGE_SIZE + 7):
        # Equal names and times in pairs, so ties are broken by the last sort key.
        RoundFactory(submission__owner=expert(f"Expert {n // 2:03}"), submitted_at=days_ago(n // 2))
    whole = [round.expert_name for round in queue.review_queue(rita, queue.QueueFilters(sort=sort))]
    client.force_login(rita)
    pages = [names(client.get(URL, {"sort": sort, "page": page})) for page in (1, 2, 3)]
    assert [len(page) for page in pages] == [QUEUE_PAGE_SIZE, QUEUE_PAGE_SIZE, 7]
    assert [name for page in pages for name in page] == whole
    assert len(set(whole)) == QUEUE_PAGE_SIZE + 4


def test_queue_last_page_costs_what_the_first_does(client, rita):
    for n in range(3 * QUEUE_PAGE_SIZE):
        RoundFactory(submitted_at=days_ago(n))
    client.force_login(rita)

    def page_sql(page: int) -> str:
        with CaptureQueriesContext(connection) as queries:
            client.get(URL, {"page": page})
        return next(q["sql"] for q in queries if "LIMIT" in q["sql"] and "headline" in q["sql"])

    # Read from the other end: no rows skipped, whatever the length of the queue.
    assert "OFFSET" not in page_sql(1)
    assert "OFFSET" not in page_sql(3)
    assert "OFFSET 20" in page_sql(2)


def test_queue_filter_choices_are_read_once_then_again_after_a_submission(
    client, rita, django_capture_on_commit_callbacks
):
    RoundFactory(domains=[("Finance", 4)])
    client.force_login(rita)
    client.get(URL)
    RoundFactory(domains=[("Law", 3)])  # not through the submit service: nobody is told
    with CaptureQueriesContext(connection) as queries:
        form = client.get(URL).context["form"]
    assert not any("rounddomain" in q["sql"] and "GROUP BY" in q["sql"] for q in queries)
    assert [key for key, _ in form.fields["domain"].choices] == ["", "finance"]
    with django_capture_on_commit_callbacks(execute=True):
        submitted_round(expert("Grace"), domains=("actuarial science", "finance"))
    form = client.get(URL).context["form"]
    assert [key for key, _ in form.fields["domain"].choices] == [
        "",
        "actuarial science",
        "finance",
        "law",
    ]


def test_queue_query_count_does_not_grow_with_rounds(client, rita, django_assert_max_num_queries):
    def add(count):
        for n in range(count):
            round = RoundFactory(domains=[("finance", 4), ("law", 2)], credentials=["CFA", "JD"])
            if n % 2:
                ReviewFactory(round=round)

    add(2)
    client.force_login(rita)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    add(QUEUE_PAGE_SIZE + 10)
    with django_assert_max_num_queries(len(few)):
        response = client.get(URL)
    assert len(response.context["rows"]) == QUEUE_PAGE_SIZE


def test_queue_page_costs_eight_queries_however_many_rows_and_reviews(
    client, rita, django_assert_max_num_queries
):
    for n in range(QUEUE_PAGE_SIZE + 5):
        round = RoundFactory(domains=[("finance", 4), ("law", 2)], credentials=["CFA", "JD"])
        ReviewFactory(round=round, reviewer=rita if n % 2 == 0 else UserFactory(reviewer=True))
    client.force_login(rita)
    client.get(URL)  # the filter choices are read, and claims expire, once a minute
    # The session, the person, the reviewer role, what is kept from them (the people they
    # are in conflict with and those rounds, for the queue and its filters), their open
    # reviews, their domains, the count, the page.
    with django_assert_max_num_queries(8):
        response = client.get(URL, {"page": 2})
    assert len(response.context["rows"]) == 5
    with django_assert_max_num_queries(8):
        response = client.get(URL)
    assert len(response.context["rows"]) == QUEUE_PAGE_SIZE
    assert sum(row["my_review_open"] for row in response.context["rows"]) == 10
    assert len(response.context["my_reviews"]) == 10
    assert "13 in progress in all: see My reviews" in response.content.decode()


def test_queue_page_costs_eight_queries_with_rounds_kept_from_the_reviewer(
    client, django_assert_max_num_queries
):
    rina = UserFactory(email="rina@acme.org", reviewer=True)
    for _ in range(QUEUE_PAGE_SIZE + 5):
        RoundFactory(domains=[("finance", 4)])
    RoundFactory(submission__owner=UserFactory(email="cole@acme.org"), domains=[("audit", 3)])
    dee = expert("Dee")
    RoundFactory(submission__owner=dee, domains=[("law", 2)])
    conflict_declare(actor=rina, other_email=dee.email)
    RoundFactory(submission__owner=rina, domains=[("ethics", 2)])
    client.force_login(rina)
    client.get(URL)  # the filter choices are read, and claims expire, once a minute
    with django_assert_max_num_queries(8):
        response = client.get(URL, {"domain": "finance"})
    assert choice_keys(response, "domain") == ["finance"]
    assert len(response.context["rows"]) == QUEUE_PAGE_SIZE


def test_queue_rows_show_domains_credentials_seats_and_my_part(client, rita):
    claimed = RoundFactory(
        submission__owner=expert("Ada"),
        state="in_review",
        reviews_required=2,
        submitted_at=days_ago(3),
        domains=[("Finance", 4), ("law", 2)],
        credentials=["CFA", "JD <bar>"],
    )
    ReviewFactory(round=claimed, reviewer=rita)
    full = RoundFactory(
        submission__owner=expert("Bea"), state="in_review", submitted_at=days_ago(2)
    )
    ReviewFactory(round=full)
    RoundFactory(submission__owner=expert("Cy"), submitted_at=days_ago(1))
    reviewed = RoundFactory(submission__owner=expert("Dee"), state="approved")
    ReviewFactory(
        round=reviewed,
        reviewer=rita,
        state="submitted",
        decision="approve",
        submitted_at=timezone.now(),
    )
    client.force_login(rita)
    response = client.get(URL)
    rows = response.context["rows"]
    assert [(row["expert_name"], row["can_claim"]) for row in rows] == [
        ("Ada", False),
        ("Bea", False),
        ("Cy", True),
    ]
    assert rows[0]["domains"] == ["Finance (4)", "law (2)"]
    html = response.content.decode()
    assert '<li class="list-inline-item">Finance (4)</li>' in html
    assert "CFA; JD &lt;bar&gt;" in html
    assert "1 of 2 reviewers · claimed by you" in html
    assert "1 of 1 reviewer</div>" in html and "0 of 1 reviewer</div>" in html
    assert f'href="/review/rounds/{claimed.pk}/#score">Continue' in html
    assert f'action="/review/rounds/{full.pk}/claim/"' not in html
    assert 'class="badge round-state round-state-in_review">In review</span>' in html
    assert "3 days" in html
    mine = client.get(URL, {"state": "mine"}).content.decode()
    assert "1 of 1 reviewer · you reviewed it" in mine


def test_queue_row_claims_with_a_form_and_escapes_what_the_expert_wrote(client, rita):
    open_round = RoundFactory(
        submission__owner=expert('Ada "A" <b>'), headline="Evaluator & <i>tester</i>"
    )
    full = RoundFactory(submission__owner=expert("Bea"), state="in_review")
    ReviewFactory(round=full)
    client.force_login(rita)
    html = client.get(URL).content.decode()
    # The claim is a POST with the page's CSRF token, named for a screen reader.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert (
        f'<form method="post" action="/review/rounds/{open_round.pk}/claim/">\n'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">\n'
        '<button type="submit" class="btn btn-sm btn-primary">Claim<span '
        'class="visually-hidden"> Ada &quot;A&quot; &lt;b&gt;, round 1</span></button>'
    ) in html
    assert '<div class="small">Evaluator &amp; &lt;i&gt;tester&lt;/i&gt;</div>' in html
    # A round with no seat for them: no button, and an empty cell a phone does not draw.
    assert html.count('<td class="table-stack-actions"></td>') == 1
    assert html.count("csrfmiddlewaretoken") == 2  # the claim's, and the log-out form's


def test_queue_is_for_reviewers_and_staff_only(client, alice, staff):
    round = RoundFactory(submission__owner=expert("Ada"))
    assert client.get(URL)["Location"] == f"/accounts/login/?next={URL}"
    client.force_login(alice)
    assert client.get(URL).status_code == 403
    client.force_login(staff)  # staff read the queue, but claim nothing unless reviewers
    response = client.get(URL)
    assert [row["pk"] for row in response.context["rows"]] == [round.pk]
    assert not response.context["rows"][0]["can_claim"]
    assert f'action="/review/rounds/{round.pk}/claim/"' not in response.content.decode()


def test_queue_wrong_method(client, rita):
    client.force_login(rita)
    assert client.post(URL).status_code == 405


# --- Claim and release from the queue ------------------------------------------------------------


def claim_url(round) -> str:
    return f"/review/rounds/{round.pk}/claim/"


def release_url(round) -> str:
    return f"/review/rounds/{round.pk}/release/"


def test_claim_from_the_queue_opens_the_round(client, alice, rita):
    round = submitted_round(alice)
    client.force_login(rita)
    assert f'action="{claim_url(round)}"' in client.get(URL).content.decode()
    response = client.post(claim_url(round))
    assert response["Location"] == f"/review/rounds/{round.pk}/"
    round.refresh_from_db()
    assert round.state == State.IN_REVIEW
    assert Review.objects.get().reviewer == rita
    queue = client.get(URL).content.decode()
    assert "claimed by you" in queue and "Your reviews in progress" in queue


def test_claim_sent_twice_opens_the_round_held_already(client, alice, rita):
    round = submitted_round(alice)
    client.force_login(rita)
    client.post(claim_url(round))  # a second press, or the queue in another tab
    response = client.post(claim_url(round), follow=True)
    assert response.redirect_chain == [(f"/review/rounds/{round.pk}/", 302)]
    html = response.content.decode()
    assert "You have already claimed this round." in html and "alert-danger" not in html
    assert list(Review.objects.values_list("reviewer", flat=True)) == [rita.pk]


def test_claim_a_full_round_is_refused_with_a_message(client, alice, rita):
    round = submitted_round(alice)
    review_claim(actor=UserFactory(reviewer=True), round=round)
    client.force_login(rita)
    response = client.post(claim_url(round), follow=True)
    assert response.redirect_chain[-1][0] == URL
    assert "already has all the reviewers it needs" in response.content.decode()
    assert not Review.objects.filter(reviewer=rita).exists()


def test_claim_my_own_round_is_404(client, rita):
    round = submitted_round(rita)
    client.force_login(rita)
    assert client.post(claim_url(round)).status_code == 404
    assert not Review.objects.exists()


def test_claim_by_a_non_reviewer_is_refused(client, alice, bob, staff):
    round = submitted_round(alice)
    for person in (bob, staff):
        client.force_login(person)
        assert client.post(claim_url(round)).status_code == 403
    assert client.post(claim_url(round)).status_code == 403
    client.logout()
    assert client.post(claim_url(round))["Location"].startswith("/accounts/login/")
    assert not Review.objects.exists()


def test_claim_and_release_wrong_method(client, alice, rita):
    round = submitted_round(alice)
    client.force_login(rita)
    assert client.get(claim_url(round)).status_code == 405
    assert client.get(release_url(round)).status_code == 405


def test_release_puts_the_round_back_in_the_queue(client, alice, rita):
    round = submitted_round(alice)
    review_claim(actor=rita, round=round)
    client.force_login(rita)
    response = client.post(release_url(round))
    assert response["Location"] == URL
    round.refresh_from_db()
    assert round.state == State.SUBMITTED
    assert not Review.objects.exists()
    assert AuditEntry.objects.filter(round=round).last().action == "released"


def test_release_without_a_claim_says_so(client, alice, rita):
    round = submitted_round(alice)
    client.force_login(rita)
    response = client.post(release_url(round), follow=True)
    assert "no unfinished review" in response.content.decode()
    assert Round.objects.get(pk=round.pk).state == State.SUBMITTED


def test_queue_filter_selects_are_the_markup_django_would_write():
    from django import forms
    from django.test.html import parse_html

    from onboarding.forms import QuickSelect

    choices = [("", "Any"), ("cfa", "CFA <Level II>"), ("7", "More than 7 days")]
    attrs = {"id": "id_credential", "class": "form-select", "aria-invalid": "true"}
    for value in ("", "cfa", 7, None):
        quick = QuickSelect(choices=choices).render("credential", value, attrs)
        django = forms.Select(choices=choices).render("credential", value, attrs)
        assert parse_html(quick) == parse_html(django)
    assert "CFA &lt;Level II&gt;" in QuickSelect(choices=choices).render("c", "", {})
