"""Work samples: create, edit (with the version it was based on), show, delete, duplicate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from common.uploadcap import refused_upload_message
from common.versions import VersionConflict, conflict_shown, deleted_since, version_load
from portfolio import editor_snapshots, services
from portfolio.forms import WorkSampleForm
from portfolio.models import WorkSample
from portfolio.permissions import get_work_sample_for
from portfolio.previews import kept_file_preview
from portfolio.quality import checklist_for_work_sample
from portfolio.views.editing import add_service_error, confirm_delete, editor_page
from profiles.once import nothing_made, sent_once


def _work_sample_form_page(request: HttpRequest, sample=None, *, gone=False) -> HttpResponse:
    """`gone`: posted from the editor of a sample deleted since; what was entered is shown
    again, saved by nothing but the person's next press, which makes a new sample."""
    posted = request.method == "POST"
    form = WorkSampleForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        sample=sample,
        refused_upload=refused_upload_message(request, "file"),
    )
    if sample is not None and not posted:
        version_load(
            form, version=sample.version, snapshot=editor_snapshots.work_sample_snapshot(sample)
        )
    conflict, gone_to = None, reverse("work_sample_create") if gone else ""
    if gone:
        form.helper.form_action = gone_to
        form.is_valid()  # its problems are shown now, not after the next press
    elif posted and form.is_valid():
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
            conflict = conflict_shown(form, refused, editor_snapshots.work_sample_snapshot(sample))
        except ValidationError as error:
            add_service_error(form, error, "file")
            if sample is not None and sample.pk:
                sample.refresh_from_db()  # the page shows the saved title, not the refused one
        else:
            messages.success(request, f"Work sample “{sample.title}” saved.")
            return redirect(sample)
    context = {"form": form, "sample": sample}
    return editor_page(
        request, "portfolio/work_sample_form.html", context, conflict, gone_to=gone_to
    )


@require_http_methods(["GET", "POST"])
@login_required
@sent_once
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
    if request.method == "POST" and deleted_since(WorkSample, pk):
        return _work_sample_form_page(request, gone=True)
    return _work_sample_form_page(request, get_work_sample_for(request.user, pk, write=True))


@require_http_methods(["GET", "POST"])
@login_required
def work_sample_delete(request: HttpRequest, pk: int) -> HttpResponse:
    sample = get_work_sample_for(request.user, pk, write=True)
    if request.method == "POST":
        services.work_sample_delete(actor=request.user, sample=sample)
        messages.success(request, f"Work sample “{sample.title}” deleted.")
        return redirect("portfolio")
    return confirm_delete(request, sample, "work sample")


@require_POST
@login_required
@sent_once
def work_sample_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    sample = get_work_sample_for(request.user, pk, write=True)
    try:
        copy = services.work_sample_duplicate(actor=request.user, sample=sample)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return nothing_made(redirect(sample))
    messages.success(request, "Duplicated. This is the copy: rename or change it as you like.")
    return redirect(copy)
