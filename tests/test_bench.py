"""The benchmark's own parts: the query counter, the budgets, the mix of pages, the load
generator and the memory reading. Nothing here is timed."""

import itertools
import os
import random
import re
import subprocess
import sys
import threading
from argparse import Namespace
from concurrent.futures import ProcessPoolExecutor
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from bench import memory
from bench.load import Fresh, Person, fetch, form_fields, fresh, load, mix
from bench.middleware import query_name
from bench.report import budget_ms, flat, varying, verdict
from bench.reviewing import review_domains_ensure, review_pages, reviewer_homes
from bench.run import fresh_tables, machine_speed, round_trip
from bench.settings import MIDDLEWARE as BENCH_MIDDLEWARE
from onboarding.models import Review
from onboarding.queries.queue import QueueFilters, queue_sort, reviewer_domains
from onboarding.services.reviews import review_claim
from profiles.models import ProfileDomain, User
from seeding.accounts import MIN_REVIEWERS, REVIEWER_EMAIL
from tests.factories import RoundFactory, UserFactory
from tests.onboarding.review_setup import review_form, submitted_round


@pytest.fixture
def bench_urls(settings):
    settings.ROOT_URLCONF = "bench.urls"
    settings.MIDDLEWARE = BENCH_MIDDLEWARE


@pytest.mark.django_db
def test_bench_counts_the_queries_of_each_request(client, bench_urls, alice):
    trivial = client.get("/bench/trivial/")
    assert (trivial.status_code, trivial.content, trivial["X-Bench-Queries"]) == (200, b"ok", "0")
    client.force_login(alice)
    page = client.get("/profile/")
    # The session and the user are read by middleware: the count starts outside it.
    assert page.status_code == 200 and int(page["X-Bench-Queries"]) >= 3
    assert float(page["X-Bench-Ms"]) > 0
    # Each query named, in the order the page ran them.
    names = page["X-Bench-Sql"].split(", ")
    assert len(names) == int(page["X-Bench-Queries"]) and "SELECT profiles_user" in names
    assert trivial["X-Bench-Sql"] == ""


@pytest.mark.parametrize(
    "sql, name",
    [
        (
            'SELECT "profiles_user"."id" FROM "profiles_user" WHERE "id" = %s',
            "SELECT profiles_user",
        ),
        # Its own table, not a subquery's in its columns or its conditions.
        (
            'SELECT "u"."id", EXISTS(SELECT 1 AS "a" FROM "portfolio_submission" U0) AS "b" '
            'FROM "profiles_user" WHERE "id" IN (SELECT 1 FROM "auth_group")',
            "SELECT profiles_user",
        ),
        (
            '(SELECT "id" FROM "profiles_user") UNION ALL (SELECT 1 FROM "x")',
            "SELECT profiles_user",
        ),
        ('UPDATE "django_session" SET "expire_date" = %s', "UPDATE django_session"),
        ('INSERT INTO "onboarding_auditentry" ("a") VALUES (%s)', "INSERT onboarding_auditentry"),
        ('DELETE FROM "portfolio_review" WHERE "id" IN (%s)', "DELETE portfolio_review"),
        ('SAVEPOINT "s1_x1"', "SAVEPOINT"),
    ],
)
def test_bench_names_a_query_by_its_verb_and_its_own_first_table(sql, name):
    assert query_name(sql) == name


@pytest.mark.django_db
@pytest.mark.parametrize(
    "engine, queries",
    [
        ("django.contrib.sessions.backends.db", "2"),  # the session, then the person
        ("django.contrib.sessions.backends.cached_db", "1"),  # the session from the cache
    ],
)
def test_bench_signed_in_floor_reads_the_session_and_the_person(
    client, bench_urls, settings, alice, engine, queries
):
    settings.SESSION_ENGINE = engine
    assert client.get("/bench/signed-in/").content == b"None"
    client.force_login(alice)
    response = client.get("/bench/signed-in/")
    assert (response.content, response["X-Bench-Queries"]) == (str(alice.pk).encode(), queries)


# --- Budgets -----------------------------------------------------------------------------------


def _fresh(ms: float, queries: tuple[int, int] = (5, 5), fields: int = 0) -> Fresh:
    return Fresh(
        requests=20,
        ms=ms,
        least_ms=ms,
        queries=queries[1],
        queries_range=queries,
        kb=8,
        fields=fields,
    )


def test_bench_budget_is_ten_ms_and_twenty_for_a_form_of_more_than_thirty_fields():
    assert [budget_ms(_fresh(1, fields=n)) for n in (0, 30, 31)] == [10, 10, 20]
    assert verdict(_fresh(10.0)) == "ok"
    assert verdict(_fresh(10.1)) == "OVER (time)"
    assert verdict(_fresh(19.9, fields=75)) == "ok"
    # Ten queries at most, for every visitor.
    assert verdict(_fresh(4, queries=(9, 10))) == "ok"
    assert verdict(_fresh(4, queries=(9, 11))) == "OVER (queries)"
    assert verdict(_fresh(25, queries=(12, 12), fields=40)) == "OVER (time, queries)"


def test_bench_page_is_flat_within_a_quarter_more_time_and_the_same_queries():
    assert flat(_fresh(8.0), _fresh(10.0))
    assert not flat(_fresh(8.0), _fresh(10.1))
    assert not flat(_fresh(8.0, queries=(5, 5)), _fresh(8.0, queries=(5, 6)))


def test_bench_counts_the_fields_a_person_fills_in():
    page = b"""<form>
      <input type="hidden" name="csrfmiddlewaretoken" value="x">
      <input type="text" name="headline" class="form-control">
      <input name="rate">
      <input type="radio" name="early" value="yes"><input type="radio" name="early" value="no">
      <select name="domain"><option>a</option></select>
      <textarea name="bio"></textarea>
      <input type="submit" name="save" value="Save"><button name="go">Go</button>
    </form>"""
    assert form_fields(page) == 5
    assert form_fields(b"<p>No form</p>") == 0


# --- The mix of pages --------------------------------------------------------------------------

_PEOPLE = st.lists(
    st.lists(st.sampled_from(["/a/", "/b/", "/c/", "/d/"]), min_size=3, unique=True).map(
        lambda paths: Person(
            cookies=f"sessionid={'-'.join(paths)}",
            pages=tuple((path, path, n + 1) for n, path in enumerate(paths)),
        )
    ),
    min_size=1,
    max_size=5,
)


@given(people=_PEOPLE, seed=st.integers(0, 1000))
def test_bench_mix_never_asks_for_the_same_page_twice_in_a_row(people, seed):
    stream = mix(people, random.Random(seed))
    asked = [next(stream) for _ in range(60)]
    paths = [path for _kind, path, _cookies in asked]
    assert all(a != b for a, b in itertools.pairwise(paths))
    # Each person in turn, each time one of their own pages, never the one they asked before.
    for n, person in enumerate(people):
        own = [asked[i] for i in range(n, len(asked), len(people))]
        assert {cookies for _k, _p, cookies in own} == {person.cookies}
        assert {path for _k, path, _c in own} <= {path for _k, path, _w in person.pages}
        assert all(a[1] != b[1] for a, b in itertools.pairwise(own))


def test_bench_mix_follows_the_weights():
    person = Person("sessionid=x", (("often", "/a/", 8), ("rare", "/b/", 1), ("rare", "/c/", 1)))
    stream = mix([person], random.Random(1))
    kinds = [next(stream)[0] for _ in range(1000)]
    # Never twice in a row caps "often" at every other request.
    assert 400 <= kinds.count("often") <= 500


def test_bench_mix_needs_three_pages_a_person():
    with pytest.raises(ValueError, match="three distinct pages"):
        next(mix([Person("s", (("a", "/a/", 1), ("b", "/b/", 1)))], random.Random(0)))


# --- Against a tiny server ---------------------------------------------------------------------


class _Page(BaseHTTPRequestHandler):
    asked: list[str] = []  # paths, in the order they came

    def do_GET(self):
        _Page.asked.append(self.path)
        signed_in = (self.headers["Cookie"] or "").startswith("sessionid=")
        status = 403 if self.path.startswith("/private/") and not signed_in else 200
        body = b'<input name="q"><input name="r">' if self.path.startswith("/form/") else b"hello"
        self.send_response(status)
        sql = []
        if self.path.startswith("/vary/"):  # the second visitor's page reads one table more
            extra = ["SELECT django_session"] if self.path == "/vary/2/" else []
            sql = ["SELECT profiles_user", *extra, "SELECT portfolio_round"]
            self.send_header("X-Bench-Sql", ", ".join(sql))
        queries = len(sql) if sql else 7 if self.path.startswith("/form/") else 3
        self.send_header("X-Bench-Queries", str(queries))
        self.send_header("X-Bench-Ms", "9.00" if self.path.startswith("/form/") else "1.50")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def tiny_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_port
    server.shutdown()


def test_bench_fresh_times_each_server_in_turn(tiny_server):
    _Page.asked.clear()
    forms = [("/form/1/", "sessionid=a"), ("/form/2/", "sessionid=b")]
    plain = [("/a/", None)]
    form, page = fresh([(tiny_server, forms), (tiny_server, plain)], warmup=1, requests=2)
    # Request by request, the one server then the other; the warm-up is not timed.
    assert _Page.asked == ["/form/1/", "/a/", "/form/2/", "/a/", "/form/1/", "/a/"]
    assert (form.requests, form.ms, form.least_ms, form.queries_range) == (2, 9.0, 9.0, (7, 7))
    assert (form.kb * 1024, form.fields) == (32, 2)
    assert (page.ms, page.queries, page.kb * 1024, page.fields) == (1.5, 3, 5, 0)
    with pytest.raises(RuntimeError, match="answered 403"):
        fresh([(tiny_server, [("/private/", None)])], warmup=0, requests=1)


def test_bench_warms_each_visitor_of_a_page_that_asks_before_timing_it(tiny_server):
    _Page.asked.clear()
    homes = [(f"/home/{n}/", f"sessionid={n}") for n in range(3)]
    pages = [
        {"name": "home", "visits": homes, "warmup": 3},
        {"name": "plain", "visits": [("/a/", None)]},
    ]
    args = Namespace(only="", warmup=1, requests=2)
    tables = fresh_tables({1: tiny_server}, {1: {"pages": pages}}, args)
    # Each of the home's visitors once, untimed; then the timed ones, visitors in turn.
    assert _Page.asked == ["/home/0/", "/home/1/", "/home/2/", "/home/0/", "/home/1/"] + ["/a/"] * 3
    assert (tables[1]["home"].requests, tables[1]["plain"].requests) == (2, 2)


def test_bench_says_what_a_request_with_more_queries_ran(tiny_server, capsys):
    visits = [("/vary/1/", None), ("/vary/2/", None)]
    (page,) = fresh([(tiny_server, visits)], warmup=0, requests=4)
    assert page.extra_sql == ("SELECT django_session",)
    (same,) = fresh([(tiny_server, visits[:1])], warmup=0, requests=2)
    assert same.extra_sql == ()
    varying({1000: {"review page": page, "queue": same}})
    assert capsys.readouterr().out == (
        "review page at 1,000 experts: 2–3 queries; the most ran SELECT django_session besides "
        "the fewest's\n"
    )


def test_bench_leaves_out_a_page_with_nothing_to_visit_at_some_size(tiny_server, capsys):
    both = {"name": "plain", "visits": [("/a/", None)]}
    scoring = {"name": "review page, scoring", "visits": [("/b/", None)]}
    args = Namespace(only="", warmup=0, requests=1)
    # Missing at the larger size, then at the smaller one.
    for sites in (
        {1: {"pages": [both, scoring]}, 2: {"pages": [both]}},
        {1: {"pages": [both]}, 2: {"pages": [both, scoring]}},
    ):
        tables = fresh_tables({1: tiny_server, 2: tiny_server}, sites, args)
        assert (list(tables[1]), list(tables[2])) == (["plain"], ["plain"])
        assert "review page, scoring: nothing to visit at every size" in capsys.readouterr().out


def test_bench_load_measures_throughput_latency_and_errors(tiny_server):
    pages = (("a", "/a/", 1), ("b", "/b/", 1), ("private", "/private/", 1))
    people = [Person(f"sessionid={n}", pages) for n in range(3)]
    with ProcessPoolExecutor(2) as pool:
        mixed = load(pool, tiny_server, people, clients=2, seconds=0.3)
        yardstick = load(pool, tiny_server, people, clients=2, seconds=0.3, path="/private/")
        with pytest.raises(ValueError, match="3 clients need 3 people"):
            load(pool, tiny_server, people[:2], clients=3, seconds=0.1)
    assert len(mixed.hits) > 10 and mixed.errors == 0 and mixed.rps > 0
    assert mixed.kinds() == ["a", "b", "private"]
    assert 0 < mixed.percentile_ms(50) <= mixed.percentile_ms(95)
    assert {(h.ms, h.queries) for h in mixed.hits} == {(1.5, 3)}
    assert yardstick.kinds() == ["yardstick"] and yardstick.errors == 0


# --- Memory ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_bench_review_page_is_read_before_claiming_and_scored_by_the_claim_s_holder(staff):
    review_form(staff)
    expert = UserFactory(email="scale-1@example.com")
    first, second = (UserFactory(email=REVIEWER_EMAIL.format(n), reviewer=True) for n in (1, 2))
    round = submitted_round(expert)
    review_claim(actor=first, round=round)
    # A claim less than a day from expiring is not scored: a visit could expire it.
    stale = submitted_round(UserFactory(email="scale-2@example.com"))
    review_claim(actor=second, round=stale)
    due_soon = timezone.now() - timedelta(days=settings.CLAIM_DAYS - 1, minutes=1)
    Review.objects.filter(round=stale).update(claimed_at=due_soon)
    path = f"/review/rounds/{round.pk}/"
    pages = {
        name: visits for name, visits, _warmup in review_pages([first, second], ["1", "2"], [])
    }
    # Each round by the next reviewer who holds no review of it (a holder's page has the
    # scoring form): the second for the first round, then the first again for the other.
    assert pages["review page"] == [(path, "2"), (f"/review/rounds/{stale.pk}/", "1")]
    ((scoring_path, cookies),) = pages["review page, scoring"]
    assert scoring_path == path and cookies.startswith("sessionid=")


def test_bench_reads_the_resident_memory_of_a_process_and_finds_its_children():
    assert memory.peak_kb(os.getpid()) >= memory.rss_kb(os.getpid()) > 1000
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert child.pid in memory.children(os.getpid())
        assert memory.rss_kb(child.pid) > 0
    finally:
        child.kill()
        child.wait()


def test_bench_memory_requests_have_query_strings_of_their_own():
    visits = [("/p/ada/", None), ("/review/?page=2", "sessionid=r")]
    requests = memory.distinct_requests(
        visits, ("/submit/rounds/7/", "sessionid=e"), count=10, large_every=5
    )
    assert requests[:3] == [
        ("/p/ada/?utm=1", None),
        ("/review/?page=2&utm=2", "sessionid=r"),
        ("/p/ada/?utm=3", None),
    ]
    assert [requests[4], requests[9]] == [
        ("/submit/rounds/7/?utm=5", "sessionid=e"),
        ("/submit/rounds/7/?utm=10", "sessionid=e"),
    ]
    assert len({path for path, _cookies in requests}) == 10


def test_bench_memory_measures_the_process_across_the_requests(tiny_server):
    requests = [(f"/a/?utm={n}", None) for n in range(5)] + [("/private/?utm=5", None)]
    result = memory.measure(tiny_server, os.getpid(), requests, sample_every=2)
    assert [n for n, _kb in result.samples] == [0, 2, 4, 6]
    assert result.start_kb > 0 and result.end_kb == result.samples[-1][1]
    assert result.peak_kb >= result.end_kb and result.errors == 1
    assert result.largest_mb == 5 / 1_000_000
    assert result.ok == (result.growth_mb <= 50)
    assert fetch(tiny_server, "/a/", None).body == b"hello"


def test_bench_validate_profile_runs_its_cases():
    """`make bench` starts with this script; a broken import would stop the whole run."""
    from bench import validate_profile

    document = validate_profile.large_document()
    assert validate_profile.checked_and_built_per_call(document) == []
    median, best = validate_profile.per_call_us(lambda: None, rounds=1, repeats=1)
    assert median >= best >= 0


def test_bench_times_the_home_of_the_reviewers_every_seeded_database_has():
    people = [User(email=REVIEWER_EMAIL.format(n)) for n in (24, 3, 1, 7, 5, 2, 4, 6)]
    people.append(User(email="bench-reviewer@example.com"))
    homes = reviewer_homes(people)
    assert sorted(user.email for user in homes) == sorted(
        REVIEWER_EMAIL.format(n) for n in range(1, MIN_REVIEWERS + 1)
    )


@pytest.mark.django_db
def test_bench_reviewers_get_three_domains_of_the_open_rounds_the_first_deep(rita):
    """Seeded reviewers have no profile; the bench gives its reviewers one, so the queue
    it times is in its default order, best match."""
    raj = UserFactory(email="raj@example.com", reviewer=True)
    for name in ("tax law", "pediatrics", "statistics", "finance"):
        RoundFactory(domains=[(name, 3), ("finance", 2)])
    RoundFactory(domains=[("astronomy", 5)], state="approved")  # not open: never chosen
    review_domains_ensure([rita, raj])
    review_domains_ensure([rita, raj])  # kept as made
    mine = {user: reviewer_domains(user) for user in (rita, raj)}
    assert mine[rita] == {
        "finance": ("finance", 5),
        "pediatrics": ("pediatrics", 4),
        "statistics": ("statistics", 3),
    }
    assert list(mine[raj]) == ["pediatrics", "statistics", "tax law"]
    assert ProfileDomain.objects.filter(profile__user=rita).count() == 3
    assert queue_sort(rita, QueueFilters(), mine[rita]) == "match"


def test_bench_reads_the_machine_s_speed_as_a_loop_s_time():
    said = machine_speed()
    assert re.fullmatch(r"a fixed Python loop takes \d+ ms", said), said
    assert int(said.split()[-2]) > 0


@pytest.mark.django_db
def test_bench_reads_a_query_s_round_trip_as_the_median_of_200():
    with connection.cursor() as cursor:
        asked = []
        said = round_trip(lambda: asked.append(cursor.execute("SELECT 1")))
    assert len(asked) == 200
    assert re.fullmatch(r"a query's round trip takes \d+\.\d\d ms", said), said
