"""What the editor, import and delete pages of every kind of artifact share."""

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def confirm_delete(request: HttpRequest, artifact, kind: str) -> HttpResponse:
    return render(request, "portfolio/confirm_delete.html", {"artifact": artifact, "kind": kind})


def add_service_error(form: Form, error: ValidationError, field: str | None) -> None:
    form.add_error(None if hasattr(error, "error_dict") else field, error)


def editor_page(request: HttpRequest, template: str, context: dict, conflict) -> HttpResponse:
    """An editor or import page; 409 when it comes back refused for an old version."""
    status = 409 if conflict else 200
    return render(request, template, {**context, "conflict": conflict}, status=status)
