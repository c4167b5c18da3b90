"""A worker's resident memory across many requests to pages with distinct query strings,
among them a round page of about 30 MB (bench/large_round.py): what a process keeps after
serving them, read from /proc (Linux)."""

import itertools
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.load import fetch

GOAL_GROWTH_MB = 50  # a worker stays within 50 MB of its starting size
MB = 1_000_000  # bytes; /proc counts in kB of 1,024 bytes


def mb(kb: int) -> float:
    return kb * 1024 / MB


def _status(pid: int, field: str) -> int:
    """A figure of /proc/<pid>/status, in kB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise LookupError(f"no {field} for process {pid}")


def rss_kb(pid: int) -> int:
    return _status(pid, "VmRSS")


def peak_kb(pid: int) -> int:
    """The most the process has ever held resident."""
    return _status(pid, "VmHWM")


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (gunicorn's workers, for its master)."""
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:  # ended meanwhile
            continue
        # "pid (command) state ppid …": the command may hold spaces and parentheses.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def with_query(path: str, n: int) -> str:
    """The path with a query parameter of its own, as a tracking link makes."""
    return f"{path}{'&' if '?' in path else '?'}utm={n}"


def distinct_requests(
    visits: Sequence[tuple[str, str | None]],
    large: tuple[str, str | None],
    *,
    count: int,
    large_every: int,
) -> list[tuple[str, str | None]]:
    """`count` requests, each with a query string of its own: the visits in turn, and the
    large page every `large_every`th request."""
    others = itertools.cycle(visits)
    requests = []
    for n in range(1, count + 1):
        path, cookies = large if n % large_every == 0 else next(others)
        requests.append((with_query(path, n), cookies))
    return requests


@dataclass(frozen=True)
class Memory:
    start_kb: int
    end_kb: int
    peak_kb: int
    samples: list[tuple[int, int]]  # (requests sent, resident kB)
    errors: int
    largest_mb: float  # the largest response

    @property
    def growth_mb(self) -> float:
        return mb(self.end_kb - self.start_kb)

    @property
    def ok(self) -> bool:
        return self.growth_mb <= GOAL_GROWTH_MB


def measure(
    port: int, pid: int, requests: Sequence[tuple[str, str | None]], *, sample_every: int = 100
) -> Memory:
    """Send `requests` one after another to the server on `port`, reading the resident memory
    of process `pid` (the one worker) before, every `sample_every` requests, and after."""
    start = rss_kb(pid)
    samples, errors, largest = [(0, start)], 0, 0
    for n, (path, cookies) in enumerate(requests, start=1):
        answer = fetch(port, path, cookies)
        errors += answer.status != 200
        largest = max(largest, len(answer.body))
        if n % sample_every == 0 or n == len(requests):
            samples.append((n, rss_kb(pid)))
    return Memory(
        start_kb=start,
        end_kb=samples[-1][1],
        peak_kb=peak_kb(pid),
        samples=samples,
        errors=errors,
        largest_mb=largest / MB,
    )
