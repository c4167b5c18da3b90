"""The credential pages: the expert's download, the public verification pages, the public key
set, and staff's revocation."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_safe

from credentials import keys, queries, services
from credentials.forms import PastedCredentialForm, RevokeForm
from credentials.permissions import (
    can_revoke_credential,
    get_credential_to_revoke,
    get_own_credential_for,
)
from credentials.signing import MEDIA_TYPE
from profiles.permissions import staff_required

JWKS_MAX_AGE = 3600  # verifiers may keep the key an hour; a rotation adds a key first


@require_safe
@login_required
def credential_download(request: HttpRequest, pk: UUID) -> HttpResponse:
    credential = get_own_credential_for(request.user, pk)
    response = HttpResponse(credential.token, content_type=f"application/{MEDIA_TYPE}")
    response["Content-Disposition"] = f'attachment; filename="{credential.file_name}"'
    return response


@require_safe
def credential_verify(request: HttpRequest, pk: UUID) -> HttpResponse:
    credential = queries.issued_credential(pk)
    if credential is None:
        # A verifier following the address in a credential gets a verdict, not a bare 404.
        verification = queries.no_credential_at_address()
        context = {"verification": verification, "credential": None}
        return render(request, "credentials/verify.html", context, status=404)
    verification, _record = queries.verify_token(credential.token)
    return render(
        request,
        "credentials/verify.html",
        {"verification": verification, "credential": credential},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def credential_verify_paste(request: HttpRequest) -> HttpResponse:
    form = PastedCredentialForm(request.POST or None)
    verification = credential = None
    if request.method == "POST" and form.is_valid():
        verification, credential = queries.verify_token(form.cleaned_data["token"])
    return render(
        request,
        "credentials/verify_paste.html",
        {"form": form, "verification": verification, "credential": credential},
    )


@require_safe
def jwks(request: HttpRequest) -> HttpResponse:
    response = JsonResponse(keys.public_jwks())
    response["Content-Type"] = "application/jwk-set+json"
    # Public and the same for everyone: caches may keep it, and any site may read it.
    patch_cache_control(response, public=True, max_age=JWKS_MAX_AGE)
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@staff_required
def credential_revoke(request: HttpRequest, pk: UUID) -> HttpResponse:
    credential = get_credential_to_revoke(request.user, pk)
    if not can_revoke_credential(request.user, credential):
        raise PermissionDenied("You cannot revoke this approval.")
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and not credential.is_revoked and form.is_valid():
        try:
            services.credential_revoke(
                actor=request.user, credential=credential, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Approval revoked: {credential.round.expert_name}'s credential now shows as "
                "revoked to anyone who checks it.",
            )
            return redirect(credential.round)
    if form.has_error(NON_FIELD_ERRORS, "revoked_already"):
        # Revoked by another request after this one read it.
        credential.refresh_from_db(fields=["revoked_at", "revoke_reason", "revoked_by"])
    # A second revoke (another tab, a second click) changed nothing: the page says when it was.
    status = 409 if request.method == "POST" and credential.is_revoked else 200
    context = {"credential": credential, "form": form, "refused": status == 409}
    return render(request, "credentials/revoke.html", context, status=status)
