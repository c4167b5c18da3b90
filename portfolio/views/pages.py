"""The portfolio's own pages: the list of artifacts, the public page's settings and the
expert's profile page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from portfolio import publication, queries
from portfolio.forms import PublicationForm
from profiles.completeness import profile_completeness
from profiles.presentation import AUDIENCES, EDITOR_ANCHORS
from profiles.queries import profile_with_document_for


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


@require_safe
@login_required
def profile_detail(request: HttpRequest) -> HttpResponse:
    profile, document = profile_with_document_for(request.user)
    audience = request.GET.get("view")
    completeness = profile_completeness(
        document, other_sample_types=queries.work_sample_types_of(request.user)
    )
    return render(
        request,
        "profiles/profile_detail.html",
        {
            "profile": profile,
            "document": document,
            "audience": audience if audience in AUDIENCES else "owner",
            "completeness": completeness,
            "missing": [(item, EDITOR_ANCHORS[item.key]) for item in completeness.missing],
        },
    )
