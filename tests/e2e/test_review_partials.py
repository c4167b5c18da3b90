"""The reviewer's building blocks in a real browser: the diff and the file previews pass
axe-core with our styles, and their scrolling regions are reachable by keyboard."""

import json

from django.template.loader import render_to_string
from django.templatetags.static import static
from playwright.sync_api import expect

from onboarding.diff.snapshots import diff_snapshots
from portfolio.previews import file_preview
from tests.e2e.conftest import assert_accessible
from tests.factories import UserFactory
from tests.onboarding.test_diff import LONG_DESCRIPTION, OTHER_SHA, snapshot
from tests.portfolio.upload_examples import PDF, PNG_1X1, stored_file


def show(page, body: str) -> None:
    """Our partials in a page with our stylesheets, served from the live server."""
    page.goto("/")
    page.set_content(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Round 2</title>'
        f'<link rel="stylesheet" href="{static("vendor/bootstrap/css/bootstrap.min.css")}">'
        f'<link rel="stylesheet" href="{static("css/app.css")}"></head>'
        f'<body><main class="container py-4"><h1>Round 2</h1>{body}</main></body></html>',
        wait_until="load",
    )


def test_snapshot_diff_is_accessible(page):
    old, new = snapshot(), snapshot()
    new["profile"]["availability"]["hours_per_week"] = 20
    new["profile"]["domains"].append("insurance")
    new["profile"]["tools"].reverse()
    new["artifacts"]["rubrics"].append({"id": 9, "title": "Writing clarity"})
    new["artifacts"]["rubrics"][0]["content"]["rubric"]["disallow"] = []
    del new["artifacts"]["test_plans"][0]
    new["artifacts"]["work_samples"][0]["file"]["sha256"] = OTHER_SHA
    new["artifacts"]["work_samples"][0]["description"] = LONG_DESCRIPTION.replace(
        "second auditor", "senior partner"
    )

    diff = diff_snapshots(old, new)
    show(page, render_to_string("onboarding/_snapshot_diff.html", {"diff": diff}))

    expect(page.get_by_role("heading", name="Changes since the previous round")).to_be_visible()
    expect(page.locator("del", has_text="second auditor")).to_have_css(
        "text-decoration-line", "line-through"
    )
    page.get_by_role("link", name="Work samples").click()
    expect(page.locator("#snapshot-diff-work_samples")).to_be_focused()
    assert_accessible(page)


def test_file_previews_are_accessible(page):
    dana = UserFactory(email="dana@example.com")
    notebook = {
        "cells": [
            {"cell_type": "markdown", "source": "# Pilot"},
            {"cell_type": "code", "execution_count": 1, "source": "print(1)"},
        ],
        "nbformat": 4,
    }
    files = [
        ("notes.md", ("# Findings\n\n" + "A long line of findings. " * 400).encode()),
        ("items.csv", b"prompt,answer\n" + b"What is 2+2?,4\n" * 30),
        ("items.json", json.dumps({"items": list(range(5))}).encode()),
        ("analysis.ipynb", json.dumps(notebook).encode()),
        ("chart.png", PNG_1X1),
        ("report.pdf", PDF),
    ]
    previews = [file_preview(stored_file(dana, name, content)) for name, content in files]

    show(
        page,
        "".join(
            render_to_string("portfolio/_file_preview.html", {"preview": preview, "under": 2})
            for preview in previews
        ),
    )

    expect(page.get_by_role("table")).to_have_count(1)
    expect(page.get_by_role("img", name="The uploaded image chart.png")).to_be_visible()
    expect(page.get_by_role("link", name="Download report.pdf")).to_be_visible()
    # The long Markdown scrolls inside its box, which a keyboard can reach.
    page.locator("pre").first.focus()
    expect(page.locator("pre").first).to_be_focused()
    assert_accessible(page)
