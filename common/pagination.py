"""Pages of a list that do not count the list with a query of their own."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window

# The largest OFFSET SQLite and PostgreSQL take (a signed 64-bit integer): a page further on
# has no rows, and slicing to it fails in the database rather than returning none.
MAX_OFFSET = 2**63 - 1


class CountedPaginator(Paginator):
    """A paginator told how many rows there are, so that it does not count them itself."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._count = count

    @property
    def count(self) -> int:
        return self._count


def counted_page(queryset: QuerySet, number, per_page: int) -> Page:
    """What Paginator(queryset, per_page).get_page(number) gives, with the rows and their total
    read in one query: each row carries the total as a window count. A page number that is
    not a page with rows (past the end, below 1, or past any offset a database takes) takes the
    paginator's way: a count first, then the last page or the first."""
    try:
        wanted = int(number)
    except (TypeError, ValueError):
        wanted = 1  # get_page() shows the first page for a number that is not one
    start = (wanted - 1) * per_page
    if 0 <= start <= MAX_OFFSET:
        window = queryset.annotate(total_rows=Window(Count("pk")))
        rows = list(window[start : start + per_page])
        if rows or wanted == 1:
            total = rows[0].total_rows if rows else 0
            return Page(rows, wanted, CountedPaginator(queryset, per_page, count=total))
    return Paginator(queryset, per_page).get_page(number)
