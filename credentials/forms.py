"""The verification page's paste box and staff's revocation form; they never write."""

from django import forms
from django.core.exceptions import ValidationError

from credentials.signing import MAX_TOKEN_LENGTH
from credentials.validators import REVOKE_REASON_MAX, validate_revoke_reason


class PastedCredentialForm(forms.Form):
    token = forms.CharField(
        label="The signed credential",
        max_length=MAX_TOKEN_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "class": "form-control font-monospace"}),
        help_text="Paste the whole text of the .jwt file: three parts separated by dots.",
        error_messages={
            "required": "Paste a credential to check.",
            "max_length": "This is far longer than any credential Expertfolio issues.",
        },
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label="Reason for revoking",
        required=False,  # validate_revoke_reason says what is missing, in the product's words
        max_length=REVOKE_REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        help_text="Anyone who checks the credential reads it, and it goes in the audit log.",
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"]
        try:
            validate_revoke_reason(reason)
        except ValidationError as error:
            raise ValidationError(error.message_dict["reason"]) from error
        return reason.strip()
