"""Who may do what. Every view asks one of these first."""

import functools
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, F, Func, QuerySet, Value
from django.http import Http404

from common.sqlnames import column_name, table_name
from profiles.models import Profile, User
from profiles.queries import public_profile_by_slug

REVIEWER_GROUP = "Reviewers"


def is_reviewer(user) -> bool:
    """A reviewer belongs to the Reviewers group; staff are not reviewers by default."""
    if not user.is_authenticated or not user.is_active:
        return False
    cached = getattr(user, "_is_reviewer", None)
    if cached is None:
        cached = user.groups.filter(name=REVIEWER_GROUP).exists()
        user._is_reviewer = cached
    return cached


class InReviewerGroup(Func):
    """Whether `person` (an expression for a user's key: a Value, or F() of the column that
    holds it) belongs to the Reviewers group. Written as SQL here rather than as Exists() of
    a Group queryset, which cost a page about 0.3 ms to build and compile, for the same
    text."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        person, person_params = compiler.compile(self.get_source_expressions()[0])
        members = User.groups.through
        group_key, member_group = (
            column_name(connection, Group, "id"),
            column_name(connection, members, "group"),
        )
        joined = (
            f"{table_name(connection, Group)} INNER JOIN {table_name(connection, members)} "
            f"ON {group_key} = {member_group}"
        )
        sql = (
            f"EXISTS (SELECT 1 FROM {joined} WHERE {column_name(connection, Group, 'name')} = %s "  # noqa: S608
            f"AND {column_name(connection, members, 'user')} = {person})"
        )
        return sql, [REVIEWER_GROUP, *person_params]


def with_reviewer_flag(rows: QuerySet, user) -> QuerySet:
    """Rows a page reads anyway, read with whether `user` (the person asking) is a reviewer,
    for remember_reviewer(): the navigation's is_reviewer() then needs no query of its own.
    The rows may be anything; the flag is about `user` alone."""
    return rows.annotate(in_reviewer_group=InReviewerGroup(Value(user.pk)))


# Built once a process: annotate() resolves a copy, so every query shares it.
@functools.cache
def reviewer_flag_of(person: str) -> InReviewerGroup:
    """For rows whose `person` column is the person asking (their own row: "pk"): whether
    they are a reviewer, as with_reviewer_flag() reads it, for a query built once a process."""
    return InReviewerGroup(F(person))


def remember_reviewer(user, read) -> None:
    """What `read` (a row read with_reviewer_flag() for this user) says, for is_reviewer()."""
    user._is_reviewer = read.in_reviewer_group


def remember_reviewer_from(user, *row_lists) -> None:
    """remember_reviewer() from the first row of the first list with one (rows read
    with_reviewer_flag()); with no rows at all, is_reviewer() asks as usual."""
    for rows in row_lists:
        for row in rows:
            remember_reviewer(user, row)
            return


def is_staff(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def reviewer_required(view):
    """Logged-in reviewers only: anonymous users go to the login page, others get 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_reviewer(request.user):
            raise PermissionDenied("This page is for reviewers.")
        return view(request, *args, **kwargs)

    return login_required(wrapped)


def reviewer_or_staff_required(view):
    """Logged-in reviewers and staff: anonymous users go to the login page, others get 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not (is_reviewer(request.user) or is_staff(request.user)):
            raise PermissionDenied("This page is for reviewers and staff.")
        return view(request, *args, **kwargs)

    return login_required(wrapped)


def staff_required(view):
    """Logged-in staff only: anonymous users go to the login page, others get 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_staff(request.user):
            raise PermissionDenied("This page is for staff.")
        return view(request, *args, **kwargs)

    return login_required(wrapped)


def can_edit_profile(actor, owner) -> bool:
    """Experts edit their own profile; staff may replace anyone's (the admin does)."""
    if not actor.is_authenticated or not actor.is_active:
        return False
    return actor.pk == owner.pk or is_staff(actor)


def get_public_profile(slug: str) -> Profile:
    """A profile its owner made public; anything else (private, unknown) is a 404."""
    profile = public_profile_by_slug(slug)
    if profile is None:
        raise Http404("No public profile at this address.")
    return profile
