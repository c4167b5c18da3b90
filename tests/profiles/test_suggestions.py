"""The profile editor suggests domains, strengths, credentials and tools that profiles
already use, in <datalist>s the browser offers without JavaScript."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from profiles.queries import SUGGESTIONS_KEY, SUGGESTIONS_MAX, profile_suggestions
from tests.factories import UserFactory, make_profile

pytestmark = pytest.mark.django_db


def _people(count: int, **fields) -> None:
    for n in range(count):
        make_profile(UserFactory(email=f"p{n}-{id(fields)}@example.com"), **fields)


def test_profile_suggestions_most_used_first_per_list(bob):
    _people(2, domains=["finance"], strengths=["benchmarking"], tools=["python"])
    make_profile(bob, domains=["law", "finance"], credentials=["CFA"], tools=["sql"])

    suggestions = profile_suggestions()

    assert suggestions == {
        "domains": ["finance", "law"],
        "strengths": ["benchmarking"],
        "credentials": ["CFA"],
        "tools": ["python", "sql"],
    }


def test_profile_suggestions_one_query_then_kept(django_assert_num_queries, bob):
    make_profile(bob, domains=["finance"], tools=["python"])
    with django_assert_num_queries(1):
        first = profile_suggestions()
    with django_assert_num_queries(0):
        assert profile_suggestions() == first
    assert cache.get(SUGGESTIONS_KEY) == first


def test_profile_suggestions_are_bounded(bob, monkeypatch):
    monkeypatch.setattr("profiles.queries.SUGGESTIONS_MAX", 2)
    make_profile(bob, tools=["a", "b", "c", "d"])
    assert len(profile_suggestions()["tools"]) == 2
    assert SUGGESTIONS_MAX >= 100


def test_profile_edit_fields_name_their_datalists(client, alice, bob):
    make_profile(bob, domains=["clinical medicine"], strengths=["red teaming"], tools=["R"])
    client.force_login(alice)
    html = client.get(reverse("profile_edit")).content.decode()
    for key in ("domains", "strengths", "credentials", "tools"):
        assert f'<datalist id="{key}-suggestions">' in html
        assert re.search(rf'<input[^>]*list="{key}-suggestions"', html), key
    assert '<option value="clinical medicine"></option>' in html
    assert '<option value="red teaming"></option>' in html
    # Topics declined and work samples are the person's own: nothing to suggest.
    assert 'list="topics_declined-suggestions"' not in html
    assert 'list="work_samples-suggestions"' not in html
