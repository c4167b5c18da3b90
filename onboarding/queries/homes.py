"""Which homes /dashboard/ shows someone: the expert's, the reviewer's, the staff's; and the
person's own row as their pages read it."""

import functools

from django.db.models import BooleanField, F, Func, QuerySet

from common.sqlnames import column_name, table_name
from onboarding.models import Submission
from portfolio.models import AdversarialTestPlan, Benchmark, WorkSample
from profiles.models import User
from profiles.permissions import is_reviewer, is_staff, reviewer_flag_of
from rubrics.models import Rubric

# What a portfolio is built of: a submission, or an artifact (a rubric of the artifact kind).
PORTFOLIO_PARTS = (
    (Submission, {}),
    (Rubric, {"kind": Rubric.Kind.ARTIFACT}),
    (Benchmark, {}),
    (AdversarialTestPlan, {}),
    (WorkSample, {}),
)


class BuildsPortfolio(Func):
    """For a query of users: whether each has a submission or an artifact (PORTFOLIO_PARTS),
    so the dashboard reads it with the person's row instead of asking on its own. Written as
    SQL here rather than as Exists() of querysets: those cost about a millisecond a page to
    compile, for the same text."""

    output_field = BooleanField()

    def __init__(self):
        super().__init__(F("pk"))

    def as_sql(self, compiler, connection, **extra_context):
        user_key, key_params = compiler.compile(self.get_source_expressions()[0])
        parts, params = [], []
        for model, equal in PORTFOLIO_PARTS:
            conditions = [f"{column_name(connection, model, 'owner')} = {user_key}"]
            conditions += [f"{column_name(connection, model, name)} = %s" for name in equal]
            where = " AND ".join(conditions)
            parts.append(f"EXISTS (SELECT 1 FROM {table_name(connection, model)} WHERE {where})")  # noqa: S608
            params += [*key_params, *equal.values()]
        return f"({' OR '.join(parts)})", params


@functools.cache
def _people_at_home() -> QuerySet[User]:
    # Built once a process and never run: get() reads a copy with the person's filter.
    return User.objects.select_related("profile", "deepening_plan").annotate(
        builds_portfolio=BuildsPortfolio(), in_reviewer_group=reviewer_flag_of("pk")
    )


def person_at_home(user: User) -> User:
    """The person's row for /dashboard/ in one query: their one-to-one rows (the profile and
    the 60–90 day plan), whether they review and whether they build a portfolio."""
    return _people_at_home().get(pk=user.pk)


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
    `builds_portfolio`, when the caller read BuildsPortfolio already, spares a query."""
    if not (is_reviewer(user) or is_staff(user)):
        return True
    if builds_portfolio is not None:
        return builds_portfolio
    return User.objects.filter(pk=user.pk).filter(BuildsPortfolio()).exists()
