"""The reviewers' pages the benchmark requests: the seeded reviewers (with the profile a
reviewer is matched by), their queue's addresses, and the round pages they read and score.
Imported once Django is set up (bench/targets.py)."""

import itertools
import math
from collections import Counter
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from bench.visitors import SEEDED_EXPERT, SEEDED_REVIEWER, VISITORS, login_cookies
from onboarding.models import Review, Round, RoundDomain
from onboarding.queries.queue import QueueFilters, review_queue
from onboarding.views.review import QUEUE_PAGE_SIZE
from onboarding.workflow import OPEN_FOR_REVIEW, State
from profiles import services as profile_services
from profiles.models import Profile, User
from profiles.permissions import REVIEWER_GROUP
from seeding.accounts import MIN_REVIEWERS, REVIEWER_EMAIL
from seeding.scale import SEED_PASSWORD


def most_common(model, count: int, **filters) -> list[str]:
    rows = (
        model.objects.filter(**filters)
        .values("key")
        .annotate(n=Count("pk"))
        .order_by("-n", "key")[:count]
    )
    return [row["key"] for row in rows]


def common_words(count: int) -> list[str]:
    """Words many open rounds' headlines share, so a search fills a page at every size."""
    words = Counter(
        word
        for headline in Round.objects.filter(state__in=OPEN_FOR_REVIEW).values_list(
            "headline", flat=True
        )
        for word in set(headline.casefold().split())
        if len(word) >= 6 and word.isalpha()
    )
    return [word for word, _n in words.most_common(8 + count)[8:]]  # common, not in every one


def reviewers(count: int) -> list[User]:
    """The first `count` seeded reviewers; a database seeded small has fewer, so the missing
    ones are signed up as the seeding would name them (a later seeding reuses them)."""
    found = list(
        User.objects.filter(
            groups__name=REVIEWER_GROUP, is_staff=False, email__regex=SEEDED_REVIEWER
        )
    )
    taken = {user.email for user in found}
    for n in itertools.count(1):
        if len(found) >= count:
            break
        if REVIEWER_EMAIL.format(n) in taken:
            continue
        user = profile_services.user_signup(
            email=REVIEWER_EMAIL.format(n), name=f"Bench Reviewer {n}", password=SEED_PASSWORD
        )
        found.append(profile_services.reviewer_grant(user=user))
    chosen = sorted(found, key=lambda user: user.pk)[:count]
    review_domains_ensure(chosen)
    return chosen


REVIEW_DEPTHS = (5, 4, 3)


def review_domains_ensure(people: list[User]) -> None:
    """Reviewers as they are matched with rounds: a profile with three domains, the first
    deep, among the nine most open rounds have, each reviewer the next three. The seeding
    gives its reviewers no profile, and a reviewer without domains sees the queue oldest
    first, not by its default, best match."""
    have = set(Profile.objects.filter(user__in=people).values_list("user_id", flat=True))
    keys = most_common(RoundDomain, 9, round__state__in=OPEN_FOR_REVIEW)
    for n, user in enumerate(people):
        if user.pk in have or not keys:
            continue
        mine = list(dict.fromkeys(keys[(n + i) % len(keys)] for i in range(3)))
        document = {
            "headline": "Reviewer of evaluation portfolios",
            "domains": mine,
            "domain_depth": dict(zip(mine, REVIEW_DEPTHS, strict=False)),
        }
        profile_services.profile_save_from_document(actor=None, user=user, document=document)


def reviewer_homes(people: list[User]) -> list[User]:
    """The reviewers whose home the fresh table times: the first MIN_REVIEWERS seeded ones,
    which every seeded database has, each with about 150 submitted reviews and a few claims
    at any size, so both sizes time the same kind of reviewer as often."""
    first = {REVIEWER_EMAIL.format(n) for n in range(1, MIN_REVIEWERS + 1)}
    return [user for user in people if user.email in first]


def queue_paths(reviewer: User) -> dict[str, str]:
    open_rounds = review_queue(reviewer, QueueFilters()).count()
    last_page = max(1, math.ceil(open_rounds / QUEUE_PAGE_SIZE))
    (domain,) = most_common(RoundDomain, 1, round__state__in=OPEN_FOR_REVIEW)
    (term,) = common_words(1)
    return {
        "queue, first page": "/review/",
        "queue, last page": f"/review/?page={last_page}",
        "queue, domain filter": "/review/?" + urlencode({"domain": domain}),
        # Filters that still fill a page at the smaller size, so both sizes draw 20 rows.
        "queue, three filters": "/review/?"
        + urlencode({"state": "submitted", "domain": domain, "waiting": 7, "sort": "newest"}),
        "queue, search": "/review/?" + urlencode({"q": term}),
    }


def review_pages(
    people: list[User], as_reviewer: list[str], flagged_rounds: list[int]
) -> list[tuple[str, list, int]]:
    """Review pages: open rounds of seeded experts, the latest first (the richest, with
    changes since the round before), and the rounds whose integrity checks flag matches
    (bench/integrity.py), each opened by the next of the reviewers `people` (their sessions
    `as_reviewer`) who holds no review of it, reading it before claiming; and rounds in
    review opened by the reviewer who claimed them, whose page draws their scoring form with
    their draft (a query more). Each copy is built once, untimed, as on submitting."""
    rounds = list(
        Round.objects.filter(
            state__in=OPEN_FOR_REVIEW, submission__owner__email__regex=SEEDED_EXPERT
        )
        .order_by("-number", "submission__owner")
        .values_list("pk", flat=True)[:VISITORS]
    )
    held = set(
        Review.objects.filter(round__in=[*rounds, *flagged_rounds]).values_list(
            "round_id", "reviewer_id"
        )
    )
    turn = itertools.count()

    def read_by_the_next_without_a_review(pk: int) -> tuple[str, str] | None:
        for n in itertools.islice(turn, len(people)):
            if (pk, people[n % len(people)].pk) not in held:
                return f"/review/rounds/{pk}/", as_reviewer[n % len(people)]
        return None  # every one of them holds a review of it: left out

    pages = [
        (name, visits, len(visits))
        for name, pks in (("review page", rounds), ("review page, matches", flagged_rounds))
        if (visits := list(filter(None, map(read_by_the_next_without_a_review, pks))))
    ]
    if scoring := scoring_visits():
        pages.append(("review page, scoring", scoring, len(scoring)))
    return pages


def scoring_visits() -> list[tuple[str, str]]:
    """Rounds of seeded experts in review, the latest first, each opened by the seeded
    reviewer who claimed it and has not yet submitted: a claim at least a day from expiring,
    so that no visit expires it."""
    fresh_since = timezone.now() - timedelta(days=settings.CLAIM_DAYS - 1)
    claims = (
        Review.objects.filter(
            state=Review.State.CLAIMED,
            claimed_at__gt=fresh_since,
            round__state=State.IN_REVIEW,
            round__submission__owner__email__regex=SEEDED_EXPERT,
            reviewer__email__regex=SEEDED_REVIEWER,
        )
        .select_related("reviewer")
        .order_by("-round__number", "-round__submitted_at", "pk")[:VISITORS]
    )
    cookies = {}
    visits = []
    for claim in claims:
        if claim.reviewer_id not in cookies:
            cookies[claim.reviewer_id] = login_cookies(claim.reviewer)
        visits.append((f"/review/rounds/{claim.round_id}/", cookies[claim.reviewer_id]))
    return visits
