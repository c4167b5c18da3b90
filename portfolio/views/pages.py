"""The portfolio's own pages: the list of its artifacts and what the public page shows."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from portfolio import publication, queries
from portfolio.forms import PublicationForm


@require_safe
@login_required
def portfolio_index(request: HttpRequest) -> HttpResponse:
    groups = queries.portfolio_groups(request.user, request.GET)
    counts = {group.kind.key: group.page.paginator.count for group in groups}
    return render(request, "portfolio/index.html", {"groups": groups, "counts": counts})


@require_http_methods(["GET", "POST"])
@login_required
def public_page_settings(request: HttpRequest) -> HttpResponse:
    rows = publication.publication_rows(request.user)
    form = PublicationForm(request.POST if request.method == "POST" else None, rows=rows)
    if request.method == "POST" and form.is_valid():
        publication.publication_set(actor=request.user, **form.choices())
        messages.success(request, "Saved what your public page shows.")
        return redirect("public_page_settings")
    groups = [(kind, title, rows[kind]) for kind, title in publication.KIND_TITLES.items()]
    return render(request, "portfolio/public_page.html", {"form": form, "groups": groups})
