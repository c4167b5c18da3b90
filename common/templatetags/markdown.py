from django import template

from common.markdown import render_markdown, render_markdown_inline

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    """{{ sample.text|markdown }} — the text rendered from Markdown, sanitised."""
    return render_markdown(text)


@register.filter(name="markdown_inline")
def markdown_inline_filter(text: str):
    """{{ criterion|markdown_inline }} — one line rendered from Markdown, no paragraph around it."""
    return render_markdown_inline(text)
