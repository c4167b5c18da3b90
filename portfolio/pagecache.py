"""Which cached pages each change to a portfolio, a round or a review touches."""

from portfolio.models import (
    AdversarialTestPlan,
    AuditEntry,
    Benchmark,
    DeepeningPlan,
    Review,
    Round,
    StoredFile,
    Submission,
    WorkSample,
)
from profiles.pagecache import REVIEWS, user_scope, watch


def _owner(thing) -> list[str]:
    return [user_scope(thing.owner_id)]


def _round_owner(submission_filter: dict) -> list[str]:
    # Gone already when the whole submission is being deleted; its own signal covers that.
    owner = Submission.objects.filter(**submission_filter).values_list("owner_id", flat=True)
    return [REVIEWS, *(user_scope(pk) for pk in owner[:1])]


def watch_portfolio() -> None:
    for model in (WorkSample, AdversarialTestPlan, Benchmark, StoredFile, DeepeningPlan):
        watch(model, _owner)
    watch(Submission, lambda submission: [REVIEWS, *_owner(submission)])
    watch(Round, lambda round: _round_owner({"pk": round.submission_id}))
    watch(Review, lambda review: _round_owner({"rounds": review.round_id}))
    watch(AuditEntry, lambda entry: [REVIEWS])
