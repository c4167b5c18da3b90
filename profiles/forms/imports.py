"""A skill profile or a JSON Resume imported from a file or paste."""

from django import forms

from common.forms import FileOrPasteForm, paste_field, upload_field
from common.text import over_limit
from common.versions import VersionedForm
from profiles.resume import ResumeImport, is_json_resume, resume_import
from profiles.schema import DocumentError, document_errors
from profiles.validators import (
    MAX_DOCUMENT_BYTES,
    DocumentInvalid,
    parse_profile_document,
)


class ProfileImportForm(VersionedForm, FileOrPasteForm):
    """An uploaded or pasted skill-profile document, parsed and validated; or a JSON Resume,
    parsed and mapped into `resume` for a preview."""

    max_bytes = MAX_DOCUMENT_BYTES
    both_message = "Upload a file or paste JSON, not both."
    neither_message = "Choose a file to upload, or paste a skill-profile JSON document."

    file = upload_field(
        label="JSON file",
        help_text=(
            f"A skill-profile or JSON Resume .json file of at most {MAX_DOCUMENT_BYTES // 1024} KB."
        ),
        accept=".json,application/json",
    )
    text = paste_field(label="Or paste the JSON", rows=12)
    # Set by the résumé preview's confirm button, which posts the mapped document as text.
    from_resume = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.document_errors: list[DocumentError] = []
        self.resume: ResumeImport | None = None

    def file_too_large_message(self, size: int) -> str:
        return f"The file is {over_limit(size, MAX_DOCUMENT_BYTES)}."

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.read_source():
            return cleaned
        source = self.source_field
        try:
            document = parse_profile_document(self.source)
        except DocumentInvalid as exc:
            raise forms.ValidationError({source: exc.document_errors[0].sentence}) from exc
        if is_json_resume(document):
            # Only previewed: nothing is saved until the person confirms what it maps to.
            self.resume = resume_import(document)
            return cleaned
        self.document_errors = document_errors(document)
        if self.document_errors:
            count = len(self.document_errors)
            raise forms.ValidationError(
                {
                    source: f"This document has {count} problem{'s' if count > 1 else ''}, "
                    "listed above. Nothing was changed."
                }
            )
        cleaned["document"] = document
        return cleaned
