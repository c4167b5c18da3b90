"""An expert whose round page is about 30 MB, for the memory benchmark: a benchmark of 500
items with every text at its 5,000-character limit, submitted, then withdrawn, so that the
reviewers' queue stays as seeded (the expert still reads the round at its address). Made once
in the bench database with the project's own services; later runs find it. Prints JSON: the
round page's path, the expert's cookies, the round's id.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=... python bench/large_round.py
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.db import transaction  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.visitors import login_cookies  # noqa: E402
from onboarding.confirmations import CONFIRMATIONS  # noqa: E402
from onboarding.models import Round  # noqa: E402
from onboarding.services.submissions import submission_submit, submission_withdraw  # noqa: E402
from onboarding.workflow import State  # noqa: E402
from portfolio import services as portfolio_services  # noqa: E402
from portfolio.benchmark_items import BenchmarkItemData  # noqa: E402
from portfolio.models import Benchmark, Evidence, WorkSample  # noqa: E402
from portfolio.validators import BENCHMARK_TEXT_MAX, ITEM_SOURCE_MAX, ITEM_TEXT_MAX, MAX_ITEMS  # noqa: E402
from profiles import services as profile_services  # noqa: E402
from profiles.models import User  # noqa: E402
from profiles.queries import profile_domain_names  # noqa: E402
from rubrics.demo import give_seed_rubric  # noqa: E402
from seeding.demo import demo_profile_ensure  # noqa: E402
from seeding.scale import SEED_PASSWORD  # noqa: E402

EMAIL = "bench-large-round@example.com"
NAME = "Lena Largeround"
# A benchmark of escaping: string literals of markup, which HTML-escape to about 3.7 bytes a
# character, as text full of quotes, ampersands and angle brackets does.
LINE = "s = \"<'&'>\" + '<\"&\">';\n"


def text(length: int) -> str:
    return (LINE * (length // len(LINE) + 1))[: length - 1] + "."


def large_round_ensure() -> Round:
    """The expert's round, submitted once and withdrawn."""
    with transaction.atomic():
        user = User.objects.filter(email=EMAIL).first() or profile_services.user_signup(
            email=EMAIL, name=NAME, password=SEED_PASSWORD
        )
        round = Round.objects.filter(submission__owner=user).order_by("-number").first()
        if round is None:
            round = _submitted(user)
        if round.state == State.SUBMITTED:
            submission_withdraw(actor=user, round=round)
        return round


def _submitted(user: User) -> Round:
    """A seed profile and rubric, a work sample, and the benchmark at every limit."""
    give_seed_rubric(owner=user)
    demo_profile_ensure(user=user)
    if not Benchmark.objects.filter(owner=user).exists():
        item = BenchmarkItemData(
            prompt=text(ITEM_TEXT_MAX),
            reference_answer=text(ITEM_TEXT_MAX),
            rationale=text(ITEM_TEXT_MAX),
            difficulty="hard",
            source=text(ITEM_SOURCE_MAX),
        )
        portfolio_services.benchmark_create(
            actor=user,
            title="Escaping markup in string literals",
            domain=profile_domain_names(user)[0],
            metric="Share of items escaped exactly as the reference answer",
            target="Every item",
            description=text(BENCHMARK_TEXT_MAX),
            sources=text(BENCHMARK_TEXT_MAX),
            items=[item] * MAX_ITEMS,
        )
    benchmark = Benchmark.objects.filter(owner=user).first()
    if not Evidence.objects.filter(owner=user).exists():
        # The demo profile's first domain is deep: a round needs evidence for it.
        portfolio_services.evidence_link(actor=user, domain=benchmark.domain, artifact=benchmark)
    if WorkSample.objects.filter(owner=user).count() < 2:
        # The profile links one work sample; a round needs two.
        portfolio_services.work_sample_create(
            actor=user,
            title="Escaping benchmark (public draft)",
            sample_type="benchmark",
            description="The benchmark's items, published for comments.",
            url="https://example.org/escaping-benchmark",
        )
    return submission_submit(actor=user, confirmed=CONFIRMATIONS)


def main() -> None:
    round = large_round_ensure()
    print(
        json.dumps(
            {
                "round": round.pk,
                "path": reverse("submission_round", args=[round.pk]),
                "cookies": login_cookies(round.submission.owner),
            }
        )
    )


if __name__ == "__main__":
    main()
