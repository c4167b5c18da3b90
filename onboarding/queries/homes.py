"""Which homes /dashboard/ shows someone: the expert's, the reviewer's, the staff's; and the
person's own row as their pages read it."""

import functools

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, QuerySet

from onboarding.models import Submission
from portfolio.models import AdversarialTestPlan, Benchmark, WorkSample
from profiles.models import User
from profiles.permissions import is_reviewer, is_staff, reviewer_flag_of
from rubrics.models import Rubric


# Built once a process: annotate() and filter() resolve a copy, so every query shares it.
@functools.cache
def builds_a_portfolio() -> ExpressionWrapper:
    """For a query of users: whether each has an artifact or a submission, so the dashboard
    reads it with the person's row instead of asking on its own."""
    own = {"owner": OuterRef("pk")}
    return ExpressionWrapper(
        Exists(Submission.objects.filter(**own))
        | Exists(Rubric.objects.filter(kind=Rubric.Kind.ARTIFACT, **own))
        | Exists(Benchmark.objects.filter(**own))
        | Exists(AdversarialTestPlan.objects.filter(**own))
        | Exists(WorkSample.objects.filter(**own)),
        output_field=BooleanField(),
    )


@functools.cache
def _people_at_home() -> QuerySet[User]:
    # Built once a process and never run: get() reads a copy with the person's filter.
    return User.objects.select_related("profile", "deepening_plan").annotate(
        in_reviewer_group=reviewer_flag_of("pk")
    )


@functools.cache
def _staff_at_home() -> QuerySet[User]:
    return _people_at_home().annotate(builds_portfolio=builds_a_portfolio())


def person_at_home(user: User) -> User:
    """The person's row for /dashboard/ in one query: their one-to-one rows (the profile and
    the 60–90 day plan), whether they review, and for staff whether they build a portfolio
    (builds_portfolio). Everyone else is an expert unless the row says they review, and only
    then does is_expert() ask: the five checks cost an expert's home about a millisecond."""
    people = _staff_at_home() if is_staff(user) else _people_at_home()
    return people.get(pk=user.pk)


@functools.cache
def _people_with_profile() -> QuerySet[User]:
    return User.objects.select_related("profile").annotate(in_reviewer_group=reviewer_flag_of("pk"))


def person_with_profile(user: User) -> User:
    """The person's row with their profile and whether they review, in one query (built once
    a process, filtered per request), for a page that judges their portfolio (/submit/)."""
    return _people_with_profile().get(pk=user.pk)


def is_expert(user: User, *, builds_portfolio: bool | None = None) -> bool:
    """Everyone who signed up is an expert, but a reviewer or staff member only once they
    build a portfolio (an artifact or a submission): a reviewer's profile alone is there
    to match them with rounds, and the onboarding checklist would only be noise.
    `builds_portfolio`, when the caller read builds_a_portfolio() already, spares a query."""
    if not (is_reviewer(user) or is_staff(user)):
        return True
    if builds_portfolio is not None:
        return builds_portfolio
    return User.objects.filter(pk=user.pk).filter(builds_a_portfolio()).exists()
