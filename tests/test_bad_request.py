import pytest
from django.urls import reverse

from portfolio.models import Benchmark
from tests.factories import BenchmarkFactory

pytestmark = pytest.mark.django_db


def test_a_form_too_large_to_read_gets_a_page_that_says_so(client, alice, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    benchmark = BenchmarkFactory(owner=alice, title="Big")
    client.force_login(alice)
    response = client.post(
        reverse("benchmark_edit", args=[benchmark.pk]), {"title": "Bigger", "notes": "x" * 1100000}
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert "larger than the 1.0 MB the site reads from one form, so nothing was saved" in html
    assert "export them as CSV or JSONL" in html
    assert Benchmark.objects.get(pk=benchmark.pk).title == "Big"


def test_any_other_bad_request_keeps_the_plain_page(client):
    response = client.get("/", HTTP_HOST="elsewhere.invalid")
    assert response.status_code == 400
    assert "The request could not be understood" in response.content.decode()
