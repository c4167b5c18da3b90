"""Who may see and change which rubric. Every rubric view asks get_rubric_for() first.

A portfolio rubric is its owner's: only they change it; staff may look. A review
rubric is the published instrument reviewers score with: every signed-in person
may read it, only staff change it. Anything else is answered with 404.
"""

from django.http import Http404

from profiles.permissions import is_staff, remember_reviewer, with_reviewer_flag
from rubrics import queries
from rubrics.models import Rubric


def can_manage_review_rubrics(user) -> bool:
    return is_staff(user)


def can_view_rubric(user, rubric: Rubric) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if rubric.kind == Rubric.Kind.REVIEW:
        return True
    return rubric.owner_id == user.pk or is_staff(user)


def can_change_rubric(user, rubric: Rubric) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if rubric.kind == Rubric.Kind.REVIEW:
        return can_manage_review_rubrics(user)
    return rubric.owner_id == user.pk


# The services ask these two: every way in (pages, admin, commands) passes through them.


def can_create_rubric(user, *, owner, kind: str) -> bool:
    """A person starts their own portfolio rubrics; review rubrics are staff's, and staff
    keep rubrics in the admin for anyone."""
    if not user.is_authenticated or not user.is_active:
        return False
    if kind == Rubric.Kind.REVIEW:
        return can_manage_review_rubrics(user)
    return owner.pk == user.pk or is_staff(user)


def can_write_rubric(user, rubric: Rubric) -> bool:
    """Who may change or delete the rubric: whoever its pages let (can_change_rubric), and
    staff, who keep every rubric in the admin."""
    return can_change_rubric(user, rubric) or is_staff(user)


def get_rubric_for(user, pk: int, *, write: bool = False, scale: bool = True) -> Rubric:
    """The rubric with its owner and (unless scale=False) its scale prefetched, if this person
    may see it (or change it, with write=True)."""
    rubrics = Rubric.objects.select_related("owner").filter(pk=pk)
    if user.is_authenticated:  # the navigation asks too: one query for both
        rubrics = with_reviewer_flag(rubrics, user)
    rubric = (queries.with_scale(rubrics) if scale else rubrics).first()
    if rubric is not None and user.is_authenticated:
        remember_reviewer(user, rubric)
    allowed = can_change_rubric if write else can_view_rubric
    if rubric is None or not allowed(user, rubric):
        raise Http404("No such rubric.")
    return rubric
