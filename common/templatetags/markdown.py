from django import template

from common.markdown import UNDER_HEADING, render_markdown, render_markdown_inline

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str, under=None):
    """{{ sample.text|markdown:2 }} — the text rendered from Markdown, sanitised, its headings
    below the <h2> it sits under (an <h3> when not said)."""
    return render_markdown(text, under=UNDER_HEADING if under in (None, "") else int(under))


@register.filter(name="markdown_inline")
def markdown_inline_filter(text: str):
    """{{ criterion|markdown_inline }} — one line rendered from Markdown, no paragraph around it."""
    return render_markdown_inline(text)
