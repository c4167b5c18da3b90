"""Declared conflicts of interest between a reviewer and an expert."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone


class ConflictOfInterest(models.Model):
    """Someone says they must not review, or be reviewed by, the person with this email.

    Kept by email rather than by account, so declaring says nothing about whether the other
    person has an account, and holds for one they make later. Either side's declaration
    keeps the pair apart (onboarding/conflicts.py)."""

    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="declared_conflicts"
    )
    other_email = models.EmailField("the other person's email", max_length=254)
    reason = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["declared_by", "other_email"]
        verbose_name = "conflict of interest"
        verbose_name_plural = "conflicts of interest"
        constraints = [
            models.UniqueConstraint(
                "declared_by", Lower("other_email"), name="conflict_once_per_pair"
            ),
            models.CheckConstraint(condition=~Q(other_email=""), name="conflict_email"),
        ]
        # Declarations naming an email are found as conflicts.naming() compares them.
        indexes = [models.Index(Lower("other_email"), name="conflict_other_email_ci")]

    def __str__(self) -> str:
        return f"{self.declared_by} ⟂ {self.other_email}"
