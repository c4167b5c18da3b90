from django import template

from common.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    """{{ sample.text|markdown }} — the text rendered from Markdown, sanitised."""
    return render_markdown(text)
