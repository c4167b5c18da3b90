"""Adversarial test plans: create, edit (with the version it was based on), show, delete,
duplicate. Named adversarial_plan_*: a name starting with "test_" would be collected by pytest."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from common.versions import VersionConflict, conflict_shown, deleted_since, version_load
from portfolio import editor_snapshots, services
from portfolio.forms import AdversarialPlanEditor
from portfolio.models import AdversarialTestPlan
from portfolio.permissions import get_test_plan_for
from portfolio.quality import checklist_for_test_plan
from portfolio.views.editing import confirm_delete, editor_page
from profiles.once import sent_once

CASES_PER_PAGE = 25  # as a benchmark's items


def _plan_form_page(request: HttpRequest, plan=None, *, gone=False) -> HttpResponse:
    """`gone`: posted from the editor of a plan deleted since; what was entered is shown again
    (row buttons work on it), saved by nothing but a press of Save, which makes a new plan."""
    editor = AdversarialPlanEditor(request.POST if request.method == "POST" else None, plan=plan)
    if plan is not None and request.method != "POST":
        version_load(
            editor.form, version=plan.version, snapshot=editor_snapshots.test_plan_snapshot(plan)
        )
    conflict = None
    if gone:
        editor.is_valid()  # its problems are shown now, not after the next press
    elif editor.is_valid():
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
            conflict = conflict_shown(
                editor.form, refused, editor_snapshots.test_plan_snapshot(plan)
            )
        except ValidationError as error:
            editor.add_error(error)
            if plan is not None and plan.pk:
                plan.refresh_from_db()  # the page shows the saved title, not the refused one
        else:
            messages.success(request, f"Test plan “{plan.title}” saved.")
            return redirect(plan)
    context = {"editor": editor, "plan": plan}
    gone_to = reverse("test_plan_create") if gone else ""
    return editor_page(
        request,
        "portfolio/test_plan_form.html",
        context,
        conflict,
        gone_to=gone_to,
        saving=editor.saving,
    )


@require_http_methods(["GET", "POST"])
@login_required
@sent_once
def adversarial_plan_create(request: HttpRequest) -> HttpResponse:
    return _plan_form_page(request)


@require_safe
@login_required
def adversarial_plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_test_plan_for(request.user, pk)
    cases = list(plan.cases.all())
    context = {
        "plan": plan,
        "checklist": checklist_for_test_plan(plan, cases),
        "case_count": len(cases),
        "cases_page": Paginator(cases, CASES_PER_PAGE).get_page(request.GET.get("page")),
    }
    return render(request, "portfolio/test_plan_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def adversarial_plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST" and deleted_since(AdversarialTestPlan, pk):
        return _plan_form_page(request, gone=True)
    return _plan_form_page(request, get_test_plan_for(request.user, pk, write=True))


@require_http_methods(["GET", "POST"])
@login_required
def adversarial_plan_delete(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_test_plan_for(request.user, pk, write=True)
    if request.method == "POST":
        services.adversarial_plan_delete(actor=request.user, plan=plan)
        messages.success(request, f"Test plan “{plan.title}” deleted.")
        return redirect("portfolio")
    return confirm_delete(request, plan, "test plan")


@require_POST
@login_required
@sent_once
def adversarial_plan_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_test_plan_for(request.user, pk, write=True)
    copy = services.adversarial_plan_duplicate(actor=request.user, plan=plan)
    messages.success(request, "Duplicated. This is the copy: rename or change it as you like.")
    return redirect(copy)
