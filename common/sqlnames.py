"""Names for the SQL an expression writes itself (a Func's as_sql()), quoted as the database
wants them and read from the model, so a renamed table or column follows. Only such names
and compiled SQL go into an expression's text; values are always parameters."""


def table_name(connection, model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def column_name(connection, model, field: str) -> str:
    """`field`'s column, qualified by its table: "portfolio_rounddomain"."key"."""
    column = connection.ops.quote_name(model._meta.get_field(field).column)
    return f"{table_name(connection, model)}.{column}"
