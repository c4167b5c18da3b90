"""A round's audit log as staff read it on the round's page, a page at a time: claims,
releases and expiries add to it for as long as the round waits."""

from django.core.paginator import Page

from common.pagination import counted_page
from onboarding.models import AuditEntry, Round

AUDIT_PER_PAGE = 50


def audit_log_page(round: Round, number) -> Page:
    """Page `number` of the round's audit log, oldest first, with who did each. One query."""
    entries = AuditEntry.objects.filter(round=round).select_related("actor").order_by("at", "pk")
    return counted_page(entries, number, AUDIT_PER_PAGE)
