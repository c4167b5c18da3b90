"""A round's page, for its expert (/submit/rounds/<id>/) and for reviewers and staff
(/review/rounds/<id>/), with a benchmark's items a page at a time; and what reviewers and
staff do there: claim, release, score, adjudicate."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from common.versions import VersionConflict, conflict_shown, version_load
from onboarding.blind import blind_for, expert_label
from onboarding.forms import BACK, CONFIRM, AdjudicationForm, ScoringForm
from onboarding.models import Review, Round
from onboarding.permissions import (
    OWNER,
    REVIEWER,
    STAFF,
    can_adjudicate,
    can_score_round,
    get_own_round_for,
    get_round_for,
)
from onboarding.queries import frozen, rounds
from onboarding.queries.integrity import round_integrity
from onboarding.services import reviews
from onboarding.services.assignment import claims_expire
from onboarding.views import kept_parts
from onboarding.views.assign import staff_forms
from onboarding.views.refusals import MOVED_ON, NotSaved, adjudication_closed, scoring_closed
from onboarding.workflow import DECIDED, Decision, State, state_label
from profiles.models import User
from profiles.permissions import is_reviewer, reviewer_required, staff_required

logger = logging.getLogger(__name__)


@require_safe
@login_required
def submission_round(request: HttpRequest, pk: int) -> HttpResponse:
    return _round_page(request, get_own_round_for(request.user, pk), OWNER)


def _reads_blind(request: HttpRequest, audience: str) -> bool:
    """Whether this person reads the round blind: a reviewer, under blind review."""
    return audience == REVIEWER and blind_for(request.user)


def _label(request: HttpRequest, round: Round, audience: str) -> str:
    """The expert as this person may know them: anonymous to reviewers under blind review."""
    blind = _reads_blind(request, audience)
    return expert_label(round.expert_name, round.submission_id, blind=blind)


def _frozen_items_page(request: HttpRequest, round: Round, artifact_id: int, audience: str):
    benchmark = frozen.frozen_benchmark(round, artifact_id)
    if benchmark is None:
        raise Http404("No such benchmark in this round.")
    page = Paginator(benchmark.get("items", []), frozen.FROZEN_ITEMS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "onboarding/round_benchmark_items.html",
        {
            "round": round,
            "for_owner": audience == OWNER,
            "expert_label": _label(request, round, audience),
            "benchmark": benchmark,
            "page": page,
        },
    )


@require_safe
@login_required
def submission_round_benchmark(request: HttpRequest, pk: int, artifact_id: int) -> HttpResponse:
    return _frozen_items_page(request, get_own_round_for(request.user, pk), artifact_id, OWNER)


@require_safe
@login_required
def review_round_benchmark(request: HttpRequest, pk: int, artifact_id: int) -> HttpResponse:
    round, audience = get_round_for(request.user, pk)
    return _frozen_items_page(request, round, artifact_id, audience)


def _round_page(
    request: HttpRequest,
    round: Round,
    audience: str,
    *,
    scoring_form: ScoringForm | None = None,
    adjudication_form: AdjudicationForm | None = None,
    read: rounds.ReviewsRead | None = None,
    kept: dict | None = None,
    conflict: VersionConflict | None = None,
    not_saved: NotSaved | None = None,
) -> HttpResponse:
    """`read`: the round's reviews and the round before, when read already (kept_parts.kept_copy()
    first, then rounds.reviews_read()), with `kept`, the copy that lookup found. `conflict`:
    the scoring form was refused for a draft saved since; `not_saved`: a form the round no
    longer takes (both answer 409)."""
    blind = _reads_blind(request, audience)
    if read is None:
        kept = kept_parts.kept_copy(round, blind=blind)
        if audience != OWNER:
            read = rounds.reviews_read(round, snapshot=kept is None)
    before_key, before_kept = kept_parts.kept_round_before(read)
    page = rounds.round_page(
        round,
        request.user,
        audience,
        read=read,
        previous_snapshot=kept is None,
        round_before_kept=before_kept is not None,
        audit_page=request.GET.get("audit_page"),
    )
    if page.can_score and scoring_form is None:
        mine = page.reviews.mine
        scoring_form = ScoringForm(
            instrument=round.instrument, review=mine, marks=page.reviews.marks_of(mine)
        )
        version_load(scoring_form, version=mine.version, snapshot=scoring_form.draft_snapshot())
    if page.can_adjudicate and adjudication_form is None:
        adjudication_form = AdjudicationForm(
            instrument=round.instrument, reviews=rounds.review_marks(round)
        )
    context = {
        **page.context(),
        "round": round,
        "expert_label": _label(request, round, audience),
        "blind": blind,
        "frozen": kept_parts.frozen_copy_html(
            round, intact=page.snapshot_intact, blind=blind, before=page.round_before, kept=kept
        ),
        "round_before_html": before_kept
        or kept_parts.round_before_html(page.previous_round, before_key),
        "scoring_form": scoring_form if page.can_score else None,
        "adjudication_form": adjudication_form if page.can_adjudicate else None,
        "integrity": round_integrity(round, audience, blind=blind),
        **(staff_forms(round, taken=page.reviews.taken) if page.can_assign else {}),
        "scoring_conflict": conflict,
        "not_saved": not_saved,
    }
    status = 409 if conflict or not_saved else 200
    return render(request, "onboarding/round.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def review_round(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST":
        return _score(request, pk)
    round, audience = get_round_for(request.user, pk)
    kept = kept_parts.kept_copy(round, blind=_reads_blind(request, audience))
    # Only this round's claims matter here, and the page reads them anyway: the
    # expiry runs when one of them is due (claim_expired), and the round is read again.
    read = rounds.reviews_read(round, previous=audience != OWNER, snapshot=kept is None)
    if any(reviews.claim_expired(review) for review in read.reviews):
        claims_expire()
        return _round_page(request, *get_round_for(request.user, pk))
    return _round_page(request, round, audience, read=read, kept=kept)


def _score(request: HttpRequest, pk: int) -> HttpResponse:
    round, audience = get_round_for(request.user, pk)
    review = round.reviews.filter(reviewer=request.user).first()
    # A reviewer whose seat went (released, expired) still reads the round: told, not refused.
    told = audience != OWNER and is_reviewer(request.user)
    if not (can_score_round(request.user, round, review) or told):
        raise PermissionDenied("Claim the round before you score it.")
    form = ScoringForm(request.POST, instrument=round.instrument)
    if closed := scoring_closed(round, review):
        not_saved = NotSaved("review", closed, form.entered())
        return _round_page(request, round, audience, not_saved=not_saved)
    if form.is_valid() and form.needs_confirmation:
        if form.going_back:
            return _round_page(request, round, audience, scoring_form=form)
        return _confirmation_page(request, round, form, reviewer=request.user)
    if form.is_valid():
        try:
            reviews.review_save(
                actor=request.user,
                review=review,
                data=form.review_input(),
                submit=form.submitting,
                expected_version=form.version,
            )
        except VersionConflict as conflict:
            return _scoring_conflict(request, round, audience, form, conflict)
        except ValidationError as error:
            if getattr(error, "code", None) not in MOVED_ON:
                form.add_error(None, error)
            else:  # released, expired, submitted or decided meanwhile, in another tab
                if error.code == "claim_expired":
                    claims_expire()  # dropped now, as the page would on its next reading
                round, audience = get_round_for(request.user, pk)
                review = round.reviews.filter(reviewer=request.user).first()
                why = scoring_closed(round, review) or " ".join(error.messages)
                not_saved = NotSaved("review", why, form.entered())
                return _round_page(request, round, audience, not_saved=not_saved)
        else:
            round.refresh_from_db()
            messages.success(request, _scoring_message(round, submitted=form.submitting))
            return redirect(round)
    return _round_page(request, round, audience, scoring_form=form)


def _scoring_conflict(
    request: HttpRequest, round: Round, audience: str, form: ScoringForm, conflict: VersionConflict
) -> HttpResponse:
    """The round page again with the person's input, now based on the draft saved since (in
    another tab), which is listed where it differs: saving again replaces it, knowingly."""
    saved = Review.objects.get(round=round, reviewer=request.user)
    current = ScoringForm(instrument=round.instrument, review=saved).draft_snapshot()
    conflict_shown(form, conflict, current)
    return _round_page(request, round, audience, scoring_form=form, conflict=conflict)


def _confirmation_page(
    request: HttpRequest,
    round: Round,
    form: ScoringForm | AdjudicationForm,
    *,
    reviewer: User | None,
) -> HttpResponse:
    """Approve and reject are final: what was entered and what it will do, with Confirm
    (the same fields again, confirmed) and Go back (the form, as entered)."""
    decision = form.cleaned_data["decision"]
    # Staff know whose round it is; a reviewer under blind review never does.
    blind = reviewer is not None and blind_for(reviewer)
    return render(
        request,
        "onboarding/decision_confirm.html",
        {
            "round": round,
            "expert_label": expert_label(round.expert_name, round.submission_id, blind=blind),
            "form": form,
            "by_staff": reviewer is None,
            "decision": Decision(decision),
            "lines": form.score_lines(),
            "comment": form.cleaned_data["comment" if reviewer else "note"],
            "consequences": rounds.decision_consequences(round, decision, reviewer=reviewer),
            "action": reverse("review_round" if reviewer else "round_adjudicate", args=[round.pk]),
            "anchor": "score" if reviewer else "adjudicate-heading",
            "confirm": CONFIRM,
            "back": BACK,
        },
    )


def _scoring_message(round: Round, *, submitted: bool) -> str:
    if not submitted:
        return "Draft saved. Only you can see it until you submit."
    if round.state == State.ADJUDICATION:
        return "Review submitted. The reviews disagree, so staff will decide."
    if round.state in DECIDED:
        return f"Review submitted. The round is decided: {state_label(round.state).lower()}."
    return "Review submitted. The round waits for the other reviews it needs."


@require_POST
@reviewer_required
def review_claim(request: HttpRequest, pk: int) -> HttpResponse:
    round, audience = get_round_for(request.user, pk)
    try:  # the service refuses the expert's own round (PermissionDenied)
        reviews.review_claim(actor=request.user, round=round)
    except ValidationError as error:
        if error.code == "claimed_already":  # a second press, or the queue in another tab
            messages.info(request, " ".join(error.messages))
            return redirect(round)
        messages.error(request, " ".join(error.messages))
        return redirect("review_queue")
    messages.success(
        request, f"You claimed {_label(request, round, audience)}'s round {round.number}."
    )
    return redirect(round)


@require_POST
@reviewer_required
def review_release(request: HttpRequest, pk: int) -> HttpResponse:
    round, audience = get_round_for(request.user, pk)
    try:
        reviews.review_release(actor=request.user, round=round)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(round)
    label = _label(request, round, audience)
    messages.success(request, f"You released {label}'s round {round.number}; your draft is gone.")
    return redirect("review_queue")


@require_POST
@staff_required
def round_adjudicate(request: HttpRequest, pk: int) -> HttpResponse:
    round, audience = get_round_for(request.user, pk)
    if audience != STAFF:  # staff never decide on their own portfolio
        raise PermissionDenied("This round is not waiting for your decision.")
    form = AdjudicationForm(
        request.POST, instrument=round.instrument, reviews=rounds.review_marks(round)
    )
    if not can_adjudicate(request.user, round):  # decided, by other staff or in another tab
        not_saved = NotSaved("decision", adjudication_closed(round), form.entered())
        return _round_page(request, round, audience, not_saved=not_saved)
    if form.is_valid() and form.needs_confirmation:
        if form.going_back:
            return _round_page(request, round, audience, adjudication_form=form)
        return _confirmation_page(request, round, form, reviewer=None)
    if form.is_valid():
        try:
            reviews.round_adjudicate(
                actor=request.user,
                round=round,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            if getattr(error, "code", None) not in MOVED_ON:
                form.add_error(None, error)
            else:  # decided meanwhile, by other staff or in another tab
                round, audience = get_round_for(request.user, pk)
                not_saved = NotSaved("decision", adjudication_closed(round), form.entered())
                return _round_page(request, round, audience, not_saved=not_saved)
        else:
            round.refresh_from_db()
            messages.success(
                request,
                f"Decided: {state_label(round.state).lower()}. The expert is told by email.",
            )
            return redirect(round)
    return _round_page(request, round, audience, adjudication_form=form)
