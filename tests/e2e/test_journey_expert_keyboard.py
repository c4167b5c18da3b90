"""A new expert goes from signing up to a submitted portfolio with the keyboard alone: signs
up, builds a profile in the editor, imports the seed profile, uploads two work samples,
imports the seed rubric, writes a benchmark with items and submits. Every page passes axe."""

import re
from pathlib import Path

from playwright.sync_api import expect

from onboarding.models import Round
from onboarding.workflow import State
from portfolio.documents import profile_document_for
from portfolio.models import Benchmark, WorkSample
from profiles.models import User
from profiles.schema import SEED_DOCUMENT_PATH, seed_document
from rubrics.models import Rubric
from tests.e2e.conftest import assert_accessible
from tests.e2e.keyboard import activate, choose, pick_file, skip_to_main, tab_to, type_into
from tests.portfolio.upload_examples import PDF

ROOT = Path(__file__).resolve().parents[2]
SEED_RUBRIC = ROOT / "rubrics" / "examples" / "reasoning-rubric.seed.yaml"
NOTES = b"# Grading notes\n\nThe model refused 9 of 10 jailbreak attempts.\n"


def nav_link(page, name: str):
    return page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name=name, exact=True
    )


def heading(page):
    return page.get_by_role("heading", level=1)


def upload_work_sample(page, title: str, kind: str, file: dict) -> None:
    activate(page, nav_link(page, "Portfolio"))
    expect(page).to_have_url("/portfolio/")
    skip_to_main(page)
    activate(page, page.get_by_role("link", name="Add a work sample"))
    expect(page).to_have_url("/portfolio/samples/new/")
    assert_accessible(page)
    skip_to_main(page)
    type_into(page, page.get_by_label("Title"), title)
    choose(page, page.get_by_label("Type"), kind)
    type_into(page, page.get_by_label("Description"), f"{title}: what I did and found.")
    expect(page.get_by_label("An uploaded file")).to_be_checked()
    pick_file(page, page.get_by_label("File", exact=True), files=[file])
    activate(page, page.get_by_role("button", name="Save work sample"))
    expect(heading(page)).to_have_text(title)
    expect(page.get_by_role("link", name=f"Download {file['name']}")).to_be_visible()
    assert_accessible(page)


def test_expert_reaches_a_submitted_portfolio_with_the_keyboard_alone(page):
    page.goto("/")
    assert_accessible(page)

    # Sign up.
    activate(page, nav_link(page, "Sign up"))
    expect(page).to_have_url("/accounts/signup/")
    assert_accessible(page)
    skip_to_main(page)
    type_into(page, page.get_by_label("Full name"), "Kim Keyboard")
    type_into(page, page.get_by_label("Email address"), "kim@example.com")
    type_into(page, page.locator("#id_password1"), "tab-enter-space-2026")
    type_into(page, page.locator("#id_password2"), "tab-enter-space-2026")
    page.keyboard.press("Enter")
    expect(page).to_have_url("/dashboard/")
    expect(heading(page)).to_have_text("Welcome, Kim")
    assert_accessible(page)
    kim = User.objects.get(email="kim@example.com")

    # Build a first profile in the editor.
    activate(page, nav_link(page, "Profile"))
    expect(page).to_have_url("/profile/")
    assert_accessible(page)
    skip_to_main(page)
    activate(page, page.get_by_role("link", name="Build your profile"))
    expect(page).to_have_url("/profile/edit/")
    assert_accessible(page)
    skip_to_main(page)
    type_into(page, page.get_by_label("Headline"), "Actuary who checks model reasoning")
    domains = page.locator("#section-domains .editor-rows > fieldset")
    type_into(page, domains.nth(0).get_by_label("Name"), "insurance")
    choose(page, domains.nth(0).get_by_label("Depth"), "4: expert")
    activate(page, page.get_by_role("button", name="Save profile").last)
    expect(page).to_have_url("/profile/")
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    assert_accessible(page)
    assert profile_document_for(kim)["domain_depth"] == {"insurance": 4}

    # Replace it with the seed document.
    skip_to_main(page)
    activate(page, page.get_by_role("link", name="Import JSON"))
    expect(page).to_have_url("/profile/import/")
    assert_accessible(page)
    skip_to_main(page)
    pick_file(page, page.get_by_label("JSON file"), files=str(SEED_DOCUMENT_PATH))
    activate(page, page.get_by_role("button", name="Import and replace my profile"))
    expect(page).to_have_url("/profile/")
    expect(page.get_by_role("img", name="Generalist skill profile")).to_be_visible()
    assert_accessible(page)
    assert profile_document_for(kim) == seed_document()

    # Two uploaded work samples.
    upload_work_sample(
        page,
        "Claims-triage reasoning report",
        "Report",
        {"name": "claims-report.pdf", "mimeType": "application/pdf", "buffer": PDF},
    )
    upload_work_sample(
        page,
        "Jailbreak grading notes",
        "Technical memo",
        {"name": "grading-notes.md", "mimeType": "text/markdown", "buffer": NOTES},
    )
    # Beside the link the imported profile brought (the same kind of work sample).
    assert sorted(
        WorkSample.objects.filter(owner=kim, file__isnull=False).values_list(
            "file__original_name", flat=True
        )
    ) == [
        "claims-report.pdf",
        "grading-notes.md",
    ]

    # Import the seed rubric.
    activate(page, nav_link(page, "Portfolio"))
    expect(page).to_have_url("/portfolio/")
    skip_to_main(page)
    activate(page, page.get_by_role("link", name="Import YAML"))
    expect(page).to_have_url("/rubrics/import/")
    assert_accessible(page)
    skip_to_main(page)
    pick_file(page, page.get_by_label("YAML file"), files=str(SEED_RUBRIC))
    activate(page, page.get_by_role("button", name="Import rubric"))
    expect(heading(page)).to_have_text("Assess step-by-step reasoning clarity and correctness")
    assert_accessible(page)
    assert Rubric.objects.filter(owner=kim).count() == 1

    # A benchmark with two items.
    activate(page, nav_link(page, "Portfolio"))
    expect(page).to_have_url("/portfolio/")
    assert_accessible(page)
    skip_to_main(page)
    activate(page, page.get_by_role("link", name="Add a benchmark"))
    expect(page).to_have_url("/portfolio/benchmarks/new/")
    assert_accessible(page)
    skip_to_main(page)
    type_into(page, page.get_by_label("Title"), "Reserve adequacy checks")
    choose(page, page.get_by_label("Domain"), "finance")
    type_into(page, page.get_by_label("Metric"), "Share of items answered correctly")
    type_into(page, page.get_by_label("Target"), "At least 80%")
    type_into(
        page, page.locator("#id_items-0-prompt"), "Is a reserve of 70% of expected claims adequate?"
    )
    type_into(
        page, page.locator("#id_items-0-reference_answer"), "No: it is below expected claims."
    )
    activate(page, page.get_by_role("button", name="Add item"))
    expect(page.locator("#id_items-1-prompt")).to_be_focused()
    assert_accessible(page)
    page.keyboard.type("A claim is reported after the period closes: which period's reserve?")
    type_into(page, page.locator("#id_items-1-reference_answer"), "The period it was incurred in.")
    choose(page, page.locator("#id_items-1-difficulty"), "Hard")
    tab_to(page, page.locator("#id_items-1-adversarial"))
    page.keyboard.press("Space")
    expect(page.locator("#id_items-1-adversarial")).to_be_checked()
    activate(page, page.get_by_role("button", name="Save benchmark", exact=True))
    expect(heading(page)).to_have_text("Reserve adequacy checks")
    assert_accessible(page)
    benchmark = Benchmark.objects.get(owner=kim)
    assert [(i.difficulty, i.adversarial) for i in benchmark.items.all()] == [
        ("medium", False),
        ("hard", True),
    ]

    # Submit.
    activate(page, nav_link(page, "Submit"))
    expect(page).to_have_url("/submit/")
    expect(page.get_by_text("Ready:")).to_have_count(5)
    assert_accessible(page)
    skip_to_main(page)
    for statement in ("my own", "no confidential", "not published"):
        activate(page, page.get_by_role("checkbox", name=re.compile(statement)), key="Space")
    activate(page, page.get_by_role("button", name="Submit round 1 for review"))
    expect(page.get_by_text("Round 1 is submitted.")).to_be_visible()
    assert_accessible(page)

    round = Round.objects.get(submission__owner=kim)
    assert (round.number, round.state) == (1, State.SUBMITTED)
    artifacts = round.snapshot["artifacts"]
    assert round.snapshot["profile"] == seed_document()
    # The seed profile's link is one of the work samples, with the two uploads.
    assert [len(artifacts[key]) for key in ("rubrics", "benchmarks", "work_samples")] == [1, 1, 3]
    assert round.files.count() == 2

    activate(page, nav_link(page, "Dashboard"))
    expect(page.get_by_label("5 of 6 steps done")).to_be_visible()  # the seed has no bio
    assert_accessible(page)
