"""One page in process, to find where its time goes: Django's test client against a benchmark
database (`make bench` makes them, and their static files), the page asked for by each of the
fresh table's visitors in turn, after a warm-up. Prints the median time inside Django and each
query's median database time, in the order the page first runs them:

    .venv/bin/python bench/page.py /review/ --as reviewer
    .venv/bin/python bench/page.py /dashboard/ --as expert --size 1000 --rounds 20

No HTTP server and no other size taking turns, so the figures are lower than the fresh
table's (by up to a third, bench/README.md); compare them with each other, not with it.
"""

import argparse
import os
import statistics
import sys
import time
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
class PageTime:
    requests: int
    median_ms: float
    least_ms: float
    queries: list[QueryTime]


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

    def timed(execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            seen.setdefault(sql[:SQL_SHOWN], []).append(time.perf_counter() - began)

    with connection.execute_wrapper(timed):
        for _ in range(rounds):
            for client in clients:
                times.append(_get(client, path))
    return PageTime(
        requests=len(times),
        median_ms=statistics.median(times),
        least_ms=min(times),
        queries=[
            QueryTime(sql, len(took) / len(times), statistics.median(took) * 1000)
            for sql, took in seen.items()
        ],
    )


def _get(client, path: str) -> float:
    began = time.perf_counter()
    response = client.get(path)
    took = (time.perf_counter() - began) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return float(response.headers.get("X-Bench-Ms", took))


def report(path: str, page: PageTime) -> str:
    lines = [
        f"{path}: median {page.median_ms:.2f} ms, least {page.least_ms:.2f} ms inside Django, "
        f"{page.requests} requests",
        "queries a request, median ms in the database, the query",
    ]
    lines += [f"{q.per_request:5.2f} {q.median_ms:7.2f}  {q.sql}" for q in page.queries]
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
    print(report(args.path, measure(args.path, clients, rounds=args.rounds, settle=settle)))


if __name__ == "__main__":
    main()
