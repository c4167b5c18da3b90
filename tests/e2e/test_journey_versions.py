"""Two tabs of one browser on one benchmark: items imported in the second tab are not lost
when the first tab, opened before, saves its editor; the first tab is told, keeps what was
typed, and continues from the latest version."""

from playwright.sync_api import expect

from portfolio.models import Benchmark
from tests.e2e.conftest import assert_accessible, html_errors
from tests.factories import (
    PASSWORD,
    BenchmarkFactory,
    BenchmarkItemFactory,
    UserFactory,
    make_profile,
)

THREE_ITEMS = (
    "prompt,reference_answer,difficulty,adversarial,source\n"
    "First new?,Yes.,easy,false,BCBS\n"
    "Second new?,No.,medium,false,BCBS\n"
    "Third new?,Maybe.,hard,true,BCBS\n"
)


def test_stale_benchmark_editor_is_refused_and_keeps_the_imported_items(page):
    ada = UserFactory(email="ada@example.com", name="Ada Lovelace")
    make_profile(ada, domains=["finance"])
    benchmark = BenchmarkFactory(owner=ada, title="Market risk", domain="finance")
    BenchmarkItemFactory(benchmark=benchmark, position=0, prompt="Existing item")
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill("ada@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url("/dashboard/")

    editor = page
    editor.goto(f"/portfolio/benchmarks/{benchmark.pk}/edit/")
    importer = editor.context.new_page()  # a second tab, same session
    importer.goto(f"/portfolio/benchmarks/{benchmark.pk}/import/")
    importer.get_by_label("Or paste the items").fill(THREE_ITEMS)
    importer.get_by_role("button", name="Import items").click()
    expect(importer).to_have_url(f"/portfolio/benchmarks/{benchmark.pk}/")

    editor.get_by_label("Title").fill("Renamed in the stale tab")
    editor.get_by_role("button", name="Save benchmark").click()

    alert = editor.locator("#version-conflict")
    expect(alert).to_contain_text("This benchmark was changed in another tab or by someone else")
    expect(alert).to_contain_text("4 now (1 when you opened it), 3 different")
    expect(editor.get_by_label("Title")).to_have_value("Renamed in the stale tab")
    benchmark.refresh_from_db()
    assert benchmark.title == "Market risk"
    assert benchmark.items.count() == 4
    assert_accessible(editor)
    # The refused page came from a POST, which the journey's HTML check does not keep.
    assert not html_errors({editor.url: editor.content()})

    alert.get_by_role("link", name="continue from the latest version").click()
    expect(editor.get_by_role("heading", name="Items (4)")).to_be_visible()
    editor.get_by_label("Title").fill("Renamed after all")
    editor.get_by_role("button", name="Save benchmark").click()
    expect(editor).to_have_url(f"/portfolio/benchmarks/{benchmark.pk}/")
    benchmark.refresh_from_db()
    assert (benchmark.title, benchmark.items.count(), benchmark.version) == (
        "Renamed after all",
        4,
        3,
    )
    assert Benchmark.objects.count() == 1
