"""/dashboard/: the onboarding checklist, the latest round and its feedback, the 60–90 day plan."""

import re
from datetime import date, timedelta

import pytest
from django.template import RequestContext, Template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertHTMLEqual

from onboarding.forms import DeepeningPlanForm
from onboarding.models import DeepeningPlan
from onboarding.services.reviews import ReviewInput, review_claim, review_save
from onboarding.workflow import Decision
from profiles.demo import DEMO_EXTENSIONS
from profiles.schema import seed_document
from tests.factories import make_profile
from tests.onboarding.review_setup import (
    grow_portfolio,
    ready_portfolio,
    review_form,
    reviewed,
    submitted_round,
)

pytestmark = pytest.mark.django_db

URL = "/dashboard/"
PLAN_URL = "/dashboard/plan/"


def test_dashboard_urls_are_stable():
    assert reverse("dashboard") == URL
    assert reverse("deepening_plan") == PLAN_URL


def test_dashboard_for_a_new_expert_points_to_the_profile(client, alice):
    client.force_login(alice)
    response = client.get(URL)
    html = response.content.decode()
    onboarding = response.context["onboarding"]
    assert onboarding.done_count == 0
    assert (
        '<progress id="onboarding-progress" class="checklist-progress mb-3" max="6" value="0">'
        in html
    )
    # The next step's button stands alone: it says what it does, not "Create it".
    assert onboarding.next_step.link_label == "Create your profile"
    assert 'href="/profile/edit/">Create your profile</a>' in html
    assert ">Create it</a>" not in html
    assert "Not submitted yet" in html
    assert ">Add domains</a> to your profile first" in html  # nothing to plan with yet
    assert " style=" not in html


def test_dashboard_progress_follows_the_data(client, alice):
    ready_portfolio(alice)
    client.force_login(alice)
    response = client.get(URL)
    assert response.context["onboarding"].done_count == 4
    assert 'max="6" value="4"' in response.content.decode()
    assert response.context["onboarding"].next_step.link_label == "Complete your profile"


def test_dashboard_all_done_says_where_the_round_stands(client, alice, rita, staff):
    review_form(staff)
    round = submitted_round(alice)
    make_profile(alice, **{**seed_document(), **DEMO_EXTENSIONS})  # every part filled in
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert "<strong>All done.</strong> Round 1 is with the reviewers: follow it below." in html
    reviewed(round, rita, Decision.APPROVE)
    html = client.get(URL).content.decode()
    assert "<strong>All done.</strong> Round 1 is decided: read the outcome below." in html
    assert "with the reviewers or decided" not in html


def test_dashboard_shows_the_latest_round_and_its_feedback(client, alice, rita, staff):
    review_form(staff)
    round = submitted_round(alice)
    reviewed(
        round,
        rita,
        Decision.REQUEST_CHANGES,
        score=2,
        comment="Add sources to every item.",
        rubric_comments={0: "Steps are skipped in item 3."},
    )
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert "Decision: Changes requested" in html
    assert "Reviewer 1" in html and "Rita" not in html  # reviewers stay anonymous
    assert "Reasoning quality: level 2" in html
    assert "Steps are skipped in item 3." in html
    assert "Add sources to every item." in html
    assert f'href="/submit/rounds/{round.pk}/"' in html
    assert "Resubmit" in html


def test_dashboard_never_shows_a_draft_review(client, alice, rita, staff):
    review_form(staff)
    round = submitted_round(alice)
    review = review_claim(actor=rita, round=round)
    review_save(actor=rita, review=review, data=ReviewInput(comment="Draft thought"), submit=False)
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert "In review" in html
    assert "Draft thought" not in html


def test_dashboard_plan_days_left(client, alice):
    make_profile(alice, domains=["finance", "law"])
    today = timezone.localdate()
    DeepeningPlan.objects.create(
        owner=alice, domain="law", set_on=today, target_date=today + timedelta(days=70)
    )
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert "Deepen <strong>law</strong>" in html
    assert "70 days left" in html


def test_dashboard_plan_overdue(client, alice):
    make_profile(alice, domains=["finance"])
    today = timezone.localdate()
    DeepeningPlan.objects.create(
        owner=alice,
        domain="finance",
        set_on=today - timedelta(days=100),
        target_date=today - timedelta(days=3),
    )
    client.force_login(alice)
    assert "the target passed 3 days ago" in client.get(URL).content.decode()


def test_dashboard_for_reviewers_and_staff(client, alice, rita, staff, settings):
    settings.REVIEWS_REQUIRED = 2
    review_form(staff)
    round = submitted_round(alice)
    client.force_login(rita)
    html = client.get(URL).content.decode()
    assert "1 round waiting for review" in html
    client.force_login(staff)
    html = client.get(URL).content.decode()
    assert "Nothing to settle" in html
    assert 'href="/review/calibration/"' in html
    assert round.reviews_required == 2


def test_deepening_plan_post_saves_it(client, alice):
    make_profile(alice, domains=["finance", "law"])
    client.force_login(alice)
    target = timezone.localdate() + timedelta(days=80)
    response = client.post(PLAN_URL, {"domain": "law", "target_date": target.isoformat()})
    assert response.status_code == 302 and response["Location"] == URL
    plan = DeepeningPlan.objects.get(owner=alice)
    assert (plan.domain, plan.target_date, plan.set_on) == ("law", target, timezone.localdate())


@pytest.mark.parametrize(
    ("domain", "days", "field", "message"),
    [
        ("law", 30, "target_date", "Choose a date 60 to 90 days from"),
        ("law", 120, "target_date", "Choose a date 60 to 90 days from"),
        ("medicine", 70, "domain", "Select a valid choice"),
        ("", 70, "domain", "This field is required"),
    ],
)
def test_deepening_plan_post_invalid_saves_nothing(client, alice, domain, days, field, message):
    make_profile(alice, domains=["finance", "law"])
    client.force_login(alice)
    target = timezone.localdate() + timedelta(days=days)
    response = client.post(PLAN_URL, {"domain": domain, "target_date": target.isoformat()})
    assert response.status_code == 200
    assert message in " ".join(response.context["plan_form"].errors[field])
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not DeepeningPlan.objects.exists()


def _without_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken"', html)


@pytest.mark.parametrize(
    ("data", "whole_form_error"),
    [
        (None, False),
        ({"domain": "medicine", "target_date": "tomorrow"}, False),
        ({"domain": "finance", "target_date": "2026-04-01"}, True),
    ],
)
def test_dashboard_plan_form_is_what_crispy_draws(rf, data, whole_form_error):
    def form():
        plan = DeepeningPlanForm(data, domains=["finance", "law"], today=date(2026, 1, 5))
        if data is not None and plan.is_valid() and whole_form_error:
            plan.add_error(None, "Your profile changed; choose again.")
        return plan

    request = rf.get(URL)
    ours = render_to_string("onboarding/_plan_form.html", {"plan_form": form()}, request)
    crispy = Template("{% load crispy_forms_tags %}{% crispy plan_form %}").render(
        RequestContext(request, {"plan_form": form()})
    )
    assert ("alert-danger" in ours) is whole_form_error
    assertHTMLEqual(_without_csrf(ours), _without_csrf(crispy))


def test_deepening_plan_only_changes_your_own(client, alice, bob):
    make_profile(alice, domains=["finance"])
    make_profile(bob, domains=["law"])
    client.force_login(bob)
    target = timezone.localdate() + timedelta(days=70)
    client.post(PLAN_URL, {"domain": "law", "target_date": target.isoformat()})
    assert list(DeepeningPlan.objects.values_list("owner", flat=True)) == [bob.pk]


def test_dashboard_and_plan_anonymous_go_to_login(client):
    assert client.get(URL)["Location"] == f"/accounts/login/?next={URL}"
    response = client.post(PLAN_URL, {"domain": "x"})
    assert response["Location"] == f"/accounts/login/?next={PLAN_URL}"
    assert not DeepeningPlan.objects.exists()


def test_dashboard_wrong_methods(client, alice):
    client.force_login(alice)
    assert client.post(URL).status_code == 405
    assert client.get(PLAN_URL).status_code == 405


@pytest.mark.parametrize(
    ("decided", "queries"),
    [
        # Session, user, the person with their role, profile and plan, work samples, evidence,
        # rubrics, benchmarks and the profile's lists (one query), latest round with its
        # credential and domains.
        (False, 5),
        (Decision.REQUEST_CHANGES, 8),  # and the feedback: reviews, their scores and flags
        (Decision.APPROVE, 8),
    ],
)
def test_dashboard_query_count_is_flat(
    client, alice, rita, staff, decided, queries, django_assert_max_num_queries
):
    review_form(staff)
    round = submitted_round(alice)
    if decided:
        reviewed(round, rita, decided, score=2 if decided == Decision.REQUEST_CHANGES else 5)
    today = timezone.localdate()
    DeepeningPlan.objects.create(
        owner=alice, domain="finance", set_on=today, target_date=today + timedelta(days=70)
    )
    client.force_login(alice)
    with django_assert_max_num_queries(queries) as few:
        client.get(URL)
    grow_portfolio(alice)
    # The kept document's work samples changed: the profile's lists are read on their own.
    with django_assert_max_num_queries(len(few.captured_queries) + 1):
        html = client.get(URL).content.decode()
    assert "13 rubrics: “Reasoning rubric" in html
    assert "14 work samples count" in html
