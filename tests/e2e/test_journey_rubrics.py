"""An expert builds a rubric in the builder (adding and reordering), imports the seed rubric
from a file and exports it again; every page passes the accessibility check."""

from pathlib import Path

import yaml
from playwright.sync_api import expect

from rubrics import queries
from rubrics.models import Rubric
from tests.e2e.conftest import assert_accessible, log_in
from tests.factories import UserFactory

SEED = Path(__file__).resolve().parents[2] / "rubrics" / "examples" / "reasoning-rubric.seed.yaml"


def test_build_import_and_export_rubrics(page):
    UserFactory(email="ada@example.com", name="Ada Lovelace")
    log_in(page, "ada@example.com")

    page.goto("/rubrics/")
    assert_accessible(page)
    page.get_by_role("link", name="New rubric").click()
    expect(page).to_have_url("/rubrics/new/")
    assert_accessible(page)

    page.get_by_label("Title (optional)").fill("Proof checking")
    page.get_by_label("Objective").fill("Assess whether a proof is complete and correct")
    page.get_by_label("Score of level 1").fill("5")
    page.get_by_label("Criterion 1 of level 1").fill("Every step follows")
    page.get_by_role("button", name="Add criterion to level 1").click()
    # The page comes back with the new field focused and everything typed kept.
    expect(page.get_by_label("Criterion 2 of level 1")).to_be_focused()
    expect(page.get_by_label("Criterion 1 of level 1")).to_have_value("Every step follows")
    expect(page.get_by_label("Title (optional)")).to_have_value("Proof checking")
    page.keyboard.type("Edge cases are named")

    page.get_by_label("Score of level 2").fill("1")
    page.get_by_label("Criterion 1 of level 2").fill("A step is missing")
    page.get_by_role("button", name="Add level").click()
    expect(page.get_by_label("Score of level 3")).to_be_focused()
    page.keyboard.type("3")
    page.get_by_label("Criterion 1 of level 3").fill("Minor gaps")
    page.get_by_role("button", name="Move up level 3").click()
    expect(page.get_by_label("Score of level 2")).to_have_value("3")
    expect(page.get_by_label("Criterion 1 of level 2")).to_have_value("Minor gaps")
    expect(page.get_by_label("Score of level 3")).to_have_value("1")
    expect(page.get_by_role("button", name="Move up level 2")).to_be_focused()

    page.get_by_role("button", name="Add disallowed behaviour").click()
    # The new field takes the focus once the page has settled: typing elsewhere before that
    # would land in it.
    expect(page.get_by_label("Disallowed behaviour 1")).to_be_focused()
    page.get_by_label("Disallowed behaviour 1").fill("Appeals to authority")
    page.get_by_label("Lowest passing score (optional)").fill("4")
    page.get_by_role("button", name="Save rubric", exact=True).last.click()

    # A broken rule: nothing saved, the summary has the focus and links to the field.
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("The passing score must be one of the levels' scores")
    assert_accessible(page)
    assert not Rubric.objects.exists()
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Lowest passing score (optional)")).to_be_focused()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("3")
    page.keyboard.press("Enter")  # Enter saves, as in any form

    expect(page.get_by_role("heading", level=1)).to_have_text("Proof checking")
    expect(page.get_by_text("Rubric saved.")).to_be_visible()
    assert_accessible(page)
    rows = page.locator("table.rubric-scale tbody th")
    expect(rows).to_have_text(["5", "3", "1"])
    rubric = queries.with_scale(Rubric.objects.all()).get()
    content = queries.rubric_content(rubric)
    assert content.scores == (5, 3, 1) and content.pass_score == 3
    assert content.levels[0].criteria == ("Every step follows", "Edge cases are named")
    assert content.disallowed == ("Appeals to authority",)

    # Import the seed rubric from a file.
    page.get_by_role("link", name="Rubrics").first.click()
    page.get_by_role("link", name="Import YAML").click()
    expect(page).to_have_url("/rubrics/import/")
    assert_accessible(page)
    page.get_by_label("YAML file").set_input_files(str(SEED))
    page.get_by_role("button", name="Import rubric").click()
    heading = "Assess step-by-step reasoning clarity and correctness"
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator(".quality-checklist")).to_contain_text("2 of 4 quality checks met")
    assert_accessible(page)

    # Export it back: the same data as the seed.
    with page.expect_download() as download:
        page.get_by_role("link", name="Export YAML").click()
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    assert yaml.safe_load(exported) == yaml.safe_load(SEED.read_text(encoding="utf-8"))

    # Delete asks first.
    page.get_by_role("link", name="Delete").click()
    expect(page.get_by_role("button", name="Delete rubric")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Delete rubric").click()
    expect(page).to_have_url("/rubrics/")
    assert Rubric.objects.count() == 1
