from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from common.pagination import counted_page
from common.uploadcap import upload_limit
from common.versions import VersionConflict, conflict_shown, deleted_since, version_load
from profiles.once import sent_once
from profiles.permissions import remember_reviewer_from, with_reviewer_flag
from rubrics import documents, queries, services
from rubrics.demo import seed_yaml
from rubrics.forms import RubricBuilder, RubricImportForm
from rubrics.models import Rubric
from rubrics.permissions import (
    can_change_rubric,
    can_manage_review_rubrics,
    get_rubric_for,
)
from rubrics.quality import listed_rubric_checklist, rubric_checklist

PAGE_SIZE = 20


def _with_checklists(page):
    return [(rubric, listed_rubric_checklist(rubric)) for rubric in page]


@require_safe
@login_required
def rubric_list(request: HttpRequest) -> HttpResponse:
    # Each page's query counts its list too; the levels' scores come with the rows.
    # Both lists' rows come with whether the person reviews, which the navigation asks.
    user = request.user
    mine = counted_page(
        with_reviewer_flag(queries.listed_rubrics_for(user), user),
        request.GET.get("page"),
        PAGE_SIZE,
    )
    review = counted_page(
        with_reviewer_flag(queries.listed_review_rubrics(), user),
        request.GET.get("review_page"),
        PAGE_SIZE,
    )
    remember_reviewer_from(user, mine, review)
    return render(
        request,
        "rubrics/list.html",
        {
            "mine": mine,
            "mine_rows": _with_checklists(mine),
            "review": review,
            "review_rows": _with_checklists(review),
            "can_manage_review": can_manage_review_rubrics(request.user),
        },
    )


@require_safe
@login_required
def rubric_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rubric = get_rubric_for(request.user, pk, scale=False)
    content = queries.rubric_content_of(rubric)
    return render(
        request,
        "rubrics/detail.html",
        {
            "rubric": rubric,
            "content": content,
            "checklist": rubric_checklist(content),
            "can_change": can_change_rubric(request.user, rubric),
        },
    )


def _render_builder(
    request, builder: RubricBuilder, rubric: Rubric | None, *, conflict=None, gone=False
) -> HttpResponse:
    """`gone`: the rubric was deleted since the builder was opened (409 when Save was pressed;
    a row button's answer is 200, which htmx swaps in)."""
    context = {
        "builder": builder,
        "rubric": rubric,
        "conflict": conflict,
        "gone": gone,
        "action": reverse("rubric_new") if gone else "",
    }
    status = 409 if conflict or (gone and builder.wants_save) else 200
    return render(request, "rubrics/builder.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@sent_once
def rubric_new(request: HttpRequest) -> HttpResponse:
    return _rubric_new_page(request)


def _rubric_new_page(request: HttpRequest, *, gone: bool = False) -> HttpResponse:
    """`gone`: posted from the builder of a rubric deleted since; what was entered is shown
    again, saved by nothing but a press of Save, which makes a new rubric."""
    choose_kind = can_manage_review_rubrics(request.user)
    kind = Rubric.Kind.REVIEW if choose_kind else Rubric.Kind.ARTIFACT
    if request.method != "POST":
        return _render_builder(request, RubricBuilder(choose_kind=choose_kind, kind=kind), None)
    builder = RubricBuilder(request.POST, choose_kind=choose_kind)
    if not builder.wants_save:
        builder.apply_action()
    elif gone:
        builder.is_valid()  # its problems are shown now, not after the next press
    elif builder.is_valid():
        try:
            rubric = services.rubric_create(
                actor=request.user, content=builder.content, kind=builder.kind
            )
        except ValidationError as error:
            builder.add_error(error)
        else:
            messages.success(request, "Rubric saved.")
            return redirect(rubric)
    return _render_builder(request, builder, None, gone=gone)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def rubric_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST" and deleted_since(Rubric, pk):
        return _rubric_new_page(request, gone=True)
    rubric = get_rubric_for(request.user, pk, write=True)
    if request.method != "POST":
        content = queries.rubric_content(rubric)
        builder = RubricBuilder(content=content)
        version_load(
            builder.form, version=rubric.version, snapshot=queries.rubric_snapshot(content)
        )
        return _render_builder(request, builder, rubric)
    builder = RubricBuilder(request.POST)
    if not builder.wants_save:
        builder.apply_action()
    elif builder.is_valid():
        try:
            services.rubric_update(
                actor=request.user,
                rubric=rubric,
                content=builder.content,
                expected_version=builder.form.version,
            )
        except VersionConflict as conflict:
            return _builder_conflict(request, builder, rubric, conflict)
        except ValidationError as error:
            builder.add_error(error)
        else:
            messages.success(request, "Changes saved.")
            return redirect(rubric)
    return _render_builder(request, builder, rubric)


def _builder_conflict(request, builder, rubric: Rubric, conflict) -> HttpResponse:
    """The builder again with the person's input, what changed, and the current version."""
    current = get_rubric_for(request.user, rubric.pk, write=True)
    snapshot = queries.rubric_snapshot(queries.rubric_content(current))
    conflict_shown(builder.form, conflict, snapshot)
    return _render_builder(request, builder, current, conflict=conflict)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def rubric_delete(request: HttpRequest, pk: int) -> HttpResponse:
    rubric = get_rubric_for(request.user, pk, write=True)
    if request.method == "POST":
        title = rubric.display_title
        services.rubric_delete(actor=request.user, rubric=rubric)
        messages.success(request, f"Deleted the rubric “{title}”.")
        return redirect("rubric_list")
    return render(request, "rubrics/delete.html", {"rubric": rubric})


@require_POST
@login_required
@sent_once
def rubric_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    rubric = get_rubric_for(request.user, pk, write=True)
    copy = services.rubric_duplicate(actor=request.user, rubric=rubric)
    messages.success(request, "This is your copy; edit it as you like.")
    return redirect(copy)


def _render_import(request, form: RubricImportForm) -> HttpResponse:
    return render(request, "rubrics/import.html", {"form": form, "example_yaml": seed_yaml()})


@upload_limit(documents.MAX_BYTES)  # the YAML is read in memory up to the limit, never to disk
@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@sent_once
def rubric_import(request: HttpRequest) -> HttpResponse:
    choose_kind = can_manage_review_rubrics(request.user)
    if request.method != "POST":
        return _render_import(request, RubricImportForm(choose_kind=choose_kind))
    form = RubricImportForm(request.POST, request.FILES, choose_kind=choose_kind)
    if form.is_valid():
        kind = form.cleaned_data.get("kind") or Rubric.Kind.ARTIFACT
        try:
            rubric = services.rubric_import_yaml(actor=request.user, source=form.source, kind=kind)
        except ValidationError as error:
            form.add_source_error(error)
        else:
            messages.success(request, "Rubric imported. Check it below, then edit it if needed.")
            return redirect(rubric)
    return _render_import(request, form)


@require_safe
@login_required
def rubric_export(request: HttpRequest, pk: int) -> HttpResponse:
    rubric = get_rubric_for(request.user, pk)
    response = HttpResponse(
        queries.rubric_yaml(rubric), content_type="application/yaml; charset=utf-8"
    )
    name = slugify(rubric.display_title)[:60].strip("-") or "rubric"
    response["Content-Disposition"] = f'attachment; filename="{name}-{rubric.pk}.yaml"'
    return response
