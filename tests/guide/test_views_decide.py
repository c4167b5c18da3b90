"""/tools/decide/: the decision matrix as a GET form, a suggestion for every answer set."""

import itertools
import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from guide.decisions import suggestion_for
from guide.matrix import HEADLINES, QUESTIONS, Answers

pytestmark = pytest.mark.django_db

URL = "/tools/decide/"
NAMES = ("orchestrate", "rigor", "early", "credentials")
PRIVATE_PAGES = ("/profile/edit/", "/rubrics/new/", "/portfolio/benchmarks/new/", "/dashboard/")


def query(*answers) -> dict:
    return {name: "yes" if answer else "no" for name, answer in zip(NAMES, answers, strict=True)}


def suggestion_html(html: str) -> str:
    return html.split('id="suggestion"', 1)[1].split("How the two paths compare")[0]


def test_decide_url_is_stable():
    assert reverse("decision_guide") == URL


def test_decide_empty_form_asks_the_four_questions(client):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "suggestion" not in response.context
    assert 'id="suggestion"' not in html and "invalid-feedback" not in html
    assert html.count("<legend") == 4
    for question in QUESTIONS:
        assert question.text in html
        name = question.question.value
        assert f'id="id_{name}_0"' in html and f'for="id_{name}_0"' in html
        assert f'id="id_{name}_1"' in html and f'for="id_{name}_1"' in html
    assert 'method="get"' in html and "csrfmiddlewaretoken" not in html


@pytest.mark.parametrize("combo", list(itertools.product((False, True), repeat=4)))
def test_decide_every_combination_renders_its_suggestion(client, combo):
    response = client.get(URL, query(*combo))
    expected = suggestion_for(Answers(*combo))
    assert response.context["suggestion"] == expected
    html = suggestion_html(response.content.decode())
    assert f'<h2 id="suggestion-title">{HEADLINES[expected.path]}</h2>' in html
    for step in expected.steps:
        assert escape(step.title) in html and escape(step.detail) in html
    for reason in expected.reasons:
        assert escape(reason.advice) in html
    for note in expected.notes:
        assert escape(note) in html
    # The answers stay selected, so a reader can change one and ask again.
    form_html = response.content.decode().split('id="suggestion"')[0]
    for name, answer in zip(NAMES, combo, strict=True):
        index = 0 if answer else 1
        assert re.search(rf'id="id_{name}_{index}" required checked', form_html)


def test_decide_generalist_path_with_concrete_next_steps(client):
    html = client.get(URL, query(True, False, True, False)).content.decode()
    assert "Lean generalist, then deepen one domain" in html
    assert "then choose one domain to deepen within 60–90 days" in html
    assert "Write a reasoning rubric, your generalist artifact" in html
    assert 'aria-labelledby="suggestion-target-title suggestion-target-desc"' in html
    assert "Where it leads: T-shaped" in html


def test_decide_conflicting_career_answers_are_explained(client):
    html = client.get(URL, query(False, False, True, True)).content.decode()
    assert "Lead with your specialty, then broaden" in html
    assert "both early in your career and mid-career with credentials" in html


def test_decide_all_no_still_gets_a_path(client):
    html = client.get(URL, query(False, False, False, False)).content.decode()
    assert "Start broad, and let one domain pull you deeper" in html
    assert "You answered no to all four questions" in html


def test_decide_steps_link_to_onboarding_pages_for_logged_in_experts(client, alice):
    client.force_login(alice)
    html = suggestion_html(client.get(URL, query(True, True, False, False)).content.decode())
    for page in PRIVATE_PAGES:
        assert f'href="{page}"' in html
    assert 'href="/tools/income/?rate=30&amp;hours=20&amp;weeks=46&amp;rate2=42' in html
    assert "Sign up to follow these steps" not in html


def test_decide_steps_for_anonymous_visitors_invite_to_sign_up(client):
    html = suggestion_html(client.get(URL, query(True, False, True, False)).content.decode())
    for page in PRIVATE_PAGES:
        assert f'href="{page}"' not in html
    # The calculator is public, so its step links for everyone.
    assert 'href="/tools/income/?rate=30&amp;hours=20&amp;weeks=46"' in html
    assert 'href="/accounts/signup/">Sign up to follow these steps</a>' in html
    # Logging in comes back to the same answers.
    assert (
        'href="/accounts/login/?next=/tools/decide/%3Forchestrate%3Dyes%26rigor%3Dno'
        '%26early%3Dyes%26credentials%3Dno"' in html
    )


def test_decide_unanswered_questions_get_a_message_at_the_field(client):
    response = client.get(URL, {"orchestrate": "yes"})
    html = response.content.decode()
    assert response.context["form"].errors == {
        "rigor": ["Answer yes or no."],
        "early": ["Answer yes or no."],
        "credentials": ["Answer yes or no."],
    }
    for name in ("rigor", "early", "credentials"):
        assert re.search(
            rf'<div id="id_{name}_error" class="invalid-feedback">\s*<p id="error_1_id_{name}">'
            r"<strong>Answer yes or no.</strong>",
            html,
        )
        assert f'<a class="alert-link" href="#id_{name}_0">' in html
    assert 'id="suggestion"' not in html
    # The answer that was given is kept.
    assert re.search(r'id="id_orchestrate_0" required checked', html)


def test_decide_answer_other_than_yes_or_no_is_refused(client):
    response = client.get(URL, {**query(True, True, True, True), "rigor": "maybe"})
    assert response.context["form"].errors == {"rigor": ["Answer yes or no."]}
    assert "suggestion" not in response.context


def test_decide_shows_the_comparison_table(client):
    html = client.get(URL).content.decode()
    assert "<caption>" in html and '<th scope="row">Career resilience</th>' in html


def test_decide_for_a_logged_in_expert_renders(client, bob):
    client.force_login(bob)
    response = client.get(URL)
    assert response.status_code == 200
    assert "Log out" in response.content.decode()


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_decide_wrong_method(client, method):
    assert getattr(client, method)(URL, query(True, True, True, True)).status_code == 405


def test_decide_in_navigation_for_everyone(client, alice):
    header = client.get("/").content.decode().split("</header>")[0]
    assert f'href="{URL}">Decision guide</a>' in header
    client.force_login(alice)
    header = client.get(URL).content.decode().split("</header>")[0]
    assert f'href="{URL}" aria-current="page">Decision guide</a>' in header


def test_decide_page_has_no_inline_scripts_or_styles(client):
    html = client.get(URL, query(True, False, False, True)).content.decode()
    assert "<script>" not in html and " style=" not in html and "<style" not in html
