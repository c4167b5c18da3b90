"""Staff read portfolio artifacts and files in the admin; writes go through the product."""

import pytest

from tests.factories import AdversarialCaseFactory, BenchmarkItemFactory, WorkSampleFactory
from tests.portfolio.upload_examples import stored_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def artifacts(alice):
    stored = stored_file(alice, "notes.md")
    sample = WorkSampleFactory(owner=alice, url="", file=stored)
    plan = AdversarialCaseFactory(plan__owner=alice).plan
    benchmark = BenchmarkItemFactory(
        benchmark__owner=alice, benchmark__title="Lease cases"
    ).benchmark
    return {
        "storedfile": stored,
        "worksample": sample,
        "adversarialtestplan": plan,
        "benchmark": benchmark,
    }


@pytest.mark.parametrize("model", ["storedfile", "worksample", "adversarialtestplan", "benchmark"])
def test_admin_lists_and_shows_portfolio_models_read_only(client, staff, artifacts, model):
    client.force_login(staff)
    listing = client.get(f"/admin/portfolio/{model}/")
    assert listing.status_code == 200
    assert str(artifacts[model]) in listing.content.decode()
    page = client.get(f"/admin/portfolio/{model}/{artifacts[model].pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.get(f"/admin/portfolio/{model}/add/").status_code == 403
    assert client.post(f"/admin/portfolio/{model}/{artifacts[model].pk}/delete/").status_code == 403


def test_admin_stored_file_links_to_the_download(client, staff, artifacts):
    client.force_login(staff)
    html = client.get("/admin/portfolio/storedfile/").content.decode()
    assert f'href="/files/{artifacts["storedfile"].pk}/"' in html


def test_admin_is_closed_to_experts(client, alice, artifacts):
    client.force_login(alice)
    response = client.get("/admin/portfolio/storedfile/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_benchmark_shows_its_items_and_their_count(client, staff, artifacts):
    client.force_login(staff)
    listing = client.get("/admin/portfolio/benchmark/").content.decode()
    assert '<td class="field-item_count">1</td>' in listing
    benchmark = artifacts["benchmark"]
    page = client.get(f"/admin/portfolio/benchmark/{benchmark.pk}/change/").content.decode()
    assert benchmark.items.get().prompt in page
