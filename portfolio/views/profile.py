"""The expert's profile: its page, editor, import and export. Its document lists the
portfolio's linked work samples, so these pages live here rather than in profiles."""

import json
from functools import cache

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html_join
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from common.versions import conflict_explained, conflict_shown, snapshot_token, version_load
from portfolio import queries, services
from portfolio.claims import credential_standings, saved_credential_claims
from portfolio.documents import profile_document_for, profile_with_document_for
from portfolio.evidence import document_with_evidence, evidence_of, evidence_shown
from profiles.completeness import profile_completeness
from profiles.forms import ProfileEditor, ProfileImportForm
from profiles.models import Profile
from profiles.permissions import remember_reviewer, with_reviewer_flag
from profiles.presentation import AUDIENCES, EDITOR_ANCHORS
from profiles.queries import profile_snapshot, profile_suggestions
from profiles.resume import resume_from_document
from profiles.schema import IANA_TIME_ZONES, seed_document
from profiles.services import ProfileConflict
from profiles.validators import MAX_DOCUMENT_BYTES, DocumentInvalid


@require_safe
@login_required
def profile_detail(request: HttpRequest) -> HttpResponse:
    sample_types, samples_version = queries.work_sample_types_of(request.user)
    # The profile row comes with whether the person reviews, for the navigation, and which
    # artifacts they built, for what the profile lacks.
    profile, document = profile_with_document_for(
        request.user,
        samples_version=samples_version,
        rows=with_reviewer_flag(queries.profiles_with_built_artifacts(), request.user),
    )
    if profile is not None:
        remember_reviewer(request.user, profile)
    audience = request.GET.get("view")
    audience = audience if audience in AUDIENCES else "owner"
    completeness = profile_completeness(
        document, other_sample_types=sample_types | queries.built_artifact_types(profile)
    )
    return render(
        request,
        "profiles/profile_detail.html",
        {
            "profile": profile,
            "document": document,
            "standings": credential_standings(request.user.pk),
            "audience": audience,
            # The public sees the approved round's evidence (/p/<slug>/), not the live links.
            "evidence": evidence_shown(evidence_of(request.user))
            if profile is not None and audience != "public"
            else None,
            "completeness": completeness,
            "missing": [(item, EDITOR_ANCHORS[item.key]) for item in completeness.missing],
        },
    )


@cache
def _time_zone_options() -> str:
    """The editor's <datalist> of IANA time zones: six hundred options, built once."""
    return format_html_join(
        "", '<option value="{}"></option>', ((z,) for z in sorted(IANA_TIME_ZONES))
    )


def _suggestion_options(suggestions: dict[str, list[str]]) -> dict[str, str]:
    """Each list's <option>s, built in one call rather than a template variable an option
    (the lists hold up to two hundred values each)."""
    return {
        key: format_html_join("", '<option value="{}"></option>', ((value,) for value in values))
        for key, values in suggestions.items()
    }


def _editor_page(
    request, editor: ProfileEditor, *, conflict=None, saved=None, status=200
) -> HttpResponse:
    return render(
        request,
        "profiles/profile_edit.html",
        {
            "editor": editor,
            "summary": editor.error_summary(),
            "conflict": conflict,
            "saved": saved,
            "time_zone_options": _time_zone_options(),
            "suggestions": _suggestion_options(profile_suggestions()),
            "credential_claims": saved_credential_claims(request.user.pk),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        # The profile row comes with whether the person reviews, for the navigation.
        rows = with_reviewer_flag(Profile.objects.all(), request.user)
        profile, document = profile_with_document_for(request.user, rows=rows)
        if profile is not None:
            remember_reviewer(request.user, profile)
        editor = ProfileEditor.for_document(document, version=profile.version if profile else 0)
        editor.based_on = snapshot_token(profile_snapshot(document))
        return _editor_page(request, editor)
    editor = ProfileEditor(request.POST)
    if editor.row_button_pressed:
        # A row button: with htmx or without, the editor comes back changed and nothing is saved.
        return _editor_page(request, editor.with_action())
    if editor.is_valid():
        try:
            services.profile_replace_from_document(
                actor=request.user,
                user=request.user,
                document=editor.document,
                expected_version=editor.version,
                # The editor lists every linked sample: one taken out there is deleted.
                remove_missing_samples=True,
                based_on=editor.based_on,
            )
        except ProfileConflict as conflict:
            # Keep what this person typed; saving again now knowingly replaces the other edit.
            saved = profile_document_for(request.user)
            current = profile_snapshot(saved)
            conflict_explained(conflict, based_on=editor.based_on, current=current)
            editor.version, editor.based_on = conflict.current_version, conflict.based_on
            return _editor_page(request, editor, conflict=conflict, saved=saved, status=409)
        except DocumentInvalid as exc:
            editor.show_document_errors(exc.document_errors)
        else:
            messages.success(request, "Your profile is saved.")
            return redirect("profile")
    return _editor_page(request, editor)


IMPORTED = {  # by whether the document came from a JSON Resume's preview
    False: "Imported. Your profile now matches the document.",
    True: "Imported from your JSON Resume. Your profile now holds what the preview showed.",
}


@require_http_methods(["GET", "POST"])
@login_required
def profile_import(request: HttpRequest) -> HttpResponse:
    context = {
        "example": json.dumps(seed_document(), indent=2, ensure_ascii=False),
        "limit_kb": MAX_DOCUMENT_BYTES // 1024,
        "has_profile": Profile.objects.filter(user=request.user).exists(),
    }
    if request.method == "GET":
        form = ProfileImportForm()
        profile, document = profile_with_document_for(request.user)
        version = profile.version if profile else 0
        version_load(form, version=version, snapshot=profile_snapshot(document))
        return render(request, "profiles/profile_import.html", {**context, "form": form})
    form = ProfileImportForm(request.POST, request.FILES)
    if form.is_valid() and form.resume is not None:
        context = {**context, "resume": form.resume, "form": form}
        return render(request, "profiles/profile_import_resume.html", context)
    if form.is_valid():
        try:
            imported = services.profile_import(
                actor=request.user,
                user=request.user,
                document=form.cleaned_data["document"],
                expected_version=form.version,
            )
        except ProfileConflict as conflict:
            current = profile_snapshot(profile_document_for(request.user))
            context = {**context, "form": form, "conflict": conflict_shown(form, conflict, current)}
            return render(request, "profiles/profile_import.html", context, status=409)
        except DocumentInvalid as exc:
            form.document_errors = exc.document_errors
        else:
            messages.success(request, IMPORTED[form.cleaned_data["from_resume"]])
            for note in imported.notes:
                messages.warning(request, note)
            return redirect("profile")
    return render(request, "profiles/profile_import.html", {**context, "form": form})


@never_cache
@require_safe
@login_required
def profile_export(request: HttpRequest) -> HttpResponse:
    profile, document = profile_with_document_for(request.user)
    if profile is None:
        raise Http404("You have no profile to export yet.")
    # The page's kept document, with the links of its deep domains (read fresh).
    document = document_with_evidence(document, evidence_of(request.user))
    response = JsonResponse(document, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="skill-profile-{profile.slug}.json"'
    return response


@never_cache
@require_safe
@login_required
def profile_export_resume(request: HttpRequest) -> HttpResponse:
    profile, document = profile_with_document_for(request.user)
    if profile is None:
        raise Http404("You have no profile to export yet.")
    resume = resume_from_document(
        document,
        name=request.user.name,
        email=request.user.email,  # the person's own download, so their own address
        last_modified=profile.updated_at,
    )
    response = JsonResponse(resume, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="{profile.slug}.resume.json"'
    return response
