"""The query plans (EXPLAIN ANALYZE) of the reviewer queue, one per filter and sort, as the
queue page runs them: a page of the rounds' keys with the queue's length, then those rounds'
rows, read by key; for the first page and the last.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=... python bench/explain.py
"""

import math
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.db.models import Count, Window  # noqa: E402

from onboarding.models import Round, RoundCredential, RoundDomain  # noqa: E402
from onboarding.queries.queue import QueueFilters, review_queue  # noqa: E402
from onboarding.queries.queue_page import queue_page_query  # noqa: E402
from onboarding.views.review import QUEUE_PAGE_SIZE  # noqa: E402
from onboarding.workflow import OPEN_FOR_REVIEW  # noqa: E402
from profiles.models import User  # noqa: E402
from profiles.permissions import REVIEWER_GROUP  # noqa: E402


def common(model, count: int = 1) -> list[str] | str:
    keys = [
        row["key"]
        for row in model.objects.filter(round__state__in=OPEN_FOR_REVIEW)
        .values("key")
        .annotate(n=Count("pk"))
        .order_by("-n", "key")[:count]
    ]
    return keys[0] if count == 1 else keys


def main() -> None:
    reviewer = User.objects.filter(groups__name=REVIEWER_GROUP, is_staff=False).first()
    name = Round.objects.filter(state__in=OPEN_FOR_REVIEW).first().expert_name.split()[-1]
    variants = {
        "waiting for review, oldest first": QueueFilters(),
        "domain": QueueFilters(domain=common(RoundDomain)),
        "credential": QueueFilters(credential=common(RoundCredential)),
        "shape": QueueFilters(shape="t_shaped"),
        "waiting more than 7 days": QueueFilters(waiting=7),
        f"search '{name}'": QueueFilters(q=name),
        "newest first": QueueFilters(sort="newest"),
        "by name": QueueFilters(sort="name"),
        "approved (a decided state)": QueueFilters(state="approved"),
        "my reviews": QueueFilters(state="mine"),
    }
    # Seeded reviewers have no profile domains: ranked as one deep in the three most common.
    domains = {
        key: (key, depth) for key, depth in zip(common(RoundDomain, 3), (5, 4, 3), strict=False)
    }
    variants["best match for a reviewer's three domains"] = QueueFilters()
    for label, filters in variants.items():
        ranked = label.startswith("best match")
        mine = domains if ranked else {}
        rounds = review_queue(reviewer, filters, domains=mine)
        keys = rounds.annotate(queue_length=Window(Count("*"))).values_list("pk", "queue_length")
        first = list(keys[:QUEUE_PAGE_SIZE])
        total = first[0][1] if first else 0
        last = max(0, (math.ceil(total / QUEUE_PAGE_SIZE) - 1) * QUEUE_PAGE_SIZE)
        print(f"\n--- {label}: {total:,} rounds")
        for name, start in (
            ("first page", 0),
            (f"last page (rows {last + 1:,} to {total:,})", last),
        ):
            print(f"{name}, its keys with the queue's length:")
            print(keys[start : start + QUEUE_PAGE_SIZE].explain(analyze=True))
            page = [pk for pk, _ in keys[start : start + QUEUE_PAGE_SIZE]]
            print(f"{name}, its rows:")
            print(queue_page_query(page, reviewer).explain(analyze=True))


if __name__ == "__main__":
    main()
