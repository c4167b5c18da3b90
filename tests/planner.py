"""Query plans in tests. The planner's statistics outlive a test's transaction (PostgreSQL
keeps a table's row estimate after a rollback), so a test that asserts a plan analyses every
table its query reads: the plan then follows from that test's rows, whatever ran before."""

from django.db import connection


def analyze(*tables: str) -> None:
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {table}")
