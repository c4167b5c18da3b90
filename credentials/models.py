"""The credential each approval earns, as issued: its signed token, and its revocation."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from onboarding.models import Round


class IssuedCredential(models.Model):
    """The Open Badges credential of one approved round. Its id names it in /verify/<id>/;
    `token` is the VC-JWT the expert downloads, `payload` what it says, kept for reading.
    Staff may revoke it; it is never deleted while the round exists."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="issued_credential")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="issued_credentials"
    )
    issued_at = models.DateTimeField()
    payload = models.JSONField()
    token = models.TextField("signed credential (VC-JWT)")
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoke_reason = models.TextField(blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = "issued credential"
        constraints = [
            # A revocation always says why: the verification page shows it.
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoke_reason=""),
                name="issuedcredential_revoked_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Credential of {self.round}"

    def get_absolute_url(self) -> str:
        return reverse("credential_verify", args=[self.pk])

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def domains(self) -> list[str]:
        return self.payload["credentialSubject"]["achievement"].get("tag", [])

    @property
    def download_url(self) -> str:
        return reverse("credential_download", args=[self.pk])

    @property
    def revoke_url(self) -> str:
        return reverse("credential_revoke", args=[self.pk])

    @property
    def file_name(self) -> str:
        return f"expertfolio-credential-{self.pk}.jwt"
