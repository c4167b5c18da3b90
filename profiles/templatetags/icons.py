"""{% icon %}: the Heroicons set, drawn as inline SVG so the CSP needs no font or image host."""

import functools

from django import template
from django.utils.html import format_html
from heroicons.templatetags.heroicons import (
    heroicon_micro,
    heroicon_mini,
    heroicon_outline,
    heroicon_solid,
)

register = template.Library()

# mini (20 px, solid) is the set's own choice for icons beside text; micro for small print,
# outline for large empty-state pictures. One style per use keeps the icons consistent.
STYLES = {
    "mini": heroicon_mini,
    "micro": heroicon_micro,
    "outline": heroicon_outline,
    "solid": heroicon_solid,
}


# Drawing an icon reads and rebuilds its SVG; pages draw the same few dozen icons with the
# same attributes (written in the templates) again and again, so each is drawn once a process.
@functools.lru_cache(maxsize=512)
def _svg(style: str, name: str, options: tuple[tuple[str, object], ...]) -> str:
    return STYLES[style](name, **dict(options))


@register.simple_tag
def icon(name: str, label: str = "", *, style: str = "mini", **attrs: object) -> str:
    """{% icon "check-circle" %} — a decorative icon, hidden from screen readers.
    {% icon "check-circle" "Done" class="text-success" %} — an icon that means something:
    the label is read out (and shown to nobody else).

    The SVG is sized 1.25em by .icon in app.css, so it follows the text around it."""
    if style not in STYLES:
        raise template.TemplateSyntaxError(f"icon style must be one of {', '.join(STYLES)}")
    classes = f"icon icon-{style} {attrs.pop('class', '')}".strip()
    options = {"class": classes, "focusable": "false", **attrs}
    try:
        svg = _svg(style, name, tuple(options.items()))
    except TypeError:  # an attribute that cannot be a key: drawn afresh
        svg = STYLES[style](name, **options)
    if not label:
        return svg
    return format_html('{}<span class="visually-hidden">{}</span>', svg, label)


@register.simple_tag
def check_mark(done) -> str:
    """{% check_mark done %} — what ui/_check_mark.html draws (a tick for True, an open ring
    for False: still to do, not a failure; a dash for None: not applicable), as one tag for
    checklists drawn in a loop."""
    return _check_mark(True if done else None if done is None else False)


# Three marks in all, drawn dozens of times a page: each is built once a process.
@functools.cache
def _check_mark(done: bool | None) -> str:
    if done:
        mark = icon("check-circle")
    elif done is None:
        mark = icon("minus-circle")
    else:
        mark = format_html('<span class="{}"></span>', "todo-ring")
    return format_html('<span class="checklist-mark" aria-hidden="true">{}</span>', mark)
