"""A form field as Bootstrap markup, built in Python.

The markup is what crispy-bootstrap5's field template gives (`{{ field|as_crispy_field }}`):
the wrapper, label, input, errors at the field and help text, with the same ids, classes
and ARIA attributes. Rendering a long form that way costs four templates per field plus
one per widget and per option; the profile editor has about fifty fields. Widgets other
than text-like inputs, text areas, single selects and checkboxes go through crispy.

For a form whose template draws its own layout, widget_markup() and option_markup() give
what `{{ field }}` and `{{ option.tag }}` do, without their three or four templates each.
"""

import html
from dataclasses import dataclass

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms
from django.forms import BoundField
from django.forms.boundfield import BoundWidget
from django.forms.widgets import Input
from django.utils.safestring import SafeString, mark_safe

from common.inputs import shown_input


def _escape(value) -> str:
    """Django's conditional_escape, without its lazy-argument check on every call (this runs
    for every attribute of every option)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _attrs(attrs: dict) -> str:
    """Django's widgets/attrs.html: True is a bare name, False leaves the attribute out."""
    return "".join(
        f" {_escape(name)}" if value is True else f' {_escape(name)}="{_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _options(optgroups) -> str:
    """Django's select.html and select_option.html, option groups included."""
    parts = []
    for group_name, options, _index in optgroups:
        if group_name:
            parts.append(f'\n  <optgroup label="{_escape(group_name)}">')
        parts.extend(
            f'\n  <option value="{_escape(option["value"])}"{_attrs(option["attrs"])}>'
            f"{_escape(option['label'])}</option>"
            for option in options
        )
        if group_name:
            parts.append("\n  </optgroup>")
    return "".join(parts)


def _classes(widget: forms.Widget, bootstrap: str) -> str:
    """crispy's classes: the widget's own, its class name (e.g. "textinput"), Bootstrap's."""
    classes = widget.attrs.get("class", "")
    kind = type(widget).__name__.lower()
    if not classes:
        classes = kind
    elif kind not in classes:
        classes = f"{classes} {kind}"
    for name in bootstrap.split():
        if name not in classes.split():
            classes = f"{classes} {name}"
    return classes


def _widget(field: BoundField, bootstrap: str | None) -> str:
    """What BoundField.as_widget() renders, with crispy's classes unless `bootstrap` is None."""
    widget = field.field.widget
    if field.field.localize:
        widget.is_localized = True
    extra = {} if bootstrap is None else {"class": _classes(widget, bootstrap)}
    attrs = field.build_widget_attrs(extra, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    if "type" in context:
        context = shown_input(context)
    name, attrs = _escape(context["name"]), _attrs(context["attrs"])
    if isinstance(widget, forms.Select):
        return f'<select name="{name}"{attrs}>{_options(context["optgroups"])}\n</select>'
    if isinstance(widget, forms.Textarea):
        value = _escape(context["value"]) if context["value"] else ""
        return f'<textarea name="{name}"{attrs}>\n{value}</textarea>'
    value = context["value"]
    value = f' value="{_escape(value)}"' if value is not None else ""
    return f'<input type="{_escape(context["type"])}" name="{name}"{value}{attrs}>'


@dataclass(frozen=True)
class _Style:
    """Where crispy puts errors and help: a form's FormHelper may change it."""

    errors_inline: bool = False  # <span> rather than <p> per message
    help_inline: bool = False


def _style(form: forms.BaseForm) -> _Style | None:
    """The helper's placement, or None when it asks for more than this module draws."""
    helper = getattr(form, "helper", None)
    if helper is None:
        return _Style()
    plain = (
        helper.form_show_labels
        and helper.form_show_errors
        and not helper.label_class
        and not helper.field_class
        and not helper.field_template
        and not getattr(helper, "wrapper_class", "")
        and "form-horizontal" not in helper.form_class.split()
    )
    return _Style(helper.error_text_inline, helper.help_text_inline) if plain else None


def _errors(field: BoundField, style: _Style) -> str:
    errors = field.errors
    if not errors:
        return ""
    tag = "span" if style.errors_inline else "p"
    auto_id = _escape(field.auto_id)
    messages = "".join(
        f'<{tag} id="error_{number}_{auto_id}"><strong>{_escape(error)}</strong></{tag}>'
        for number, error in enumerate(errors, start=1)
    )
    return f'<div id="{_escape(errors.field_id)}_error" class="invalid-feedback">{messages}</div>'


def _help(field: BoundField, *, inline: bool) -> str:
    # Help texts are ours and may hold markup; crispy marks them safe too.
    text = str(field.help_text)
    if inline:
        return f'<span id="{_escape(field.auto_id)}_helptext" class="form-text">{text}</span>'
    if field.auto_id:
        return f'<div id="{_escape(field.auto_id)}_helptext" class="form-text">{text}</div>'
    return f'<div class="form-text">{text}</div>'


def _help_and_errors(field: BoundField, style: _Style) -> str:
    """crispy's help_text_and_errors.html."""
    has_help = bool(field.help_text)
    before = _help(field, inline=True) if has_help and style.help_inline else ""
    after = _help(field, inline=False) if has_help and not style.help_inline else ""
    if style.errors_inline:
        before = ""  # crispy shows inline help only with errors in blocks
    return f"{before}{_errors(field, style)}{after}"


def _label_text(field: BoundField) -> str:
    required = '<span class="asteriskField">*</span>' if field.field.required else ""
    return f"{_escape(field.label)}{required}"


def _wrapper_classes(base: str, field: BoundField) -> str:
    extra = field.css_classes()
    return f"{base} {_escape(extra)}" if extra else base


def _supported(field: BoundField) -> bool:
    widget = field.field.widget
    if isinstance(widget, (forms.RadioSelect, forms.SelectMultiple, forms.FileInput)):
        return False
    if isinstance(widget, forms.MultiWidget) or field.use_fieldset:
        return False
    return isinstance(widget, (forms.Select, forms.Textarea, Input))


def field_markup(field: BoundField) -> SafeString:
    """The field with its label, help text and errors, as crispy-bootstrap5 renders it."""
    if field.is_hidden:
        return SafeString(_widget(field, None))
    style = _style(field.form)
    if style is None or not _supported(field):
        return as_crispy_field(field)
    widget = field.field.widget
    invalid = " is-invalid" if field.errors else ""
    required = " requiredField" if field.field.required else ""
    auto_id = _escape(field.auto_id)
    if isinstance(widget, forms.CheckboxInput):
        markup = (
            f'<div class="mb-3"><div id="div_{auto_id}" '
            f'class="{_wrapper_classes("form-check", field)}">'
            f"{_widget(field, 'form-check-input' + invalid)}"
            f'<label for="{_escape(field.id_for_label)}" class="form-check-label{required}">'
            f"{_label_text(field)}</label>{_help_and_errors(field, style)}</div></div>"
        )
    else:
        label = ""
        if field.label:
            target = f' for="{_escape(field.id_for_label)}"' if field.id_for_label else ""
            label = f'<label{target} class="form-label{required}">{_label_text(field)}</label>'
        control = "form-select" if isinstance(widget, forms.Select) else "form-control"
        markup = (
            f'<div id="div_{auto_id}" class="{_wrapper_classes("mb-3", field)}">{label}'
            f"{_widget(field, control + invalid)}{_help_and_errors(field, style)}</div>"
        )
    return mark_safe(markup)  # noqa: S308 - every value in it is escaped above


def widget_markup(field: BoundField) -> SafeString:
    """What `{{ field }}` draws (the widget alone, with Django's classes and attributes) for a
    text-like or hidden input or a text area; other widgets through Django (a select's
    options are drawn as crispy spaces them, not as Django does)."""
    widget = field.field.widget
    plain = isinstance(widget, forms.Textarea | Input) and not isinstance(
        widget, forms.MultipleHiddenInput | forms.FileInput
    )
    if not plain or field.field.show_hidden_initial:
        return SafeString(str(field))
    return mark_safe(_widget(field, None))  # noqa: S308 - every value in it is escaped


def option_markup(option: BoundWidget) -> SafeString:
    """What `{{ option.tag }}` draws for one radio button or check box of a choice: Django's
    input.html, with its value as `stringformat:'s'` gives it."""
    data = option.data
    value = "" if data["value"] is None else f' value="{_escape(data["value"])}"'
    return mark_safe(  # noqa: S308 - every value in it is escaped
        f'<input type="{_escape(data["type"])}" name="{_escape(data["name"])}"{value}'
        f"{_attrs(data['attrs'])}>"
    )


def hidden_fields_markup(form: forms.BaseForm) -> SafeString:
    """A form of hidden fields only, such as a formset's management form: what `{{ form }}`
    gives, without its template. A form with errors (a tampered POST) goes through it."""
    if form.errors or any(not field.is_hidden for field in form):
        return SafeString(str(form))
    return SafeString("".join(_widget(field, None) for field in form))


def inline_radios_markup(field: BoundField) -> SafeString:
    """A choice as inline radio buttons in a fieldset, as crispy's InlineRadios draws it with
    guide/_radios_inline.html (a legend without `for`): the same ids, classes and ARIA."""
    widget = field.field.widget
    attrs = {"id": widget.attrs.get("id") or field.auto_id} if field.auto_id else {}
    attrs = field.build_widget_attrs(attrs)
    invalid = " is-invalid" if field.errors else ""
    name = _escape(field.html_name)
    options = []
    for group, choices, _index in widget.optgroups(
        field.html_name, widget.format_value(field.value()), attrs
    ):
        if group:
            options.append(f"<strong>{_escape(group)}</strong>")
        options.extend(
            f'<div class="form-check form-check-inline"><input type="{_escape(option["type"])}" '
            f'class="form-check-input{invalid}" name="{name}" value="{_escape(option["value"])}"'
            f'{_attrs(option["attrs"])}><label for="{_escape(option["attrs"].get("id", ""))}" '
            f'class="form-check-label">{_escape(option["label"])}</label></div>'
            for option in choices
        )
    auto_id = _escape(field.auto_id)
    errors = ""
    if field.errors:
        messages = "".join(
            f'<p id="error_{number}_{auto_id}"><strong>{_escape(error)}</strong></p>'
            for number, error in enumerate(field.errors, start=1)
        )
        error_id = f"{_escape(field.errors.field_id)}_error"
        errors = f'<div id="{error_id}" class="invalid-feedback">{messages}</div>'
    style = _style(field.form) or _Style()
    help_text = _help(field, inline=style.help_inline) if field.help_text else ""
    inner = f"<div>{''.join(options)}</div>{errors}{help_text}"
    if field.label:
        described = field.aria_describedby
        described = f' aria-describedby="{_escape(described)}"' if described else ""
        required = " requiredField" if field.field.required else ""
        inner = (
            f'<fieldset{described}><legend class="fs-6 form-label{required}">'
            f"{_label_text(field)}</legend>{inner}</fieldset>"
        )
    markup = f'<div id="div_{auto_id}" class="{_wrapper_classes("mb-3", field)}">{inner}</div>'
    return mark_safe(markup)  # noqa: S308 - every value in it is escaped above
