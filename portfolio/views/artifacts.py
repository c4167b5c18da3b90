import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from common.uploadcap import refused_upload_message
from common.versions import VersionConflict, conflict_shown, version_load
from portfolio import benchmark_items, publication, queries, services
from portfolio.benchmark_items import ItemsRefused
from portfolio.forms import (
    AdversarialPlanEditor,
    BenchmarkEditor,
    BenchmarkItemsImportForm,
    PublicationForm,
    WorkSampleForm,
)
from portfolio.permissions import get_benchmark_for, get_test_plan_for, get_work_sample_for
from portfolio.previews import kept_file_preview
from portfolio.quality import (
    BenchmarkStats,
    checklist_for_benchmark,
    checklist_for_test_plan,
    checklist_for_work_sample,
)
from portfolio.validators import ITEM_SOURCE_MAX, ITEM_TEXT_MAX, MAX_ITEMS
from profiles.queries import profile_domain_names

logger = logging.getLogger(__name__)


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


def _confirm_delete(request: HttpRequest, artifact, kind: str) -> HttpResponse:
    return render(request, "portfolio/confirm_delete.html", {"artifact": artifact, "kind": kind})


def _add_service_error(form: Form, error: ValidationError, field: str | None) -> None:
    form.add_error(None if hasattr(error, "error_dict") else field, error)


def _editor_page(request: HttpRequest, template: str, context: dict, conflict) -> HttpResponse:
    """An editor or import page; 409 when it comes back refused for an old version."""
    status = 409 if conflict else 200
    return render(request, template, {**context, "conflict": conflict}, status=status)


# --- Work samples -------------------------------------------------------------------------


def _work_sample_form_page(request: HttpRequest, sample=None) -> HttpResponse:
    posted = request.method == "POST"
    form = WorkSampleForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        sample=sample,
        refused_upload=refused_upload_message(request, "file"),
    )
    if sample is not None and not posted:
        version_load(form, version=sample.version, snapshot=queries.work_sample_snapshot(sample))
    conflict = None
    if posted and form.is_valid():
        try:
            if sample is None:
                sample = services.work_sample_create(actor=request.user, **form.service_kwargs())
            else:
                services.work_sample_update(
                    actor=request.user,
                    sample=sample,
                    expected_version=form.version,
                    **form.service_kwargs(),
                )
        except VersionConflict as refused:
            sample = get_work_sample_for(request.user, sample.pk, write=True)
            conflict = conflict_shown(form, refused, queries.work_sample_snapshot(sample))
        except ValidationError as error:
            _add_service_error(form, error, "file")
            if sample is not None and sample.pk:
                sample.refresh_from_db()  # the page shows the saved title, not the refused one
        else:
            messages.success(request, f"Work sample “{sample.title}” saved.")
            return redirect(sample)
    context = {"form": form, "sample": sample}
    return _editor_page(request, "portfolio/work_sample_form.html", context, conflict)


@require_http_methods(["GET", "POST"])
@login_required
def work_sample_create(request: HttpRequest) -> HttpResponse:
    return _work_sample_form_page(request)


@require_safe
@login_required
def work_sample_detail(request: HttpRequest, pk: int) -> HttpResponse:
    sample = get_work_sample_for(request.user, pk)
    context = {
        "sample": sample,
        "checklist": checklist_for_work_sample(sample),
        # What reviewers will see of the file, so the owner can check it reads as meant.
        "preview": kept_file_preview(sample.file) if sample.file else None,
    }
    return render(request, "portfolio/work_sample_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def work_sample_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _work_sample_form_page(request, get_work_sample_for(request.user, pk, write=True))


@require_http_methods(["GET", "POST"])
@login_required
def work_sample_delete(request: HttpRequest, pk: int) -> HttpResponse:
    sample = get_work_sample_for(request.user, pk, write=True)
    if request.method == "POST":
        services.work_sample_delete(actor=request.user, sample=sample)
        messages.success(request, f"Work sample “{sample.title}” deleted.")
        return redirect("portfolio")
    return _confirm_delete(request, sample, "work sample")


@require_POST
@login_required
def work_sample_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    sample = get_work_sample_for(request.user, pk, write=True)
    try:
        copy = services.work_sample_duplicate(actor=request.user, sample=sample)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(sample)
    messages.success(request, "Duplicated. This is the copy: rename or change it as you like.")
    return redirect(copy)


# --- Adversarial test plans ------------------------------------------------------------------
# Named adversarial_plan_*: a name starting with "test_" would be collected by pytest.


def _plan_form_page(request: HttpRequest, plan=None) -> HttpResponse:
    editor = AdversarialPlanEditor(request.POST if request.method == "POST" else None, plan=plan)
    if plan is not None and request.method != "POST":
        version_load(editor.form, version=plan.version, snapshot=queries.test_plan_snapshot(plan))
    conflict = None
    if editor.is_valid():
        try:
            if plan is None:
                plan = services.adversarial_plan_create(
                    actor=request.user, **editor.service_kwargs()
                )
            else:
                services.adversarial_plan_update(
                    actor=request.user,
                    plan=plan,
                    expected_version=editor.form.version,
                    **editor.service_kwargs(),
                )
        except VersionConflict as refused:
            plan = get_test_plan_for(request.user, plan.pk, write=True)
            conflict = conflict_shown(editor.form, refused, queries.test_plan_snapshot(plan))
        except ValidationError as error:
            editor.add_error(error)
            if plan is not None and plan.pk:
                plan.refresh_from_db()  # the page shows the saved title, not the refused one
        else:
            messages.success(request, f"Test plan “{plan.title}” saved.")
            return redirect(plan)
    context = {"editor": editor, "plan": plan}
    return _editor_page(request, "portfolio/test_plan_form.html", context, conflict)


@require_http_methods(["GET", "POST"])
@login_required
def adversarial_plan_create(request: HttpRequest) -> HttpResponse:
    return _plan_form_page(request)


@require_safe
@login_required
def adversarial_plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_test_plan_for(request.user, pk)
    context = {"plan": plan, "checklist": checklist_for_test_plan(plan)}
    return render(request, "portfolio/test_plan_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def adversarial_plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_form_page(request, get_test_plan_for(request.user, pk, write=True))


@require_http_methods(["GET", "POST"])
@login_required
def adversarial_plan_delete(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_test_plan_for(request.user, pk, write=True)
    if request.method == "POST":
        services.adversarial_plan_delete(actor=request.user, plan=plan)
        messages.success(request, f"Test plan “{plan.title}” deleted.")
        return redirect("portfolio")
    return _confirm_delete(request, plan, "test plan")


@require_POST
@login_required
def adversarial_plan_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_test_plan_for(request.user, pk, write=True)
    copy = services.adversarial_plan_duplicate(actor=request.user, plan=plan)
    messages.success(request, "Duplicated. This is the copy: rename or change it as you like.")
    return redirect(copy)


# --- Benchmarks -----------------------------------------------------------------------------

ITEMS_PER_PAGE = 25
# As the import page states them.
IMPORT_LIMITS = {
    "text": f"{ITEM_TEXT_MAX:,}",
    "source": f"{ITEM_SOURCE_MAX:,}",
    "items": f"{MAX_ITEMS:,}",
    "size": filesizeformat(benchmark_items.MAX_BYTES),
}


def _benchmark_form_page(request: HttpRequest, benchmark=None) -> HttpResponse:
    domains = profile_domain_names(request.user)
    if benchmark is None and not domains:
        # Nothing to choose from: say why and where to fix it instead of showing the form.
        return render(request, "portfolio/benchmark_no_domains.html")
    data = request.POST if request.method == "POST" else None
    editor = BenchmarkEditor(data, domains=domains, benchmark=benchmark)
    if benchmark is not None and data is None:
        snapshot = queries.benchmark_snapshot(benchmark)
        version_load(editor.form, version=benchmark.version, snapshot=snapshot)
    conflict = None
    if editor.is_valid():
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
            conflict = conflict_shown(editor.form, refused, queries.benchmark_snapshot(benchmark))
        except ValidationError as error:
            editor.add_error(error)
            if benchmark is not None and benchmark.pk:
                benchmark.refresh_from_db()  # the page shows the saved title, not the refused one
        else:
            messages.success(request, f"Benchmark “{benchmark.title}” saved.")
            return redirect(benchmark)
    context = {"editor": editor, "benchmark": benchmark}
    return _editor_page(request, "portfolio/benchmark_form.html", context, conflict)


@require_http_methods(["GET", "POST"])
@login_required
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
    return _benchmark_form_page(request, get_benchmark_for(request.user, pk, write=True))


@require_http_methods(["GET", "POST"])
@login_required
def benchmark_delete(request: HttpRequest, pk: int) -> HttpResponse:
    benchmark = get_benchmark_for(request.user, pk, write=True)
    if request.method == "POST":
        services.benchmark_delete(actor=request.user, benchmark=benchmark)
        messages.success(request, f"Benchmark “{benchmark.title}” deleted.")
        return redirect("portfolio")
    return _confirm_delete(request, benchmark, "benchmark")


@require_POST
@login_required
def benchmark_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    benchmark = get_benchmark_for(request.user, pk, write=True)
    copy = services.benchmark_duplicate(actor=request.user, benchmark=benchmark)
    messages.success(request, "Duplicated. This is the copy: rename or change it as you like.")
    return redirect(copy)


@require_http_methods(["GET", "POST"])
@login_required
def benchmark_import(request: HttpRequest, pk: int) -> HttpResponse:
    benchmark = get_benchmark_for(request.user, pk, write=True)
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
                conflict = conflict_shown(form, refused, queries.benchmark_snapshot(benchmark))
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
        snapshot = queries.benchmark_snapshot(benchmark)
        version_load(form, version=benchmark.version, snapshot=snapshot)
    context = {"benchmark": benchmark, "form": form, "problems": problems, "limits": IMPORT_LIMITS}
    return _editor_page(request, "portfolio/benchmark_import.html", context, conflict)


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
