"""Text compared in any case the way the unique constraints compare it (on Lower()): both
sides lowered by the database, so a check finds what a constraint would refuse. Django's
iexact upper-cases instead, and the two differ for a few letters: PostgreSQL lowers and
upper-cases by its collation, often "İ" to "i" but "i" to "I", not "İ"."""

from django.db.models import Value
from django.db.models.expressions import Combinable
from django.db.models.functions import Lower
from django.db.models.lookups import Exact


def same_text(field: str, value: str | Combinable) -> Exact:
    """A filter: `field` equals `value` (a text, or an expression such as an OuterRef) in
    any case, as LOWER() has it."""
    return Exact(Lower(field), Lower(Value(value) if isinstance(value, str) else value))
