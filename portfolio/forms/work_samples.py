"""A work sample: an uploaded file or a link, with what it shows."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from common.forms import ChosenFileBoundField, check_chosen_upload
from common.once import ONCE_FIELD, once_token
from common.uploads import ACCEPT_ATTRIBUTE, ALLOWED_DESCRIPTION
from common.versions import VersionedForm
from portfolio.models import (
    WorkSample,
)
from portfolio.validators import (
    validate_link_url,
)

SOURCE_FILE, SOURCE_LINK = "file", "link"


class WorkSampleForm(VersionedForm):
    title = forms.CharField(max_length=200)
    sample_type = forms.ChoiceField(label="Type", choices=WorkSample.Type.choices)
    description = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What it is, what you did, and what it shows about your judgement.",
    )
    source = forms.ChoiceField(
        label="The sample is",
        choices=[(SOURCE_FILE, "An uploaded file"), (SOURCE_LINK, "A link")],
        widget=forms.RadioSelect,
        initial=SOURCE_FILE,
    )
    file = forms.FileField(
        label="File",
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
        bound_field_class=ChosenFileBoundField,
    )
    url = forms.URLField(
        label="Link",
        required=False,
        max_length=2000,
        assume_scheme="https",
        validators=[validate_link_url],
        help_text="An http:// or https:// address reviewers can open without logging in.",
    )

    def __init__(self, *args, sample: WorkSample | None = None, refused_upload=None, **kwargs):
        if sample is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": sample.title,
                "sample_type": sample.sample_type,
                "description": sample.description,
                "source": SOURCE_FILE if sample.is_upload else SOURCE_LINK,
                "url": sample.url,
            }
        super().__init__(*args, **kwargs)
        self.sample = sample
        self.refused_upload = refused_upload
        has_file = sample is not None and sample.is_upload
        help_text = (
            f"{ALLOWED_DESCRIPTION}, up to {filesizeformat(settings.UPLOAD_MAX_BYTES)}. "
            "Private to you, staff and your reviewers."
        )
        if has_file:
            help_text = (
                f"Now: {sample.file.original_name} ({filesizeformat(sample.file.size)}). "
                f"Choose a new file to replace it, or leave this empty to keep it. {help_text}"
            )
        self.fields["file"].help_text = help_text
        # A new sample sent twice is made once (profiles.once); the editor carries the token
        # too, for when its sample was deleted meanwhile and what it holds is saved as new.
        self.fields[ONCE_FIELD] = forms.CharField(
            widget=forms.HiddenInput, required=False, initial=once_token(None)
        )
        self.helper = FormHelper()
        self.helper.form_class = "work-sample-form"
        self.helper.add_input(Submit("save", "Save work sample"))

    def clean(self):
        cleaned = super().clean()
        source = cleaned.get("source")
        if source == SOURCE_LINK:
            cleaned["file"] = None
            if not cleaned.get("url") and "url" not in self.errors:
                self.add_error("url", "Give the link to your work sample.")
        elif source == SOURCE_FILE:
            cleaned["url"] = ""
            check_chosen_upload(self)
            if self.refused_upload:
                # Dropped while the request was read (too large): only the reason is left.
                self.add_error("file", self.refused_upload)
            has_file = self.sample is not None and self.sample.is_upload
            if not (cleaned.get("file") or has_file or "file" in self.errors):
                self.add_error("file", "Choose a file to upload.")
        return cleaned

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "sample_type": data["sample_type"],
            "description": data["description"],
            "url": data["url"],
            "upload": data["file"] or None,
        }
