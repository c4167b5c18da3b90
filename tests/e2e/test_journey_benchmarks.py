"""An expert builds a domain benchmark item by item, imports more items from CSV (one bad row,
then fixed), and exports them as JSON Lines; every page passes the accessibility check."""

import json
from pathlib import Path

from playwright.sync_api import expect

from portfolio.models import Benchmark
from tests.e2e.conftest import assert_accessible, log_in
from tests.factories import UserFactory, make_profile

MORE_ITEMS = [
    ("Scale a one-day 99% VaR of $1M to ten days.", "About $3.16M.", "easy", "false"),
    ("A loan has PD 2%, LGD 45%, EAD $10M. Expected loss?", "$90,000.", "easy", "false"),
    (
        "Two assets, 20% volatility each, correlation 0.5: volatility of 50/50?",
        "17.3%.",
        "medium",
        "no",
    ),
    ("Nine VaR exceptions in 250 days at 99%: fine?", "No: the yellow zone.", "medium", "yes"),
    ("Is VaR always subadditive?", "No; expected shortfall is.", "hard", "yes"),
    ("Modified duration 6, yields +50 bp: price change?", "About −3%.", "easy", "0"),
    ("What is a hypothetical stress scenario?", "Designed shocks not yet seen.", "easy", "0"),
    ("Sharpe of 9% return, 12% volatility, 3% risk-free?", "0.5", "easy", "0"),
]


def items_csv(rows) -> str:
    lines = ["prompt,reference_answer,difficulty,adversarial,source"]
    lines += [
        f'"{prompt}","{answer}",{difficulty},{adversarial},BCBS'
        for prompt, answer, difficulty, adversarial in rows
    ]
    return "\n".join(lines) + "\n"


def test_benchmark_journey(page):
    user = UserFactory(email="quinn@example.com", name="Quinn Quant")
    make_profile(user, domains=["finance", "statistics"])
    log_in(page, "quinn@example.com")

    page.get_by_role("link", name="Portfolio").click()
    expect(page.get_by_role("heading", name="What onboarding asks for")).to_be_visible()
    page.get_by_role("link", name="Add a benchmark").click()
    expect(page).to_have_url("/portfolio/benchmarks/new/")
    assert_accessible(page)

    # The benchmark and its first item; adding a second keeps everything typed.
    page.get_by_label("Title").fill("Market-risk reasoning")
    page.get_by_label("Domain").select_option("finance")
    page.get_by_label("Metric").fill("Share of items answered correctly")
    page.get_by_label("Target").fill("At least 85%")
    page.locator("#id_items-0-prompt").fill("What does a one-day 99% VaR of $2M say?")
    page.locator("#id_items-0-reference_answer").fill("Losses above $2M on about 1 day in 100.")
    page.locator("#id_items-0-difficulty").select_option("easy")
    page.locator("#id_items-0-source").fill("BCBS d457")
    page.get_by_role("button", name="Add item").click()

    expect(page.locator("#id_items-1-prompt")).to_be_focused()
    expect(page.locator("#id_items-0-prompt")).to_have_value(
        "What does a one-day 99% VaR of $2M say?"
    )
    expect(page.locator("#id_items-0-difficulty")).to_have_value("easy")
    expect(page.get_by_label("Target")).to_have_value("At least 85%")
    assert_accessible(page)
    page.keyboard.type("Correlations are below 1, so the book's VaR is below the sum?")
    page.locator("#id_items-1-reference_answer").fill("Not necessarily: VaR is not subadditive.")
    page.locator("#id_items-1-difficulty").select_option("hard")
    page.locator("#id_items-1-adversarial").check()
    page.locator("#id_items-1-source").fill("Artzner et al. 1999")
    page.get_by_role("button", name="Save benchmark", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Market-risk reasoning")
    expect(page.get_by_role("heading", name="Quality checklist")).to_be_visible()
    expect(page.locator(".quality-checklist")).to_contain_text("4 of 5 quality checks met")
    assert_accessible(page)
    benchmark = Benchmark.objects.get()
    assert [(i.difficulty, i.adversarial) for i in benchmark.items.all()] == [
        ("easy", False),
        ("hard", True),
    ]

    # Import eight more from CSV: one bad row first, nothing imported; then fixed.
    page.get_by_role("link", name="Import items").click()
    expect(page.get_by_label("Or paste the items")).to_be_visible()
    assert_accessible(page)
    bad = list(MORE_ITEMS)
    bad[2] = (bad[2][0], bad[2][1], "tricky", bad[2][3])
    page.get_by_label("Or paste the items").fill(items_csv(bad))
    page.get_by_role("button", name="Import items").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Nothing was imported: 1 problem")
    expect(page.get_by_role("row", name="Row 4")).to_contain_text("“tricky” is not a difficulty")
    assert_accessible(page)
    assert benchmark.items.count() == 2

    textarea = page.get_by_label("Or paste the items")
    textarea.fill(textarea.input_value().replace(",tricky,", ",medium,"))
    page.get_by_role("button", name="Import items").click()
    expect(page.get_by_text("Imported 8 items.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pilot")
    expect(page.locator(".quality-checklist")).to_contain_text("5 of 5 quality checks met")
    assert_accessible(page)
    assert benchmark.items.count() == 10

    # Export JSON Lines: ten items, in order, as stored.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export JSON Lines").click()
    download = download_info.value
    assert download.suggested_filename == f"market-risk-reasoning-{benchmark.pk}-items.jsonl"
    lines = [json.loads(line) for line in Path(download.path()).read_text().splitlines()]
    assert len(lines) == 10
    assert lines[1]["adversarial"] is True
    assert lines[-1]["prompt"] == MORE_ITEMS[-1][0]

    page.get_by_role("link", name="My portfolio").click()
    row = page.get_by_role("row", name="Market-risk reasoning")
    expect(row).to_contain_text("Pilot")
    expect(row).to_contain_text("5 of 5 met")
    assert_accessible(page)
