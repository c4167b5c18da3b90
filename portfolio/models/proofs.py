"""Proofs of the credentials on a profile, and staff's decision on each."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from portfolio.models.files import StoredFile
from portfolio.validators import validate_link_url
from profiles.claims import DECLINED, PENDING, VERIFIED


class CredentialProof(models.Model):
    """A file or a link to the issuer's public register that proves one credential.

    Tied to the credential's text (without regard to case), not to its row: the profile editor
    writes its lists afresh on every save, and a credential whose text changes is a new claim
    that must not inherit a verification.
    """

    class State(models.TextChoices):
        PENDING = PENDING, "Pending review"
        VERIFIED = VERIFIED, "Verified"
        DECLINED = DECLINED, "Declined"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="credential_proofs"
    )
    credential = models.CharField(max_length=120)
    link = models.URLField(max_length=2000, blank=True, validators=[validate_link_url])
    # RESTRICT, as for work samples: the file goes only when nothing refers to it any more.
    file = models.ForeignKey(
        StoredFile,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="credential_proofs",
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attached_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="credential_proofs_decided",
    )
    # Staff's reason, which the expert reads on a decline.
    note = models.TextField(blank=True)
    # Raised by every change (a new proof, a decision): a decision based on an older one fails.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["attached_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                "owner", Lower("credential"), name="credentialproof_one_per_credential"
            ),
            models.CheckConstraint(
                condition=(Q(link="") & Q(file__isnull=False))
                | (~Q(link="") & Q(file__isnull=True)),
                name="credentialproof_link_or_file",
            ),
            models.CheckConstraint(
                condition=Q(state__in=[PENDING, VERIFIED, DECLINED]),
                name="credentialproof_state_known",
            ),
            models.CheckConstraint(
                condition=Q(state=PENDING, decided_at__isnull=True)
                | (~Q(state=PENDING) & Q(decided_at__isnull=False)),
                name="credentialproof_decided_with_date",
            ),
            models.CheckConstraint(condition=~Q(credential=""), name="credentialproof_credential"),
        ]
        # Staff's list: the proofs waiting, oldest first.
        indexes = [models.Index(fields=["state", "attached_at"], name="credentialproof_state")]

    def __str__(self) -> str:
        return self.credential

    @property
    def is_pending(self) -> bool:
        return self.state == self.State.PENDING

    @property
    def is_verified(self) -> bool:
        return self.state == self.State.VERIFIED

    @property
    def is_declined(self) -> bool:
        return self.state == self.State.DECLINED
