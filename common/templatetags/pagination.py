from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, number, param: str = "page", fragment: str = "") -> str:
    """{% page_query 2 param="review_page" %}: this page's address with one page number changed
    and every other query parameter kept (filters stay on when paging)."""
    query = context["request"].GET.copy()
    query[param] = number
    return f"?{query.urlencode()}" + (f"#{fragment}" if fragment else "")
