"""The queue ranks a reviewer's rounds by how well their profile's domains cover the
submission's, and says why on each row."""

import pytest

from tests.factories import RoundFactory, make_profile

pytestmark = pytest.mark.django_db

URL = "/review/"


def test_rounds_that_match_the_reviewer_s_deep_domains_come_first(client, rita):
    make_profile(rita, domains=["statistics", "finance"], domain_depth={"statistics": 5})
    law = RoundFactory(domains=[("law", 5)])
    finance = RoundFactory(domains=[("finance", 3)])
    both = RoundFactory(domains=[("Statistics", 4), ("finance", 2)])
    client.force_login(rita)
    response = client.get(URL)
    rows = response.context["rows"]
    assert [row["pk"] for row in rows] == [both.pk, finance.pk, law.pk]
    assert rows[0]["match"] == [
        "matches your deep domain statistics (depth 5)",
        "matches your domain finance (depth 2)",
    ]
    assert rows[2]["match"] == []
    assert "Matches your deep domain statistics (depth 5)" in response.content.decode()


def test_without_a_profile_the_queue_is_oldest_first(client, rita):
    first = RoundFactory(domains=[("law", 5)])
    second = RoundFactory(domains=[("finance", 3)])
    client.force_login(rita)
    assert [row["pk"] for row in client.get(URL).context["rows"]] == [first.pk, second.pk]


def test_the_reviewer_may_still_sort_oldest_first(client, rita):
    make_profile(rita, domains=["finance"], domain_depth={"finance": 4})
    old = RoundFactory(domains=[("law", 5)])
    new = RoundFactory(domains=[("finance", 3)])
    client.force_login(rita)
    assert [row["pk"] for row in client.get(URL).context["rows"]] == [new.pk, old.pk]
    rows = client.get(URL, {"sort": "oldest"}).context["rows"]
    assert [row["pk"] for row in rows] == [old.pk, new.pk]
    assert rows[1]["match"] == ["matches your deep domain finance (depth 4)"]
