from django import template
from django.utils.html import format_html

from common.once import ONCE_FIELD, once_token

register = template.Library()


@register.simple_tag(takes_context=True)
def once_field(context) -> str:
    """A hidden input with the form's one-time token (common.once), for forms that make
    something: sent twice, the form makes it once."""
    request = context.get("request")
    data = request.POST if request is not None and request.method == "POST" else None
    return format_html('<input type="hidden" name="{}" value="{}">', ONCE_FIELD, once_token(data))
