"""The names an expression's own SQL uses come from the models, quoted by the database."""

from django.db import connection

from common.sqlnames import column_name, table_name
from onboarding.models import RoundDomain


def test_a_column_is_named_by_its_table_and_quoted_as_the_database_quotes():
    quote = connection.ops.quote_name
    assert table_name(connection, RoundDomain) == quote("portfolio_rounddomain")
    assert column_name(connection, RoundDomain, "round") == (
        f"{quote('portfolio_rounddomain')}.{quote('round_id')}"
    )
