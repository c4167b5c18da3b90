"""/profile/: the owner's page, with previews as reviewers and the public see it."""

import pytest
from django.urls import reverse

from tests.factories import RubricFactory, make_profile
from tests.profiles.test_queries import long_lists

pytestmark = pytest.mark.django_db
URL = reverse("profile")

RICH = {
    "headline": "Quant researcher with evaluation design experience",
    "bio": "CFA Level II.",
    "domains": ["finance", "statistics", "risk"],
    "domain_depth": {"finance": 5},
    "hourly_rate": {"amount": 42, "currency": "USD"},
    "availability": {"hours_per_week": 15, "timezone": "UTC-5"},
    "topics_declined": ["crypto tips"],
}


def test_profile_page_without_a_profile_invites_building_one(client, alice):
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert "You have no profile yet" in html
    assert f'href="{reverse("profile_edit")}"' in html
    assert f'href="{reverse("profile_import")}"' in html
    assert "0 of 9 done (0%)" in html
    assert reverse("profile_export") not in html


def test_profile_page_shows_the_document_shape_and_completeness(client, alice):
    make_profile(alice, **RICH)
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert RICH["headline"] in html
    assert "<svg" in html and "T-shaped skill profile" in html
    assert "One deep domain (finance) across 3 domains" in html
    assert "(not set, counts as working)" in html
    assert "42.00 USD per hour" in html
    assert "crypto tips" in html
    assert "Private</span>" in html
    # Missing items link to the editor section that fills them.
    assert 'href="/profile/edit/#section-credentials">Credentials</a>' in html
    assert 'href="/profile/edit/#section-domains">A depth for every domain</a>' in html
    assert "4 of 9 done (44%)" in html


def test_profile_page_as_a_reviewer_sees_it_includes_the_rate(client, alice):
    make_profile(alice, **RICH)
    client.force_login(alice)
    html = client.get(URL, {"view": "reviewer"}).content.decode()
    assert "This is what reviewers see" in html
    assert "42.00 USD per hour" in html
    assert "Alice Expert" in html
    assert "Profile completeness" not in html


def test_profile_page_as_the_public_sees_it_hides_the_rate(client, alice):
    make_profile(alice, **RICH)
    client.force_login(alice)
    html = client.get(URL, {"view": "public"}).content.decode()
    assert "Your profile is private, so nobody sees this page yet" in html
    assert "USD" not in html
    assert RICH["headline"] in html
    assert "<svg" in html


def test_profile_page_public_profile_links_its_address(client, alice):
    profile = make_profile(alice, visibility="public")
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert f'href="/p/{profile.slug}/"' in html
    assert "Public</span>" in html
    html = client.get(URL, {"view": "public"}).content.decode()
    assert "This is your public page" in html


def test_profile_page_shows_your_own_profile_only(client, alice, bob, rita):
    make_profile(alice, headline="Alice's headline")
    for user in (bob, rita):
        client.force_login(user)
        html = client.get(URL).content.decode()
        assert "Alice" not in html.split("</header>")[1]
        assert "You have no profile yet" in html


def test_profile_page_anonymous_goes_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={URL}"


def test_profile_page_wrong_method(client, alice):
    client.force_login(alice)
    assert client.post(URL).status_code == 405


@pytest.mark.parametrize("view", ["", "reviewer", "public"])
def test_profile_page_queries_do_not_grow_with_list_lengths(
    client, alice, view, django_assert_max_num_queries
):
    make_profile(alice, visibility="public", **long_lists(1))
    client.force_login(alice)
    # Session, user, the work samples' kinds and version, the profile with the role and the
    # kinds of artifact built, its lists (until its document is kept), where its credentials
    # stand, and its evidence (but for the public's view).
    with django_assert_max_num_queries(7) as small:
        client.get(URL, {"view": view})
    make_profile(alice, visibility="public", **long_lists(20))
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = client.get(URL, {"view": view}).content.decode()
    assert "domain 19" in html


def test_navigation_links_the_profile_for_people_logged_in(client, alice):
    assert 'href="/profile/"' not in client.get("/").content.decode().split("</header>")[0]
    client.force_login(alice)
    assert 'href="/profile/"' in client.get("/").content.decode().split("</header>")[0]


def test_profile_pages_have_no_inline_scripts_or_styles(client, alice):
    make_profile(alice, **RICH)
    client.force_login(alice)
    for url in (URL, reverse("profile_edit"), reverse("profile_import")):
        html = client.get(url).content.decode()
        assert "<script>" not in html
        assert " style=" not in html
        assert "<style" not in html


def test_a_rubric_built_here_is_evidence_of_reasoning_quality_on_the_profile(client, alice):
    make_profile(alice)
    client.force_login(alice)
    missing = "Evidence of reasoning quality"
    before = client.get(URL).context["completeness"]
    assert missing in [item.label for item in before.items if not item.done]
    RubricFactory(owner=alice)
    after = client.get(URL).context["completeness"]
    assert missing not in [item.label for item in after.items if not item.done]
