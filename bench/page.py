"""One page in process, to find where its time goes: Django's test client against a benchmark
database (`make bench` makes them, and their static files), the page asked for by each of the
fresh table's visitors in turn, after a warm-up. Prints the median time inside Django and each
query's median database time, in the order the page first runs them:

    .venv/bin/python bench/page.py /review/ --as reviewer
    .venv/bin/python bench/page.py /dashboard/ --as expert --size 1000 --rounds 20
    .venv/bin/python bench/page.py /review/ --as reviewer --timeline

`--timeline` also prints where a request's time goes, step by step: the Python before each
query (building and compiling it, and before the first, the middleware), each query in the
database, and the Python after the last (mostly the template), each step's median.

No HTTP server and no other size taking turns, so the figures are lower than the fresh
table's (by up to a third, bench/README.md); compare them with each other, not with it.
"""

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VISITORS = 24
SQL_SHOWN = 100  # characters of each query's text: enough to tell them apart


@dataclass(frozen=True)
class QueryTime:
    sql: str  # the query's text, cut to SQL_SHOWN characters
    per_request: float
    median_ms: float


@dataclass(frozen=True)
class Step:
    what: str  # "Python before query 2: SELECT …", "query 2 in the database", …
    median_ms: float


@dataclass(frozen=True)
class PageTime:
    requests: int
    median_ms: float
    least_ms: float
    queries: list[QueryTime]
    steps: list[Step]  # steps_of() of the requests with the most common number of queries


def steps_of(began: float, queries: list[tuple[float, float, str]], ended: float) -> list:
    """One request's time, from `began` to `ended` (seconds), between and in its `queries`
    (each one's start, end and text), in order: [(what, ms), …]."""
    steps, last = [], began
    for number, (start, end, sql) in enumerate(queries, start=1):
        steps.append((f"Python before query {number}: {sql}", (start - last) * 1000))
        steps.append((f"query {number} in the database", (end - start) * 1000))
        last = end
    steps.append(
        ("Python after the last query (the template, the response)", (ended - last) * 1000)
    )
    return steps


def median_steps(requests: list[list]) -> list[Step]:
    """Each step's median over the requests shaped as most are (the same number of queries:
    a request that ran one query more has no step to line up with)."""
    if not requests:
        return []
    shape = Counter(len(steps) for steps in requests).most_common(1)[0][0]
    alike = [steps for steps in requests if len(steps) == shape]
    return [
        Step(alike[0][n][0], statistics.median(steps[n][1] for steps in alike))
        for n in range(shape)
    ]


def measure(
    path: str, clients: list, *, rounds: int, warmup: int = 2, settle=lambda: None
) -> PageTime:
    """`path` asked for by each client in turn, `warmup` times unmeasured, then (after
    `settle()`) `rounds` times: the time inside Django (the benchmark's X-Bench-Ms header,
    else the whole call) and each query's time in the database."""
    from django.db import connection

    for _ in range(warmup):
        for client in clients:
            _get(client, path)
    settle()
    times: list[float] = []
    seen: dict[str, list[float]] = {}
    current: list[tuple[float, float, str]] = []  # the request's queries, for its steps
    requests: list[list] = []

    def timed(execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            ended = time.perf_counter()
            seen.setdefault(sql[:SQL_SHOWN], []).append(ended - began)
            current.append((began, ended, sql[:SQL_SHOWN]))

    with connection.execute_wrapper(timed):
        for _ in range(rounds):
            for client in clients:
                current.clear()
                began = time.perf_counter()
                times.append(_get(client, path))
                requests.append(steps_of(began, current, time.perf_counter()))
    return PageTime(
        requests=len(times),
        median_ms=statistics.median(times),
        least_ms=min(times),
        queries=[
            QueryTime(sql, len(took) / len(times), statistics.median(took) * 1000)
            for sql, took in seen.items()
        ],
        steps=median_steps(requests),
    )


def _get(client, path: str) -> float:
    began = time.perf_counter()
    response = client.get(path)
    took = (time.perf_counter() - began) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return float(response.headers.get("X-Bench-Ms", took))


def report(path: str, page: PageTime, *, timeline: bool = False) -> str:
    lines = [
        f"{path}: median {page.median_ms:.2f} ms, least {page.least_ms:.2f} ms inside Django, "
        f"{page.requests} requests",
        "queries a request, median ms in the database, the query",
    ]
    lines += [f"{q.per_request:5.2f} {q.median_ms:7.2f}  {q.sql}" for q in page.queries]
    if timeline:
        # The whole call, so the first step holds the test client's share too.
        lines += ["median ms of each step of a request, as the test client called it"]
        lines += [f"{step.median_ms:7.2f}  {step.what}" for step in page.steps]
    return "\n".join(lines)


def _visitors(who: str) -> list:
    """The fresh table's visitors: their login cookies (None for anonymous)."""
    from bench import targets

    if who == "anonymous":
        return [None]
    people = {
        "expert": lambda: targets.experts_with_portfolio(VISITORS),
        "reviewer": lambda: targets.reviewers(VISITORS),
        "reviewer-home": lambda: targets.reviewer_homes(targets.reviewers(VISITORS)),
    }[who]()
    return [targets.login_cookies(person) for person in people]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path")
    parser.add_argument(
        "--as",
        dest="who",
        default="expert",
        choices=["expert", "reviewer", "reviewer-home", "anonymous"],
    )
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--timeline", action="store_true", help="and each step's median ms")
    parser.add_argument(
        "--server", default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    )
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/15")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from bench.run import environment

    os.environ.update(environment(f"{args.server}/expertfolio_bench_{args.size}", args.redis))
    import django

    django.setup()
    from django.test import Client

    clients = [
        Client(HTTP_HOST="example.com", HTTP_X_FORWARDED_PROTO="https", HTTP_COOKIE=cookies or "")
        for cookies in _visitors(args.who)
    ]
    from config.worker import settle

    # Settled as a worker is once it has started.
    page = measure(args.path, clients, rounds=args.rounds, settle=settle)
    print(report(args.path, page, timeline=args.timeline))


if __name__ == "__main__":
    main()
