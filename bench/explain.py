"""The query plans (EXPLAIN ANALYZE) of the reviewer queue, one per filter and sort, as the
queue page runs them: a count for the paginator, then one page of rounds (cut from the
rounds' keys, then read by key).

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

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402

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
        total = rounds.count()
        last = max(0, (math.ceil(total / QUEUE_PAGE_SIZE) - 1) * QUEUE_PAGE_SIZE)
        print(f"\n--- {label}: {total:,} rounds")
        print("count (for the pages):")
        sql, params = rounds.order_by().values("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            # The ORM wrote `sql`; every value is in `params`.
            cursor.execute(f"EXPLAIN ANALYZE SELECT COUNT(*) FROM ({sql}) rounds", params)  # noqa: S608
            print("\n".join(line for (line,) in cursor.fetchall()))
        keys = rounds.values_list("pk", flat=True)
        print("first page:")
        first_keys = keys[:QUEUE_PAGE_SIZE]
        print(queue_page_query(first_keys, reviewer, filters, mine).explain(analyze=True))
        # As the queue's paginator reads it: from the other end.
        print(f"last page (rows {last + 1:,} to {total:,}, read from the end):")
        last_keys = keys.reverse()[: total - last]
        print(queue_page_query(last_keys, reviewer, filters, mine).explain(analyze=True))


if __name__ == "__main__":
    main()
