"""/portfolio/public/: a checkbox per artifact; works without JavaScript."""

import pytest
from django.urls import reverse

from portfolio.models import Benchmark, WorkSample
from tests.factories import BenchmarkFactory, RubricFactory, WorkSampleFactory

pytestmark = pytest.mark.django_db
URL = reverse("public_page_settings")


def test_public_page_settings_lists_every_artifact_unticked(client, alice, bob):
    RubricFactory(owner=alice, title="My rubric")
    BenchmarkFactory(owner=alice, title="My benchmark")
    WorkSampleFactory(owner=bob, title="Bob's sample")
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert "Show “My rubric”" in html and "Show “My benchmark”" in html
    assert "Publish its items too" in html
    assert "Bob&#x27;s sample" not in html and "Bob's sample" not in html
    assert " checked" not in html


def test_public_page_settings_saves_the_ticks(client, alice):
    sample, other = WorkSampleFactory(owner=alice), WorkSampleFactory(owner=alice)
    benchmark = BenchmarkFactory(owner=alice)
    client.force_login(alice)
    response = client.post(
        URL,
        {
            "work_samples": [sample.pk],
            "benchmarks": [benchmark.pk],
            "benchmark_items": [benchmark.pk],
        },
    )
    assert response.status_code == 302 and response["Location"] == URL
    assert list(WorkSample.objects.filter(public=True).values_list("pk", flat=True)) == [sample.pk]
    assert Benchmark.objects.values_list("public", "publish_items").get() == (True, True)
    assert f'value="{sample.pk}" id="public-work_samples-{sample.pk}" checked' in (
        client.get(URL).content.decode()
    )
    # Unticking everything makes everything private again.
    client.post(URL, {})
    assert not WorkSample.objects.filter(public=True).exists()
    assert other.pk  # never touched beyond its own choice


def test_public_page_settings_refuses_someone_elses_artifact(client, alice, bob):
    bobs = WorkSampleFactory(owner=bob)
    client.force_login(alice)
    response = client.post(URL, {"work_samples": [bobs.pk]})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert WorkSample.objects.get(pk=bobs.pk).public is False


def test_public_page_settings_anonymous_goes_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_public_page_settings_wrong_method(client, alice):
    client.force_login(alice)
    assert client.put(URL).status_code == 405


def test_public_page_settings_query_count_is_flat(client, alice, django_assert_max_num_queries):
    client.force_login(alice)
    WorkSampleFactory(owner=alice)
    with django_assert_max_num_queries(12) as few:
        client.get(URL)
    for _ in range(10):
        WorkSampleFactory(owner=alice)
        BenchmarkFactory(owner=alice)
        RubricFactory(owner=alice)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(URL)
