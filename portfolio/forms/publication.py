"""What the public page shows: a checkbox per artifact, nothing ticked by default."""

from django import forms

from common.versions import VersionedForm
from portfolio.publication import KIND_TITLES, PublicationRow

# A row of the page: the artifact, whether "Show" is ticked, whether "Publish its items" is.
PageRow = tuple[PublicationRow, bool, bool]


class PublicationForm(VersionedForm):
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

    def groups(self) -> list[tuple[str, str, list[PageRow]]]:
        """The page's headings and rows, ticked as the person sent them (a refused save keeps
        their ticks), or else as saved."""
        if self.is_bound:
            names = [*self.rows, "benchmark_items"]
            ticked = {name: set(self.data.getlist(name)) for name in names}
        else:
            ticked = {
                kind: {str(row.id) for row in rows if row.public}
                for kind, rows in self.rows.items()
            }
            ticked["benchmark_items"] = {
                str(row.id) for row in self.rows.get("benchmarks", []) if row.publish_items
            }
        return [
            (
                kind,
                title,
                [
                    (row, str(row.id) in ticked[kind], str(row.id) in ticked["benchmark_items"])
                    for row in self.rows[kind]
                ],
            )
            for kind, title in KIND_TITLES.items()
        ]
