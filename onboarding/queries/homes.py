"""Which homes /dashboard/ shows someone: the expert's, the reviewer's, the staff's."""

from django.db.models import Exists, OuterRef

from onboarding.models import Submission
from portfolio.models import AdversarialTestPlan, Benchmark, WorkSample
from profiles.models import User
from profiles.permissions import is_reviewer, is_staff
from rubrics.models import Rubric


def is_expert(user: User) -> bool:
    """Everyone who signed up is an expert, but a reviewer or staff member only once they
    build a portfolio (an artifact or a submission): a reviewer's profile alone is there
    to match them with rounds, and the onboarding checklist would only be noise."""
    if not (is_reviewer(user) or is_staff(user)):
        return True
    own = {"owner": OuterRef("pk")}
    return (
        User.objects.filter(pk=user.pk)
        .filter(
            Exists(Submission.objects.filter(**own))
            | Exists(Rubric.objects.filter(kind=Rubric.Kind.ARTIFACT, **own))
            | Exists(Benchmark.objects.filter(**own))
            | Exists(AdversarialTestPlan.objects.filter(**own))
            | Exists(WorkSample.objects.filter(**own))
        )
        .exists()
    )
