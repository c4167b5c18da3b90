"""What the public page shows: a checkbox per artifact, nothing ticked by default."""

from django import forms


class PublicationForm(forms.Form):
    """A checkbox per artifact (and per benchmark for its items); unticked means private."""

    def __init__(self, *args, rows: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for kind, kind_rows in rows.items():
            self.fields[kind] = forms.TypedMultipleChoiceField(
                choices=[(row.id, row.title) for row in kind_rows],
                coerce=int,
                required=False,
            )
        self.fields["benchmark_items"] = forms.TypedMultipleChoiceField(
            choices=[(row.id, row.title) for row in rows.get("benchmarks", [])],
            coerce=int,
            required=False,
        )

    def choices(self) -> dict:
        """The service's arguments: every listed artifact, the ticked ones, the items."""
        return {
            "shown": {kind: {row.id for row in rows} for kind, rows in self.rows.items()},
            "public": {kind: set(self.cleaned_data[kind]) for kind in self.rows},
            "items": set(self.cleaned_data["benchmark_items"]),
        }
