"""`make bench`: Expertfolio's pages built fresh, on PostgreSQL with seeded data, at two sizes.

For each size it seeds a database of its own once (kept for later runs) and serves the app
with gunicorn in production settings. It prints:

- every main page built fresh: the median time inside Django over requests sent one at a
  time, each by another person where the page is someone's own, its SQL queries and size,
  against the budgets; the sizes take turns, request by request, and are then compared;
- at the largest size, a mixed load: hundreds of signed-in experts and reviewers asking for
  their own pages from concurrent clients, against the signed-in trivial view measured in
  the same run;
- at the largest size, one worker's resident memory across 1,000 requests with distinct
  query strings, a 30 MB round page among them.

    .venv/bin/python bench/run.py [--sizes 1000,10000] [--only queue] [--seconds 20]
"""

import argparse
import contextlib
import itertools
import json
import os
import secrets
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import memory  # noqa: E402
from bench.load import Load, Person, fresh, load  # noqa: E402
from bench.report import (  # noqa: E402
    FLOOR,
    print_mixed,
    print_table,
    reference,
    side_by_side,
    varying,
)
from credentials.keys import new_private_jwk  # noqa: E402
from tests.servers import free_port, gunicorn, running  # noqa: E402

SIGNED_IN = "/bench/signed-in/"


def environment(database_url: str, redis_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        EXPERTFOLIO_SIGNING_KEY=new_private_jwk(),
        DJANGO_ALLOWED_HOSTS="example.com",
        DJANGO_BEHIND_TLS_PROXY="1",
        DJANGO_STATIC_ROOT=str(ROOT / "var" / "bench" / "static"),
        EXPERTFOLIO_UPLOAD_ROOT=str(ROOT / "var" / "bench" / "uploads"),
        DATABASE_URL=database_url,
        # Sizes share the Redis database, never each other's fragments.
        DJANGO_CACHE_PREFIX=f"bench-{database_url.rsplit('/', 1)[-1]}",
    )
    if redis_url:
        env["REDIS_URL"] = redis_url  # sessions (cached_db) and the shared cache
    return env


def manage(env: dict, *args: str, capture: bool = True) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return done.stdout or ""


def script(env: dict, path: str, *args: str) -> dict:
    """Run one of the benchmark's Django scripts in a child process; it prints JSON."""
    done = subprocess.run(
        [sys.executable, path, *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE,
    )
    return json.loads(done.stdout)


def seeded_database(server: str, size: int, reseed: bool) -> str:
    """A database with `size` seeded experts, made once and reused by later runs."""
    name = f"expertfolio_bench_{size}"
    url = f"{server}/{name}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not reseed:
            with psycopg.connect(url) as db:
                marker = db.execute("SELECT to_regclass('bench_seeded') IS NOT NULL").fetchone()[0]
                if marker and db.execute("SELECT experts FROM bench_seeded").fetchone()[0] == size:
                    print(f"-- {name}: seeded before, reused (--reseed to start over)")
                    return url
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    env = environment(url, "")
    manage(env, "migrate", "--noinput")
    began = time.monotonic()
    manage(env, "seed_scale", "--experts", str(size), capture=False)
    print(f"-- seeded {size:,} experts in {time.monotonic() - began:.1f} s")
    with psycopg.connect(url, autocommit=True) as db:
        db.execute("CREATE TABLE bench_seeded (experts integer)")
        db.execute("INSERT INTO bench_seeded VALUES (%s)", [size])
        db.execute("VACUUM ANALYZE")
    return url


def machine_speed() -> str:
    """How fast this machine runs Python just now: the best of five runs of a fixed loop.
    Shared machines vary by a fifth from hour to hour; runs compare by this."""
    best = float("inf")
    for _ in range(5):
        began = time.perf_counter()
        total = 0
        for n in range(2_000_000):
            total += n
        best = min(best, time.perf_counter() - began)
    return f"a fixed Python loop takes {best * 1000:.0f} ms"


def round_trip(execute) -> str:
    """How long the database takes to answer the least query, `execute()` (the median of 200):
    every query a page runs costs at least this, and it is where machines of a kind differ
    most (a page of seven queries pays it seven times; the loop above does not see it)."""
    times = []
    for _ in range(200):
        began = time.perf_counter()
        execute()
        times.append(time.perf_counter() - began)
    return f"a query's round trip takes {statistics.median(times) * 1000:.2f} ms"


def machine(server: str) -> str:
    """machine_speed() and round_trip() against PostgreSQL at `server`."""
    with psycopg.connect(f"{server}/postgres", autocommit=True) as db:
        trip = round_trip(lambda: db.execute("SELECT 1").fetchone())
    return f"{machine_speed()}, {trip}"


def load_average() -> str:
    """This machine is shared: how busy it was when a section began."""
    return "load average {:.1f}, {:.1f}, {:.1f}".format(*os.getloadavg())


def served(env: dict, workers: int):
    """gunicorn in production settings, behind the TLS proxy the clients play."""
    port = free_port()
    command = [*gunicorn(port, workers), "--forwarded-allow-ips", "127.0.0.1"]
    return port, running(command, env, port)


# --- Pages built fresh --------------------------------------------------------------------------


def fresh_tables(ports: dict[int, int], sites: dict[int, dict], args) -> dict[int, dict]:
    """Every page at every size, the sizes taking turns request by request; a page that asks
    for a longer warm-up (each of its visitors once) gets it."""
    sizes = sorted(ports)
    pages = {size: {page["name"]: page for page in sites[size]["pages"]} for size in sizes}
    tables = {size: {} for size in sizes}
    for name in dict.fromkeys(name for size in sizes for name in pages[size]):
        if name not in FLOOR and args.only not in name:
            continue
        if any(name not in pages[size] for size in sizes):  # no visits at some size
            print(f"{name}: nothing to visit at every size, left out")
            continue
        servers = [(ports[size], pages[size][name]["visits"]) for size in sizes]
        warmup = max(args.warmup, *(pages[size][name].get("warmup", 0) for size in sizes))
        found = fresh(servers, warmup=warmup, requests=args.requests)
        for size, page in zip(sizes, found, strict=True):
            tables[size][name] = page
    return tables


# --- Many people at once ----------------------------------------------------------------------


def mixed_load(port: int, people: list[Person], args) -> tuple[Load, list[Load]]:
    with ProcessPoolExecutor(args.clients) as pool:

        def run(seconds: float, path: str | None = None) -> Load:
            return load(pool, port, people, clients=args.clients, seconds=seconds, path=path)

        run(3)  # every worker has built each kind of page once
        # The yardstick before and after, as this machine drifts within a run.
        before = run(args.seconds / 2, SIGNED_IN)
        mixed = run(args.seconds)
        after = run(args.seconds / 2, SIGNED_IN)
    return mixed, [before, after]


# --- Memory -----------------------------------------------------------------------------------


def memory_step(env: dict, size: int, pages: list[dict], args) -> None:
    large = script(env, "bench/large_round.py")
    # Every page's visits in turn, the floor left out.
    visits = [
        visit
        for group in itertools.zip_longest(
            *(page["visits"] for page in pages if page["name"] not in FLOOR)
        )
        for visit in group
        if visit is not None
    ]
    requests = memory.distinct_requests(
        visits,
        (large["path"], large["cookies"]),
        count=args.memory_requests,
        large_every=args.large_every,
    )
    print(
        f"\n== Memory at {size:,} experts: one gunicorn worker, {len(requests):,} requests "
        f"with distinct query strings, every page's visits in turn and the large round page "
        f"({large['path']}) every {args.large_every}th; {load_average()}"
    )
    port, server = served(env, 1)
    with server as master:
        (worker,) = memory.children(master.pid)
        result = memory.measure(port, worker, requests)
    print(
        "resident MB after n requests: "
        + ", ".join(f"{n:,}: {memory.mb(kb):.0f}" for n, kb in result.samples)
    )
    print(
        f"start {memory.mb(result.start_kb):.1f} MB, end {memory.mb(result.end_kb):.1f} MB, growth "
        f"{result.growth_mb:+.1f} MB (goal at most {memory.GOAL_GROWTH_MB} MB), peak "
        f"{memory.mb(result.peak_kb):.1f} MB; largest page {result.largest_mb:.1f} MB; "
        f"{result.errors} errors  " + ("ok" if result.ok else "OVER")
    )


# --- The run ----------------------------------------------------------------------------------


def prepare(server: str, size: int, people: bool, args) -> tuple[dict, dict]:
    """The database of a size, ready, and what to request of it, with sessions."""
    url = seeded_database(server, size, args.reseed)
    env = environment(url, args.redis)
    manage(env, "migrate", "--noinput")
    # As cron does in production (README.md): else the first run's first queue page expires
    # the seeded claims that have grown old, rewriting a fifth of the rounds mid-run.
    manage(env, "expire_claims")
    with psycopg.connect(url, autocommit=True) as db:
        # Statistics for indexes a new migration may have added, and the visibility map
        # autovacuum keeps in production: expiring claims rewrites rounds without reaching
        # autovacuum's threshold, and then a count that could read an index alone reads the
        # whole table, and the planner's estimates are off (the queue's search read every
        # round instead of its trigram indexes).
        db.execute("VACUUM ANALYZE")
    mixed = ["--people", f"{args.experts},{args.reviewers}"] if people else []
    site = script(env, "bench/targets.py", *mixed)
    print(
        f"-- {size:,} experts: {site['users']:,} users, {site['rounds']:,} rounds, "
        f"{site['open_rounds']:,} waiting for review, {site['reviewers']} reviewers"
    )
    return env, site


def mixed_step(env: dict, size: int, site: dict, args) -> None:
    people = [Person(p["cookies"], tuple(map(tuple, p["pages"]))) for p in site["people"]]
    experts = sum(p["who"] == "expert" for p in site["people"])
    print(
        f"\n== Mixed load at {size:,} experts: {experts} experts and "
        f"{len(people) - experts} reviewers signed in, each asking for their own pages; "
        f"{args.clients} clients, gunicorn {args.workers} workers, {args.seconds:g} s; "
        f"the signed-in trivial view for {args.seconds / 2:g} s before and after; "
        f"{load_average()}"
    )
    port, server_running = served(env, args.workers)
    with server_running:
        print_mixed(*mixed_load(port, people, args))


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="experts per database")
    parser.add_argument("--only", default="", help="only the pages whose name has this text")
    parser.add_argument("--requests", type=int, default=20, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=2, help="requests before timing a page")
    parser.add_argument("--seconds", type=float, default=20.0, help="the mixed load's length")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients, mixed load")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers, mixed load")
    parser.add_argument("--experts", type=int, default=200, help="signed in, mixed load")
    parser.add_argument("--reviewers", type=int, default=20, help="signed in, mixed load")
    parser.add_argument("--memory-requests", type=int, default=1000)
    parser.add_argument("--large-every", type=int, default=20, help="the 30 MB page's turn")
    parser.add_argument("--skip-mixed", action="store_true", help="no mixed load")
    parser.add_argument("--skip-memory", action="store_true", help="no memory measurement")
    parser.add_argument(
        "--server",
        default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
        help="PostgreSQL server URL; a database per size is made there",
    )
    parser.add_argument(
        "--redis",
        default=os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/15"),
        help="a Redis database of the benchmark's own, emptied at start ('' for none)",
    )
    parser.add_argument("--reseed", action="store_true", help="seed the databases again")
    parser.add_argument("--explain", action="store_true", help="the queue's query plans too")
    return parser.parse_args()


def main() -> None:
    args = arguments()
    began = time.monotonic()
    with psycopg.connect(f"{args.server}/postgres") as db:
        postgres = db.execute("SHOW server_version").fetchone()[0]
    print(
        f"-- {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, PostgreSQL {postgres} "
        f"at {args.server}, Redis: {args.redis or 'none'}; {machine(args.server)}"
    )
    sizes = sorted(int(s) for s in args.sizes.split(","))
    largest = sizes[-1]
    first = environment(f"{args.server}/expertfolio_bench_{sizes[0]}", "")
    manage(first, "collectstatic", "--noinput", "--verbosity", "0")
    if args.redis:
        redis.Redis.from_url(args.redis).flushdb()  # no session or fragment of an earlier run
    prepared = {
        size: prepare(args.server, size, size == largest and not args.skip_mixed, args)
        for size in sizes
    }
    print(
        f"\n== Pages built fresh: one gunicorn worker per size, one client, the sizes taking "
        f"turns; {args.requests} requests a page after {args.warmup} to warm up, each by the "
        f"next of up to 24 people (the reviewer's dashboard and the round pages: one warm-up "
        f"a visitor); sessions "
        + ("in Redis (cached_db)" if args.redis else "in PostgreSQL (db)")
        + f"; {load_average()}"
    )
    with contextlib.ExitStack() as servers:
        ports = {}
        for size, (env, _site) in prepared.items():
            ports[size], server = served(env, 1)
            servers.enter_context(server)
        tables = fresh_tables(ports, {size: site for size, (_env, site) in prepared.items()}, args)
    for size, pages in tables.items():
        print(f"\n{size:,} experts")
        print_table(pages)
        reference(pages)
    side_by_side(tables)
    varying(tables)
    env, site = prepared[largest]
    if not args.skip_mixed:
        mixed_step(env, largest, site, args)
    if not args.skip_memory:
        memory_step(env, largest, site["pages"], args)
    if args.explain:
        env = environment(f"{args.server}/expertfolio_bench_{sizes[-1]}", "")
        print(f"\n== Query plans of the reviewer queue at {sizes[-1]:,} experts")
        subprocess.run([sys.executable, "bench/explain.py"], cwd=ROOT, env=env, check=True)
    print(
        f"\n-- {(time.monotonic() - began) / 60:.1f} minutes; {load_average()}; "
        f"{machine(args.server)}"
    )


if __name__ == "__main__":
    main()
