"""Read helpers other apps use: a flat number of queries whatever the list lengths."""

import pytest
from django.contrib.auth.models import AnonymousUser

from portfolio.documents import (
    kept_document,
    profile_document,
    profile_document_for,
    profile_with_document_for,
)
from profiles.models import Profile
from profiles.queries import profile_domain_names, profile_for, public_profile_by_slug
from profiles.schema import document_errors
from tests.factories import make_profile, skill_profile_document

pytestmark = pytest.mark.django_db


def long_lists(count: int) -> dict:
    return {
        "domains": [f"domain {i}" for i in range(count)],
        "strengths": [f"strength {i}" for i in range(count)],
        "credentials": [f"credential {i}" for i in range(count)],
        "tools": [f"tool {i}" for i in range(count)],
        "topics_declined": [f"topic {i}" for i in range(count)],
        "work_samples": [
            {"title": f"sample {i}", "link": f"https://example.org/{i}"} for i in range(count)
        ],
    }


@pytest.mark.parametrize("count", [1, 20])
def test_profile_for_loads_a_whole_document_in_seven_queries(
    alice, count, django_assert_num_queries
):
    make_profile(alice, **long_lists(count))
    with django_assert_num_queries(7):
        document = profile_document(profile_for(alice))
    assert len(document["domains"]) == count
    assert len(document["work_samples"]) == count


@pytest.mark.parametrize("count", [1, 20])
def test_profile_with_document_for_reads_every_list_in_one_query(
    alice, count, django_assert_num_queries
):
    depths = {f"domain {i}": i % 5 + 1 for i in range(0, count, 2)}
    samples = [
        {"title": f"sample {i}", "type": "memo", "link": f"https://example.org/{i}"}
        for i in range(count)
    ]
    make_profile(alice, **{**long_lists(count), "domain_depth": depths, "work_samples": samples})
    Profile.objects.filter(user=alice).update(kept_document="")  # as a row written before
    # The row, its work samples' version, then every list in one query.
    with django_assert_num_queries(3):
        profile, document = profile_with_document_for(alice)
    assert profile.user_id == alice.pk
    assert document == profile_document(profile_for(alice))
    assert document["domains"] == [f"domain {i}" for i in range(count)]  # in the expert's order
    assert document["domain_depth"] == depths


def test_profile_with_document_for_without_a_profile(alice, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert profile_with_document_for(alice) == (None, None)
    assert profile_with_document_for(AnonymousUser()) == (None, None)


def test_a_kept_document_is_read_without_its_lists(alice, django_assert_num_queries):
    make_profile(alice, **long_lists(3))
    profile, first = profile_with_document_for(alice)
    with django_assert_num_queries(2):  # the profile row and its work samples' version
        again = profile_with_document_for(alice)
    assert again == (profile, first) and first == profile_document_for(alice)


def test_a_kept_document_follows_every_save(alice, bob):
    make_profile(alice, **long_lists(3))
    make_profile(bob, headline="Bob")
    profile_with_document_for(alice)
    profile_with_document_for(bob)
    make_profile(alice, headline="Saved again", tools=["python"])
    _profile, document = profile_with_document_for(alice)
    assert document == skill_profile_document(
        headline="Saved again",
        tools=["python"],
        work_samples=long_lists(3)["work_samples"],  # kept by the portfolio
    )
    assert profile_with_document_for(bob)[1] == skill_profile_document(headline="Bob")


def test_a_kept_document_comes_with_what_the_schema_says_of_it(alice):
    make_profile(alice, **long_lists(3))
    # As an old row might be, from before documents were stored with their rows.
    Profile.objects.filter(user=alice).update(headline=" untrimmed", kept_document="")
    kept = kept_document(Profile.objects.get(user=alice))
    assert kept.problems == tuple(document_errors(kept.document))
    assert kept.problems[0].path == "headline"
    assert kept_document(Profile.objects.get(user=alice)) == kept


def test_profile_document_for_reads_the_database(alice, django_assert_num_queries):
    make_profile(alice, **long_lists(3))
    _profile, kept = profile_with_document_for(alice)
    with django_assert_num_queries(2):  # what a submission freezes is never a kept copy
        assert profile_document_for(alice) == kept


def test_profile_for_without_a_profile(alice):
    assert profile_for(alice) is None
    assert profile_for(AnonymousUser()) is None
    assert profile_document_for(alice) is None


def test_profile_document_for_is_the_users_own(alice, bob):
    make_profile(alice, headline="Alice")
    make_profile(bob, headline="Bob")
    assert profile_document_for(alice)["headline"] == "Alice"
    assert profile_document_for(bob) == skill_profile_document(headline="Bob")


def test_profile_domain_names_in_the_experts_order(alice, bob, django_assert_num_queries):
    make_profile(alice, domains=["risk", "finance", "statistics"])
    make_profile(bob, domains=["law"])
    with django_assert_num_queries(1):
        assert profile_domain_names(alice) == ["risk", "finance", "statistics"]
    assert profile_domain_names(bob) == ["law"]


def test_profile_domain_names_without_a_profile(alice):
    assert profile_domain_names(alice) == []


def test_public_profile_by_slug_only_finds_public_profiles(alice, bob):
    public = make_profile(alice, visibility="public")
    private = make_profile(bob, visibility="private")
    assert public_profile_by_slug(public.slug) == public
    assert public_profile_by_slug(private.slug) is None
    assert public_profile_by_slug("nobody") is None
