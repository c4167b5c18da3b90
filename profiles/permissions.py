"""Who may do what. Every view asks one of these first."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

REVIEWER_GROUP = "Reviewers"


def is_reviewer(user) -> bool:
    """A reviewer belongs to the Reviewers group; staff are not reviewers by default."""
    if not user.is_authenticated or not user.is_active:
        return False
    cached = getattr(user, "_is_reviewer", None)
    if cached is None:
        cached = user.groups.filter(name=REVIEWER_GROUP).exists()
        user._is_reviewer = cached
    return cached


def is_staff(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def reviewer_required(view):
    """Logged-in reviewers only: anonymous users go to the login page, others get 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_reviewer(request.user):
            raise PermissionDenied("This page is for reviewers.")
        return view(request, *args, **kwargs)

    return login_required(wrapped)


def staff_required(view):
    """Logged-in staff only: anonymous users go to the login page, others get 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_staff(request.user):
            raise PermissionDenied("This page is for staff.")
        return view(request, *args, **kwargs)

    return login_required(wrapped)
