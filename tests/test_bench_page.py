"""bench/page.py: one page timed in process, with its queries' times."""

import pytest
from django.test import Client

from bench.page import Step, measure, median_steps, report, steps_of

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
    # Step by step: the Python before each query, the query, and the Python after the last.
    assert len(page.steps) == 2 * len(texts) + 1
    assert page.steps[0].what == f"Python before query 1: {texts[0]}"
    assert page.steps[1].what == "query 1 in the database"
    assert page.steps[-1].what.startswith("Python after the last query")
    assert all(step.median_ms >= 0 for step in page.steps)
    assert "median ms of each step" not in said
    timeline = report("/portfolio/", page, timeline=True)
    assert timeline.startswith(said) and page.steps[-1].what in timeline


def test_steps_of_a_request_are_the_gaps_between_its_queries_and_the_queries():
    queries = [(1.001, 1.003, "SELECT 1"), (1.004, 1.0045, "SELECT 2")]
    steps = steps_of(1.0, queries, 1.010)
    assert [what for what, _ in steps] == [
        "Python before query 1: SELECT 1",
        "query 1 in the database",
        "Python before query 2: SELECT 2",
        "query 2 in the database",
        "Python after the last query (the template, the response)",
    ]
    assert [round(ms, 3) for _, ms in steps] == [1.0, 2.0, 1.0, 0.5, 5.5]
    assert steps_of(2.0, [], 2.003)[0][1] == pytest.approx(3.0)


def test_median_steps_line_up_the_requests_shaped_as_most_are():
    one = [("Python before query 1: SELECT 1", 1.0), ("query 1 in the database", 2.0)]
    other = [("Python before query 1: SELECT 1", 3.0), ("query 1 in the database", 4.0)]
    longer = [*one, ("query 2 in the database", 9.0)]  # one query more: left out
    assert median_steps([one, other, longer]) == [
        Step("Python before query 1: SELECT 1", 2.0),
        Step("query 1 in the database", 3.0),
    ]
    assert median_steps([]) == []


def test_page_that_does_not_answer_200_stops_the_measure(alice):
    with pytest.raises(SystemExit, match="/dashboard/ answered 302"):
        measure("/dashboard/", [Client()], rounds=1, warmup=0)
