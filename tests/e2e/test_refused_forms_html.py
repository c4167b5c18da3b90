"""Pages stay valid HTML with what people typed in them: a refused form shows a value that an
input's type does not allow ("abc" in a number) in a text input (common.inputs), and headings
in Markdown sit below the heading around them."""

from django.urls import reverse

from tests.e2e.conftest import html_errors
from tests.factories import (
    AdversarialTestPlanFactory,
    BenchmarkFactory,
    WorkSampleFactory,
    make_profile,
)
from tests.profiles.editor import editor_data


def _typed_input(html: str, name: str) -> str:
    start = html.index(f'name="{name}"')
    return html[html.rindex("<input", 0, start) : html.index(">", start) + 1]


def test_refused_forms_keep_typed_values_in_valid_html(client, alice):
    make_profile(alice, domains=["finance", "law"])
    client.force_login(alice)
    pages = {
        "profile editor": client.post(
            reverse("profile_edit"),
            editor_data(version=1, headline="Evaluator", hours_per_week="abc"),
        ),
        "plan": client.post(
            reverse("deepening_plan"), {"domain": "law", "target_date": "next spring"}
        ),
        "work sample": client.post(
            reverse("work_sample_create"), {"title": "Memo", "url": "not a link"}
        ),
        # A refused row editor lists its errors above the form, linked to their fields.
        "benchmark": client.post(
            reverse("benchmark_create"),
            {
                **{"title": "Pilot", "domain": "law", "metric": "", "target": "90%"},
                **{"version": "1", "items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "0"},
                **{"items-0-prompt": "Q", "items-0-difficulty": "easy"},
            },
        ),
        "test plan": client.post(
            reverse("test_plan_create"),
            {
                **{"title": "Plan", "scope": "", "threat_model": "Anyone", "version": "1"},
                **{"cases-TOTAL_FORMS": "1", "cases-INITIAL_FORMS": "0"},
                **{"cases-0-attack": "A", "cases-0-severity": "high"},
            },
        ),
        # HTML cannot hold a NUL character: every form shows the rest of what was typed.
        "a NUL character": client.post(
            reverse("work_sample_create"),
            {"title": "Me\x00mo", "description": "Line\x00", "url": "https://example.org/m"},
        ),
    }
    # The income calculator's second scenario has a bound field of its own: the same there.
    pages["calculator"] = client.get(
        reverse("income_calculator"),
        {"rate": "40", "hours": "10", "weeks": "46", "rate2": "5\x000"},
    )
    client.logout()
    pages["login"] = client.post(
        reverse("login"), {"username": "not an address", "password": "wrong"}
    )
    html = {name: response.content.decode() for name, response in pages.items()}
    assert {name: response.status_code for name, response in pages.items()} == dict.fromkeys(
        pages, 200
    )
    assert 'type="text"' in _typed_input(html["profile editor"], "hours_per_week")
    assert 'value="abc"' in _typed_input(html["profile editor"], "hours_per_week")
    assert 'value="next spring"' in _typed_input(html["plan"], "target_date")
    assert 'value="not a link"' in _typed_input(html["work sample"], "url")
    assert 'value="Memo"' in _typed_input(html["a NUL character"], "title")
    assert "\x00" not in html["a NUL character"]
    assert "\x00" not in html["calculator"] and 'value="50"' in _typed_input(
        html["calculator"], "rate2"
    )
    assert "Item 1, reference answer: This field is required." in html["benchmark"]
    assert "Case 1, expected safe behaviour: This field is required." in html["test plan"]
    assert html_errors(html) == []


def test_headings_in_markdown_sit_below_the_heading_around_them(client, alice):
    text = "# What it shows\n\nA memo.\n\n## Method\n\nSampled."
    sample = WorkSampleFactory(owner=alice, description=text)
    benchmark = BenchmarkFactory(owner=alice, description=text)
    plan = AdversarialTestPlanFactory(owner=alice, scope=text, threat_model=text)
    client.force_login(alice)
    pages = {
        name: client.get(reverse(view, args=[pk])).content.decode()
        for name, view, pk in (
            ("work sample", "work_sample_detail", sample.pk),
            ("benchmark", "benchmark_detail", benchmark.pk),
            ("test plan", "test_plan_detail", plan.pk),
        )
    }
    assert "<h2>What it shows</h2>" in pages["work sample"]  # right below the page's <h1>
    assert "<h3>What it shows</h3>" in pages["test plan"]  # below the section's <h2>
    assert html_errors(pages) == []
