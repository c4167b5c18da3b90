"""Reads that run on nearly every request, as plain SQL prepared once per connection.

On the busiest paths — who is asking, whether a kept page is still current — building the
query with the ORM cost more than running it, and on PostgreSQL planning it cost more again.
Each statement here is written out once, named, and on PostgreSQL prepared the first time a
connection runs it; elsewhere it runs as it is.
"""

import weakref

from django.db import DatabaseError, connection

# Names prepared on each open PostgreSQL connection; a new connection prepares again.
_prepared: "weakref.WeakKeyDictionary[object, set[str]]" = weakref.WeakKeyDictionary()


def quote(name: str) -> str:
    return connection.ops.quote_name(name)


def fetch_one(name: str, sql: str, params: list) -> tuple | None:
    """The first row of `sql` (with `%s` placeholders and no other `%`), prepared as `name`
    on PostgreSQL."""
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(sql, params)
            return cursor.fetchone()
        raw = connection.connection
        names = _prepared.setdefault(raw, set())
        if name not in names:
            parts = sql.split("%s")
            numbered = parts[0] + "".join(f"${n}{part}" for n, part in enumerate(parts[1:], 1))
            # Set-up of the connection, like Django's own time zone setting, so not counted
            # among the request's queries. A prepared statement outlives a rolled-back
            # transaction; it ends with its connection.
            with connection.wrap_database_errors:
                if not names:
                    # A new connection, or one whose statements failed: start clean, as the
                    # server may still hold a statement of that name.
                    raw.execute("DEALLOCATE ALL")
                raw.execute(f"PREPARE {name} AS {numbered}")
            names.add(name)
        try:
            cursor.execute(f"EXECUTE {name}({', '.join(['%s'] * len(params))})", params)
        except DatabaseError:
            # The server may have dropped or outdated it (a column's type changed, say):
            # prepare every statement afresh on this connection's next use.
            _prepared.pop(raw, None)
            raise
        return cursor.fetchone()
