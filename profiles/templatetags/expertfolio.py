from datetime import timedelta

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import get_text_list

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_link(context, name: str, label: str):
    """{% nav_link "dashboard" "Dashboard" %} — a navigation item, marked as the current page
    on its own page. A tag rather than an included template: every page has ten of them."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is not None and match.url_name == name:
        return format_html(
            '<li class="nav-item"><a class="nav-link text-nowrap active" href="{}" '
            'aria-current="page">{}</a></li>',
            reverse(name),
            label,
        )
    return format_html(
        '<li class="nav-item"><a class="nav-link text-nowrap" href="{}">{}</a></li>',
        reverse(name),
        label,
    )


@register.filter
def duration_words(value: timedelta | None) -> str:
    """15 minutes, 1 hour, 1 hour 30 minutes — for messages people read."""
    if not value:
        return ""
    minutes = max(1, round(value.total_seconds() / 60))
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)


@register.filter
def and_list(items) -> str:
    """{{ domains|and_list }} — finance, law and medicine: a list as a sentence reads it."""
    return get_text_list(list(items or ()), "and")


@register.simple_tag
def shape_svg(result, figure_id: str = "shape"):
    """{% shape_svg shape_result "my-id" %} — the shape picture for a ShapeResult."""
    from profiles.shape_svg import render_shape_svg

    return render_shape_svg(result, figure_id=figure_id)


@register.filter
def as_field(field):
    """{{ form.field|as_field }} — label, input, help and errors as crispy-bootstrap5 draws
    them, without a template per field (common.field_markup)."""
    from common.field_markup import field_markup

    return field_markup(field)


@register.filter
def as_inline_radios(field):
    """{{ form.field|as_inline_radios }} — a choice as inline radio buttons in a fieldset, as
    crispy's InlineRadios draws it with guide/_radios_inline.html (common.field_markup)."""
    from common.field_markup import inline_radios_markup

    return inline_radios_markup(field)


@register.filter
def as_widget(field):
    """{{ form.field|as_widget }} — what {{ form.field }} draws, without its templates
    (common.field_markup)."""
    from common.field_markup import widget_markup

    return widget_markup(field)


@register.filter
def as_tag(option):
    """{{ option|as_tag }} — what {{ option.tag }} draws for a radio button or check box of
    a choice, without its templates (common.field_markup)."""
    from common.field_markup import option_markup

    return option_markup(option)


@register.filter
def hidden_fields(form):
    """{{ formset.management_form|hidden_fields }} — its hidden inputs, without a template."""
    from common.field_markup import hidden_fields_markup

    return hidden_fields_markup(form)


@register.inclusion_tag("profiles/_profile_document.html")
def skill_profile(
    document: dict,
    audience: str = "reviewer",
    figure_id: str = "profile-shape",
    standings=None,
    verified=None,
    evidence=None,
    within: str = "",
):
    """{% skill_profile document audience="reviewer" %} — a profile document, as a page.

    `document` is a skill-profile dict: a live profile's or a frozen submission's. Where its
    credentials stand: `standings` of a live profile (profiles.claims), or the `verified`
    list a submission froze. With `evidence` (profiles.presentation) each deep domain shows
    what backs it. `within`: the id of the heading the document sits under, on a page with
    more to it; its headings are then a level lower, and its sections named after that one.
    """
    from profiles.claims import standings_from_frozen
    from profiles.presentation import profile_document_context

    if verified is not None:
        standings = standings_from_frozen(verified)
    # A page without evidence to show passes nothing (a template's missing value is "").
    evidence = evidence if isinstance(evidence, dict) else None
    context = profile_document_context(
        document,
        audience=audience,
        figure_id=figure_id,
        standings=standings,
        evidence=evidence,
    )
    return {**context, "within": within, "level": 3 if within else 2}


_ROW_BUTTON = (
    '<button type="submit" name="action" value="{value}" data-hx-post="{path}" formnovalidate\n'
    '          id="{id}" class="btn {style} btn-sm"{extra}>{before}<span class="visually-hidden">'
    " {label} {number}</span>{after}</button>"
)


@register.simple_tag(takes_context=True)
def editor_row_buttons(context, section, index: int, number: int, first: bool, last: bool):
    """{% editor_row_buttons section index number forloop.first forloop.last %} — a profile
    editor row's Move up, Move down and Remove: a plain submit without JavaScript; with htmx
    they post the form and the editor is swapped from the answer. A tag rather than markup
    in the row: a section has up to dozens of rows."""
    request = context.get("request")
    name, key, kind = section.button_name, section.key, section.focus_kind
    focus = section.focus_row == index

    def button(value, id_, style, extra, before, after):
        return format_html(
            _ROW_BUTTON,
            value=value,
            path=request.path if request is not None else "",
            id=id_,
            style=style,
            extra=extra,
            before=before,
            after=after,
            label=section.item_label.lower(),
            number=number,
        )

    up = (" disabled" if first else "") + (" autofocus" if kind == "up" and focus else "")
    down = (" disabled" if last else "") + (" autofocus" if kind == "down" and focus else "")
    return format_html(
        '<div class="col-md-auto editor-row-buttons d-flex flex-wrap gap-1 align-items-start '
        'mb-3"\n     data-hx-target="#profile-editor" data-hx-select="#profile-editor" '
        'data-hx-swap="outerHTML" data-hx-include="closest form">\n  {}\n  {}\n  {}\n</div>',
        button(
            f"{name}-up-{index}",
            f"{key}-{index}-up",
            "btn-outline-secondary",
            up,
            "Move",
            " up",
        ),
        button(
            f"{name}-down-{index}",
            f"{key}-{index}-down",
            "btn-outline-secondary",
            down,
            "Move",
            " down",
        ),
        button(
            f"remove-{name}-{index}",
            f"{key}-{index}-remove",
            "btn-outline-danger",
            "",
            "Remove",
            "",
        ),
    )
