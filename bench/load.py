"""Concurrent clients: each a process of its own (no shared interpreter lock), each sending
one request after another to one path for a fixed time, as a signed-in person or not.

A signed-in client sends the cookies a login leaves in a browser (the session and the CSRF
secret) with every request, as a browser does."""

import http.client
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

HOST = "example.com"
QUIET_REQUESTS = 25


@dataclass(frozen=True)
class Result:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    queries: float  # SQL queries per request, from the X-Bench-Queries header
    server_ms: float  # median time inside Django under load, from the X-Bench-Ms header
    quiet_ms: float  # median time inside Django building the page afresh, one client alone
    quiet_queries: float  # SQL queries of building the page afresh
    errors: int  # responses other than 200
    bytes: int  # size of one response body

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


def _headers(cookies: str | None, *, fresh: bool = False) -> dict:
    # As behind the TLS proxy production runs behind.
    headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
    if cookies:
        headers["Cookie"] = cookies
    if fresh:
        headers["Cache-Control"] = "no-cache"  # as a hard reload: the page is built again
    return headers


def fetch(
    port: int, path: str, cookies: str | None, *, fresh: bool = False
) -> tuple[int, int, bytes, float]:
    """One request: (status, SQL queries, body, milliseconds inside Django)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers=_headers(cookies, fresh=fresh))
        response = conn.getresponse()
        body = response.read()
        return (
            response.status,
            int(response.headers.get("X-Bench-Queries", -1)),
            body,
            float(response.headers.get("X-Bench-Ms", 0)),
        )
    finally:
        conn.close()


def _client(port: int, path: str, cookies: str | None, start: float, stop: float) -> tuple:
    latencies, queries, server, errors = [], [], [], 0
    while time.time() < start:  # every client starts at once
        time.sleep(0.001)
    while True:
        began = time.perf_counter()
        status, count, _body, inside = fetch(port, path, cookies)
        latencies.append(time.perf_counter() - began)
        queries.append(count)
        server.append(inside)
        errors += status != 200
        if time.time() >= stop:
            return latencies, queries, server, errors, time.time()


def measure(
    pool: ProcessPoolExecutor,
    port: int,
    path: str,
    cookies: str | None,
    *,
    clients: int,
    seconds: float,
) -> Result:
    status, _queries, body, _ms = fetch(port, path, cookies)  # also warms the workers' caches
    if status != 200:
        raise RuntimeError(f"GET {path} answered {status}")
    start = time.time() + 0.5
    futures = [
        pool.submit(_client, port, path, cookies, start, start + seconds) for _ in range(clients)
    ]
    latencies, queries, server, errors, ended = [], [], [], 0, start
    for future in futures:
        lat, qs, inside, errs, finished = future.result()
        latencies += lat
        queries += qs
        server += inside
        errors += errs
        ended = max(ended, finished)
    # One client alone, each page built afresh: the page's own work, not the cache's.
    fresh = [fetch(port, path, cookies, fresh=True) for _ in range(QUIET_REQUESTS)]
    cuts = statistics.quantiles(latencies, n=100)
    return Result(
        requests=len(latencies),
        seconds=ended - start,
        p50_ms=cuts[49] * 1000,
        p95_ms=cuts[94] * 1000,
        queries=statistics.mean(queries),
        server_ms=statistics.median(server),
        quiet_ms=statistics.median(one[3] for one in fresh),
        quiet_queries=statistics.median(one[1] for one in fresh),
        errors=errors,
        bytes=len(body),
    )
