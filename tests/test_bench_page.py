"""bench/page.py: one page timed in process, with its queries' times."""

import pytest
from django.test import Client

from bench.page import measure, report

pytestmark = pytest.mark.django_db


def _signed_in(*people) -> list[Client]:
    clients = []
    for person in people:
        client = Client()
        client.force_login(person)
        clients.append(client)
    return clients


def test_page_is_timed_for_each_visitor_with_its_queries_in_order(alice, bob):
    settled = []
    page = measure(
        "/portfolio/", _signed_in(alice, bob), rounds=3, settle=lambda: settled.append(1)
    )
    assert settled == [1]
    assert page.requests == 6
    assert 0 < page.least_ms <= page.median_ms
    # Each request reads the person first (after its session, when that is in the
    # database): once a request, as every later query.
    texts = [query.sql for query in page.queries]
    person = 1 if "django_session" in texts[0] else 0
    assert texts[person].startswith('SELECT "profiles_user"')
    assert [query.per_request for query in page.queries] == [1] * len(texts)
    assert all(query.median_ms >= 0 for query in page.queries)
    said = report("/portfolio/", page)
    assert said.startswith("/portfolio/: median ")
    assert "6 requests" in said and texts[person] in said


def test_page_that_does_not_answer_200_stops_the_measure(alice):
    with pytest.raises(SystemExit, match="/dashboard/ answered 302"):
        measure("/dashboard/", [Client()], rounds=1, warmup=0)
