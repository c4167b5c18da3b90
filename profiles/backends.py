"""How a signed-in request finds its person.

Every signed-in request reads the person with what it asks next: whether they review, and
the counters its cached pages are keyed by (profiles/pagecache.py). Usually that happens in
the same statement as the session (profiles/sessions.py); `AccountBackend.get_user` reads
the person alone when nothing else did.
"""

from functools import cache

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.db import connection

from profiles.models import AccountSession, PageVersion, User
from profiles.pagecache import REVIEWS, RUBRICS, user_scope
from profiles.permissions import REVIEWER_GROUP
from profiles.statements import fetch_one
from profiles.statements import quote as _q


@cache
def _account_columns() -> str:
    """The person `u`'s columns, their role and their counters; parameters: the reviewers'
    group name, the `reviews` and `rubrics` scopes."""
    pk = _q(User._meta.pk.column)
    groups, group = _q(User.groups.through._meta.db_table), _q(Group._meta.db_table)
    versions = _q(PageVersion._meta.db_table)
    columns = ", ".join(f"u.{_q(field.column)}" for field in User._meta.concrete_fields)
    return (
        f"{columns}, "  # noqa: S608 - table names are ours
        f"EXISTS(SELECT 1 FROM {groups} ug JOIN {group} g ON g.id = ug.group_id "
        f"WHERE ug.user_id = u.{pk} AND g.name = %s), "
        f"(SELECT value FROM {versions} WHERE scope = 'user:' || CAST(u.{pk} AS TEXT)), "
        f"(SELECT value FROM {versions} WHERE scope = %s), "
        f"(SELECT value FROM {versions} WHERE scope = %s)"
    )


@cache
def _user_sql() -> str:
    user, pk = _q(User._meta.db_table), _q(User._meta.pk.column)
    return f"SELECT {_account_columns()} FROM {user} u WHERE u.{pk} = %s"  # noqa: S608


@cache
def _session_sql() -> str:
    session, user = _q(AccountSession._meta.db_table), _q(User._meta.db_table)
    pk, person = _q(User._meta.pk.column), _q(AccountSession._meta.get_field("user").column)
    return (
        f"SELECT s.session_data, {_account_columns()} FROM {session} s "  # noqa: S608
        f"LEFT JOIN {user} u ON u.{pk} = s.{person} "
        f"WHERE s.session_key = %s AND s.expire_date > %s"
    )


@cache
def _user_loading() -> list[tuple[str, object, list]]:
    # Each column's name and the conversions the ORM applies to it (dates and booleans on
    # SQLite, say).
    table = User._meta.db_table
    loading = []
    for field in User._meta.concrete_fields:
        column = field.get_col(table)
        converters = [
            *connection.ops.get_db_converters(column),
            *field.get_db_converters(connection),
        ]
        loading.append((field.attname, column, converters))
    return loading


def _account(row: tuple) -> User | None:
    """The person from `_account_columns()`'s values, or None when there is none."""
    loading = _user_loading()
    names, values = [], []
    for value, (name, column, converters) in zip(row, loading, strict=False):
        for convert in converters:
            value = convert(value, column, connection)
        names.append(name)
        values.append(value)
    if values[names.index(User._meta.pk.attname)] is None:
        return None
    user = User.from_db(connection.alias, names, values)
    reviewer, own, reviews, rubrics = row[len(loading) :]
    user._is_reviewer = bool(reviewer)
    user.page_versions = {
        user_scope(user.pk): own or 0,
        REVIEWS: reviews or 0,
        RUBRICS: rubrics or 0,
    }
    return user


def read_user(user_id) -> User | None:
    row = fetch_one("expertfolio_user", _user_sql(), [REVIEWER_GROUP, REVIEWS, RUBRICS, user_id])
    return _account(row) if row else None


def read_session(session_key: str, now) -> tuple[str, User | None] | None:
    """A live session's data and the person it signs in (None for an anonymous session), or
    None when there is no such session."""
    # Stored as the ORM stores it (naive UTC text on SQLite), so the comparison is the ORM's.
    expires_after = connection.ops.adapt_datetimefield_value(now)
    row = fetch_one(
        "expertfolio_session",
        _session_sql(),
        [REVIEWER_GROUP, REVIEWS, RUBRICS, session_key, expires_after],
    )
    return (row[0], _account(row[1:])) if row else None


class AccountBackend(ModelBackend):
    """Email-and-password accounts, with ModelBackend's rules."""

    def get_user(self, user_id):
        from profiles.sessions import account_read_with_session

        found, user = account_read_with_session(user_id)
        if not found:
            user = read_user(user_id)
        if user is None or not self.user_can_authenticate(user):
            return None
        return user
