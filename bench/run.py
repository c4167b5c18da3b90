"""`make bench`: Expertfolio under load, on PostgreSQL with seeded data, at two sizes.

For each size it seeds a database of its own once (kept for later runs), serves the app with
gunicorn in production settings, and drives every main page with concurrent clients. For
each page it prints requests per second, p50 and p95 latency, SQL queries per request and
throughput as a share of a trivial Django view measured in the same run; then both sizes
side by side, and the query plans of the reviewer queue at the larger size.

    .venv/bin/python bench/run.py [--sizes 1000,10000] [--seconds 5] [--clients 8]
"""

import argparse
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import Result, measure  # noqa: E402
from tests.servers import free_port, gunicorn, running  # noqa: E402

GOAL_SHARE = 0.40  # every page at 40% or more of the trivial view's throughput
# A queue page is flat when, at ten times the data, building it afresh (one request alone,
# past the page cache) takes at most a quarter longer inside Django, with the same queries.
FLAT_TIME = 1.25
TRIVIAL = "/bench/trivial/"
# Each measurement of the trivial view lasts this share of a page's.
YARDSTICK_SHARE = 0.5


def environment(database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="example.com",
        DJANGO_BEHIND_TLS_PROXY="1",
        DJANGO_STATIC_ROOT=str(ROOT / "var" / "bench" / "static"),
        EXPERTFOLIO_UPLOAD_ROOT=str(ROOT / "var" / "bench" / "uploads"),
        DATABASE_URL=database_url,
    )
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
    env = environment(url)
    manage(env, "migrate", "--noinput")
    began = time.monotonic()
    manage(env, "seed_scale", "--experts", str(size), capture=False)
    print(f"-- seeded {size:,} experts in {time.monotonic() - began:.1f} s")
    with psycopg.connect(url, autocommit=True) as db:
        db.execute("CREATE TABLE bench_seeded (experts integer)")
        db.execute("INSERT INTO bench_seeded VALUES (%s)", [size])
        db.execute("VACUUM ANALYZE")
    return url


def row(name: str, result: Result, trivial_rps: float) -> str:
    share = result.rps / trivial_rps
    verdict = "ok" if share >= GOAL_SHARE else "BELOW GOAL"
    return (
        f"{name:<24} {result.rps:8.1f} {result.p50_ms:8.1f} {result.p95_ms:8.1f} "
        f"{result.server_ms:9.1f} {result.queries:8.1f} {result.quiet_ms:9.1f} "
        f"{result.quiet_queries:7.0f} {result.bytes / 1024:6.1f} {share:7.0%}"
        f"  {verdict}" + (f"  ({result.errors} errors)" if result.errors else "")
    )


HEADER = (
    f"{'page':<24} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'Django ms':>9} {'queries':>8} "
    f"{'fresh ms':>9} {'fresh q':>7} {'KB':>6} {'share':>7}"
)


def yardsticks_beside(measured: list[float]) -> list[float]:
    """For pages measured between consecutive yardsticks, the mean of the two around each."""
    return [(before + after) / 2 for before, after in itertools.pairwise(measured)]


def bench_size(server: str, size: int, args) -> dict:
    url = seeded_database(server, size, args.reseed)
    env = environment(url)
    manage(env, "migrate", "--noinput")
    with psycopg.connect(url, autocommit=True) as db:
        db.execute("ANALYZE")  # statistics for indexes a new migration may have added
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    site = json.loads(
        subprocess.run(
            [sys.executable, "bench/targets.py"],
            cwd=ROOT,
            env=env,
            check=True,
            text=True,
            stdout=subprocess.PIPE,
        ).stdout
    )
    print(
        f"\n== {size:,} experts: {site['users']:,} users, {site['rounds']:,} rounds, "
        f"{site['open_rounds']:,} waiting for review; gunicorn {args.workers} workers, "
        f"{args.clients} clients, {args.seconds:g} s per page"
    )
    port = free_port()
    command = [*gunicorn(port, args.workers), "--forwarded-allow-ips", "127.0.0.1"]
    results = {}
    with running(command, env, port), ProcessPoolExecutor(args.clients) as pool:

        def run(path: str, cookies: str | None, seconds: float = args.seconds) -> Result:
            return measure(pool, port, path, cookies, clients=args.clients, seconds=seconds)

        # The yardstick between every two pages: each page is compared with the trivial view
        # measured just before and just after it, as this machine drifts by a fifth within a
        # run.
        targets = [t for t in site["targets"] if args.only in t["name"]]
        yardsticks = [run(TRIVIAL, None, YARDSTICK_SHARE * args.seconds)]
        pages = {}
        for target in targets:
            pages[target["name"]] = run(target["path"], target["cookies"])
            yardsticks.append(run(TRIVIAL, None, YARDSTICK_SHARE * args.seconds))
        trivial_rps = statistics.mean(y.rps for y in yardsticks)
        print(HEADER)
        print(row("trivial view", yardsticks[0], yardsticks[0].rps))
        beside = yardsticks_beside([y.rps for y in yardsticks])
        for (name, result), yardstick in zip(pages.items(), beside, strict=True):
            print(row(name, result, yardstick))
            results[name] = (result, yardstick)
        print(
            f"{'trivial view, all':<24} {trivial_rps:8.1f}  "
            f"(measured {len(yardsticks)} times, between every two pages: "
            f"{min(y.rps for y in yardsticks):.0f} to {max(y.rps for y in yardsticks):.0f} req/s)"
        )
    return {"site": site, "trivial_rps": trivial_rps, "pages": results}


def side_by_side(runs: dict[int, dict]) -> None:
    sizes = sorted(runs)
    if len(sizes) < 2:
        return
    small, large = sizes[0], sizes[-1]
    print(
        f"\n== {small:,} and {large:,} experts side by side: req/s, the share of it kept "
        "(against the trivial view measured beside it), median ms inside Django building the "
        "page afresh "
        "(one request alone), and its queries"
    )
    print(
        f"{'page':<24} {small:>8,} {large:>8,} {'kept':>6} {small:>7,} {large:>7,} "
        f"{small:>6,} {large:>6,}"
    )
    for name in runs[small]["pages"]:
        (a, a_yardstick), (b, b_yardstick) = runs[small]["pages"][name], runs[large]["pages"][name]
        # Throughput relative to the trivial view measured beside it: machine drift cancels.
        kept = (b.rps / b_yardstick) / (a.rps / a_yardstick)
        # One client alone, so the other clients' share of the CPUs does not count.
        flat = b.quiet_ms <= a.quiet_ms * FLAT_TIME and a.quiet_queries == b.quiet_queries
        verdict = ("flat" if flat else "GROWS") if name.startswith("queue") else ""
        print(
            f"{name:<24} {a.rps:8.1f} {b.rps:8.1f} {kept:6.0%} {a.quiet_ms:7.1f} "
            f"{b.quiet_ms:7.1f} {a.quiet_queries:6.0f} {b.quiet_queries:6.0f}  {verdict}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="experts per database")
    parser.add_argument("--seconds", type=float, default=5.0, help="load per page")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument(
        "--server",
        default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
        help="PostgreSQL server URL; a database per size is made there",
    )
    parser.add_argument("--only", default="", help="only the pages whose name has this text")
    parser.add_argument("--reseed", action="store_true", help="seed the databases again")
    parser.add_argument("--explain", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()
    print(f"-- {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {args.server}")
    sizes = [int(s) for s in args.sizes.split(",")]
    runs = {size: bench_size(args.server, size, args) for size in sizes}
    side_by_side(runs)
    if args.explain:
        env = environment(f"{args.server}/expertfolio_bench_{max(sizes)}")
        print(f"\n== Query plans of the reviewer queue at {max(sizes):,} experts")
        subprocess.run([sys.executable, "bench/explain.py"], cwd=ROOT, env=env, check=True)


if __name__ == "__main__":
    main()
