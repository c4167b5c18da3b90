"""A rubric imported from a YAML file or paste."""

from django import forms
from django.core.exceptions import ValidationError

from common.forms import FileOrPasteForm, paste_field, upload_field
from rubrics import documents
from rubrics.forms.rubric import KIND_CHOICES
from rubrics.models import Rubric


class RubricImportForm(FileOrPasteForm):
    max_bytes = documents.MAX_BYTES
    both_message = "Use either a file or pasted YAML, not both."
    neither_message = "Choose a YAML file or paste the YAML."

    file = upload_field(
        label="YAML file",
        help_text=f"A .yaml or .yml file of at most {documents.MAX_BYTES // 1024} KB.",
        accept=".yaml,.yml,application/yaml,text/yaml",
    )
    text = paste_field(label="Or paste the YAML", rows=14)
    kind = forms.ChoiceField(
        label="Kind of rubric", choices=KIND_CHOICES, widget=forms.RadioSelect, required=False
    )

    def __init__(self, *args, choose_kind: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not choose_kind:
            del self.fields["kind"]
        else:
            self.fields["kind"].initial = Rubric.Kind.REVIEW

    def file_too_large_message(self, size: int) -> str:
        return (
            f"The file is {size:,} bytes; the limit is "
            f"{documents.MAX_BYTES // 1024} KB ({documents.MAX_BYTES:,} bytes)."
        )

    def clean(self) -> dict:
        data = super().clean()
        if self.read_source():
            try:
                self.content = documents.content_from_yaml(self.source)
            except ValidationError as error:
                self.add_source_error(error)
        return data
