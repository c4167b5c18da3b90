"""What the public page shows: a checkbox per artifact, nothing ticked by default."""

from django import forms

from common.versions import VersionedForm
from portfolio.publication import KIND_TITLES, PublicationRow

# A row of the page: the artifact, whether "Show" is ticked, whether "Publish its items" is.
PageRow = tuple[PublicationRow, bool, bool]


# A tick for an artifact the page no longer lists: deleted since the page was opened (the
# page shown again lists what is there now, with the person's other ticks).
GONE = (
    "An artifact you ticked is no longer in your portfolio: it was deleted after you opened "
    "this page. Your other ticks are below; save them again."
)


def _ticks(rows) -> forms.TypedMultipleChoiceField:
    return forms.TypedMultipleChoiceField(
        choices=[(row.id, row.title) for row in rows],
        coerce=int,
        required=False,
        error_messages={"invalid_choice": GONE},
    )


class PublicationForm(VersionedForm):
    """A checkbox per artifact (and per benchmark for its items); unticked means private."""

    def __init__(self, *args, rows: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for kind, kind_rows in rows.items():
            self.fields[kind] = _ticks(kind_rows)
        self.fields["benchmark_items"] = _ticks(rows.get("benchmarks", []))

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
