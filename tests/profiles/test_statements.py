"""profiles/statements.py: plain statements, prepared once per connection on PostgreSQL."""

import pytest
from django.db import DatabaseError, connection, transaction

from profiles.statements import fetch_one

pytestmark = pytest.mark.django_db(transaction=True)

ECHO = "SELECT CAST(%s AS TEXT), CAST(%s AS INTEGER) + 1"


def _prepared(name: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE name = %s", [name])
        return cursor.fetchone()[0]


def test_fetch_one_returns_the_first_row_with_its_parameters_bound(django_assert_num_queries):
    with django_assert_num_queries(1):
        assert fetch_one("expertfolio_test_echo", ECHO, ["O'Brien; --", 41]) == ("O'Brien; --", 42)
    with django_assert_num_queries(1):
        assert fetch_one("expertfolio_test_echo", ECHO, ["again", 1]) == ("again", 2)
    assert fetch_one("expertfolio_test_none", "SELECT 1 WHERE 1 = %s", [2]) is None


def test_a_prepared_statement_outlives_a_rolled_back_transaction_and_follows_a_new_connection():
    assert fetch_one("expertfolio_test_echo", ECHO, ["a", 1]) == ("a", 2)
    with pytest.raises(RuntimeError), transaction.atomic():
        assert fetch_one("expertfolio_test_echo", ECHO, ["b", 2]) == ("b", 3)
        raise RuntimeError("roll back")
    assert fetch_one("expertfolio_test_echo", ECHO, ["c", 3]) == ("c", 4)
    if connection.vendor == "postgresql":
        assert _prepared("expertfolio_test_echo") == 1
    connection.close()
    if connection.vendor == "postgresql":
        assert _prepared("expertfolio_test_echo") == 0  # a new connection has none yet
    assert fetch_one("expertfolio_test_echo", ECHO, ["d", 4]) == ("d", 5)
    if connection.vendor == "postgresql":
        assert _prepared("expertfolio_test_echo") == 1


def test_a_statement_first_prepared_in_a_rolled_back_transaction_stays_prepared():
    connection.close()
    with pytest.raises(RuntimeError), transaction.atomic():
        assert fetch_one("expertfolio_test_echo", ECHO, ["a", 1]) == ("a", 2)
        raise RuntimeError("roll back")
    assert fetch_one("expertfolio_test_echo", ECHO, ["b", 2]) == ("b", 3)


def test_a_statement_the_server_forgot_is_prepared_again_on_the_next_use():
    assert fetch_one("expertfolio_test_echo", ECHO, ["a", 1]) == ("a", 2)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DEALLOCATE ALL")  # as a pooler or DISCARD ALL would
        with pytest.raises(DatabaseError):
            fetch_one("expertfolio_test_echo", ECHO, ["b", 2])
    assert fetch_one("expertfolio_test_echo", ECHO, ["c", 3]) == ("c", 4)
