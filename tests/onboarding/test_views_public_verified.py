"""/p/<slug>/ after approval: the badge, the reviewed domains and shape, and the artifacts the
expert chose, as the approved round froze them."""

import pytest
from django.conf import settings
from django.urls import reverse

from onboarding.confirmations import CONFIRMATIONS
from onboarding.services.submissions import submission_submit
from onboarding.workflow import Decision
from portfolio import services as portfolio_services
from portfolio.publication import publication_set
from portfolio.services import profile_replace_from_document
from tests.factories import WorkSampleFactory, skill_profile_document
from tests.onboarding.review_setup import ready_portfolio, reviewed

pytestmark = pytest.mark.django_db


def publish(user, **public):
    """Make exactly `public` (kind -> ids) public; `items` publishes benchmark items."""
    items = public.pop("items", set())
    kinds = ("rubrics", "benchmarks", "test_plans", "work_samples")
    everything = {kind: set(range(1, 10_000)) for kind in kinds}
    publication_set(actor=user, shown=everything, public=public, items=items, expected_version=None)


def approved(user, rita):
    parts = ready_portfolio(user)
    # The profile must be public for the page to exist.
    profile = user.profile
    document = {
        **skill_profile_document(
            headline=profile.headline,
            domains=["finance", "statistics"],
            domain_depth={"finance": 4},
            credentials=["CFA"],
        ),
        "visibility": "public",
    }
    profile_replace_from_document(actor=user, user=user, document=document)
    round = submission_submit(actor=user, confirmed=CONFIRMATIONS)
    reviewed(round, rita, Decision.APPROVE)
    return parts, round


def page(client, user) -> str:
    response = client.get(reverse("public_profile", args=[user.profile.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_public_page_before_approval_has_no_badge(client, alice):
    ready_portfolio(alice)
    profile_replace_from_document(
        actor=alice,
        user=alice,
        document=skill_profile_document(domains=["finance"], visibility="public"),
    )
    html = page(client, alice)
    assert "Reviewed and approved" not in html
    assert 'property="og:type" content="profile"' in html


def test_public_page_after_approval_shows_badge_and_only_published_artifacts(client, alice, rita):
    parts, round = approved(alice, rita)
    html = page(client, alice)
    assert "Reviewed and approved" in html
    assert round.decided_at.strftime("%Y-%m-%d") in html
    assert "Specialist" in html and "finance" in html
    # Nothing is published by default.
    assert "Approved portfolio" not in html
    assert "Reasoning rubric" not in html

    publish(alice, rubrics={parts["rubric"].pk}, benchmarks={parts["benchmark"].pk})
    html = page(client, alice)
    assert "Approved portfolio" in html
    assert "Reasoning rubric" in html and "Lease pilot" in html
    assert "Grading notes" not in html and "Risk memo" not in html
    # The benchmark by summary: size and difficulty mix, never the items.
    assert "2 items, 1 adversarial" in html
    assert "1 medium, 1 hard" in html
    assert "short-term lease under ASC 842" not in html
    assert "Changed after the review" not in html


def test_public_page_publishes_benchmark_items_only_when_chosen(client, alice, rita):
    parts, _round = approved(alice, rita)
    benchmark = parts["benchmark"].pk
    publish(alice, benchmarks={benchmark}, items={benchmark})
    assert "short-term lease under ASC 842" in page(client, alice)


def test_public_page_marks_an_artifact_edited_after_the_review(client, alice, rita):
    parts, _round = approved(alice, rita)
    sample = parts["sample"]
    publish(alice, work_samples={sample.pk})
    assert "Changed after the review" not in page(client, alice)
    sample.refresh_from_db()  # as the edit page reads it, with the choice just made
    portfolio_services.work_sample_update(
        actor=alice,
        sample=sample,
        title="Grading notes (revised)",
        sample_type="report",
        description="",
    )
    html = page(client, alice)
    assert "Changed after the review" in html
    # The approved version, not the edited one.
    assert "Grading notes" in html and "(revised)" not in html
    assert "shared with reviewers only" in html


def test_public_page_leaves_out_artifacts_made_after_the_round(client, alice, rita):
    approved(alice, rita)
    later = WorkSampleFactory(owner=alice, title="Written after approval")
    publish(alice, work_samples={later.pk})
    assert "Written after approval" not in page(client, alice)


def test_public_page_renders_work_sample_markdown_safely(client, alice, rita):
    ready_portfolio(alice)
    sample = WorkSampleFactory(
        owner=alice,
        title="Markdown memo",
        description="**Bold claim** <script>alert(1)</script>",
        url="https://example.org/m",
    )
    profile_replace_from_document(
        actor=alice,
        user=alice,
        document=skill_profile_document(
            domains=["finance", "statistics"], domain_depth={"finance": 4}, visibility="public"
        ),
    )
    reviewed(submission_submit(actor=alice, confirmed=CONFIRMATIONS), rita, Decision.APPROVE)
    publish(alice, work_samples={sample.pk})
    html = page(client, alice)
    assert "<strong>Bold claim</strong>" in html
    assert "<script>alert(1)</script>" not in html


def test_public_page_has_title_description_and_open_graph(client, alice, rita):
    approved(alice, rita)
    html = page(client, alice)
    slug = alice.profile.slug
    assert "<title>Alice Expert · Expertfolio</title>" in html
    assert (
        '<meta name="description" content="Alice Expert: evaluator of financial reasoning' in html
    )
    assert "reviewed and approved on Expertfolio" in html
    assert '<meta property="og:title" content="Alice Expert · Expertfolio">' in html
    assert f'<meta property="og:url" content="{settings.SITE_URL}/p/{slug}/">' in html
    assert '<meta property="og:type" content="profile">' in html
    assert '<meta property="og:description"' in html


def test_public_page_of_a_private_approved_profile_is_a_404(client, alice, rita):
    approved(alice, rita)
    profile = alice.profile
    profile.visibility = "private"
    profile.save()
    assert client.get(reverse("public_profile", args=[profile.slug])).status_code == 404


def test_public_page_query_count_does_not_grow_with_published_artifacts(
    client, alice, rita, django_assert_max_num_queries
):
    from tests.onboarding.review_setup import grow_portfolio

    parts, _round = approved(alice, rita)
    publish(alice, rubrics={parts["rubric"].pk})
    with django_assert_max_num_queries(12) as few:
        page(client, alice)
    # A new approved round is impossible (approval is final), so grow what is published:
    # every artifact of the round.
    grow_portfolio(alice, times=3)
    publish(
        alice,
        rubrics=set(range(1, 10_000)),
        benchmarks=set(range(1, 10_000)),
        test_plans=set(range(1, 10_000)),
        work_samples=set(range(1, 10_000)),
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page(client, alice)


def test_public_portfolio_fragment_is_kept_until_a_choice_changes(
    client, alice, rita, django_assert_max_num_queries
):
    parts, _round = approved(alice, rita)
    publish(alice, rubrics={parts["rubric"].pk})
    page(client, alice)
    # Kept: the profile row, the verified credentials, the round and the published
    # artifacts; no snapshot.
    with django_assert_max_num_queries(4):
        assert "Reasoning rubric" in page(client, alice)
    publish(alice, benchmarks={parts["benchmark"].pk})
    html = page(client, alice)
    assert "Lease pilot" in html and "Reasoning rubric" not in html


def test_public_page_drops_the_badge_once_staff_revoke_the_approval(client, alice, rita, staff):
    from onboarding import audit
    from onboarding.models import AuditEntry

    _parts, round = approved(alice, rita)
    assert "Reviewed and approved" in page(client, alice)
    audit.record(round, actor=staff, action=AuditEntry.Action.APPROVAL_REVOKED, note="Plagiarism.")
    assert "Reviewed and approved" not in page(client, alice)
