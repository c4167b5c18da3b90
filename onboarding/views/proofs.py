"""Proofs of credentials: the expert attaches them at /profile/credentials/; staff verify or
decline them at /review/credentials/ (anyone else gets 404 there)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from common.pagination import counted_page
from common.uploadcap import refused_upload_message
from common.versions import VersionConflict, version_rebase
from onboarding.forms import ProofDecisionForm
from onboarding.permissions import can_decide_proof, get_proof_to_decide_for
from onboarding.queries.proofs import claims_of, proof_history_page, proofs_waiting
from onboarding.services.proofs import proof_decide
from portfolio.forms.proofs import ProofForm
from portfolio.permissions import get_own_proof_for
from portfolio.services.proofs import proof_attach, proof_remove
from profiles.claims import credential_key
from profiles.permissions import is_staff

PER_PAGE = 25


def _proof_form(index: int, row, failed: ProofForm | None) -> ProofForm:
    auto_id = f"proof-{index}-%s"
    # In any case: the credential may have been written again in other letters since the
    # form was sent; its errors still show in its row.
    sent = credential_key(failed.data.get("credential", "")) if failed is not None else None
    if sent is not None and sent.casefold() == credential_key(row.text).casefold():
        failed.place(auto_id)
        return failed
    version = row.proof.version if row.proof else 0
    return ProofForm(initial={"credential": row.text, "version": version}, auto_id=auto_id)


def _orphans_page_url(number: int) -> str:
    """The address of page `number` of the orphans, or "" for none (number 0 or False). This
    page's address, not the attach address a refused form is shown at (no GET there)."""
    return f"{reverse('proofs')}?orphans_page={number}" if number else ""


def _proofs_page(request, *, failed=None, conflict=False, status=200) -> HttpResponse:
    rows, orphans = claims_of(request.user, orphans_page=request.GET.get("orphans_page"))
    claims = [(row, _proof_form(index, row, failed)) for index, row in enumerate(rows)]
    context = {
        "claims": claims,
        "orphans": orphans,
        "orphans_previous_url": _orphans_page_url(
            orphans.has_previous() and orphans.previous_page_number()
        ),
        "orphans_next_url": _orphans_page_url(orphans.has_next() and orphans.next_page_number()),
        "failed": failed,
        "conflict": conflict,
    }
    return render(request, "onboarding/proofs.html", context, status=status)


@require_safe
@login_required
def proofs(request: HttpRequest) -> HttpResponse:
    return _proofs_page(request)


@require_POST
@login_required
def proof_attach_view(request: HttpRequest) -> HttpResponse:
    form = ProofForm(
        request.POST, request.FILES, refused_upload=refused_upload_message(request, "file")
    )
    if form.is_valid():
        try:
            proof = proof_attach(actor=request.user, **form.service_kwargs())
        except VersionConflict as conflict:
            # Show the proof as it is now; sending again knowingly replaces it.
            conflict.based_on = ""
            version_rebase(form, conflict)
            return _proofs_page(request, failed=form, conflict=True, status=409)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"Proof attached to “{proof.credential}”: staff will review it."
            )
            return redirect("proofs")
    return _proofs_page(request, failed=form)


@require_POST
@login_required
def proof_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    proof = get_own_proof_for(request.user, pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = 0  # a form without its version is refused, never trusted
    try:
        proof_remove(actor=request.user, proof=proof, expected_version=version)
    except VersionConflict:
        messages.error(request, "This proof changed since you opened the page; look again.")
    else:
        messages.success(request, f"Proof removed: “{proof.credential}” is self-declared.")
    return redirect(_back_to_orphans(request.POST.get("orphans_page")))


def _back_to_orphans(sent: str | None) -> str:
    """Where a removal returns: the page of orphans it was sent from, at the list, when that
    was not the first (a number past the end shows the last page, as after removing the
    only proof on it); else the page's own address."""
    try:
        number = int(sent or 1)
    except ValueError:
        number = 1
    if number <= 1:
        return reverse("proofs")
    return f"{_orphans_page_url(number)}#orphans-heading"


@require_safe
@login_required
def proofs_to_verify(request: HttpRequest) -> HttpResponse:
    if not is_staff(request.user):
        raise Http404("No such page.")
    waiting = proofs_waiting().exclude(owner=request.user)
    page = counted_page(waiting, request.GET.get("page"), PER_PAGE)
    return render(request, "onboarding/proofs_to_verify.html", {"page": page})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def proof_review(request: HttpRequest, pk: int) -> HttpResponse:
    proof = get_proof_to_decide_for(request.user, pk)
    form = ProofDecisionForm(request.POST or None, initial={"version": proof.version})
    conflict, status = False, 200
    if request.method == "POST":
        if not can_decide_proof(request.user, proof):
            raise PermissionDenied("Staff never decide on their own credentials.")
        if form.is_valid():
            try:
                proof = proof_decide(
                    actor=request.user,
                    proof=proof,
                    verify=form.verifies,
                    note=form.cleaned_data["note"],
                    expected_version=form.version,
                )
            except VersionConflict as error:
                # The expert replaced the proof, or other staff decided: the note stays.
                error.based_on = ""
                version_rebase(form, error)
                proof.refresh_from_db()
                conflict, status = True, 409
            else:
                messages.success(request, f"Decided: “{proof.credential}” {proof.state}.")
                return redirect("proofs_to_verify")
    context = {
        "proof": proof,
        "form": form,
        "conflict": conflict,
        "can_decide": can_decide_proof(request.user, proof),
        "history": proof_history_page(proof, request.GET.get("history_page")),
    }
    return render(request, "onboarding/proof_review.html", context, status=status)
