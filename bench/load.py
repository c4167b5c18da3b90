"""Requests to the app under benchmark: one at a time, to time pages built fresh, and from
concurrent client processes (no shared interpreter lock), each cycling through many signed-in
people who ask for their own pages in a realistic mix.

A signed-in request sends the cookies a login leaves in a browser (the session and the CSRF
secret), as a browser does."""

import http.client
import random
import re
import statistics
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

HOST = "example.com"


@dataclass(frozen=True)
class Answer:
    status: int
    queries: int  # SQL queries, from the X-Bench-Queries header (-1 without it)
    ms: float  # time inside Django, from the X-Bench-Ms header
    body: bytes
    sql: tuple[str, ...] = ()  # each query's verb and first table, from X-Bench-Sql


def fetch(port: int, path: str, cookies: str | None) -> Answer:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    # As behind the TLS proxy production runs behind.
    headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
    if cookies:
        headers["Cookie"] = cookies
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read()
        return Answer(
            status=response.status,
            queries=int(response.headers.get("X-Bench-Queries", -1)),
            ms=float(response.headers.get("X-Bench-Ms", 0)),
            body=body,
            sql=tuple(filter(None, response.headers.get("X-Bench-Sql", "").split(", "))),
        )
    finally:
        conn.close()


# --- Pages built fresh, one request at a time -------------------------------------------------


@dataclass(frozen=True)
class Fresh:
    requests: int
    ms: float  # median time inside Django
    least_ms: float  # the quickest: the page's cost when nothing else competed for the CPUs
    queries: int  # median SQL queries
    queries_range: tuple[int, int]  # fewest and most, as visitors differ
    kb: float  # median response size
    fields: int  # form fields on the page (the most any visitor saw)
    # What a request with the most queries ran beyond one with the fewest ("SELECT
    # django_session"): why a page's count varies, when it does.
    extra_sql: tuple[str, ...] = ()


def fresh(
    servers: Sequence[tuple[int, Sequence[tuple[str, str | None]]]], *, warmup: int, requests: int
) -> list[Fresh]:
    """Time one page on each server, given as (port, visits): `warmup` requests, then
    `requests` more, one after another, each by the next visitor in `visits` (path and
    cookies), so the median is over many people's pages. The servers take turns, request by
    request, so that whatever else slows the machine meanwhile slows each of them alike."""
    answers = [[] for _ in servers]
    for n in range(warmup + requests):
        for (port, visits), answered in zip(servers, answers, strict=True):
            path, cookies = visits[n % len(visits)]
            answer = fetch(port, path, cookies)
            if answer.status != 200:
                raise RuntimeError(f"GET {path} answered {answer.status}")
            if n >= warmup:
                answered.append(answer)
    return [_fresh(answered) for answered in answers]


def _fresh(answers: list[Answer]) -> Fresh:
    queries = [a.queries for a in answers]
    fewest = min(answers, key=lambda a: a.queries)
    most = max(answers, key=lambda a: a.queries)
    return Fresh(
        requests=len(answers),
        ms=statistics.median(a.ms for a in answers),
        least_ms=min(a.ms for a in answers),
        queries=round(statistics.median(queries)),
        queries_range=(min(queries), max(queries)),
        kb=statistics.median(len(a.body) for a in answers) / 1024,
        fields=max(form_fields(a.body) for a in answers),
        extra_sql=tuple(sorted((Counter(most.sql) - Counter(fewest.sql)).elements())),
    )


def form_fields(body: bytes) -> int:
    """The form fields a person fills in on a page: inputs, selects and text areas with a
    name, hidden ones and buttons left out; a group of radio buttons is one field."""
    names = set()
    for tag in re.finditer(rb"<(input|select|textarea)\b([^>]*)>", body):
        attributes = tag.group(2)
        kind = re.search(rb'\btype="([^"]*)"', attributes)
        if kind and kind.group(1) in {b"hidden", b"submit", b"button", b"reset", b"image"}:
            continue
        if name := re.search(rb'\bname="([^"]*)"', attributes):
            names.add(name.group(1))
    return len(names)


# --- Many people, concurrently ----------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """A signed-in person and the pages they ask for, as (kind, path, weight)."""

    cookies: str
    pages: tuple[tuple[str, str, int], ...]


def mix(people: Sequence[Person], rng: random.Random) -> Iterator[tuple[str, str, str]]:
    """An endless stream of (kind, path, cookies): the people in turn, each asking for one of
    their own pages, picked by weight; never the path asked for just before, by this stream
    or by that person."""
    for person in people:
        if len({path for _kind, path, _weight in person.pages}) < 3:
            raise ValueError("Each person needs three distinct pages at least.")
    last_of = [None] * len(people)
    last = None
    while True:
        for index, person in enumerate(people):
            pages = [p for p in person.pages if p[1] not in (last, last_of[index])]
            kind, path, _weight = rng.choices(pages, weights=[p[2] for p in pages])[0]
            last = last_of[index] = path
            yield kind, path, person.cookies


def same_page(path: str, people: Sequence[Person]) -> Iterator[tuple[str, str, str]]:
    """One path asked for by each person in turn: the signed-in yardstick."""
    while True:
        for person in people:
            yield "yardstick", path, person.cookies


@dataclass(frozen=True)
class Hit:
    kind: str
    seconds: float  # as the client saw it
    status: int
    ms: float  # inside Django
    queries: int


def _client(port: int, people, path: str | None, seed: int, start: float, stop: float):
    rng = random.Random(seed)  # noqa: S311 - a mix of pages, not a secret
    stream = same_page(path, people) if path else mix(people, rng)
    hits = []
    while time.time() < start:  # every client starts at once
        time.sleep(0.001)
    while time.time() < stop:
        kind, page, cookies = next(stream)
        began = time.perf_counter()
        answer = fetch(port, page, cookies)
        hits.append(
            Hit(kind, time.perf_counter() - began, answer.status, answer.ms, answer.queries)
        )
    return hits, time.time()


@dataclass(frozen=True)
class Load:
    hits: list[Hit]
    seconds: float

    @property
    def rps(self) -> float:
        return len(self.hits) / self.seconds

    @property
    def errors(self) -> int:
        return sum(hit.status != 200 for hit in self.hits)

    def percentile_ms(self, percent: int, kind: str | None = None) -> float:
        seconds = [h.seconds for h in self.hits if kind is None or h.kind == kind]
        if len(seconds) < 2:
            return seconds[0] * 1000 if seconds else 0.0
        return statistics.quantiles(seconds, n=100)[percent - 1] * 1000

    def kinds(self) -> list[str]:
        return sorted({hit.kind for hit in self.hits})


def load(
    pool: ProcessPoolExecutor,
    port: int,
    people: Sequence[Person],
    *,
    clients: int,
    seconds: float,
    path: str | None = None,
    seed: int = 0,
) -> Load:
    """`clients` processes for `seconds`, the people shared out among them; each client asks
    for the people's own pages in a mix (see `mix`), or for `path` only when it is given."""
    if len(people) < clients:
        raise ValueError(f"{clients} clients need {clients} people at least.")
    start = time.time() + 0.5
    stop = start + seconds
    futures = [
        pool.submit(_client, port, people[n::clients], path, seed + n, start, stop)
        for n in range(clients)
    ]
    hits, ended = [], stop
    for future in futures:
        client_hits, client_ended = future.result()
        hits += client_hits
        ended = max(ended, client_ended)  # the last request ends a little after `stop`
    return Load(hits=hits, seconds=ended - start)
