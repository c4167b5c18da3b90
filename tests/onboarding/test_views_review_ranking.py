"""The queue ranks a reviewer's rounds by how well their profile's domains cover the
submission's, and says why on each row."""

from datetime import timedelta

import pytest
from django.utils import timezone

from onboarding.models import Round
from onboarding.queries.queue import MatchScore, QueueFilters, review_queue
from onboarding.queries.queue_page import match_points
from onboarding.views.review import QUEUE_PAGE_SIZE
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


def test_pages_by_best_match_together_are_the_queue_in_the_database_s_order(client, rita):
    make_profile(rita, domains=["statistics", "finance", "law"], domain_depth={"statistics": 5})
    kinds = [[], [("law", 2)], [("Finance", 3)], [("statistics", 1), ("LAW", 4)], [("law", 1)]]
    submitted = timezone.now() - timedelta(days=30)
    for n in range(2 * QUEUE_PAGE_SIZE + 7):
        # Equal times in pairs, so ties are broken by the key.
        RoundFactory(domains=kinds[n % len(kinds)], submitted_at=submitted + timedelta(n // 2))
    whole = [round.pk for round in review_queue(rita, QueueFilters())]
    client.force_login(rita)
    pages = [client.get(URL, {"page": page}).context["rows"] for page in (1, 2, 3)]
    assert [row["pk"] for page in pages for row in page] == whole
    assert pages[0][0]["match"][0] == "matches your deep domain statistics (depth 5)"


def test_the_match_score_is_what_each_round_s_domains_are_worth_to_the_reviewer():
    """MatchScore in the database and match_points() in Python agree, round by round; with
    no domains of the reviewer's, every round scores 0."""
    rounds = [
        RoundFactory(domains=[("law", 5)]),
        RoundFactory(domains=[("Statistics", 4), ("finance", 2)]),
        RoundFactory(domains=[("finance", 3)]),
    ]
    mine = {"statistics": ("statistics", 5), "finance": ("finance", 2)}
    for domains, expected in ((mine, [0, 10 + 2, 2]), ({}, [0, 0, 0])):
        scored = dict(Round.objects.annotate(score=MatchScore(domains)).values_list("pk", "score"))
        assert [scored[round.pk] for round in rounds] == expected
        assert [match_points(round.queue_domains, domains) for round in rounds] == expected
