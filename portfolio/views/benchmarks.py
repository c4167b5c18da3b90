"""Benchmarks: create, edit (with the version it was based on), show with their items a page
at a time, delete, duplicate, import items and export them as CSV or JSON Lines."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from common.uploadcap import refused_upload_message
from common.versions import VersionConflict, conflict_shown, deleted_since, version_load
from portfolio import benchmark_items, editor_snapshots, services
from portfolio.benchmark_items import ItemsRefused
from portfolio.forms import BenchmarkEditor, BenchmarkItemsImportForm
from portfolio.models import Benchmark
from portfolio.permissions import get_benchmark_for
from portfolio.quality import BenchmarkStats, checklist_for_benchmark
from portfolio.validators import ITEM_SOURCE_MAX, ITEM_TEXT_MAX, MAX_ITEMS
from portfolio.views.editing import confirm_delete, editor_page
from profiles.once import sent_once
from profiles.queries import profile_domain_names

ITEMS_PER_PAGE = 25
# As the import page states them.
IMPORT_LIMITS = {
    "text": f"{ITEM_TEXT_MAX:,}",
    "source": f"{ITEM_SOURCE_MAX:,}",
    "items": f"{MAX_ITEMS:,}",
    "size": filesizeformat(benchmark_items.MAX_BYTES),
}


def _benchmark_form_page(request: HttpRequest, benchmark=None, *, gone=False) -> HttpResponse:
    """`gone`: posted from the editor of a benchmark deleted since; what was entered is shown
    again (row buttons work on it), saved by nothing but a press of Save, which makes a new
    benchmark."""
    domains = profile_domain_names(request.user)
    if benchmark is None and not domains:
        # Nothing to choose from: say why and where to fix it instead of showing the form.
        return render(request, "portfolio/benchmark_no_domains.html")
    data = request.POST if request.method == "POST" else None
    editor = BenchmarkEditor(data, domains=domains, benchmark=benchmark)
    if benchmark is not None and data is None:
        snapshot = editor_snapshots.benchmark_snapshot(benchmark)
        version_load(editor.form, version=benchmark.version, snapshot=snapshot)
    conflict = None
    if gone:
        editor.is_valid()  # its problems are shown now, not after the next press
    elif editor.is_valid():
        try:
            if benchmark is None:
                benchmark = services.benchmark_create(actor=request.user, **editor.service_kwargs())
            else:
                services.benchmark_update(
                    actor=request.user,
                    benchmark=benchmark,
                    expected_version=editor.form.version,
                    **editor.service_kwargs(),
                )
        except VersionConflict as refused:
            benchmark = get_benchmark_for(request.user, benchmark.pk, write=True)
            conflict = conflict_shown(
                editor.form, refused, editor_snapshots.benchmark_snapshot(benchmark)
            )
        except ValidationError as error:
            editor.add_error(error)
            if benchmark is not None and benchmark.pk:
                benchmark.refresh_from_db()  # the page shows the saved title, not the refused one
        else:
            messages.success(request, f"Benchmark “{benchmark.title}” saved.")
            return redirect(benchmark)
    context = {"editor": editor, "benchmark": benchmark}
    gone_to = reverse("benchmark_create") if gone else ""
    return editor_page(
        request,
        "portfolio/benchmark_form.html",
        context,
        conflict,
        gone_to=gone_to,
        saving=editor.saving,
    )


@require_http_methods(["GET", "POST"])
@login_required
@sent_once
def benchmark_create(request: HttpRequest) -> HttpResponse:
    return _benchmark_form_page(request)


@require_safe
@login_required
def benchmark_detail(request: HttpRequest, pk: int) -> HttpResponse:
    benchmark = get_benchmark_for(request.user, pk)
    items = list(benchmark.items.all())
    stats = BenchmarkStats.of_items(items)
    context = {
        "benchmark": benchmark,
        "stats": stats,
        "checklist": checklist_for_benchmark(benchmark, stats),
        "items_page": Paginator(items, ITEMS_PER_PAGE).get_page(request.GET.get("page")),
    }
    return render(request, "portfolio/benchmark_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def benchmark_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST" and deleted_since(Benchmark, pk):
        return _benchmark_form_page(request, gone=True)
    return _benchmark_form_page(request, get_benchmark_for(request.user, pk, write=True))


@require_http_methods(["GET", "POST"])
@login_required
def benchmark_delete(request: HttpRequest, pk: int) -> HttpResponse:
    benchmark = get_benchmark_for(request.user, pk, write=True)
    if request.method == "POST":
        services.benchmark_delete(actor=request.user, benchmark=benchmark)
        messages.success(request, f"Benchmark “{benchmark.title}” deleted.")
        return redirect("portfolio")
    return confirm_delete(request, benchmark, "benchmark")


@require_POST
@login_required
@sent_once
def benchmark_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    benchmark = get_benchmark_for(request.user, pk, write=True)
    copy = services.benchmark_duplicate(actor=request.user, benchmark=benchmark)
    messages.success(request, "Duplicated. This is the copy: rename or change it as you like.")
    return redirect(copy)


def _import_gone_page(request: HttpRequest) -> HttpResponse:
    """Posted from the import page of a benchmark deleted since: there is nothing to import
    into, so nothing is, and what was pasted and chosen is shown again to be copied."""
    kept = {name: request.POST.get(name, "") for name in ("text", "file_format", "mode")}
    form = BenchmarkItemsImportForm(initial=kept)  # unbound: no errors for an import not tried
    context = {"form": form, "problems": [], "limits": IMPORT_LIMITS, "gone": True}
    return render(request, "portfolio/benchmark_import.html", context, status=409)


@require_http_methods(["GET", "POST"])
@login_required
def benchmark_import(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        benchmark = get_benchmark_for(request.user, pk, write=True)
    except Http404:
        # Asked only when refused, so an import costs no query more.
        if request.method == "POST" and deleted_since(Benchmark, pk):
            return _import_gone_page(request)
        raise
    problems, conflict = [], None
    if request.method == "POST":
        form = BenchmarkItemsImportForm(
            request.POST, request.FILES, refused_upload=refused_upload_message(request, "file")
        )
        if form.is_valid():
            try:
                imported = services.benchmark_items_import(
                    actor=request.user,
                    benchmark=benchmark,
                    source=form.source,
                    file_format=form.resolved_format,
                    mode=form.cleaned_data["mode"],
                    expected_version=form.version,
                )
            except VersionConflict as refused:
                benchmark = get_benchmark_for(request.user, pk, write=True)
                conflict = conflict_shown(
                    form, refused, editor_snapshots.benchmark_snapshot(benchmark)
                )
            except ItemsRefused as error:
                problems = error.problems
            except ValidationError as error:
                form.add_error(None, error)
            else:
                count = len(imported)
                messages.success(request, f"Imported {count} item{'s' if count != 1 else ''}.")
                return redirect(benchmark)
    else:
        form = BenchmarkItemsImportForm()
        snapshot = editor_snapshots.benchmark_snapshot(benchmark)
        version_load(form, version=benchmark.version, snapshot=snapshot)
    context = {"benchmark": benchmark, "form": form, "problems": problems, "limits": IMPORT_LIMITS}
    return editor_page(request, "portfolio/benchmark_import.html", context, conflict)


def _items_download(benchmark, body: str, extension: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    name = slugify(benchmark.title)[:60].strip("-") or "benchmark"
    response["Content-Disposition"] = (
        f'attachment; filename="{name}-{benchmark.pk}-items.{extension}"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
@login_required
def benchmark_export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    benchmark = get_benchmark_for(request.user, pk)
    rows = map(benchmark_items.item_data, benchmark.items.all())
    # The byte-order mark makes spreadsheet programs read the file as UTF-8.
    return _items_download(benchmark, "\ufeff" + benchmark_items.items_csv(rows), "csv", "text/csv")


@require_safe
@login_required
def benchmark_export_jsonl(request: HttpRequest, pk: int) -> HttpResponse:
    benchmark = get_benchmark_for(request.user, pk)
    rows = map(benchmark_items.item_data, benchmark.items.all())
    body = benchmark_items.items_jsonl(rows)
    return _items_download(benchmark, body, "jsonl", "application/jsonl")
