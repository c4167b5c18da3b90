"""The proof of a credential: a link to the issuer's public register, or a file."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from common.forms import ChosenFileBoundField, check_chosen_upload
from common.uploads import ACCEPT_ATTRIBUTE, ALLOWED_DESCRIPTION
from common.versions import VersionedForm
from portfolio.validators import validate_link_url

SOURCE_LINK, SOURCE_FILE = "link", "file"


class ProofForm(VersionedForm):
    """One per credential on the proofs page; `credential` names it (its text)."""

    credential = forms.CharField(widget=forms.HiddenInput, max_length=120)
    source = forms.ChoiceField(
        label="The proof is",
        choices=[(SOURCE_LINK, "A link to the issuer's public register"), (SOURCE_FILE, "A file")],
        widget=forms.RadioSelect,
        initial=SOURCE_LINK,
    )
    link = forms.URLField(
        label="Link",
        required=False,
        max_length=2000,
        assume_scheme="https",
        validators=[validate_link_url],
        help_text="An http:// or https:// address where staff can check the credential.",
    )
    file = forms.FileField(
        label="File",
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
        bound_field_class=ChosenFileBoundField,
    )

    def __init__(self, *args, refused_upload: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.refused_upload = refused_upload
        self.fields["file"].help_text = (
            f"{ALLOWED_DESCRIPTION}, up to {filesizeformat(settings.UPLOAD_MAX_BYTES)}. "
            "Private to you and Expertfolio staff."
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("source") == SOURCE_LINK:
            cleaned["file"] = None
            if not cleaned.get("link") and "link" not in self.errors:
                self.add_error("link", "Give the link to the issuer's public register.")
        elif cleaned.get("source") == SOURCE_FILE:
            cleaned["link"] = ""
            check_chosen_upload(self)
            if self.refused_upload:
                # Dropped while the request was read (too large): only the reason is left.
                self.add_error("file", self.refused_upload)
            elif not cleaned.get("file") and "file" not in self.errors:
                self.add_error("file", "Choose a file to upload.")
        return cleaned

    def place(self, auto_id: str) -> None:
        """Give a bound form the ids of the row it is shown in (one form per credential):
        its errors, made under the ids it was bound with, are pointed at the new ones, so
        each field's aria-describedby still names its error."""
        self.auto_id = auto_id
        for name, errors in self.errors.items():
            if name in self.fields:
                errors.field_id = self[name].auto_id

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "credential": data["credential"],
            "link": data["link"],
            "upload": data["file"] or None,
            "expected_version": self.version,
        }
