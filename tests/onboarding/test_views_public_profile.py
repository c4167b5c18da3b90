"""/p/<slug>/: a profile its owner made public; everything else is a 404."""

import pytest
from django.urls import reverse

from tests.factories import make_profile
from tests.profiles.test_queries import long_lists

pytestmark = pytest.mark.django_db


def url(profile) -> str:
    return reverse("public_profile", args=[profile.slug])


def test_public_profile_shows_the_profile_without_the_rate_or_email(client, alice):
    profile = make_profile(
        alice,
        visibility="public",
        domains=["finance", "risk", "law"],
        domain_depth={"finance": 4},
        hourly_rate={"amount": 42, "currency": "USD"},
        work_samples=[{"title": "Risk benchmark", "link": "https://example.org/b"}],
    )
    html = client.get(url(profile)).content.decode()
    assert "<h1" in html and "Alice Expert" in html
    assert "Evaluator of clinical reasoning" in html
    assert "T-shaped skill profile" in html
    # A work sample is a portfolio artifact: public only once published and approved.
    assert "https://example.org/b" not in html
    assert "USD" not in html
    assert "alice@example.com" not in html


def test_public_profile_of_someone_without_a_name_shows_no_email(client):
    from tests.factories import UserFactory

    user = UserFactory(name="", email="secret.person@example.com")
    profile = make_profile(user, visibility="public")
    html = client.get(url(profile)).content.decode()
    assert "secret.person" not in html.split("</header>")[1]
    assert "An Expertfolio expert" in html


@pytest.mark.parametrize("visibility", ["private", None])
def test_private_profile_is_a_404_for_everyone(client, alice, bob, rita, staff, visibility):
    fields = {"visibility": visibility} if visibility else {}
    profile = make_profile(alice, **fields)
    assert client.get(url(profile)).status_code == 404
    for user in (bob, rita, staff, alice):
        client.force_login(user)
        assert client.get(url(profile)).status_code == 404


def test_unknown_slug_is_a_404(client):
    assert client.get(reverse("public_profile", args=["nobody-here"])).status_code == 404


def test_public_profile_turns_private_again(client, alice):
    profile = make_profile(alice, visibility="public")
    assert client.get(url(profile)).status_code == 200
    make_profile(alice, visibility="private")
    assert client.get(url(profile)).status_code == 404


def test_public_profile_wrong_method(client, alice):
    profile = make_profile(alice, visibility="public")
    assert client.post(url(profile)).status_code == 405


def test_public_profile_queries_do_not_grow_with_list_lengths(
    client, alice, django_assert_max_num_queries
):
    profile = make_profile(alice, visibility="public", **long_lists(1))
    with django_assert_max_num_queries(10) as small:
        client.get(url(profile))
    make_profile(alice, visibility="public", **long_lists(20))
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert "topic 19" in client.get(url(profile)).content.decode()


def test_public_profile_body_is_read_once_and_again_after_any_change(
    client, alice, bob, django_assert_max_num_queries
):
    profile = make_profile(alice, visibility="public", domains=["finance"])
    client.get(url(profile))
    # The body is a fragment kept by profile version: the profile row, the verified
    # credentials and whether a round was approved, not its lists.
    with django_assert_max_num_queries(3):
        assert "finance" in client.get(url(profile)).content.decode()
    client.force_login(bob)
    client.get(url(profile))
    # Signed in: the session, the person and their role, then the profile row, the verified
    # credentials and round.
    with django_assert_max_num_queries(6):
        assert "finance" in client.get(url(profile)).content.decode()
    client.logout()
    make_profile(alice, visibility="public", domains=["maritime law"])
    html = client.get(url(profile)).content.decode()
    assert "maritime law" in html and "finance" not in html
    alice.name = "Alice Renamed"
    alice.save()
    assert "Alice Renamed" in client.get(url(profile)).content.decode()
