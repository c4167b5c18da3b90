"""/review/: the reviewer queue; /review/calibration/: how far reviewers agree."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from onboarding.blind import blind_for
from onboarding.forms import QueueFilterForm
from onboarding.queries import queue
from onboarding.queries.calibration import calibration as reviewer_agreement
from onboarding.queries.queue_choices import queue_filter_choices_for
from onboarding.queries.queue_page import QueuePaginator, queue_page_rows, queue_rows
from onboarding.services.assignment import claims_expire_lately
from profiles.permissions import is_reviewer, reviewer_or_staff_required, staff_required

QUEUE_PAGE_SIZE = 20


@require_safe
@reviewer_or_staff_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """Reviewers claim here; staff read the same list (without claiming)."""
    claims_expire_lately()
    blind = blind_for(request.user)
    reviewer = is_reviewer(request.user)
    # Read once, for the filters offered and for the queue.
    kept = queue.kept_from(request.user) if reviewer else None
    form = QueueFilterForm(request.GET or None, choices=queue_filter_choices_for(kept), blind=blind)
    filters = form.filters() if request.GET else queue.QueueFilters()
    my_reviews, my_reviews_count = queue.my_open_reviews_summary(request.user)
    domains = queue.reviewer_domains(request.user) if reviewer else {}
    waiting = queue.review_queue(request.user, filters, domains=domains, kept=kept)
    page = QueuePaginator(waiting.values_list("pk", flat=True), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "onboarding/review_queue.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "rows": queue_rows(
                queue_page_rows(page.object_list, request.user, filters, domains),
                request.user,
                domains,
            ),
            "my_reviews": my_reviews,
            "my_reviews_count": my_reviews_count,
            # What narrows the list, not any parameter in the address (an empty search, an
            # ignored value, the order); any of those lets the form be cleared.
            "filtered": filters.narrows,
            "clearable": any(request.GET.get(name) for name in form.fields),
            "blind": blind,
        },
    )


@require_safe
@staff_required
def calibration(request: HttpRequest) -> HttpResponse:
    return render(request, "onboarding/calibration.html", {"calibration": reviewer_agreement()})
