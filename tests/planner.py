"""Query plans in tests. The planner's statistics outlive a test's transaction (PostgreSQL
keeps a table's row estimate after a rollback), so a test that asserts a plan analyses every
table its query reads: the plan then follows from that test's rows, whatever ran before."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def analyze(*tables: str) -> None:
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {table}")


def index_plan(read) -> str:
    """The plan of the one query `read()` sends, as sent (its values written in, as SQLite
    matches a partial index's condition only with the value in the text), with PostgreSQL
    told to read by index wherever one can serve: a test's few rows read fastest in full, and
    the question is whether an index holds what the query reads. The test's transaction ends
    the setting."""
    with CaptureQueriesContext(connection) as queries:
        read()
    (query,) = queries.captured_queries
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + query["sql"])
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
        return " ".join(str(row) for row in cursor.fetchall())
