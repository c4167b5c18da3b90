"""Pages that count their list in the query that reads them."""

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory

from common.pagination import counted_page
from portfolio.queries import benchmarks_of, work_samples_of
from tests.factories import BenchmarkFactory, BenchmarkItemFactory, WorkSampleFactory

pytestmark = pytest.mark.django_db

# The last two are past any offset a database takes (a signed 64-bit integer), at 3 a page.
NUMBERS = [None, "", "abc", "2.0", "0", "-1", "1", "2", "3", "4", "99"]
NUMBERS += [str(10**18), str(10**19), "9" * 30]


def page_facts(page) -> tuple:
    return (
        page.number,
        [row.pk for row in page.object_list],
        page.paginator.count,
        page.paginator.num_pages,
        page.has_previous(),
        page.has_next(),
    )


@pytest.mark.parametrize("count", [0, 1, 3, 4, 7])
def test_counted_page_is_the_page_get_page_gives(alice, bob, count, django_assert_max_num_queries):
    for position in range(count):
        benchmark = BenchmarkFactory(owner=alice)
        for item in range(position % 3):
            BenchmarkItemFactory(benchmark=benchmark, position=item)
        WorkSampleFactory(owner=alice)
    BenchmarkFactory(owner=bob)
    for rows in (work_samples_of(alice), benchmarks_of(alice)):  # benchmarks: a grouped query
        for number in NUMBERS:
            expected = page_facts(Paginator(rows, 3).get_page(number))
            assert page_facts(counted_page(rows, number, 3)) == expected, number


def test_counted_page_reads_a_page_and_its_total_in_one_query(alice, django_assert_num_queries):
    for _ in range(7):
        WorkSampleFactory(owner=alice)
    with django_assert_num_queries(1):
        page = counted_page(work_samples_of(alice), "2", 3)
        assert (len(page.object_list), page.paginator.count, page.has_next()) == (3, 7, True)


def render_pages(query: str, **options) -> str:
    request = RequestFactory().get(f"/list/?{query}")
    page = Paginator(range(30), 10).get_page(2)
    return render_to_string(
        "common/_pagination.html", {"page": page, "label": "Rows pages", **options}, request
    )


def test_pagination_partial_keeps_the_other_query_parameters():
    html = render_pages("domain=finance&page=2")
    assert 'href="?domain=finance&amp;page=1"' in html
    assert 'href="?domain=finance&amp;page=3"' in html
    assert "Page 2 of 3" in html and 'aria-label="Rows pages"' in html


def test_pagination_partial_with_its_own_parameter_fragment_and_words():
    html = render_pages("page=4", param="review_page", fragment="rows", what="rows", small=True)
    assert 'href="?page=4&amp;review_page=3#rows"' in html
    assert '<span class="visually-hidden"> rows</span>' in html and "pagination-sm" in html


def test_pagination_partial_takes_addresses_built_by_the_view():
    html = render_pages("", previous_url="?a_page=1", next_url="?a_page=3", fragment="a")
    assert 'href="?a_page=1#a"' in html and 'href="?a_page=3#a"' in html


def test_pagination_partial_shows_nothing_for_one_page():
    page = Paginator(range(3), 10).get_page(1)
    assert render_to_string("common/_pagination.html", {"page": page}).strip() == ""
