"""/portfolio/public/: a checkbox per artifact; works without JavaScript."""

import html as html_lib
import re

import pytest
from django.urls import reverse

from portfolio.models import Benchmark, PublicationChoices, WorkSample
from rubrics.models import Rubric
from tests.factories import BenchmarkFactory, RubricFactory, WorkSampleFactory

pytestmark = pytest.mark.django_db
URL = reverse("public_page_settings")


def _based_on(page: str) -> dict:
    """The form's hidden version and note, as the browser sends them back."""
    found = re.findall(r'<input type="hidden" name="(version|based_on)" value="([^"]*)"', page)
    return {name: html_lib.unescape(value) for name, value in found}


def test_public_page_settings_lists_every_artifact_unticked(client, alice, bob):
    RubricFactory(owner=alice, title="My rubric")
    BenchmarkFactory(owner=alice, title="My benchmark")
    WorkSampleFactory(owner=bob, title="Bob's sample")
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert "Show “My rubric”" in html and "Show “My benchmark”" in html
    assert "Publish its items too" in html
    # Each benchmark's second box names it too, for whoever moves from box to box.
    assert 'Publish its items too<span class="visually-hidden"> (“My benchmark”)</span>' in html
    assert "tick “Publish its items too”" in html
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
    client.post(URL, _based_on(client.get(URL).content.decode()))
    assert not WorkSample.objects.filter(public=True).exists()
    assert other.pk  # never touched beyond its own choice


def test_public_page_settings_from_an_older_page_are_refused_and_kept(client, alice):
    rubric, sample = RubricFactory(owner=alice), WorkSampleFactory(owner=alice)
    benchmark = BenchmarkFactory(owner=alice)
    client.force_login(alice)
    tab_a = _based_on(client.get(URL).content.decode())
    tab_b = _based_on(client.get(URL).content.decode())
    assert tab_a["version"] == "0"
    client.post(URL, {**tab_a, "rubrics": [rubric.pk], "work_samples": [sample.pk]})

    response = client.post(
        URL, {**tab_b, "benchmarks": [benchmark.pk], "benchmark_items": [benchmark.pk]}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert (
        "Not saved: this choice of what your public page shows changed while you had it open"
        in page
    )
    assert "Your changes are below and have not been saved." in page
    words = " ".join(page.split())
    assert "<strong>Reasoning rubrics</strong>: 1 now (1 when you opened it), 1 different" in words
    assert "<strong>Domain benchmarks</strong>" not in words  # unchanged
    # Their ticks stay as they sent them: the benchmark and its items, not the others' choices.
    assert f'id="public-benchmarks-{benchmark.pk}" checked' in page
    assert f'id="items-{benchmark.pk}" checked' in page
    assert f'id="public-rubrics-{rubric.pk}">' in page
    assert f'id="public-work_samples-{sample.pk}">' in page
    # Nothing was written: the first save stands, the benchmark's items stay private.
    assert Rubric.objects.get(pk=rubric.pk).public is True
    assert WorkSample.objects.get(pk=sample.pk).public is True
    assert Benchmark.objects.values_list("public", "publish_items").get() == (False, False)
    assert PublicationChoices.objects.get(owner=alice).version == 1

    # Saved again from the refused page, knowingly, it replaces the first save.
    client.post(URL, {**_based_on(page), "benchmarks": [benchmark.pk]})
    assert Benchmark.objects.values_list("public", "publish_items").get() == (True, False)
    assert Rubric.objects.get(pk=rubric.pk).public is False


def test_public_page_settings_refuses_someone_elses_artifact(client, alice, bob):
    bobs = WorkSampleFactory(owner=bob)
    client.force_login(alice)
    response = client.post(URL, {"work_samples": [bobs.pk]})
    assert response.status_code == 200
    assert "An artifact you ticked is no longer in your portfolio" in response.content.decode()
    assert WorkSample.objects.get(pk=bobs.pk).public is False


def test_public_page_settings_with_a_tick_for_an_artifact_deleted_since_say_so(client, alice):
    kept, deleted = WorkSampleFactory(owner=alice), WorkSampleFactory(owner=alice)
    client.force_login(alice)
    opened = _based_on(client.get(URL).content.decode())
    client.post(reverse("work_sample_delete", args=[deleted.pk]))

    response = client.post(URL, {**opened, "work_samples": [kept.pk, deleted.pk]})

    html = response.content.decode()
    assert (
        'Nothing was saved:</p><ul class="mb-0"><li>An artifact you ticked is no longer in '
        "your portfolio: it was deleted after you opened this page. Your other ticks are below; "
        "save them again.</li></ul>"
    ) in html
    assert f'value="{kept.pk}" id="public-work_samples-{kept.pk}" checked' in html
    assert f'id="public-work_samples-{deleted.pk}"' not in html
    assert WorkSample.objects.get(pk=kept.pk).public is False


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


def test_public_page_settings_lists_a_page_of_each_kind(
    client, alice, django_assert_max_num_queries
):
    samples = [WorkSampleFactory(owner=alice) for _ in range(3)]
    RubricFactory(owner=alice)
    client.force_login(alice)
    with django_assert_max_num_queries(12) as few:
        client.get(URL)
    samples += [WorkSampleFactory(owner=alice) for _ in range(30)]
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    pages = {kind: page for kind, _title, _rows, page in response.context["groups"]}
    assert (pages["work_samples"].paginator.count, pages["work_samples"].paginator.num_pages) == (
        33,
        2,
    )
    assert not pages["rubrics"].has_other_pages()
    html = response.content.decode()
    assert html.count('name="work_samples"') == 25
    assert "?work_samples_page=2#kind-work_samples" in html
    assert "Save before you turn the page" in html
    second = client.get(URL + "?work_samples_page=2")
    shown = {kind: [row.id for row, *_ in rows] for kind, _t, rows, _p in second.context["groups"]}
    assert shown["work_samples"] == [sample.pk for sample in samples[25:]]


def test_public_page_settings_saves_the_page_it_showed(client, alice):
    samples = [WorkSampleFactory(owner=alice) for _ in range(27)]
    WorkSample.objects.filter(pk=samples[0].pk).update(public=True)
    client.force_login(alice)
    page_two = URL + "?work_samples_page=2"
    sent = {**_based_on(client.get(page_two).content.decode()), "work_samples": [samples[26].pk]}
    response = client.post(page_two, sent)
    assert response.status_code == 302 and response["Location"] == page_two
    # Page 2's ticks are saved; page 1's artifacts, not on the form, keep their choice.
    public = set(WorkSample.objects.filter(public=True).values_list("pk", flat=True))
    assert public == {samples[0].pk, samples[26].pk}
