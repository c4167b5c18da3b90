"""One kind of work sample: every page counts the same rows (dashboard, portfolio, submit,
the checklist) and the public page shows only the published ones."""

import re

import pytest
from django.urls import reverse

from onboarding.checklist import counted_work_samples
from onboarding.confirmations import CONFIRMATIONS
from onboarding.services.submissions import submission_submit
from onboarding.snapshots import freeze_portfolio
from onboarding.workflow import Decision
from portfolio import services
from portfolio.outline import portfolio_outline
from portfolio.publication import publication_set
from tests.factories import make_profile
from tests.onboarding.review_setup import ready_portfolio, reviewed
from tests.portfolio.upload_examples import upload


def page(client, name) -> str:
    return client.get(reverse(name)).content.decode()


def counts_on_every_page(client, user) -> dict:
    portfolio = page(client, "portfolio")
    dashboard = page(client, "dashboard")
    submit = page(client, "submit")
    return {
        "portfolio": int(
            re.search(r"Two strong work samples</a>.*?You have (\d+)\.", portfolio, re.S)[1]
        ),
        "dashboard": int(re.search(r"(\d+) work samples? (?:count|so far)", dashboard)[1]),
        "submit": int(re.search(r"(\d+) work samples? (?:count|so far)", submit)[1]),
        "checklist": len(counted_work_samples(portfolio_outline(user))),
        "frozen": len(counted_work_samples(freeze_portfolio(user))),
    }


@pytest.mark.django_db
def test_every_page_counts_the_same_work_samples(client, alice):
    make_profile(
        alice,
        domains=["finance"],
        work_samples=[{"title": "Profile link", "type": "memo", "link": "https://example.org/p"}],
    )
    client.force_login(alice)
    assert set(counts_on_every_page(client, alice).values()) == {1}

    services.work_sample_create(
        actor=alice, title="Notes", sample_type="report", upload=upload("n.md", b"# Notes\n")
    )
    # An upload and a link added in the portfolio count on every page alike.
    services.work_sample_create(
        actor=alice, title="Memo", sample_type="memo", url="https://example.org/m"
    )
    # Importing the profile again finds its link rather than adding it twice.
    make_profile(
        alice,
        domains=["finance"],
        work_samples=[{"title": "Profile link", "type": "memo", "link": "https://example.org/p"}],
    )
    assert set(counts_on_every_page(client, alice).values()) == {3}


@pytest.mark.django_db
def test_public_page_shows_only_the_published_samples(client, alice, rita):
    parts = ready_portfolio(alice)
    make_profile(
        alice,
        domains=["finance", "statistics"],
        domain_depth={"finance": 4},
        visibility="public",
        work_samples=[{"title": "Profile link", "link": "https://example.org/p"}],
    )
    reviewed(submission_submit(actor=alice, confirmed=CONFIRMATIONS), rita, Decision.APPROVE)
    publication_set(
        actor=alice,
        shown={"work_samples": {parts["sample"].pk}},
        public={"work_samples": {parts["sample"].pk}},
        items=set(),
        expected_version=None,
    )
    html = client.get(reverse("public_profile", args=[alice.profile.slug])).content.decode()
    assert html.count('class="card mb-3 public-artifact"') == 1
    assert "Grading notes" in html and "Profile link" not in html
