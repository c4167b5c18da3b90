"""Cached portfolio and review pages show every change the moment it is saved.

Each test loads a page twice (the second from the cache), changes something through the
services a person's clicks go through, and loads it again."""

import re

import pytest

from portfolio import services
from portfolio.services_review import review_claim, review_release
from portfolio.services_submission import submission_withdraw
from portfolio.workflow import Decision
from profiles import services as profile_services
from rubrics import services as rubric_services
from rubrics.content import RubricContent
from rubrics.queries import rubric_content
from tests.factories import RubricFactory, WorkSampleFactory
from tests.portfolio.review_setup import review_form, reviewed, submitted_round

pytestmark = pytest.mark.django_db


def main(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode().split("<main", 1)[1]
    # Each rendering masks the CSRF token afresh; the rest is what the page shows.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def warm(client, url: str) -> str:
    """Load until the page comes from the cache (the first load sets the CSRF cookie)."""
    main(client, url)
    main(client, url)
    hit = client.get(url)
    assert hit.context is None, "rendered again: not served from the cache"
    return main(client, url)


def test_portfolio_page_follows_new_and_deleted_artifacts(client, alice):
    WorkSampleFactory(owner=alice, title="Risk memo")
    client.force_login(alice)
    assert "Risk memo" in warm(client, "/portfolio/")
    sample = WorkSampleFactory(owner=alice, title="Lease audit")
    assert "Lease audit" in main(client, "/portfolio/")
    services.work_sample_delete(actor=alice, sample=sample)
    html = main(client, "/portfolio/")
    assert "Lease audit" not in html and "Risk memo" in html


def test_rubric_page_follows_an_edit(client, alice):
    rubric = RubricFactory(owner=alice, title="Clarity rubric")
    client.force_login(alice)
    assert "Clarity rubric" in warm(client, f"/rubrics/{rubric.pk}/")
    content = rubric_content(rubric)
    rubric_services.rubric_update(
        rubric=rubric, content=RubricContent(**{**vars(content), "title": "Precision rubric"})
    )
    html = main(client, f"/rubrics/{rubric.pk}/")
    assert "Precision rubric" in html and "Clarity rubric" not in html


def test_a_kept_rubric_page_costs_one_query_and_still_checks_who_asks(
    client, alice, bob, django_assert_num_queries
):
    rubric = RubricFactory(owner=alice, title="Clarity rubric")
    client.force_login(alice)
    warm(client, f"/rubrics/{rubric.pk}/")
    with django_assert_num_queries(1):  # the session with the person; the stamp is kept
        assert "Clarity rubric" in main(client, f"/rubrics/{rubric.pk}/")
    client.force_login(bob)
    assert client.get(f"/rubrics/{rubric.pk}/").status_code == 404


def test_deleted_rubric_is_not_served_from_the_cache(client, alice):
    rubric = RubricFactory(owner=alice)
    client.force_login(alice)
    warm(client, f"/rubrics/{rubric.pk}/")
    rubric_services.rubric_delete(rubric=rubric)
    assert client.get(f"/rubrics/{rubric.pk}/").status_code == 404


def test_dashboard_follows_submitting_and_the_decision(client, alice, rita, staff):
    review_form(staff)
    client.force_login(alice)
    warm(client, "/dashboard/")
    round = submitted_round(alice)
    assert "Waiting for a reviewer" in main(client, "/dashboard/")
    reviewed(round, rita, Decision.APPROVE)
    assert "Approved" in main(client, "/dashboard/")


def test_reviewer_dashboard_follows_the_queue(client, alice, bob, rita, staff):
    review_form(staff)
    client.force_login(rita)
    before = warm(client, "/dashboard/")
    submitted_round(alice)
    assert main(client, "/dashboard/") != before


def test_queue_follows_submissions_claims_releases_and_withdrawals(client, alice, bob, rita, staff):
    review_form(staff)
    round = submitted_round(alice)
    profile_services.reviewer_grant(user=bob)
    client.force_login(rita)
    html = warm(client, "/review/")
    assert "Alice" in html and "Claim" in html
    review_claim(actor=bob, round=round)
    claimed = main(client, "/review/")
    assert claimed != html
    review_release(actor=bob, round=round)
    assert main(client, "/review/") == html
    submission_withdraw(actor=alice, round=round)
    assert "Alice" not in main(client, "/review/")


def test_queue_is_refused_once_the_role_is_gone(client, alice, rita, staff):
    review_form(staff)
    submitted_round(alice)
    client.force_login(rita)
    warm(client, "/review/")
    profile_services.reviewer_revoke(user=rita)
    assert client.get("/review/").status_code == 403


def test_round_pages_follow_a_review(client, alice, rita, staff):
    review_form(staff)
    round = submitted_round(alice)
    client.force_login(rita)
    assert "Claim" in warm(client, f"/review/rounds/{round.pk}/")
    client.force_login(alice)
    assert "Approved" not in warm(client, round.owner_url)
    reviewed(round, rita, Decision.APPROVE)
    assert "Approved" in main(client, round.owner_url)
    client.force_login(rita)
    assert "Approved" in main(client, f"/review/rounds/{round.pk}/")


def test_round_page_is_refused_once_the_role_is_gone(client, alice, rita, staff):
    review_form(staff)
    round = submitted_round(alice)
    client.force_login(rita)
    warm(client, f"/review/rounds/{round.pk}/")
    profile_services.reviewer_revoke(user=rita)
    assert client.get(f"/review/rounds/{round.pk}/").status_code == 404


def test_a_review_rubric_edited_or_deleted_by_staff_changes_for_every_reader(client, rita, staff):
    rubric = RubricFactory(owner=staff, kind="review", title="Reasoning quality")
    client.force_login(rita)
    assert "Reasoning quality" in warm(client, f"/rubrics/{rubric.pk}/")
    content = rubric_content(rubric)
    rubric_services.rubric_update(
        rubric=rubric, content=RubricContent(**{**vars(content), "title": "Domain rigor"})
    )
    assert "Domain rigor" in main(client, f"/rubrics/{rubric.pk}/")
    staff.name = "Stella Staff-Renamed"
    staff.save()
    assert "Stella Staff-Renamed" in main(client, f"/rubrics/{rubric.pk}/")
    rubric_services.rubric_delete(rubric=rubric)
    assert client.get(f"/rubrics/{rubric.pk}/").status_code == 404


def test_deleting_the_reviewers_group_ends_what_its_members_were_shown(client, alice, rita, staff):
    review_form(staff)
    round = submitted_round(alice)
    client.force_login(rita)
    warm(client, f"/review/rounds/{round.pk}/")
    rita.groups.get().delete()
    assert client.get(f"/review/rounds/{round.pk}/").status_code == 404


def test_a_reviewers_new_name_shows_on_the_round_pages_of_others(client, alice, rita, staff):
    review_form(staff)
    round = submitted_round(alice)
    reviewed(round, rita, Decision.APPROVE)
    client.force_login(staff)
    assert "Rita" in warm(client, f"/review/rounds/{round.pk}/")
    rita.name = "Rosalind Reviewer"
    rita.save()
    assert "Rosalind Reviewer" in main(client, f"/review/rounds/{round.pk}/")


def test_signing_in_does_not_empty_the_review_pages(alice, rita):
    from profiles.pagecache import REVIEWS, versions

    before = versions([REVIEWS])[REVIEWS]
    alice.save(update_fields=["last_login"])
    assert versions([REVIEWS])[REVIEWS] == before
    alice.save()
    assert versions([REVIEWS])[REVIEWS] == before + 1
