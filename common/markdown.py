"""Markdown people write (work samples, rubric criteria, test-plan text) as safe HTML.

markdown-it-py parses CommonMark with raw HTML switched off, so markup in the text is shown
as text; nh3 then keeps only the tags and attributes below, drops every link that is not
http(s) or mailto, and marks links as nofollow and noopener. What comes out is safe to put in a
page as it is.
"""

import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

# Writing, not layout: no images (they would load from anywhere: one is shown as a link to
# it), no forms, no frames.
ALLOWED_TAGS = {
    "a", "blockquote", "br", "code", "del", "em", "s", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "td": {"align"}, "th": {"align"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_parser.enable("table").enable("strikethrough")


def _image_as_link(renderer, tokens, idx, options, env) -> str:
    """An image is not shown (it would load from anywhere, telling its host who reads the
    page), but what it is stays: its description, as a link to it (nh3 drops a link that is
    not http(s), keeping the words)."""
    token = tokens[idx]
    words = renderer.renderInlineAsText(token.children or [], options, env)
    src = str(token.attrGet("src") or "")
    return f'<a href="{escapeHtml(src)}">{escapeHtml(words or src)}</a>'


_parser.add_render_rule("image", _image_as_link)


# A "# Title" in someone's text sits inside a page that has its own <h1> and section headings:
# its headings start one level below the heading the text sits under (an <h3> unless the
# page says otherwise), so a page keeps one <h1> and an outline that skips no level.
UNDER_HEADING = 3


def _shifted_headings(tokens, under: int):
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + under, 6)}"
    return tokens


# Most of what people write is a line of plain words: no character Markdown or HTML gives a
# meaning to, so its HTML is known without parsing and sanitising (tests check both agree).
_PLAIN = re.compile(r"[A-Za-z0-9 ,.;:'?!()%/=+-]*")
_PLAIN_PARAGRAPH = re.compile(r"[A-Za-z][A-Za-z0-9 ,.;:'?!()%/=+-]*")


def _plain(pattern: re.Pattern, text: str) -> bool:
    return pattern.fullmatch(text) is not None and text == text.strip()


def render_markdown(text: str, *, under: int = UNDER_HEADING) -> SafeString:
    """The text's HTML: paragraphs, lists, emphasis, code, tables and safe links only. `under`:
    the level of the heading the text sits under; its own headings come below that one."""
    if text and _plain(_PLAIN_PARAGRAPH, text):
        return mark_safe(f"<p>{text}</p>\n")  # noqa: S308 - nothing in it is markup
    tokens = _shifted_headings(_parser.parse(text or ""), under)
    html = _parser.renderer.render(tokens, _parser.options, {})
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 kept only the tags and attributes listed above


def render_markdown_inline(text: str) -> SafeString:
    """One line's HTML (a rubric criterion, a list item): emphasis, code and links, no blocks."""
    if not text or _plain(_PLAIN, text):
        return mark_safe(text or "")  # noqa: S308 - nothing in it is markup
    html = _parser.renderInline(text or "")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 - as above
