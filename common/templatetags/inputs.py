from django import template

from common.inputs import shown_input

register = template.Library()


@register.filter
def shown(widget: dict) -> dict:
    """The input as drawn: a text input for a value typed in that its type does not allow."""
    return shown_input(widget)
