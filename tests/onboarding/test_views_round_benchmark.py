"""A frozen benchmark's items, a page at a time: the round page shows the first few, and
/review/rounds/<id>/benchmarks/<artifact>/ (or /submit/… for the expert) lists them all."""

import pytest

from onboarding.confirmations import CONFIRMATIONS
from onboarding.queries.frozen import FROZEN_ITEMS_PAGE_SIZE, ITEMS_ON_ROUND_PAGE
from onboarding.services.submissions import submission_submit
from portfolio.models import Benchmark
from tests.factories import BenchmarkItemFactory
from tests.onboarding.review_setup import ready_portfolio, review_form

pytestmark = pytest.mark.django_db
ITEMS = 130


@pytest.fixture
def round_with_a_long_benchmark(alice, staff):
    review_form(staff)
    objects = ready_portfolio(alice)
    benchmark = objects["benchmark"]
    for position in range(2, ITEMS):
        BenchmarkItemFactory(benchmark=benchmark, position=position, prompt=f"Prompt {position}")
    return submission_submit(actor=alice, confirmed=CONFIRMATIONS), benchmark


def test_round_page_shows_the_first_items_and_links_to_all(
    client, rita, round_with_a_long_benchmark
):
    round, benchmark = round_with_a_long_benchmark
    client.force_login(rita)
    html = client.get(f"/review/rounds/{round.pk}/").content.decode()
    assert f"{ITEMS} items, the first {ITEMS_ON_ROUND_PAGE} shown" in html
    assert f"Prompt {ITEMS_ON_ROUND_PAGE - 1}<" in html
    assert f"Prompt {ITEMS_ON_ROUND_PAGE}<" not in html
    assert f'href="benchmarks/{benchmark.pk}/"' in html


@pytest.mark.parametrize("who", ["reviewer", "owner"])
def test_frozen_items_page_by_page_as_submitted(
    client, alice, rita, round_with_a_long_benchmark, who, django_assert_max_num_queries
):
    round, benchmark = round_with_a_long_benchmark
    prefix = "/review" if who == "reviewer" else "/submit"
    client.force_login(rita if who == "reviewer" else alice)
    # Later edits do not change what the round holds.
    Benchmark.objects.filter(pk=benchmark.pk).update(title="Renamed since")
    url = f"{prefix}/rounds/{round.pk}/benchmarks/{benchmark.pk}/"
    with django_assert_max_num_queries(4 if who == "reviewer" else 6):
        html = client.get(url + "?page=2").content.decode()
    assert "Lease pilot" in html and "Renamed since" not in html
    first, last = FROZEN_ITEMS_PAGE_SIZE, 2 * FROZEN_ITEMS_PAGE_SIZE - 1
    assert f"Items {first + 1}–{last + 1} of {ITEMS}" in html
    assert f"Prompt {first}<" in html and f"Prompt {last}<" in html
    assert f"Prompt {last + 1}<" not in html
    # A page past the end shows the last one.
    assert f"Prompt {ITEMS - 1}<" in client.get(url + "?page=99").content.decode()


def test_frozen_items_page_unknown_benchmark_or_other_people(
    client, bob, rita, alice, round_with_a_long_benchmark
):
    round, benchmark = round_with_a_long_benchmark
    client.force_login(rita)
    assert (
        client.get(f"/review/rounds/{round.pk}/benchmarks/{benchmark.pk + 99}/").status_code == 404
    )
    client.force_login(bob)
    assert client.get(f"/review/rounds/{round.pk}/benchmarks/{benchmark.pk}/").status_code == 404
    assert client.get(f"/submit/rounds/{round.pk}/benchmarks/{benchmark.pk}/").status_code == 404
    client.logout()
    response = client.get(f"/submit/rounds/{round.pk}/benchmarks/{benchmark.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(alice)
    assert client.post(f"/submit/rounds/{round.pk}/benchmarks/{benchmark.pk}/").status_code == 405


def test_frozen_items_page_cuts_a_long_title_in_its_breadcrumb_as_other_pages_do(
    client, alice, staff
):
    """The heading below has it whole; the trail stays short on a phone."""
    review_form(staff)
    objects = ready_portfolio(alice)
    title = "Clinical reasoning under uncertainty " * 4
    Benchmark.objects.filter(pk=objects["benchmark"].pk).update(title=title.strip())
    round = submission_submit(actor=alice, confirmed=CONFIRMATIONS)
    client.force_login(alice)
    html = client.get(f"/submit/rounds/{round.pk}/benchmarks/{objects['benchmark'].pk}/")
    html = html.content.decode()
    crumb = html.split('aria-current="page">')[1].split("<")[0]
    assert len(crumb) == 60 and crumb.endswith("…")
    assert f">{title.strip()}</h1>" in html
