"""Amounts and quantities as the income calculator shows them."""

from django import template

from guide.income import format_change, format_money, format_quantity

register = template.Library()


@register.filter
def money(value) -> str:
    """{{ amount|money }} — $28,980, or $2,443.75 when there are cents."""
    return "" if value is None else format_money(value)


@register.filter
def money_change(value) -> str:
    """{{ difference|money_change }} — +$1,380, −$1,380 or $0."""
    return "" if value is None else format_change(value)


@register.filter
def quantity(value) -> str:
    """{{ hours|quantity }} — 15 rather than 15.0."""
    return "" if value is None else format_quantity(value)
