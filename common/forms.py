"""Forms every app's upload and import pages share."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting

from common.text import utf8_size
from common.uploads import check_upload

CHOOSE_AGAIN = (
    "Choose your file again: browsers forget a chosen file when a page comes back. "
    "The rest of what you entered is still here."
)
CHOOSE_ANOTHER = "Browsers forget a chosen file when a page comes back: choose one again."


class ChosenFileBoundField(BoundField):
    """A file field on a page that came back refused (a validation error, a service's refusal,
    an old version): the browser has dropped the chosen file, so the field's feedback says to
    choose it again. A bound form is only ever shown again when refused; a saved one redirects.

    Only presentation: the form's own errors, and whether it is valid, stay as they were."""

    @property
    def errors(self):
        errors = super().errors
        if not self.form.is_bound or not self.form.files.get(self.html_name):
            return errors  # nothing was chosen, or the upload cap dropped it and says why
        if not errors and not self.form.cleaned_data.get(self.name):
            return errors  # the form set the file aside (a link was chosen instead)
        note = CHOOSE_ANOTHER if errors else CHOOSE_AGAIN
        return self.form.error_class(
            [*errors, note], renderer=self.form.renderer, field_id=self.auto_id
        )


class NulFreeBoundField(BoundField):
    """A field whose value is shown again without NUL characters, which HTML cannot hold.
    Only presentation: CharField still refuses the value ("Null characters are not allowed.")."""

    def value(self):
        value = super().value()
        return value.replace("\x00", "") if isinstance(value, str) else value


class FormRenderer(TemplatesSetting):
    """How every form is drawn (settings.FORM_RENDERER): its widgets by the project's template
    engine, so templates/django/forms/ overrides Django's input template (common.inputs), and
    its values shown again without NUL characters (NulFreeBoundField)."""

    bound_field_class = NulFreeBoundField


class ErrorsDescribedForm(forms.Form):
    """A form whose template draws its fields itself (crispy's do this on their own): once
    validated, each field with errors is described by its message, which the template puts
    under the id `<auto_id>_error` (and by its help text, `<auto_id>_helptext`, as before)."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            field, auto_id = self.fields[name], self[name].auto_id
            ids = [field.widget.attrs.get("aria-describedby", "")]
            if field.help_text and not ids[0]:
                ids.append(f"{auto_id}_helptext")  # what Django puts there unless told
            ids.append(f"{auto_id}_error")
            field.widget.attrs["aria-describedby"] = " ".join(filter(None, ids))


def check_chosen_upload(form: forms.Form, name: str = "file") -> None:
    """Check the chosen file, for a form whose other choice is a link: called only when the
    file is what will be stored, so a file left in the input never refuses a link."""
    upload = form.cleaned_data.get(name)
    if upload:
        try:
            check_upload(upload)
        except ValidationError as error:
            form.add_error(name, error)


def upload_field(*, label: str, help_text: str, accept: str) -> forms.FileField:
    """The file half of a FileOrPasteForm: `accept` steers the browser's file picker."""
    return forms.FileField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.ClearableFileInput(attrs={"accept": accept}),
        bound_field_class=ChosenFileBoundField,
    )


def paste_field(*, label: str, rows: int, help_text: str = "") -> forms.CharField:
    """The paste half: kept exactly as typed (indentation is meaning in YAML), in a monospace
    box that does not mark words as misspelt."""
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        help_text=help_text,
        widget=forms.Textarea(
            attrs={"rows": rows, "spellcheck": "false", "class": "font-monospace"}
        ),
    )


class FileOrPasteForm(forms.Form):
    """A document that comes in as an uploaded file or as pasted text, never both, and within
    `max_bytes`. Subclasses declare the `file` and `text` fields (labels, accepted types, help)
    and word the refusals; clean() calls read_source() and parses `source` when it says so.

    After read_source(): `source` holds at most max_bytes + 1 bytes of the file, or the pasted
    text, and `source_field` names the field a parser's problems belong to.
    """

    max_bytes: int
    both_message = "Upload a file or paste the text, not both."
    neither_message = "Choose a file to upload, or paste the text."

    def __init__(self, *args, refused_upload: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.refused_upload = refused_upload  # dropped by the upload cap while the request was read
        self.source: bytes | str = b""
        self.source_field = "text"

    def file_too_large_message(self, size: int) -> str:
        raise NotImplementedError

    def text_too_large_message(self, size: int) -> str | None:
        """None leaves an oversize paste to the parser, which words it with the limit."""
        return None

    def refused_upload_message(self) -> str:
        return self.refused_upload or ""

    def read_source(self) -> bool:
        """Fill `source` from the file or the paste; False, with the reason at its field or on
        the form, when there is nothing to parse."""
        if "file" in self.errors or "text" in self.errors:
            return False
        if self.refused_upload:
            self.add_error("file", self.refused_upload_message())
            return False
        upload, text = self.cleaned_data.get("file"), self.cleaned_data.get("text") or ""
        if upload and text.strip():
            self.add_error(None, self.both_message)
            return False
        if upload:
            self.source_field = "file"
            if upload.size > self.max_bytes:
                self.add_error("file", self.file_too_large_message(upload.size))
                return False
            self.source = upload.read(self.max_bytes + 1)
            return True
        if not text.strip():
            self.add_error(None, self.neither_message)
            return False
        size = utf8_size(text)
        message = self.text_too_large_message(size) if size > self.max_bytes else None
        if message:
            self.add_error("text", message)
            return False
        self.source = text
        return True

    def add_source_error(self, error: forms.ValidationError) -> None:
        """A parser's or a service's refusal, shown at the field the document came from."""
        self.add_error(self.source_field, error.messages)
