"""How a signed-in request finds its person."""

from functools import cache

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.db import connection

from profiles.models import PageVersion, User
from profiles.pagecache import REVIEWS, user_scope
from profiles.permissions import REVIEWER_GROUP


@cache
def _user_sql() -> str:
    # Written out once: building this query with the ORM cost more than running it, on
    # every signed-in request.
    q = connection.ops.quote_name
    user, pk = q(User._meta.db_table), q(User._meta.pk.column)
    groups, group = q(User.groups.through._meta.db_table), q(Group._meta.db_table)
    versions = q(PageVersion._meta.db_table)
    columns = ", ".join(f"u.{q(field.column)}" for field in User._meta.concrete_fields)
    return (
        f"SELECT {columns}, "  # noqa: S608 - table names are ours
        f"EXISTS(SELECT 1 FROM {groups} ug JOIN {group} g ON g.id = ug.group_id "
        f"WHERE ug.user_id = u.{pk} AND g.name = %s) AS reviewer_role, "
        f"(SELECT value FROM {versions} WHERE scope = 'user:' || CAST(u.{pk} AS TEXT)) "
        f"AS own_counter, "
        f"(SELECT value FROM {versions} WHERE scope = %s) AS reviews_counter "
        f"FROM {user} u WHERE u.{pk} = %s"
    )


class AccountBackend(ModelBackend):
    """Email-and-password accounts. Every signed-in request reads the person with what it
    asks next, in the same query: whether they review, and the counters its cached pages
    are keyed by (profiles/pagecache.py)."""

    def get_user(self, user_id):
        # raw() still converts each column as the ORM would (dates on SQLite, say).
        found = list(User._default_manager.raw(_user_sql(), [REVIEWER_GROUP, REVIEWS, user_id]))
        user = found[0] if found else None
        if user is None or not self.user_can_authenticate(user):
            return None
        user._is_reviewer = bool(user.reviewer_role)
        user.page_versions = {
            user_scope(user.pk): user.own_counter or 0,
            REVIEWS: user.reviews_counter or 0,
        }
        return user
