"""Submissions: an expert's portfolio frozen for review, round by round, and its audit log."""

from django.conf import settings
from django.db import models
from django.db.models import JSONField, Q, Value
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone

from onboarding.workflow import (
    DECISION_STATES,
    OPEN_FOR_REVIEW,
    PENDING,
    Decision,
    State,
    state_label,
)
from portfolio.models import CredentialProof, StoredFile
from profiles.shape import SHAPE_LABELS


class Submission(models.Model):
    """One per expert: the thread of rounds their portfolio goes through."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submission"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        # The table it has had since it was part of the portfolio app.
        db_table = "portfolio_submission"

    def __str__(self) -> str:
        return f"Submission of {self.owner}"


class Round(models.Model):
    """One submission of the portfolio: a frozen snapshot, the frozen review instrument, and
    what happened to it. The snapshot and instrument never change after submitting.

    The expert's name, headline, shape, domains and credentials are copied out of the
    snapshot into columns and child rows, so the reviewer queue filters with indexes.
    """

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField()
    state = models.CharField(max_length=20, choices=State.choices, default=State.SUBMITTED)
    snapshot = models.JSONField()
    snapshot_sha256 = models.CharField("snapshot SHA-256", max_length=64)
    # The quality checklist of every artifact as it was submitted: kind -> artifact id -> items.
    checklists = models.JSONField(default=dict)
    # The review form's rubrics as plain data, so reviewers score what the expert was told.
    instrument = models.JSONField()
    reviews_required = models.PositiveSmallIntegerField(default=1)
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    # Staff's reasons when they adjudicated; reviewers' feedback lives on their reviews.
    decision_note = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adjudicated_rounds",
    )
    expert_name = models.CharField(max_length=150)
    headline = models.CharField(max_length=160)
    shape = models.CharField(
        max_length=20, choices=[(shape.value, label) for shape, label in SHAPE_LABELS.items()]
    )
    # What a queue row shows of the domains and credentials, copied out with the rows above
    # so that a page of the queue is one query: [{"name", "depth"}] and [text], in order.
    # The database default keeps rows written without them (older code, COPY) valid.
    queue_domains = models.JSONField(default=list, db_default=Value([], JSONField()))
    queue_credentials = models.JSONField(default=list, db_default=Value([], JSONField()))
    # The statements the expert confirmed on submitting, worded as they read them; empty
    # for rounds submitted before the page asked (onboarding/confirmations.py).
    confirmations = models.JSONField(default=list, db_default=Value([], JSONField()))
    # Personal data found in the frozen text files and benchmark items when submitting:
    # [{"where", "findings": [{"kind", "excerpt", "line"}]}] (onboarding/queries/integrity.py).
    personal_data = models.JSONField(default=list, db_default=Value([], JSONField()))
    # A resubmission waits first for the reviewer who decided the previous round.
    offered_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offered_rounds",
    )
    offered_until = models.DateTimeField(null=True, blank=True)
    # Artifacts whose text names the expert (name or email), found when freezing, for staff
    # to ask for a redaction under blind review: [{"kind", "id", "title", "found"}].
    identity_flags = models.JSONField(default=list, db_default=Value([], JSONField()))

    class Meta:
        # The table it has had since it was part of the portfolio app.
        db_table = "portfolio_round"
        ordering = ["submission", "number"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "number"], name="round_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="round_number_positive"),
            models.CheckConstraint(condition=Q(state__in=State.values), name="round_state_known"),
            models.CheckConstraint(
                condition=Q(decision__in=["", *Decision.values]), name="round_decision_known"
            ),
            models.CheckConstraint(
                condition=Q(reviews_required__gte=1), name="round_reviews_required_positive"
            ),
            models.CheckConstraint(
                condition=Exact(Length("snapshot_sha256"), 64), name="round_sha256_length"
            ),
        ]
        indexes = [
            # The reviewer queue reads one page in the order of an index and stops, however
            # many rounds wait (EXPLAIN in bench/README.md). Open rounds, oldest or newest
            # first, "waiting more than N days"; by name; and any one state.
            # On PostgreSQL these two also carry submission_id and shape (INCLUDE), so
            # counting the queue reads the index alone; SQLite has no such indexes, so the
            # models leave it out and portfolio/0004 adds it on PostgreSQL only.
            models.Index(
                fields=["submitted_at", "id"],
                condition=Q(state__in=sorted(OPEN_FOR_REVIEW)),
                name="round_open_submitted",
            ),
            models.Index(
                fields=["expert_name", "submitted_at", "id"],
                condition=Q(state__in=sorted(OPEN_FOR_REVIEW)),
                name="round_open_name",
            ),
            # The staff's pipeline: rounds waiting for a decision, oldest first, a page at a
            # time, their count and the median wait.
            models.Index(
                fields=["submitted_at", "id"],
                condition=Q(state__in=sorted(PENDING)),
                name="round_pending_submitted",
            ),
            models.Index(fields=["state", "submitted_at", "id"], name="round_state_submitted"),
            models.Index(fields=["shape", "state"], name="round_shape_state"),
            models.Index(fields=["expert_name"], name="round_expert_name"),
            # The few rounds offered first to one reviewer, which the queue hides from the
            # others while the offer lasts: a small index, so counting the queue still reads
            # round_open_submitted alone.
            models.Index(
                fields=["offered_until"],
                condition=Q(offered_to__isnull=False),
                name="round_offered_until",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.expert_name}, round {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("review_round", args=[self.pk])

    @property
    def owner_url(self) -> str:
        return reverse("submission_round", args=[self.pk])

    @property
    def is_decided(self) -> bool:
        return bool(self.decision)

    # Where the round stands and what was decided, as pages ask: never a string compared in
    # a template (onboarding/workflow.py has the states and every move between them).

    @property
    def is_submitted(self) -> bool:
        return self.state == State.SUBMITTED

    @property
    def is_in_review(self) -> bool:
        return self.state == State.IN_REVIEW

    @property
    def is_awaiting_adjudication(self) -> bool:
        return self.state == State.ADJUDICATION

    @property
    def is_changes_requested(self) -> bool:
        return self.state == State.CHANGES_REQUESTED

    @property
    def is_withdrawn(self) -> bool:
        return self.state == State.WITHDRAWN

    @property
    def decision_outcome(self) -> str:
        """The decision as what came of the round ("Changes requested"), not as the choice
        a reviewer pressed ("Request changes"): what the expert and the history read."""
        return state_label(DECISION_STATES[self.decision]) if self.decision else ""

    @property
    def decided_by_staff(self) -> bool:
        """Whether staff settled it (adjudicated) rather than the reviewers: staff must give
        their reasons, which stay, while decided_by goes null with the staff member's account."""
        return bool(self.decision_note)

    @property
    def decided_by_label(self) -> str:
        """Who decided, as a decided round's outcome says it ("Decided by …")."""
        if self.decided_by_staff:
            return "staff"
        return "the reviewer" if self.reviews_required == 1 else "the reviewers"

    @property
    def decision_approves(self) -> bool:
        return self.decision == Decision.APPROVE

    @property
    def decision_requests_changes(self) -> bool:
        return self.decision == Decision.REQUEST_CHANGES

    @property
    def decision_rejects(self) -> bool:
        return self.decision == Decision.REJECT


class RoundDomain(models.Model):
    """A domain of the frozen profile; `key` is the casefolded name the queue filters on."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="domains")
    name = models.CharField(max_length=60)
    key = models.CharField(max_length=60)
    depth = models.PositiveSmallIntegerField()
    position = models.PositiveSmallIntegerField()

    class Meta:
        # The table it has had since it was part of the portfolio app.
        db_table = "portfolio_rounddomain"
        ordering = ["round", "position"]
        indexes = [models.Index(fields=["key", "round"], name="rounddomain_key")]

    def __str__(self) -> str:
        return self.name


class RoundCredential(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="credentials")
    text = models.CharField(max_length=120)
    key = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField()

    class Meta:
        # The table it has had since it was part of the portfolio app.
        db_table = "portfolio_roundcredential"
        ordering = ["round", "position"]
        indexes = [models.Index(fields=["key", "round"], name="roundcredential_key")]

    def __str__(self) -> str:
        return self.text


class RoundFile(models.Model):
    """A file in a round's snapshot. RESTRICT keeps the bytes for its reviewers even when the
    expert deletes or replaces the work sample (deleting the expert still removes both)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="files")
    file = models.ForeignKey(StoredFile, on_delete=models.RESTRICT, related_name="round_files")
    name = models.CharField(max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveBigIntegerField()

    class Meta:
        # The table it has had since it was part of the portfolio app.
        db_table = "portfolio_roundfile"
        constraints = [
            models.UniqueConstraint(fields=["round", "file"], name="roundfile_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class AuditEntry(models.Model):
    """Who did what to a round, when, and the state before and after."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        WITHDRAWN = "withdrawn", "Withdrawn"
        CLAIMED = "claimed", "Claimed for review"
        RELEASED = "released", "Released"
        REVIEW_SUBMITTED = "review_submitted", "Review submitted"
        DECIDED = "decided", "Decided by the reviewers"
        SENT_TO_ADJUDICATION = "sent_to_adjudication", "Sent to staff: reviewers disagree"
        ADJUDICATED = "adjudicated", "Decided by staff"
        CLAIM_EXPIRED = "claim_expired", "Claim expired"
        ASSIGNED = "assigned", "Assigned by staff"
        REVIEWS_ADDED = "reviews_added", "More reviews asked for"
        CONFLICT_DECLARED = "conflict_declared", "Conflict of interest declared"
        CONFLICT_WITHDRAWN = "conflict_withdrawn", "Conflict of interest withdrawn"
        REDACTION_REQUESTED = "redaction_requested", "Expert asked to redact their name"
        APPROVAL_REVOKED = "approval_revoked", "Approval revoked by staff"
        CREDENTIAL_VERIFIED = "credential_verified", "Credential verified by staff"
        CREDENTIAL_DECLINED = "credential_declined", "Credential proof declined by staff"

    # Empty for what concerns people rather than a round (declared conflicts of interest).
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="audit_entries", null=True, blank=True
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    # A decision on a credential's proof; kept (emptied) when the expert removes the proof.
    credential_proof = models.ForeignKey(
        CredentialProof,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    action = models.CharField(max_length=24, choices=Action.choices)
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20, blank=True)
    note = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        # The table it has had since it was part of the portfolio app.
        db_table = "portfolio_auditentry"
        ordering = ["at", "pk"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["round", "at"], name="auditentry_round_at")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.at:%Y-%m-%d %H:%M})"

    @property
    def from_label(self) -> str:
        return state_label(self.from_state)

    @property
    def to_label(self) -> str:
        return state_label(self.to_state)


class DeepeningPlan(models.Model):
    """The 60–90 day plan: one domain of the profile to deepen, by a target date."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deepening_plan"
    )
    domain = models.CharField(max_length=60)
    target_date = models.DateField()
    # The day the target was set: the 60–90 days count from here.
    set_on = models.DateField()
    # Raised on every save; a plan form opened at an older version is refused.
    version = models.PositiveIntegerField(default=1)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        # The table it has had since it was part of the portfolio app.
        db_table = "portfolio_deepeningplan"
        constraints = [
            models.CheckConstraint(
                condition=Q(target_date__gt=models.F("set_on")), name="plan_target_after_set"
            ),
        ]

    def __str__(self) -> str:
        return f"Deepen {self.domain} by {self.target_date}"
