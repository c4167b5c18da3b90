"""The person's own account: /account/, their data as a zip, and deleting the account."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from account import services
from account.export import data_export_file
from account.forms import AccountDeleteForm
from account.permissions import can_delete_account
from onboarding.models import Review, Round
from portfolio.models import StoredFile


def _account_facts(user) -> dict:
    return {
        "can_delete": can_delete_account(user),
        "round_count": Round.objects.filter(submission__owner=user).count(),
        "file_count": StoredFile.objects.filter(owner=user).count(),
        "submitted_reviews": Review.objects.filter(
            reviewer=user, state=Review.State.SUBMITTED
        ).count(),
        "claimed_reviews": Review.objects.filter(reviewer=user, state=Review.State.CLAIMED).count(),
    }


@require_safe
@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "account/account.html", _account_facts(request.user))


@never_cache
@require_safe
@login_required
def account_export(request: HttpRequest) -> FileResponse:
    archive, filename = data_export_file(request.user)
    response = FileResponse(
        archive, as_attachment=True, filename=filename, content_type="application/zip"
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox; frame-ancestors 'none'"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def account_delete(request: HttpRequest) -> HttpResponse:
    facts = _account_facts(request.user)
    form = AccountDeleteForm(
        request.POST if request.method == "POST" else None, user=request.user, request=request
    )
    if request.method == "POST":
        if not facts["can_delete"]:
            raise PermissionDenied("Staff accounts are closed by another staff member.")
        if form.is_valid():
            closed = services.account_delete(actor=request.user)
            logout(request)
            messages.success(
                request,
                "Your account is deleted, with everything you made."
                if closed.deleted
                else "Your account is closed and everything you made is deleted. The reviews "
                "you submitted stay, signed “Former reviewer”.",
            )
            return redirect("landing")
    return render(request, "account/account_delete.html", {**facts, "form": form})
