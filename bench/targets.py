"""What the benchmark requests, picked from the seeded database, with a signed-in session
for each person. Run in a child process with the benchmark's environment; prints JSON.

    DJANGO_SETTINGS_MODULE=bench.settings python bench/targets.py
"""

import json
import math
import os
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.db.models import Count  # noqa: E402
from django.http import HttpRequest  # noqa: E402
from django.middleware.csrf import get_token  # noqa: E402
from django.test import Client  # noqa: E402

from portfolio.models import Round, RoundDomain  # noqa: E402
from portfolio.queries_review import QueueFilters, review_queue  # noqa: E402
from portfolio.views_review import QUEUE_PAGE_SIZE  # noqa: E402
from portfolio.workflow import OPEN_FOR_REVIEW  # noqa: E402
from profiles.models import User, Visibility  # noqa: E402
from profiles.permissions import REVIEWER_GROUP  # noqa: E402


def login_cookies(user: User) -> str:
    """The cookies a login leaves in a browser: a real session in the database and the CSRF
    secret the login made."""
    client = Client()
    client.force_login(user)
    request = HttpRequest()
    get_token(request)
    return f"sessionid={client.cookies['sessionid'].value}; csrftoken={request.META['CSRF_COOKIE']}"


def most_common(model, **filters) -> str:
    row = (
        model.objects.filter(**filters)
        .values("key")
        .annotate(n=Count("pk"))
        .order_by("-n", "key")
        .first()
    )
    return row["key"]


def main() -> None:
    # An expert with a whole portfolio: a public profile, a rubric and a submitted round.
    expert = (
        User.objects.filter(
            profile__visibility=Visibility.PUBLIC,
            rubrics__isnull=False,
            benchmarks__isnull=False,
            submission__rounds__state__in=OPEN_FOR_REVIEW,
        )
        .order_by("pk")
        .first()
    )
    reviewer = (
        User.objects.filter(groups__name=REVIEWER_GROUP, is_staff=False).order_by("pk").first()
    )
    if expert is None or reviewer is None:
        sys.exit("No seeded expert or reviewer: run `manage.py seed_scale` first.")
    rubric = expert.rubrics.order_by("pk").first()
    round = (
        Round.objects.filter(state__in=OPEN_FOR_REVIEW)
        .exclude(submission__owner=reviewer)
        .annotate(file_count=Count("files"))
        .order_by("-number", "-file_count", "pk")
        .first()
    )
    open_rounds = review_queue(reviewer, QueueFilters()).count()
    last_page = max(1, math.ceil(open_rounds / QUEUE_PAGE_SIZE))
    domain = most_common(RoundDomain, round__state__in=OPEN_FOR_REVIEW)
    # Search for a word many headlines have, so the page is full at every size.
    words = Counter(
        word
        for headline in Round.objects.filter(state__in=OPEN_FOR_REVIEW).values_list(
            "headline", flat=True
        )
        for word in set(headline.casefold().split())
        if len(word) >= 6 and word.isalpha()
    )
    term = words.most_common(8)[-1][0]  # common, yet not in every headline
    as_expert, as_reviewer = login_cookies(expert), login_cookies(reviewer)
    targets = [
        # Not a page: the floor under every signed-in page, for comparison.
        ("trivial view, signed in", "/bench/signed-in/", as_expert),
        ("landing", "/", None),
        ("dashboard", "/dashboard/", as_expert),
        ("profile", "/profile/", as_expert),
        ("public profile", f"/p/{expert.profile.slug}/", None),
        ("portfolio", "/portfolio/", as_expert),
        ("rubric", f"/rubrics/{rubric.pk}/", as_expert),
        ("queue, first page", "/review/", as_reviewer),
        ("queue, last page", f"/review/?page={last_page}", as_reviewer),
        ("queue, domain filter", "/review/?" + urlencode({"domain": domain}), as_reviewer),
        (
            # Filters that still fill a page at the smaller size, so both sizes draw 20 rows.
            "queue, three filters",
            "/review/?"
            + urlencode({"state": "submitted", "domain": domain, "waiting": 7, "sort": "newest"}),
            as_reviewer,
        ),
        ("queue, search", "/review/?" + urlencode({"q": term}), as_reviewer),
        ("review page", f"/review/rounds/{round.pk}/", as_reviewer),
        ("income calculator", "/tools/income/?rate=42&hours=15&weeks=46", None),
        ("profile export", "/profile/export.json", as_expert),
        ("schema", "/schema/skill-profile.json", None),
    ]
    print(
        json.dumps(
            {
                "experts": User.objects.filter(submission__isnull=False).count(),
                "users": User.objects.count(),
                "rounds": Round.objects.count(),
                "open_rounds": open_rounds,
                "targets": [
                    {"name": name, "path": path, "cookies": cookies}
                    for name, path, cookies in targets
                ],
            }
        )
    )


if __name__ == "__main__":
    main()
