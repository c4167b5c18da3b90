"""Staff's decision on the proof of a credential."""

from django import forms

from common.versions import VersionedForm
from onboarding.validators import PROOF_NOTE_MAX, validate_decision_note

VERIFY, DECLINE = "verify", "decline"


class ProofDecisionForm(VersionedForm):
    decision = forms.ChoiceField(
        choices=[(VERIFY, "Verify: the proof shows the credential"), (DECLINE, "Decline")],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Note to the expert",
        required=False,
        max_length=PROOF_NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required when you decline: the expert reads it. Kept in the audit log.",
    )

    def clean(self):
        cleaned = super().clean()
        if "decision" in cleaned and "note" in cleaned:
            try:
                validate_decision_note(verify=cleaned["decision"] == VERIFY, note=cleaned["note"])
            except forms.ValidationError as error:
                self.add_error("note", error)
        return cleaned

    @property
    def verifies(self) -> bool:
        return self.cleaned_data["decision"] == VERIFY
