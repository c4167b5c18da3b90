"""Evidence for one deep domain: a choice among the expert's own artifacts."""

from django import forms

from portfolio.evidence import Choice, artifact_of

GROUP_TITLES = {
    "rubric": "Rubrics",
    "benchmark": "Benchmarks",
    "test_plan": "Test plans",
    "work_sample": "Work samples",
}


class EvidenceForm(forms.Form):
    """Link an artifact to `domain`. The owner's benchmarks of that domain come first and the
    first of them is chosen; artifacts already linked to the domain are not offered."""

    domain = forms.CharField(widget=forms.HiddenInput, max_length=60)
    artifact = forms.ChoiceField(
        label="Artifact that shows it",
        # Offered when the page was opened, not now: sent twice, or from an older tab.
        error_messages={
            "invalid_choice": "This artifact is not offered here any more: it was linked to "
            "this domain, or deleted, after you opened this page. Choose again."
        },
    )

    def __init__(
        self,
        *args,
        owner,
        domain: str,
        choices: dict[str, list[Choice]],
        linked: set[str],
        index: int,
        **kwargs,
    ):
        super().__init__(
            *args, auto_id=f"id_evidence_{index}_%s", initial={"domain": domain}, **kwargs
        )
        self.owner = owner
        offered = {
            kind: [choice for choice in kind_choices if choice.value not in linked]
            for kind, kind_choices in choices.items()
        }
        suggested = [
            choice
            for choice in offered.get("benchmark", [])
            if choice.domain.casefold() == domain.casefold()
        ]
        groups = []
        if suggested:
            groups.append((f"Benchmarks in {domain}", [(c.value, c.label) for c in suggested]))
            self.fields["artifact"].initial = suggested[0].value
        for kind, title in GROUP_TITLES.items():
            rest = [(c.value, c.label) for c in offered.get(kind, []) if c not in suggested]
            if rest:
                groups.append((title, rest))
        self.fields["artifact"].choices = [("", "Choose an artifact…"), *groups]
        self.groups = groups  # the template renders the <optgroup>s

    def clean_artifact(self):
        artifact = artifact_of(self.owner, self.cleaned_data["artifact"])
        if artifact is None:
            raise forms.ValidationError("Choose one of your own artifacts.")
        return artifact
