"""The portfolio's own pages: the list of its artifacts and what the public page shows."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from common.versions import VersionConflict, conflict_shown, version_load
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
    # The version before the ticks: a save between the two reads then shows as a conflict,
    # never as ticks of an older save at the newer version.
    showing = request.method != "POST"
    version = publication.publication_version(request.user) if showing else None
    # A page of each kind; the form posts to this address, so it saves the pages it showed.
    pages = publication.publication_pages(request.user, request.GET)
    rows = {kind: page.object_list for kind, page in pages.items()}
    form = PublicationForm(request.POST if request.method == "POST" else None, rows=rows)
    conflict = None
    if showing:
        version_load(form, version=version, snapshot=publication.publication_snapshot(rows))
    elif form.is_valid():
        try:
            publication.publication_set(
                actor=request.user, expected_version=form.version, **form.choices()
            )
        except VersionConflict as refused:
            # Saved from another page since: nothing was written; their ticks stay on the page.
            now = publication.publication_rows(request.user, request.GET)
            conflict = conflict_shown(form, refused, publication.publication_snapshot(now))
        else:
            messages.success(request, "Saved what your public page shows.")
            return redirect(request.get_full_path())
    groups = [(*group, pages[group[0]]) for group in form.groups()]
    context = {"form": form, "groups": groups, "conflict": conflict}
    return render(request, "portfolio/public_page.html", context, status=409 if conflict else 200)
