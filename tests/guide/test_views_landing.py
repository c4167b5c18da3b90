"""/: what Expertfolio is, the five shapes drawn, the article's comparison and the tools."""

import re

import pytest

from guide.comparison import COMPARISON
from profiles.shape import EXAMPLES, Shape, shape_of
from profiles.shape_svg import GAP, LABEL_CHAR_REACH, shape_figure

pytestmark = pytest.mark.django_db

URL = "/"
FIGURES = {
    "shape-example-generalist": "Generalist skill profile",
    "shape-example-specialist": "Specialist skill profile",
    "shape-example-t-shaped": "T-shaped skill profile",
    "shape-example-pi-shaped": "π-shaped skill profile",
    "shape-example-comb-shaped": "Comb-shaped skill profile",
}


def test_landing_says_what_expertfolio_is_and_who_it_is_for(client):
    html = client.get(URL).content.decode()
    assert "<h1" in html and "Prove what you know about evaluating AI" in html
    assert "Who it is for" in html and "Domain experts" in html and "Reviewers" in html


def test_landing_draws_the_five_shapes_with_accessible_titles(client):
    html = client.get(URL).content.decode()
    svgs = re.findall(r"<svg\b.*?</svg>", html, re.S)
    assert len(svgs) == 5
    for figure_id, title in FIGURES.items():
        svg = next(s for s in svgs if f'id="{figure_id}-title"' in s)
        assert 'role="img"' in svg
        assert f'aria-labelledby="{figure_id}-title {figure_id}-desc"' in svg
        assert f'<title id="{figure_id}-title">{title}</title>' in svg
        assert f'<desc id="{figure_id}-desc">' in svg
    # Every id on the page is unique, with five pictures on it.
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_landing_shapes_are_drawn_by_the_profile_picture_code(client):
    html = client.get(URL).content.decode()
    result = shape_of(EXAMPLES[Shape.PI_SHAPED])
    # The same reason sentence the profile page shows, in the picture's description.
    assert result.reason in html
    assert html.count('class="shape-bar shape-bar-deep"') == sum(
        len(shape_of(domains).deep) for domains in EXAMPLES.values()
    )


def test_landing_shape_pictures_leave_room_for_slanted_names():
    for domains in EXAMPLES.values():
        figure = shape_figure(shape_of(domains))
        last = figure["bars"][-1]
        assert figure["width"] >= last.label_x + len(last.label) * LABEL_CHAR_REACH
        assert figure["right"] == last.x + figure["column"] + GAP


def test_landing_comparison_is_an_accessible_table(client):
    html = client.get(URL).content.decode()
    table = re.search(r"<table\b.*?</table>", html, re.S).group(0)
    assert "<caption>" in table
    assert re.findall(r'<th scope="col">([^<]+)</th>', table) == [
        "Dimension",
        "Generalist",
        "Specialist",
    ]
    rows = re.findall(r'<th scope="row">([^<]+)</th>\s*<td>([^<]+)</td>\s*<td>([^<]+)</td>', table)
    assert rows == [(r.dimension, r.generalist, r.specialist) for r in COMPARISON]
    assert [r[0] for r in rows] == [
        "Ambiguity tolerance",
        "Depth vs breadth",
        "Typical tasks",
        "Time to onboard",
        "Rate ceiling",
        "Risk of automation",
        "Career resilience",
    ]


def test_landing_calls_anonymous_visitors_to_sign_up_and_to_the_tools(client):
    main = client.get(URL).content.decode().split("</header>")[1]
    assert 'href="/accounts/signup/"' in main
    assert 'href="/tools/income/"' in main and 'href="/tools/decide/"' in main
    assert 'href="/tools/income/?rate=42&amp;hours=15&amp;weeks=46#estimate"' in main
    assert 'href="/tools/income/?rate=30&amp;hours=20&amp;weeks=46#estimate"' in main


def test_landing_for_a_logged_in_expert_leads_to_the_dashboard(client, alice):
    client.force_login(alice)
    main = client.get(URL).content.decode().split("</header>")[1]
    assert 'href="/dashboard/"' in main
    assert 'href="/accounts/signup/"' not in main
    assert 'href="/tools/income/"' in main and 'href="/tools/decide/"' in main
    assert main.count("<svg") == 5


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_landing_wrong_method(client, method):
    assert getattr(client, method)(URL).status_code == 405


def test_landing_has_no_inline_scripts_or_styles(client):
    html = client.get(URL).content.decode()
    assert "<script>" not in html and " style=" not in html and "<style" not in html
