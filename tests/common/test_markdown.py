"""Markdown renders as HTML that cannot run anything, whatever is written in it."""

from html.parser import HTMLParser

import pytest
from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

import common.markdown as markdown_module
from common.markdown import render_markdown, render_markdown_inline


def test_markdown_renders_the_usual_writing():
    html = render_markdown(
        "# Heading\n\nSome *emphasis*, **strong**, `code` and ~~gone~~.\n\n"
        "- one\n- two\n\n1. first\n\n> quoted\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "```\nblock\n```\n\n[a link](https://example.org/x)"
    )
    for piece in (
        "<h4>Heading</h4>",  # below the page's own headings
        "<em>emphasis</em>",
        "<strong>strong</strong>",
        "<code>code</code>",
        "<s>gone</s>",
        "<li>one</li>",
        "<ol>",
        "<blockquote>",
        "<table>",
        "<pre><code>block",
        '<a href="https://example.org/x" rel="nofollow noopener noreferrer">a link</a>',
    ):
        assert piece in html


class _Elements(HTMLParser):
    """Every element and attribute in a piece of HTML, as a browser would build them."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]


SAFE_TAGS = {"p", "a", "strong", "em", "code", "pre", "br", "del", "s", "ul", "ol", "li"}


def assert_harmless(html: str) -> None:
    found = _Elements(html)
    assert set(found.tags) <= SAFE_TAGS | {"h4", "h5", "h6", "hr"} | {
        "blockquote",
        "table",
        "thead",
        "tbody",
        "tr",
        "td",
        "th",
    }
    for name, value in found.attributes:
        assert name in {"href", "title", "rel", "align", "start"}, name
        if name == "href":
            assert value.split(":", 1)[0].lower() in {"http", "https", "mailto"}, value


@pytest.mark.parametrize(
    ("hostile", "never"),
    [
        ("<script>alert(1)</script>", "<script"),
        ('<img src=x onerror="alert(1)">', "<img"),
        ("<iframe src='https://evil.example'></iframe>", "<iframe"),
        ("[click](javascript:alert(1))", "javascript:"),
        ("[click](JaVaScRiPt:alert(1))", "javascript:"),
        ("[click](data:text/html;base64,PHNjcmlwdD4=)", "data:"),
        ("[click](vbscript:msgbox(1))", "vbscript:"),
        ('<a href="https://x.org" onclick="alert(1)">x</a>', "onclick"),
        ("![image](https://tracker.example/pixel.png)", "<img"),
        ('<div style="position:fixed">cover</div>', "style="),
        ("<form action='/accounts/logout/' method='post'><button>x</button></form>", "<form"),
        ("<svg onload=alert(1)>", "<svg"),
        ("<<script>script>alert(1)<</script>/script>", "<script"),
    ],
)
def test_markdown_never_lets_markup_or_script_through(hostile, never):
    html = render_markdown(hostile)
    assert_harmless(html)
    # What was markup shows as text, if at all; never as an element or an attribute.
    assert all(never.strip("<=:") not in tag for tag in _Elements(html).tags)


def test_an_image_is_a_link_to_it_with_its_description_not_an_image_nor_nothing():
    html = render_markdown("See ![the loss curve](https://example.org/curve.png) here.")
    assert '<a href="https://example.org/curve.png" rel="nofollow noopener noreferrer">' in html
    assert "the loss curve</a>" in html and "<img" not in html
    # Without a description, the address; with an address of no allowed kind, the words alone.
    assert ">https://example.org/x.png</a>" in render_markdown("![](https://example.org/x.png)")
    assert '<a rel="nofollow noopener noreferrer">a pixel</a>' in render_markdown(
        "![a pixel](data:image/png;base64,iVBORw0KGgo=)"
    )


def test_raw_html_is_shown_as_text_not_dropped_silently():
    assert "&lt;script&gt;" in render_markdown("<script>alert(1)</script>")


def test_markdown_filter_in_a_template_is_not_escaped_twice():
    rendered = Template("{% load markdown %}{{ text|markdown }}").render(
        Context({"text": "**bold** & <b>raw</b>"})
    )
    assert "<strong>bold</strong>" in rendered and "&amp;" in rendered
    assert "<b>" not in rendered and "&lt;b&gt;raw&lt;/b&gt;" in rendered


@given(st.text(alphabet=st.sampled_from("<>/=\"' ():[]!*#-`abcdehijlnoprstvx@.1"), max_size=200))
def test_any_text_renders_as_harmless_html(text):
    assert_harmless(render_markdown(text))


def test_markdown_headings_sit_below_the_page_headings():
    html = render_markdown("# One\n\n## Two\n\n### Three\n\n###### Six")
    assert html == "<h4>One</h4>\n<h5>Two</h5>\n<h6>Three</h6>\n<h6>Six</h6>\n"


def test_markdown_headings_sit_below_the_heading_the_page_names():
    assert render_markdown("# One\n\n## Two", under=1) == "<h2>One</h2>\n<h3>Two</h3>\n"
    assert render_markdown("# One", under=4) == "<h5>One</h5>\n"
    rendered = Template("{% load markdown %}{{ text|markdown:2 }}|{{ text|markdown }}")
    assert rendered.render(Context({"text": "# One"})) == "<h3>One</h3>\n|<h4>One</h4>\n"


def _parsed(text: str, *, inline: bool) -> str:
    """What the parser and sanitiser make of the text, without the plain-text shortcut."""
    parser = markdown_module._parser
    if inline:
        html = parser.renderInline(text)
    else:
        tokens = markdown_module._shifted_headings(
            parser.parse(text), markdown_module.UNDER_HEADING
        )
        html = parser.renderer.render(tokens, parser.options, {})
    return markdown_module.nh3.clean(
        html,
        tags=markdown_module.ALLOWED_TAGS,
        attributes=markdown_module.ALLOWED_ATTRIBUTES,
        url_schemes=markdown_module.URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )


@given(st.text(alphabet=st.sampled_from("Aa1 ,.;:'?!()%/=+-\n*_#>`&<\""), max_size=40))
def test_plain_text_renders_as_the_parser_would(text):
    assert render_markdown(text) == _parsed(text, inline=False)
    assert render_markdown_inline(text) == _parsed(text, inline=True)


def test_plain_text_renders_as_a_paragraph_or_as_it_is():
    line = "Misses one edge case (10%), a practitioner's: yes/no?"
    assert render_markdown(line) == f"<p>{line}</p>\n" == _parsed(line, inline=False)
    assert render_markdown_inline(line) == line == _parsed(line, inline=True)
