"""What the editor, import and delete pages of every kind of artifact share."""

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def confirm_delete(request: HttpRequest, artifact, kind: str) -> HttpResponse:
    return render(request, "portfolio/confirm_delete.html", {"artifact": artifact, "kind": kind})


def add_service_error(form: Form, error: ValidationError, field: str | None) -> None:
    form.add_error(None if hasattr(error, "error_dict") else field, error)


def editor_page(
    request: HttpRequest,
    template: str,
    context: dict,
    conflict,
    *,
    gone_to: str = "",
    saving: bool = True,
) -> HttpResponse:
    """An editor or import page; 409 when it comes back refused for an old version, or for an
    artifact deleted since it was opened (`gone_to`: the address that makes a new one, where
    the form now posts). A row button's answer (not `saving`) is 200 all the same: it saves
    nothing, and htmx swaps in only a 2xx answer."""
    status = 409 if conflict or (gone_to and saving) else 200
    context = {**context, "conflict": conflict, "gone": bool(gone_to), "action": gone_to}
    return render(request, template, context, status=status)
