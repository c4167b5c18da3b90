"""Rules for revoking, shared by the form and the service."""

from django.core.exceptions import ValidationError

REVOKE_REASON_MAX = 1_000


def validate_revoke_reason(reason: str) -> None:
    if not reason.strip():
        raise ValidationError(
            {"reason": "Say why: the verification page shows the reason to anyone who checks."},
            code="reason_missing",
        )
    if len(reason) > REVOKE_REASON_MAX:
        raise ValidationError(
            {"reason": f"Keep the reason under {REVOKE_REASON_MAX:,} characters."},
            code="reason_long",
        )
