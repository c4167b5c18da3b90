"""What the benchmark requests, picked from the seeded database, with a signed-in session for
each person. Run in a child process with the benchmark's environment; prints JSON:

- `pages`: every main page with its visits, (path, cookies) — for a person's own page, many
  seeded people, each with their own session and their own rows, so no visit finds another's
  work warm; the same people at every size (seeded experts are planned from their number);
- `people`, with `--people EXPERTS,REVIEWERS`: that many signed-in people spread over the
  database, each with the pages of their own they ask for and how often (the mixed load).

    DJANGO_SETTINGS_MODULE=bench.settings python bench/targets.py [--people 200,20]
"""

import argparse
import itertools
import json
import math
import os
import random
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.db.models import Exists, OuterRef  # noqa: E402

from bench.integrity import integrity_experts_ensure  # noqa: E402
from bench.reviewing import (  # noqa: E402
    common_words,
    most_common,
    queue_paths,
    review_domains_ensure,
    review_pages,
    reviewer_homes,
    reviewers,
)
from bench.visitors import SEEDED_EXPERT, SEEDED_REVIEWER, VISITORS, login_cookies  # noqa: E402
from onboarding.models import Round, RoundDomain  # noqa: E402
from onboarding.queries.queue import QueueFilters, review_queue  # noqa: E402
from onboarding.views.review import QUEUE_PAGE_SIZE  # noqa: E402
from onboarding.workflow import OPEN_FOR_REVIEW  # noqa: E402
from portfolio.models import AdversarialTestPlan, Benchmark  # noqa: E402
from profiles.models import Profile, User, Visibility  # noqa: E402
from profiles.permissions import REVIEWER_GROUP  # noqa: E402
from rubrics.models import Rubric  # noqa: E402


class Own:
    """The rows of their own a set of experts' pages show, read in a few queries."""

    def __init__(self, experts: list[User]):
        ids = [user.pk for user in experts]

        def by_owner(rows) -> dict[int, list[int]]:
            found = defaultdict(list)
            for owner, pk in rows:
                found[owner].append(pk)
            return found

        self.rubrics = by_owner(
            Rubric.objects.filter(owner__in=ids, kind=Rubric.Kind.ARTIFACT)
            .order_by("pk")
            .values_list("owner", "pk")
        )
        self.benchmarks = by_owner(
            Benchmark.objects.filter(owner__in=ids).order_by("pk").values_list("owner", "pk")
        )
        self.test_plans = by_owner(
            AdversarialTestPlan.objects.filter(owner__in=ids)
            .order_by("pk")
            .values_list("owner", "pk")
        )
        self.rounds = by_owner(
            Round.objects.filter(submission__owner__in=ids)
            .order_by("-number")
            .values_list("submission__owner", "pk")
        )
        self.slugs = dict(Profile.objects.filter(user__in=ids).values_list("user", "slug"))


def experts_with_portfolio(count: int) -> list[User]:
    """The first seeded experts with a public profile, a rubric, a benchmark and a round."""
    return list(
        User.objects.filter(email__regex=SEEDED_EXPERT, profile__visibility=Visibility.PUBLIC)
        .filter(
            Exists(Rubric.objects.filter(owner=OuterRef("pk"))),
            Exists(Benchmark.objects.filter(owner=OuterRef("pk"))),
            Exists(Round.objects.filter(submission__owner=OuterRef("pk"))),
        )
        .order_by("pk")[:count]
    )


def fresh_pages(experts: list[User], people: list[User]) -> list[dict]:
    """Every main page with its visits. `people` are reviewers, taken in turn."""
    own = Own(experts)
    as_expert = {user.pk: login_cookies(user) for user in experts}
    as_reviewer = [login_cookies(user) for user in people]
    homes = [login_cookies(user) for user in reviewer_homes(people)]

    def expert_pages(path) -> list[tuple[str, str]]:
        return [(path(user.pk), as_expert[user.pk]) for user in experts]

    unsubmitted, flagged_rounds = integrity_experts_ensure()
    answers = [
        dict(zip(["orchestrate", "rigor", "early", "credentials"], yes_no, strict=True))
        for yes_no in itertools.product(["yes", "no"], repeat=4)
    ]
    pages = [
        # Not pages: the floor under every page, anonymous and signed in.
        ("trivial view", [("/bench/trivial/", None)]),
        ("trivial view, signed in", expert_pages(lambda pk: "/bench/signed-in/")),
        ("landing", [("/", None)]),
        ("dashboard", expert_pages(lambda pk: "/dashboard/")),
        ("profile", expert_pages(lambda pk: "/profile/")),
        ("profile editor", expert_pages(lambda pk: "/profile/edit/")),
        ("public profile", [(f"/p/{own.slugs[user.pk]}/", None) for user in experts]),
        ("portfolio", expert_pages(lambda pk: "/portfolio/")),
        ("rubric list", expert_pages(lambda pk: "/rubrics/")),
        ("rubric", expert_pages(lambda pk: f"/rubrics/{own.rubrics[pk][0]}/")),
        ("benchmark", expert_pages(lambda pk: f"/portfolio/benchmarks/{own.benchmarks[pk][0]}/")),
        ("submit", expert_pages(lambda pk: "/submit/")),
        (
            "submit, personal data",
            [("/submit/", login_cookies(user)) for user in unsubmitted],
        ),
        # Each round opened once untimed: submitting builds its frozen copy, seeding does not.
        ("own round", expert_pages(lambda pk: f"/submit/rounds/{own.rounds[pk][0]}/"), VISITORS),
        ("profile export", expert_pages(lambda pk: "/profile/export.json")),
        *(
            (name, [(path, cookies) for cookies in as_reviewer])
            for name, path in queue_paths(people[0]).items()
        ),
        *review_pages(people, as_reviewer, flagged_rounds),
        # Each reviewer's first visit is not timed: the timed ones find their agreement
        # figures kept, as every visit does until the next review is submitted.
        ("reviewer dashboard", [("/dashboard/", cookies) for cookies in homes], len(homes)),
        (
            "income calculator",
            [
                (f"/tools/income/?rate={30 + n}&hours={10 + n}&weeks=46", None)
                for n in range(VISITORS)
            ],
        ),
        ("decision guide", [("/tools/decide/?" + urlencode(a), None) for a in answers]),
        ("schema", [("/schema/skill-profile.json", None)]),
    ]
    # A page's warm-up: at least one visit by each of its visitors when it says so.
    return [
        {"name": name, "visits": visits, "warmup": warmup[0] if warmup else 0}
        for name, visits, *warmup in pages
    ]


def mixed_people(experts: int, reviewer_count: int, rng: random.Random) -> list[dict]:
    """Signed-in experts spread over the whole database and reviewers, each with the pages
    they ask for and how often."""
    ids = list(
        User.objects.filter(email__regex=SEEDED_EXPERT, profile__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    step = max(1, len(ids) // experts)
    chosen = list(User.objects.filter(pk__in=ids[::step][:experts]).order_by("pk"))
    own = Own(chosen)
    public = list(
        Profile.objects.filter(
            visibility=Visibility.PUBLIC, user__email__regex=SEEDED_EXPERT
        ).values_list("slug", flat=True)
    )
    people = [*_experts(chosen, own, public, rng), *_reviewers(reviewer_count, rng)]
    # Each client takes people in turn: interleaved, every client has both kinds from the start.
    rng.shuffle(people)
    return people


def _experts(chosen: list, own: Own, public: list[str], rng: random.Random) -> list[dict]:
    """Each chosen expert with their own pages and a few public profiles."""
    people = []
    for user in chosen:
        pages = [
            ("dashboard", "/dashboard/", 4),
            ("profile", "/profile/", 2),
            ("portfolio", "/portfolio/", 3),
            ("rubric list", "/rubrics/", 1),
            ("submit", "/submit/", 2),
            ("profile editor", "/profile/edit/", 1),
            *(("rubric", f"/rubrics/{pk}/", 1) for pk in own.rubrics[user.pk][:3]),
            *(
                ("benchmark", f"/portfolio/benchmarks/{pk}/", 1)
                for pk in own.benchmarks[user.pk][:2]
            ),
            *(
                ("test plan", f"/portfolio/test-plans/{pk}/", 1)
                for pk in own.test_plans[user.pk][:1]
            ),
            *(("own round", f"/submit/rounds/{pk}/", 1) for pk in own.rounds[user.pk][:2]),
            *(("public profile", f"/p/{slug}/", 1) for slug in rng.sample(public, 3)),
        ]
        people.append({"who": "expert", "cookies": login_cookies(user), "pages": pages})

    return people


def _reviewers(reviewer_count: int, rng: random.Random) -> list[dict]:
    """Seeded reviewers with the queue's pages, open rounds and their home."""
    people = []
    chosen_reviewers = reviewers(reviewer_count)
    open_rounds = review_queue(chosen_reviewers[0], QueueFilters()).count()
    last_page = max(1, math.ceil(open_rounds / QUEUE_PAGE_SIZE))
    domains = most_common(RoundDomain, 8, round__state__in=OPEN_FOR_REVIEW)
    terms = common_words(4)
    rounds = list(
        Round.objects.filter(
            state__in=OPEN_FOR_REVIEW, submission__owner__email__regex=SEEDED_EXPERT
        ).values_list("pk", flat=True)
    )
    for user in chosen_reviewers:
        queue = [
            ("queue", "/review/", 4),
            *(("queue, a page", f"/review/?page={rng.randint(1, last_page)}", 1) for _ in "12"),
            *(
                ("queue, filtered", "/review/?" + urlencode({"domain": domain}), 1)
                for domain in rng.sample(domains, 2)
            ),
            ("queue, filtered", "/review/?" + urlencode({"state": "submitted"}), 1),
            ("queue, filtered", "/review/?" + urlencode({"state": "mine"}), 1),
            ("queue, filtered", "/review/?" + urlencode({"waiting": 7, "sort": "newest"}), 1),
            ("queue, filtered", "/review/?" + urlencode({"sort": "name"}), 1),
            ("queue, search", "/review/?" + urlencode({"q": rng.choice(terms)}), 1),
        ]
        reviews = [("review page", f"/review/rounds/{pk}/", 1) for pk in rng.sample(rounds, 8)]
        pages = [*queue, *reviews, ("dashboard", "/dashboard/", 1)]
        people.append({"who": "reviewer", "cookies": login_cookies(user), "pages": pages})
    return people


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", help="EXPERTS,REVIEWERS signed in for the mixed load")
    args = parser.parse_args()
    experts = experts_with_portfolio(VISITORS)
    people = list(
        User.objects.filter(
            groups__name=REVIEWER_GROUP, is_staff=False, email__regex=SEEDED_REVIEWER
        ).order_by("pk")[:VISITORS]
    )
    if len(experts) < VISITORS or not people:
        sys.exit("Too few seeded experts or reviewers: run `manage.py seed_scale` first.")
    review_domains_ensure(people)
    site = {
        "users": User.objects.count(),
        "rounds": Round.objects.count(),
        "open_rounds": review_queue(people[0], QueueFilters()).count(),
        "reviewers": User.objects.filter(groups__name=REVIEWER_GROUP).count(),
        "pages": fresh_pages(experts, people),
    }
    if args.people:
        expert_count, reviewer_count = (int(n) for n in args.people.split(","))
        rng = random.Random(2026)  # noqa: S311 - the same mix every run, not a secret
        site["people"] = mixed_people(expert_count, reviewer_count, rng)
    print(json.dumps(site))


if __name__ == "__main__":
    main()
