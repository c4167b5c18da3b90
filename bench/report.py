"""What `bench/run.py` prints: its tables of pages built fresh and of the mixed load, with
the verdicts against the budgets."""

import statistics

from bench.load import Fresh, Load

BUDGET_MS = 10.0
FORM_BUDGET_MS = 20.0  # a form with more than FORM_FIELDS fields
FORM_FIELDS = 30
BUDGET_QUERIES = 10
# At ten times the data a page takes at most a quarter longer, with the same queries.
FLAT_TIME = 1.25
GOAL_SHARE = 0.15  # the mixed load's throughput against the signed-in trivial view's
FLOOR = ("trivial view", "trivial view, signed in")
# A widely used Django review tool, measured on this machine: a review list of 20 rows.
REFERENCE_MS, REFERENCE_QUERIES = (279, 428), (71, 93)


def budget_ms(page: Fresh) -> float:
    return FORM_BUDGET_MS if page.fields > FORM_FIELDS else BUDGET_MS


def verdict(page: Fresh) -> str:
    over = [
        what
        for what, bad in (
            ("time", page.ms > budget_ms(page)),
            ("queries", page.queries_range[1] > BUDGET_QUERIES),
        )
        if bad
    ]
    return f"OVER ({', '.join(over)})" if over else "ok"


def flat(small: Fresh, large: Fresh) -> bool:
    """At ten times the data: at most a quarter longer, and the same queries."""
    return large.ms <= small.ms * FLAT_TIME and small.queries_range == large.queries_range


def queries_text(page: Fresh) -> str:
    low, high = page.queries_range
    return str(high) if low == high else f"{low}–{high}"


HEADER = (
    f"{'page':<26} {'ms':>7} {'ms':>6} {'budget':>6} {'queries':>7} {'KB':>7} {'fields':>6}"
    f"  verdict\n{'':<26} {'median':>7} {'least':>6} {'ms':>6}"
)


def print_table(pages: dict[str, Fresh]) -> None:
    print(HEADER)
    for name, page in pages.items():
        floor = name in FLOOR
        print(
            f"{name:<26} {page.ms:7.1f} {page.least_ms:6.1f} "
            f"{'' if floor else f'{budget_ms(page):.0f}':>6} "
            f"{queries_text(page):>7} {page.kb:7.1f} {page.fields:>6}  "
            + ("floor" if floor else verdict(page))
        )


def reference(pages: dict[str, Fresh]) -> None:
    queue = pages.get("queue, first page")
    if queue is None:
        return
    faster, fewer = REFERENCE_MS[0] / queue.ms, REFERENCE_QUERIES[0] / max(1, queue.queries)
    ahead = faster >= 10 and fewer >= 10
    print(
        f"For scale: the reviewer queue, 20 rows, {queue.ms:.1f} ms and {queue.queries} queries; "
        f"a widely used Django review tool on this machine takes {REFERENCE_MS[0]}–"
        f"{REFERENCE_MS[1]} ms and {REFERENCE_QUERIES[0]}–{REFERENCE_QUERIES[1]} queries for a "
        f"20-row review list: {faster:.0f}× faster, {fewer:.0f}× fewer queries "
        f"({'an order of magnitude ahead' if ahead else 'NOT an order of magnitude ahead'})"
    )


def side_by_side(tables: dict[int, dict[str, Fresh]]) -> None:
    sizes = sorted(tables)
    if len(sizes) < 2:
        return
    small, large = sizes[0], sizes[-1]
    print(
        f"\n== {small:,} and {large:,} experts side by side: median ms inside Django, built "
        f"fresh, and queries; flat is at most {FLAT_TIME:g}× the time with the same queries"
    )
    print(
        f"{'page':<26} {f'ms {small:,}':>9} {f'ms {large:,}':>10} {'ratio':>6} "
        f"{f'q {small:,}':>8} {f'q {large:,}':>9}"
    )
    for name, a in tables[small].items():
        b = tables[large][name]
        print(
            f"{name:<26} {a.ms:9.1f} {b.ms:10.1f} {b.ms / a.ms:5.2f}× {queries_text(a):>8} "
            f"{queries_text(b):>9}  " + ("" if name in FLOOR else "flat" if flat(a, b) else "GROWS")
        )


def varying(tables: dict[int, dict[str, Fresh]]) -> None:
    """The pages whose requests ran different numbers of queries, and what the ones with the
    most ran beyond the ones with the fewest."""
    for size, pages in sorted(tables.items()):
        for name, page in pages.items():
            if page.extra_sql:
                print(
                    f"{name} at {size:,} experts: {queries_text(page)} queries; the most ran "
                    f"{', '.join(page.extra_sql)} besides the fewest's"
                )


def print_mixed(mixed: Load, yardsticks: list[Load]) -> None:
    trivial_rps = statistics.mean(y.rps for y in yardsticks)
    share = mixed.rps / trivial_rps
    print(
        f"{'signed-in trivial view':<26} {trivial_rps:8.1f} req/s  "
        f"p50 {statistics.mean(y.percentile_ms(50) for y in yardsticks):6.1f} ms  "
        f"p95 {statistics.mean(y.percentile_ms(95) for y in yardsticks):6.1f} ms  "
        f"(before {yardsticks[0].rps:.0f}, after {yardsticks[-1].rps:.0f} req/s)"
    )
    print(
        f"{'mixed pages':<26} {mixed.rps:8.1f} req/s  p50 {mixed.percentile_ms(50):6.1f} ms  "
        f"p95 {mixed.percentile_ms(95):6.1f} ms  {len(mixed.hits):,} requests, "
        f"{mixed.errors} errors"
    )
    print(
        f"share of the signed-in trivial view: {share:.1%} (goal {GOAL_SHARE:.0%}) "
        f"{'ok' if share >= GOAL_SHARE else 'BELOW GOAL'}; p95 {mixed.percentile_ms(95):.0f} ms"
    )
    print(
        f"{'kind':<26} {'requests':>8} {'share':>6} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'Django ms':>9} {'queries':>7}"
    )
    for kind in mixed.kinds():
        hits = [h for h in mixed.hits if h.kind == kind]
        print(
            f"{kind:<26} {len(hits):8,} {len(hits) / len(mixed.hits):6.1%} "
            f"{mixed.percentile_ms(50, kind):7.1f} {mixed.percentile_ms(95, kind):7.1f} "
            f"{statistics.median(h.ms for h in hits):9.1f} "
            f"{statistics.median(h.queries for h in hits):7.0f}"
        )
