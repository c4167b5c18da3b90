"""/portfolio/: my artifacts grouped by kind, with checklist status, paginated, flat queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portfolio.queries import PER_PAGE
from tests.factories import (
    AdversarialCaseFactory,
    AdversarialTestPlanFactory,
    BenchmarkFactory,
    BenchmarkItemFactory,
    RubricFactory,
    WorkSampleFactory,
    make_profile,
)
from tests.portfolio.upload_examples import stored_file

pytestmark = pytest.mark.django_db

URL = "/portfolio/"


GROUP_KEYS = ["samples", "rubrics", "benchmarks", "test_plans"]


def add_artifacts(owner, count: int) -> None:
    """`count` of every kind of artifact, each with rows of its own (cases, items, levels)."""
    for _ in range(count):
        WorkSampleFactory(owner=owner)
        WorkSampleFactory(owner=owner, url="", file=stored_file(owner))
        plan = AdversarialTestPlanFactory(owner=owner)
        AdversarialCaseFactory(plan=plan, position=0, severity="low")
        AdversarialCaseFactory(plan=plan, position=1, severity="critical")
        RubricFactory(owner=owner)
        benchmark = BenchmarkFactory(owner=owner)
        for position in range(12):
            BenchmarkItemFactory(benchmark=benchmark, position=position, adversarial=position == 0)


def groups_by_key(response) -> dict:
    return {group.kind.key: group for group in response.context["groups"]}


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
    groups = groups_by_key(response)
    assert [group.kind.key for group in response.context["groups"]] == GROUP_KEYS
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


def test_portfolio_row_addresses_are_those_of_their_url_names(client, alice):
    add_artifacts(alice, 1)
    client.force_login(alice)
    response = client.get(URL)
    prefixes = {"samples": "work_sample", "rubrics": "rubric", "benchmarks": "benchmark"}
    prefixes["test_plans"] = "test_plan"
    for key, group in groups_by_key(response).items():
        assert group.rows
        for row in group.rows:
            pk = int(row.detail_url.rstrip("/").rpartition("/")[2])
            assert [row.detail_url, row.edit_url, row.delete_url, row.duplicate_url] == [
                reverse(f"{prefixes[key]}_{action}", args=[pk])
                for action in ("detail", "edit", "delete", "duplicate")
            ]


def test_portfolio_shows_checklist_status(client, alice):
    WorkSampleFactory(owner=alice)
    plan = AdversarialTestPlanFactory(owner=alice, sources="OWASP LLM Top 10", goal="0 fails")
    for position, severity in enumerate(["low", "high", "critical"] * 4):
        AdversarialCaseFactory(plan=plan, position=position, severity=severity)
    client.force_login(alice)
    response = client.get(URL)
    groups = groups_by_key(response)
    assert len(groups["samples"].rows[0].checklist.applicable) == 0
    plan_row = groups["test_plans"].rows[0].checklist
    assert (len(plan_row.met), len(plan_row.applicable)) == (5, 5)
    html = response.content.decode()
    assert "Judged by reviewers" in html
    assert "5 of 5 met" in html


def test_portfolio_empty_groups_invite_to_add(client, alice):
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert html.count("None yet.") == 4
    assert "Add a work sample" in html and "Add a test plan" in html
    assert "Add a benchmark" in html and "New rubric" in html


def test_portfolio_paginates_each_group_on_its_own(client, alice):
    for number in range(PER_PAGE + 3):
        WorkSampleFactory(owner=alice, title=f"Sample {number:02}")
    AdversarialTestPlanFactory(owner=alice, title="Only plan")
    client.force_login(alice)

    first = client.get(URL)
    samples, _rubrics, _benchmarks, plans = first.context["groups"]
    assert len(samples.rows) == PER_PAGE
    assert samples.next_url == "?samples_page=2"
    assert "Page 1 of 2" in first.content.decode()

    second = client.get(URL, {"samples_page": 2, "test_plans_page": 1})
    samples, _rubrics, _benchmarks, plans = second.context["groups"]
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
    groups = groups_by_key(response)
    assert {key: len(group.rows) for key, group in groups.items()} == {
        "samples": PER_PAGE,
        "rubrics": PER_PAGE,
        "benchmarks": PER_PAGE,
        "test_plans": PER_PAGE,
    }
    assert all(row.badge == "Pilot" for row in groups["benchmarks"].rows)
    # Session, user, role, four pages (each counts its group), the rubrics' levels.
    assert len(few.captured_queries) <= 8


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


def test_portfolio_rubrics_group_lists_my_rubrics_with_their_actions(client, alice, bob, staff):
    rubric = RubricFactory(owner=alice, title="Clinical reasoning rubric")
    RubricFactory(owner=bob, title="Bob's rubric")
    RubricFactory(owner=staff, kind="review", title="Review rubric")
    client.force_login(alice)
    response = client.get(URL)
    rubrics = groups_by_key(response)["rubrics"]
    assert [row.title for row in rubrics.rows] == ["Clinical reasoning rubric"]
    row = rubrics.rows[0]
    assert row.summary == "Scores 5 · 3 · 1; 1 disallowed behaviour"
    # The factory's rubric has no pass score and no sources; pilot is not applicable.
    assert (len(row.checklist.met), len(row.checklist.applicable)) == (2, 4)
    html = response.content.decode()
    base = f"/rubrics/{rubric.pk}/"
    assert f'href="{base}"' in html
    assert f'href="{base}edit/"' in html
    assert f'href="{base}delete/"' in html
    assert f'action="{base}duplicate/"' in html
    assert 'href="/rubrics/new/">New rubric</a>' in html
    assert 'href="/rubrics/import/">Import YAML</a>' in html
    assert "Bob's rubric" not in html and "Review rubric" not in html


def test_portfolio_benchmarks_group_shows_pilot_badge_and_checklist(client, alice, bob):
    pilot = BenchmarkFactory(owner=alice, title="Lease pilot", domain="accounting")
    for position in range(12):
        BenchmarkItemFactory(
            benchmark=pilot,
            position=position,
            difficulty="hard" if position % 2 else "easy",
            adversarial=position == 3,
        )
    small = BenchmarkFactory(owner=alice, title="Small one")
    BenchmarkItemFactory(benchmark=small, position=0)
    BenchmarkFactory(owner=bob, title="Bob's benchmark")
    client.force_login(alice)
    response = client.get(URL)
    rows = {row.title: row for row in groups_by_key(response)["benchmarks"].rows}
    assert set(rows) == {"Lease pilot", "Small one"}
    assert rows["Lease pilot"].badge == "Pilot" and rows["Small one"].badge == ""
    assert rows["Lease pilot"].kind == "Benchmark · accounting"
    assert rows["Lease pilot"].summary == "12 items, 1 adversarial"
    # Every item names its source, so sources count as documented.
    assert rows["Lease pilot"].checklist.complete
    assert [item.key for item in rows["Small one"].checklist.missing] == [
        "pass_fail",
        "adversarial",
        "pilot",
    ]
    html = response.content.decode()
    assert '<span class="badge text-bg-info">Pilot</span>' in html
    assert "5 of 5 met" in html and "2 of 5 met" in html
    base = f"/portfolio/benchmarks/{pilot.pk}/"
    assert f'href="{base}"' in html and f'href="{base}edit/"' in html
    assert f'href="{base}delete/"' in html and f'action="{base}duplicate/"' in html
    assert 'href="/portfolio/benchmarks/new/"' in html
    assert "Bob's benchmark" not in html


def test_portfolio_intro_explains_the_onboarding_artifacts_with_counts(client, alice):
    RubricFactory(owner=alice)
    WorkSampleFactory(owner=alice)
    client.force_login(alice)
    html = client.get(URL).content.decode()
    intro = html.split('id="onboarding-artifacts"')[1].split("</section>")[0]
    assert "One reasoning rubric</a> — the <strong>generalist</strong> artifact" in intro
    assert "One domain benchmark</a> — the <strong>specialist</strong> artifact" in intro
    assert "Two strong work samples" in intro
    assert intro.count("You have 1.") == 2 and intro.count("You have 0.") == 1


def test_portfolio_paginates_benchmarks_and_rubrics(client, alice):
    for number in range(PER_PAGE + 2):
        BenchmarkFactory(owner=alice, title=f"Benchmark {number:02}")
        RubricFactory(owner=alice)
    client.force_login(alice)
    groups = groups_by_key(client.get(URL, {"benchmarks_page": 2, "rubrics_page": 2}))
    assert len(groups["benchmarks"].rows) == 2 and len(groups["rubrics"].rows) == 2
    assert groups["benchmarks"].previous_url == "?benchmarks_page=1&rubrics_page=2"


def test_portfolio_of_a_reviewer_shows_the_queue_without_asking_again(client, alice, rita):
    WorkSampleFactory(owner=alice)
    WorkSampleFactory(owner=rita)
    client.force_login(alice)
    with CaptureQueriesContext(connection) as expert:
        assert "Review queue" not in client.get(URL).content.decode()
    client.force_login(rita)
    with CaptureQueriesContext(connection) as reviewer:
        assert "Review queue" in client.get(URL).content.decode()
    assert len(reviewer.captured_queries) == len(expert.captured_queries)


CRUMB = '<li class="breadcrumb-item"><a href="/portfolio/">My portfolio</a></li>'


@pytest.mark.parametrize(
    ("factory", "prefix", "new_label"),
    [
        (BenchmarkFactory, "benchmarks", "New benchmark"),
        (AdversarialTestPlanFactory, "test-plans", "New test plan"),
        (WorkSampleFactory, "samples", "New work sample"),
    ],
)
def test_every_artifact_page_leads_back_to_my_portfolio(client, alice, factory, prefix, new_label):
    """New, edit and delete pages of every kind show the same trail: My portfolio, the
    artifact, the page."""
    artifact = factory(owner=alice, title="Trail test")
    client.force_login(alice)
    # Without a profile's domains, a benchmark's "new" page asks for them: on the trail too.
    for profile in (False, True):
        if profile:
            make_profile(alice, domains=["finance"])
        html = client.get(f"/portfolio/{prefix}/new/").content.decode()
        assert CRUMB in html
        assert f'<li class="breadcrumb-item active" aria-current="page">{new_label}</li>' in html
    for action, here in (("edit", "Edit"), ("delete", "Delete")):
        html = client.get(f"/portfolio/{prefix}/{artifact.pk}/{action}/").content.decode()
        assert CRUMB in html, action
        link = (
            f'<li class="breadcrumb-item"><a href="/portfolio/{prefix}/{artifact.pk}/">Trail test'
        )
        assert link in html, action
        assert f'aria-current="page">{here}</li>' in html, action


@pytest.mark.parametrize(
    ("factory", "prefix", "kind"),
    [
        (BenchmarkFactory, "benchmarks", "Domain benchmark"),
        (AdversarialTestPlanFactory, "test-plans", "Adversarial test plan"),
        (WorkSampleFactory, "samples", "Work sample"),
    ],
)
def test_every_artifact_view_page_leads_back_to_my_portfolio(client, alice, factory, prefix, kind):
    artifact = factory(owner=alice, title="Trail test")
    client.force_login(alice)
    html = client.get(f"/portfolio/{prefix}/{artifact.pk}/").content.decode()
    trail = (
        f'<nav aria-label="Breadcrumb"><ol class="breadcrumb">{CRUMB}'
        f'<li class="breadcrumb-item active" aria-current="page">{kind}</li></ol></nav>'
    )
    assert trail in html
