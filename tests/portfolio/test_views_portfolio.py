"""/portfolio/: my artifacts grouped by kind, with checklist status, paginated, flat queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portfolio.queries import PER_PAGE
from tests.factories import AdversarialCaseFactory, AdversarialTestPlanFactory, WorkSampleFactory
from tests.portfolio.upload_examples import stored_file

pytestmark = pytest.mark.django_db

URL = "/portfolio/"


def add_artifacts(owner, count: int) -> None:
    for _ in range(count):
        WorkSampleFactory(owner=owner)
        WorkSampleFactory(owner=owner, url="", file=stored_file(owner))
        plan = AdversarialTestPlanFactory(owner=owner)
        AdversarialCaseFactory(plan=plan, position=0, severity="low")
        AdversarialCaseFactory(plan=plan, position=1, severity="critical")


def test_portfolio_url_is_stable():
    assert reverse("portfolio") == URL


def test_portfolio_groups_my_artifacts_by_kind(client, alice, bob):
    WorkSampleFactory(owner=alice, title="My link sample", url="https://example.org/x")
    WorkSampleFactory(owner=alice, title="My file sample", url="", file=stored_file(alice))
    AdversarialCaseFactory(plan__owner=alice, plan__title="My test plan")
    WorkSampleFactory(owner=bob, title="Bob's sample")
    AdversarialTestPlanFactory(owner=bob, title="Bob's plan")
    client.force_login(alice)

    response = client.get(URL)
    groups = {group.kind.key: group for group in response.context["groups"]}
    assert [group.kind.key for group in response.context["groups"]] == ["samples", "test_plans"]
    assert {row.title for row in groups["samples"].rows} == {"My link sample", "My file sample"}
    assert [row.title for row in groups["test_plans"].rows] == ["My test plan"]
    html = response.content.decode()
    assert "Bob" not in html
    assert "Link to example.org" in html
    assert "notes.md" in html
    assert "1 case" in html


def test_portfolio_rows_link_to_every_action(client, alice):
    sample = WorkSampleFactory(owner=alice)
    plan = AdversarialTestPlanFactory(owner=alice)
    client.force_login(alice)
    html = client.get(URL).content.decode()
    for base in (f"/portfolio/samples/{sample.pk}/", f"/portfolio/test-plans/{plan.pk}/"):
        assert f'href="{base}"' in html
        assert f'href="{base}edit/"' in html
        assert f'href="{base}delete/"' in html
        assert f'action="{base}duplicate/"' in html
    assert 'href="/portfolio/samples/new/"' in html
    assert 'href="/portfolio/test-plans/new/"' in html


def test_portfolio_shows_checklist_status(client, alice):
    WorkSampleFactory(owner=alice)
    plan = AdversarialTestPlanFactory(owner=alice, sources="OWASP LLM Top 10", goal="0 fails")
    for position, severity in enumerate(["low", "high", "critical"] * 4):
        AdversarialCaseFactory(plan=plan, position=position, severity=severity)
    client.force_login(alice)
    response = client.get(URL)
    groups = {group.kind.key: group for group in response.context["groups"]}
    assert groups["samples"].rows[0].checklist.applicable == 0
    plan_row = groups["test_plans"].rows[0].checklist
    assert (plan_row.met, plan_row.applicable) == (5, 5)
    html = response.content.decode()
    assert "Judged by reviewers" in html
    assert "5 of 5 met" in html


def test_portfolio_empty_groups_invite_to_add(client, alice):
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert html.count("None yet.") == 2
    assert "Add a work sample" in html and "Add a test plan" in html


def test_portfolio_paginates_each_group_on_its_own(client, alice):
    for number in range(PER_PAGE + 3):
        WorkSampleFactory(owner=alice, title=f"Sample {number:02}")
    AdversarialTestPlanFactory(owner=alice, title="Only plan")
    client.force_login(alice)

    first = client.get(URL)
    samples, plans = first.context["groups"]
    assert len(samples.rows) == PER_PAGE
    assert samples.next_url == "?samples_page=2"
    assert "Page 1 of 2" in first.content.decode()

    second = client.get(URL, {"samples_page": 2, "test_plans_page": 1})
    samples, plans = second.context["groups"]
    assert len(samples.rows) == 3
    assert samples.previous_url == "?samples_page=1&test_plans_page=1"
    assert [row.title for row in plans.rows] == ["Only plan"]


def test_portfolio_tolerates_bad_page_numbers(client, alice):
    WorkSampleFactory(owner=alice)
    client.force_login(alice)
    response = client.get(URL, {"samples_page": "nine", "test_plans_page": "999"})
    assert response.status_code == 200
    assert len(response.context["groups"][0].rows) == 1


def test_portfolio_query_count_does_not_grow_with_artifacts(
    client, alice, django_assert_max_num_queries
):
    add_artifacts(alice, 1)
    client.force_login(alice)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    add_artifacts(alice, PER_PAGE + 5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert len(response.context["groups"][0].rows) == PER_PAGE
    assert len(few.captured_queries) <= 12


def test_portfolio_anonymous_goes_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={URL}"


def test_portfolio_wrong_method(client, alice):
    client.force_login(alice)
    assert client.post(URL).status_code == 405


def test_navigation_links_to_the_portfolio_when_logged_in(client, alice):
    assert 'href="/portfolio/"' not in client.get("/").content.decode().split("</header>")[0]
    client.force_login(alice)
    nav = client.get("/").content.decode().split("</header>")[0]
    assert 'href="/portfolio/"' in nav


def test_portfolio_pages_have_no_inline_scripts_or_styles(client, alice):
    sample = WorkSampleFactory(owner=alice, url="", file=stored_file(alice))
    plan = AdversarialCaseFactory(plan__owner=alice).plan
    client.force_login(alice)
    pages = ["/portfolio/", "/portfolio/samples/new/", "/portfolio/test-plans/new/"]
    for base in (f"/portfolio/samples/{sample.pk}/", f"/portfolio/test-plans/{plan.pk}/"):
        pages += [base, f"{base}edit/", f"{base}delete/"]
    for page in pages:
        html = client.get(page).content.decode()
        assert "<script>" not in html, page
        assert " style=" not in html, page
        assert "<style" not in html, page
