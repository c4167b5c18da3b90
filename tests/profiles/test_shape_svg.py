"""The server-drawn shape picture: geometry and accessible SVG."""

import re

from profiles.shape import shape_of
from profiles.shape_svg import (
    COLUMN,
    GAP,
    LEFT,
    TOP,
    UNIT,
    label_lines,
    render_shape_svg,
    shape_figure,
)


def test_shape_figure_lays_domains_across_and_depth_down():
    figure = shape_figure(shape_of([("finance", 5), ("statistics", 2), ("risk", None)]))
    bars = figure["bars"]
    assert [bar.name for bar in bars] == ["finance", "statistics", "risk"]
    assert [bar.x for bar in bars] == [LEFT, LEFT + COLUMN + GAP, LEFT + 2 * (COLUMN + GAP)]
    assert [bar.height for bar in bars] == [5 * UNIT, 2 * UNIT, 2 * UNIT]
    assert [bar.deep for bar in bars] == [True, False, False]
    assert figure["width"] > bars[-1].x + COLUMN


def test_shape_figure_marks_shallow_domains_and_shortens_long_labels():
    figure = shape_figure(shape_of([("computational linguistics", 1)]))
    (bar,) = figure["bars"]
    assert bar.shallow and not bar.deep
    assert bar.label == "computational…"
    assert len(bar.label) == 14


def test_shape_figure_width_grows_with_domains():
    narrow = shape_figure(shape_of([("a", 2)]))["width"]
    wide = shape_figure(shape_of([(str(i), 2) for i in range(10)]))["width"]
    assert wide == narrow + 9 * (COLUMN + GAP)


def test_shape_svg_is_an_accessible_image():
    svg = render_shape_svg(
        shape_of([("finance", 4), ("statistics", 2), ("risk", 3)]), figure_id="me"
    )
    assert 'role="img"' in svg
    assert 'aria-labelledby="me-title me-desc"' in svg
    assert '<title id="me-title">T-shaped skill profile</title>' in svg
    desc = re.search(r'<desc id="me-desc">(.*?)</desc>', svg, re.S).group(1)
    assert "One deep domain (finance)" in desc
    assert "finance 4 (expert, deep); statistics 2 (working); risk 3 (proficient)" in desc
    assert svg.count('class="shape-bar shape-bar-deep"') == 1
    assert svg.count('class="shape-bar"') == 2


def test_shape_svg_escapes_domain_names():
    svg = render_shape_svg(shape_of([("<script>alert(1)</script>", 2)]))
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


def test_shape_svg_without_domains_says_so():
    svg = render_shape_svg(shape_of([]))
    assert "none yet" in svg
    assert "Emerging skill profile" in svg


def test_shape_figure_draws_long_names_whole_on_two_lines():
    figure = shape_figure(shape_of([("clinical medicine", 5), ("pharmacology", 1)]))
    first, second = figure["bars"]
    assert first.lines == ("clinical", "medicine")
    assert second.lines == ("pharmacology",)
    svg = render_shape_svg(shape_of([("clinical medicine", 5)]))
    assert ">clinical</tspan>" in svg and ">medicine</tspan>" in svg
    assert "…" not in svg


def test_label_lines_keeps_every_word():
    assert label_lines("risk") == ("risk",)
    assert label_lines("computational linguistics") == ("computational", "linguistics")
    assert label_lines("law of the sea and maritime policy") == (
        "law of the sea",
        "and maritime policy",
    )


def test_shape_figure_top_margin_grows_with_the_longest_name():
    short = shape_figure(shape_of([("law", 2)]))
    long = shape_figure(shape_of([("pharmacovigilance-informatics", 2)]))
    assert short["top"] == TOP
    assert long["top"] > TOP
    assert long["height"] - long["top"] == short["height"] - short["top"]
