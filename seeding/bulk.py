"""New rows stored in bulk, table by table, each given its id: COPY on PostgreSQL,
bulk_create elsewhere. Rows may hold their parents as objects until they are stored."""

import operator
from collections import Counter
from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections, models


def insert_rows(model: type[models.Model], objs: list, counts: Counter) -> None:
    """Store new rows and give each its id, counting them by table in `counts`."""
    if not objs:
        return
    if connections[DEFAULT_DB_ALIAS].vendor == "postgresql":
        _copy(model, objs)
    else:
        model.objects.bulk_create(objs, batch_size=2000)
    counts[model._meta.label] += len(objs)


# Columns whose Python value is what psycopg sends as it is.
_PLAIN_COLUMNS = {
    "AutoField", "BigAutoField", "BooleanField", "CharField", "IntegerField",
    "PositiveBigIntegerField", "PositiveIntegerField", "PositiveSmallIntegerField",
    "SmallIntegerField", "TextField",
}  # fmt: skip


def _copy(model: type[models.Model], objs: list) -> None:
    """PostgreSQL: take ids from the table's sequence, then COPY the rows in.

    Twice as fast as bulk_create, which sends the rows as arrays whose every value psycopg
    escapes in Python: slow for long texts and JSON such as the rounds' snapshots.
    """
    db = connections[DEFAULT_DB_ALIAS]
    meta = model._meta
    # A generated column (the account's email domain) is the database's to write.
    fields = [field for field in meta.concrete_fields if not field.generated]
    values = [_column_reader(field, db) for field in fields]
    table = db.ops.quote_name(meta.db_table)
    columns = ", ".join(db.ops.quote_name(field.column) for field in fields)
    with db.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objs)],
        )
        # In order, so that the snapshot lists a portfolio's artifacts by id as freezing does.
        for obj, pk in zip(objs, sorted(row[0] for row in cursor.fetchall()), strict=True):
            obj.pk = pk
        with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row([value(obj) for value in values])
    for obj in objs:
        obj._state.adding, obj._state.db = False, db.alias


def _column_reader(field: models.Field, db) -> Callable[[models.Model], object]:
    """How to read a field's column value off a new row, as bulk_create would."""
    if field.is_relation:

        def parent_id(obj):
            # A parent given as an object was saved after the child was built: read its id.
            if field.is_cached(obj):
                parent = field.get_cached_value(obj)
                return None if parent is None else parent.pk
            return getattr(obj, field.attname)

        return parent_id
    if field.get_internal_type() in _PLAIN_COLUMNS:
        return operator.attrgetter(field.attname)
    return lambda obj: field.get_db_prep_save(field.pre_save(obj, True), db)
