"""The benchmark editor and its items import, open in two tabs: a save or import based on an
older version of the benchmark is refused and changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from common.forms import CHOOSE_AGAIN
from portfolio.models import Benchmark, BenchmarkItem
from tests.factories import BenchmarkFactory, BenchmarkItemFactory, make_profile
from tests.feedback import field_feedback
from tests.tabs import page_form, refused_as_deleted, tab

pytestmark = pytest.mark.django_db

THREE_ITEMS = (
    "prompt,reference_answer,rationale,difficulty,adversarial,source\n"
    "First new?,Yes.,Because.,easy,false,\n"
    "Second new?,No.,Because.,medium,false,\n"
    "Third new?,Maybe.,Because.,hard,true,\n"
)


@pytest.fixture
def benchmark(alice):
    make_profile(alice, domains=["finance"])
    benchmark = BenchmarkFactory(owner=alice, title="Lease edge cases", domain="finance")
    BenchmarkItemFactory(benchmark=benchmark, position=0, prompt="Existing item")
    return benchmark


def url(benchmark, action: str) -> str:
    return f"/portfolio/benchmarks/{benchmark.pk}/{action}/"


def prompts(benchmark) -> list[str]:
    return list(benchmark.items.order_by("position").values_list("prompt", flat=True))


def test_benchmark_edit_based_on_an_old_version_is_refused(alice, benchmark):
    one, two = tab(alice), tab(alice)
    opened = two.get(url(benchmark, "edit"))
    form_one = page_form(one.get(url(benchmark, "edit")))
    form_two = page_form(opened)

    saved = one.post(url(benchmark, "edit"), {**form_one, "title": "Title from tab one"})
    refused = two.post(url(benchmark, "edit"), {**form_two, "metric": "pass rate"})

    assert opened.content.decode().count('name="version"') == 1
    assert (saved.status_code, refused.status_code) == (302, 409)
    benchmark.refresh_from_db()
    assert (benchmark.title, benchmark.metric) == ("Title from tab one", "exact-match accuracy")
    assert benchmark.version == 2
    html = refused.content.decode()
    assert "This benchmark was changed in another tab or by someone else" in html
    assert 'value="pass rate"' in html  # the person's input is kept
    changes = {change.label: change.now for change in refused.context["conflict"].changes}
    assert changes == {"Title": "Title from tab one"}


def test_benchmark_edit_after_an_import_in_another_tab_keeps_the_imported_items(alice, benchmark):
    editor, importer = tab(alice), tab(alice)
    stale_editor = page_form(editor.get(url(benchmark, "edit")))
    import_form = page_form(importer.get(url(benchmark, "import")))

    imported = importer.post(url(benchmark, "import"), {**import_form, "text": THREE_ITEMS})
    refused = editor.post(url(benchmark, "edit"), {**stale_editor, "title": "Renamed"})

    assert (imported.status_code, refused.status_code) == (302, 409)
    assert prompts(benchmark) == ["Existing item", "First new?", "Second new?", "Third new?"]
    benchmark.refresh_from_db()
    assert benchmark.title == "Lease edge cases"
    changes = refused.context["conflict"].changes
    assert [(c.label, c.count, c.was_count, c.differing) for c in changes] == [("Items", 4, 1, 3)]
    assert "4 now (1 when you opened it), 3 different" in refused.content.decode()


def test_benchmark_import_based_on_an_old_version_is_refused(alice, benchmark):
    importer, editor = tab(alice), tab(alice)
    import_form = page_form(importer.get(url(benchmark, "import")))
    editor_form = page_form(editor.get(url(benchmark, "edit")))
    editor.post(url(benchmark, "edit"), {**editor_form, "title": "Renamed"})

    refused = importer.post(
        url(benchmark, "import"), {**import_form, "text": THREE_ITEMS, "mode": "replace"}
    )

    assert refused.status_code == 409
    assert prompts(benchmark) == ["Existing item"]
    html = refused.content.decode()
    assert "Your import has not been done" in html
    assert "Third new?,Maybe." in html  # the pasted text is kept
    again = importer.post(url(benchmark, "import"), page_form(refused))
    assert again.status_code == 302
    assert prompts(benchmark) == ["First new?", "Second new?", "Third new?"]


def test_benchmark_import_of_a_file_refused_as_stale_asks_for_the_file_again(alice, benchmark):
    importer, editor = tab(alice), tab(alice)
    import_form = page_form(importer.get(url(benchmark, "import")))
    editor.post(
        url(benchmark, "edit"),
        {**page_form(editor.get(url(benchmark, "edit"))), "title": "Renamed"},
    )
    chosen = SimpleUploadedFile("items.csv", THREE_ITEMS.encode(), content_type="text/csv")

    refused = importer.post(
        url(benchmark, "import"), {**import_form, "file": chosen, "mode": "replace"}
    )

    assert refused.status_code == 409
    assert field_feedback(refused.content.decode()) == [CHOOSE_AGAIN]
    assert page_form(refused)["mode"] == "replace"  # the rest is kept
    assert prompts(benchmark) == ["Existing item"]


def test_benchmark_item_edit_raises_the_version(alice, benchmark):
    one = tab(alice)
    form = page_form(one.get(url(benchmark, "edit")))

    one.post(url(benchmark, "edit"), {**form, "items-0-prompt": "Edited item"})

    benchmark.refresh_from_db()
    assert (prompts(benchmark), benchmark.version) == (["Edited item"], 2)


def test_benchmark_edit_of_a_benchmark_deleted_since_keeps_the_input_to_save_anew(alice, benchmark):
    one, two = tab(alice), tab(alice)
    form_two = page_form(two.get(url(benchmark, "edit")))
    one.post(url(benchmark, "delete"))

    refused = two.post(url(benchmark, "edit"), {**form_two, "metric": "pass rate"})

    refused_as_deleted(refused, "benchmark", "/portfolio/benchmarks/new/")
    kept = page_form(refused)
    assert (kept["metric"], kept["items-0-prompt"]) == ("pass rate", "Existing item")
    assert not alice.benchmarks.exists()

    assert two.post("/portfolio/benchmarks/new/", kept).status_code == 302
    new = alice.benchmarks.get()
    assert (new.title, new.metric, prompts(new)) == (
        "Lease edge cases",
        "pass rate",
        ["Existing item"],
    )


def test_benchmark_import_into_a_benchmark_deleted_since_keeps_the_pasted_text(alice, benchmark):
    one, two = tab(alice), tab(alice)
    form_two = page_form(two.get(url(benchmark, "import")))
    one.post(url(benchmark, "delete"))

    refused = two.post(
        url(benchmark, "import"), {**form_two, "text": THREE_ITEMS, "mode": "replace"}
    )

    assert refused.status_code == 409
    html = refused.content.decode()
    assert "Not imported: this benchmark was deleted while you had it open" in html
    assert "<title>Error: Import items" in html
    assert "Import items</button>" not in html  # nothing left to import into
    kept = page_form(refused, having="text")
    assert (kept["text"], kept["file_format"], kept["mode"]) == (THREE_ITEMS, "auto", "replace")
    assert not Benchmark.objects.exists()
    assert not BenchmarkItem.objects.exists()
    assert two.get(url(benchmark, "import")).status_code == 404


def test_benchmark_import_into_another_experts_benchmark_is_not_found(alice, bob, benchmark):
    intruder = tab(bob)

    refused = intruder.post(url(benchmark, "import"), {"text": THREE_ITEMS, "version": "1"})

    assert refused.status_code == 404
    assert "Not imported" not in refused.content.decode()
    assert prompts(benchmark) == ["Existing item"]
