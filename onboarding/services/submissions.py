"""Writes of the expert's side of review: submitting, withdrawing, and the 60–90 day plan."""

from collections.abc import Collection
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from common.versions import VersionConflict, version_raise
from onboarding import audit
from onboarding.blind import identity_flags
from onboarding.checklist import blocking_problems, round_opening
from onboarding.confirmations import validate_confirmations
from onboarding.models import (
    AuditEntry,
    DeepeningPlan,
    Round,
    RoundCredential,
    RoundDomain,
    RoundFile,
    Submission,
)
from onboarding.queries.integrity import frozen_personal_data
from onboarding.queries.queue_choices import forget_queue_filter_choices
from onboarding.services.assignment import first_offer, first_offer_note
from onboarding.snapshots import (
    FrozenPortfolio,
    freeze_portfolio,
    review_instrument,
    snapshot_sha256,
)
from onboarding.validators import validate_plan_target
from onboarding.workflow import DRAFT, State
from portfolio.previews import file_text
from profiles.documents import document_shape
from profiles.models import User
from profiles.queries import profile_domain_names


def round_from_frozen(frozen: FrozenPortfolio, *, expert_name: str, **fields) -> Round:
    """An unsaved round of a frozen portfolio: its snapshot, hash and checklists, and the
    name, headline, shape, domains and credentials copied out for the reviewer queue
    (`fields` gives the rest)."""
    document = frozen.profile
    shape = document_shape(document)
    return Round(
        snapshot=frozen.snapshot,
        snapshot_sha256=snapshot_sha256(frozen.snapshot),
        checklists=frozen.checklists,
        expert_name=expert_name[:150],
        headline=document["headline"][:160],
        shape=shape.shape.value,
        queue_domains=[{"name": d.name, "depth": d.depth} for d in shape.domains],
        queue_credentials=list(document.get("credentials", [])),
        **fields,
    )


def round_queue_rows(round: Round) -> tuple[list[RoundDomain], list[RoundCredential]]:
    """The unsaved domain and credential rows the reviewer queue filters a round by: the
    same as the round's queue columns, with the casefolded key the filters match."""
    domains = [
        RoundDomain(
            round=round,
            name=domain["name"],
            key=domain["name"].casefold(),
            depth=domain["depth"],
            position=position,
        )
        for position, domain in enumerate(round.queue_domains)
    ]
    credentials = [
        RoundCredential(round=round, text=text, key=text.casefold(), position=position)
        for position, text in enumerate(round.queue_credentials)
    ]
    return domains, credentials


def _latest_round(submission: Submission) -> Round | None:
    return submission.rounds.order_by("-number").first()


@transaction.atomic
def submission_submit(*, actor: User, confirmed: Collection[str]) -> Round:
    """Freeze the actor's profile and artifacts as the next round, all or nothing, with the
    statements the actor `confirmed` (keys of onboarding.confirmations.CONFIRMATIONS).

    Refuses (ValidationError, nothing stored) while something blocking is missing, while
    a required statement is unconfirmed (an error per statement's key), or while the
    workflow does not allow a new round (one is pending, approved, or recently rejected or
    its approval recently revoked).
    """
    # One submission at a time per expert: a double click waits here, then finds the round.
    User.objects.select_for_update().only("pk").get(pk=actor.pk)
    submission, _ = Submission.objects.get_or_create(owner=actor)
    latest = _latest_round(submission)
    opening = round_opening(latest)
    if not opening.allowed:
        raise ValidationError(opening.reason, code="round_not_open")
    frozen = freeze_portfolio(actor)
    problems = blocking_problems(frozen)
    if problems:
        raise ValidationError(problems, code="not_ready")
    confirmations = validate_confirmations(
        confirmed, has_benchmarks=bool(frozen.artifacts["benchmarks"])
    )
    round = round_from_frozen(
        frozen,
        expert_name=actor.get_full_name(),
        submission=submission,
        number=(latest.number + 1) if latest else 1,
        state=State.SUBMITTED,
        instrument=review_instrument(),
        reviews_required=settings.REVIEWS_REQUIRED,
        submitted_at=timezone.now(),
        confirmations=confirmations,
        personal_data=frozen_personal_data(frozen),
        **first_offer(latest),
    )
    if settings.BLIND_REVIEW:
        round.identity_flags = identity_flags(
            frozen.snapshot,
            name=actor.name,
            email=actor.email,
            file_texts={str(f.pk): text for f in frozen.files if (text := file_text(f))},
        )
    round.save(force_insert=True)
    _round_rows_store(round, frozen)
    # The portfolio was a draft until now: the log reads "Draft, then Submitted".
    audit.record(
        round,
        actor=actor,
        action=AuditEntry.Action.SUBMITTED,
        note=first_offer_note(round),
        from_state=DRAFT,
    )
    transaction.on_commit(forget_queue_filter_choices)
    return round


def _round_rows_store(round: Round, frozen: FrozenPortfolio) -> None:
    """The new round's rows beside it: its domains and credentials (for the queue's filters)
    and its files."""
    domains, credentials = round_queue_rows(round)
    RoundDomain.objects.bulk_create(domains)
    RoundCredential.objects.bulk_create(credentials)
    RoundFile.objects.bulk_create(
        RoundFile(round=round, file=f, name=f.original_name, sha256=f.sha256, size=f.size)
        for f in frozen.files
    )


@transaction.atomic
def submission_withdraw(*, actor: User, round: Round) -> Round:
    """Take a round back before any reviewer has claimed it; the portfolio is a draft again.
    Refused (ValidationError, nothing written) once a reviewer started, and for a round
    withdrawn already (code "withdrawn_already": the same request sent twice)."""
    round = Round.objects.select_for_update().select_related("submission").get(pk=round.pk)
    if round.submission.owner_id != actor.pk:
        raise PermissionDenied("Only the expert who submitted a round can withdraw it.")
    if round.state == State.WITHDRAWN:  # a second click, or another tab
        raise ValidationError(
            f"Round {round.number} was withdrawn already.", code="withdrawn_already"
        )
    if round.state != State.SUBMITTED or round.reviews.exists():
        raise ValidationError(
            "A reviewer has already started on this round, so it can no longer be withdrawn.",
            code="review_started",
        )
    audit.move(round, State.WITHDRAWN, actor=actor, action=AuditEntry.Action.WITHDRAWN)
    return round


@transaction.atomic
def deepening_plan_set(
    *,
    actor: User,
    domain: str,
    target_date: date,
    expected_version: int | None,
    today: date | None = None,
) -> DeepeningPlan:
    """Choose the domain to deepen and a target 60–90 days from today, replacing the plan
    at `expected_version` (0: there was none; None: whatever it is now). A plan saved from
    another page since is not replaced (VersionConflict), nothing is written."""
    today = today or timezone.localdate()
    domains = profile_domain_names(actor)
    errors = {}
    if domain not in domains:
        errors["domain"] = (
            "Choose one of your profile's domains."
            if domains
            else "Add domains to your profile first, then choose one to deepen."
        )
    try:
        validate_plan_target(target_date, set_on=today)
    except ValidationError as error:
        errors["target_date"] = error.messages
    if errors:
        raise ValidationError(errors)
    chosen = {"domain": domain, "target_date": target_date, "set_on": today}
    plan = DeepeningPlan.objects.filter(owner=actor).first()
    if plan is None and expected_version in (None, 0):
        try:
            with transaction.atomic():
                return DeepeningPlan.objects.create(owner=actor, **chosen)
        except IntegrityError:  # a first plan saved from another page at the same moment
            plan = DeepeningPlan.objects.get(owner=actor)
    if plan is None:  # the page showed a plan that is no longer there
        raise VersionConflict(expected_version=expected_version, current_version=0)
    version_raise(plan, expected_version=expected_version)
    for name, value in chosen.items():
        setattr(plan, name, value)
    plan.save(update_fields=[*chosen, "updated"])
    return plan
