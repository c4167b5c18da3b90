"""The seeded accounts, found by their addresses:
- experts are scale-<n>@example.com; a later run continues after the highest n;
- reviewers are scale-reviewer-<n>@example.com, max(5, experts / 200) of them, reused by
  later runs;
- scale-staff@example.com adjudicates, and owns the review form if there was none.
"""

import random
import re
from collections import Counter

from django.contrib.auth.models import Group
from django.db import transaction

from onboarding.models import ReviewForm
from profiles.models import User
from profiles.permissions import REVIEWER_GROUP
from seeding import words
from seeding.demo import demo_review_form_ensure

REVIEWER_EMAIL = "scale-reviewer-{}@example.com"
STAFF_EMAIL = "scale-staff@example.com"
STAFF_NAME = "Scale Staff"
_EXPERT_EMAIL = re.compile(r"^scale-(\d+)@example\.com$")
_REVIEWER_EMAIL = re.compile(r"^scale-reviewer-(\d+)@example\.com$")
EXPERTS_PER_REVIEWER = 200
MIN_REVIEWERS = 5


def _numbers(pattern: re.Pattern, prefix: str) -> dict[int, User]:
    users = User.objects.filter(email__startswith=prefix, email__endswith="@example.com")
    found = {}
    for user in users.only("pk", "email", "name"):
        if match := pattern.match(user.email):
            found[int(match.group(1))] = user
    return found


@transaction.atomic
def accounts_ensure(
    *, reviewers: int, password_hash: str, counts: Counter
) -> tuple[list[User], User]:
    """At least `reviewers` seeded reviewers (all of them, by number) and the seeded staff."""
    existing = _numbers(_REVIEWER_EMAIL, "scale-reviewer-")
    missing = [n for n in range(1, reviewers + 1) if n not in existing]
    rng = random.Random("reviewers")  # noqa: S311 - test data, not secrets
    created = [
        User(
            email=REVIEWER_EMAIL.format(n),
            name=f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}",
            password=password_hash,
        )
        for n in missing
    ]
    User.objects.bulk_create(created)
    counts[User._meta.label] += len(created)
    existing.update(zip(missing, created, strict=True))
    group, _ = Group.objects.get_or_create(name=REVIEWER_GROUP)
    Membership = User.groups.through
    Membership.objects.bulk_create(
        [Membership(user_id=user.pk, group_id=group.pk) for user in existing.values()],
        ignore_conflicts=True,
    )
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    if staff is None:
        staff = User.objects.create(
            email=STAFF_EMAIL,
            name=STAFF_NAME,
            password=password_hash,
            is_staff=True,
            is_superuser=True,
        )
        counts[User._meta.label] += 1
    if not ReviewForm.objects.filter(is_active=True).exists():
        demo_review_form_ensure(staff=staff)
    return [existing[n] for n in sorted(existing)], staff


def next_expert_number() -> int:
    """The number after the highest seeded expert's (1 for the first run)."""
    return max(_numbers(_EXPERT_EMAIL, "scale-"), default=0) + 1


def reviewers_for(experts: int) -> int:
    return max(MIN_REVIEWERS, experts // EXPERTS_PER_REVIEWER)
