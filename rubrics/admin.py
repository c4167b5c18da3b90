"""Staff keep rubrics (above all the review rubrics) here.

Levels nest criteria, which admin inlines cannot show, so the scale and the
disallowed behaviours are edited as one YAML field in the import format. The
form runs the same reader and rules as every other way in, and saves through
the services.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count

from rubrics import documents, queries, services
from rubrics.content import LevelContent, RubricContent, clean_block, clean_line
from rubrics.models import Rubric
from rubrics.validators import format_path, rubric_problems

SCALE_EXAMPLE = """scale:
  - score: 5
    criteria:
      - "Correct final answer"
  - score: 1
    criteria:
      - "Incorrect or unsupported claim"
disallow:
  - "Fabricated citations"
"""
_FIELD_PATHS = ("title", "objective", "pass_score", "sources")


class RubricAdminForm(forms.ModelForm):
    scale_yaml = forms.CharField(
        label="Scale and disallowed behaviours (YAML)",
        strip=False,
        widget=forms.Textarea(attrs={"rows": 22, "cols": 90, "class": "vLargeTextField"}),
        help_text="A scale: list of levels, each with a score and its criteria, and an optional "
        "disallow: list — as in an imported rubric document.",
    )

    # The version the page was opened at: a save after someone else's is refused.
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Rubric
        fields = ["owner", "kind", "title", "objective", "pass_score", "sources"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "objective" in self.fields:
            self.fields["objective"].required = False  # the rule says what is missing
        if self.instance.pk:
            rubric = queries.with_scale(Rubric.objects.filter(pk=self.instance.pk)).get()
            content = queries.rubric_content(rubric)
            self.initial["scale_yaml"] = documents.dump(documents.scale_document(content))
            self.initial["loaded_version"] = rubric.version
        else:
            self.initial.setdefault("scale_yaml", SCALE_EXAMPLE)
        self.content: RubricContent | None = None

    def clean(self) -> dict:
        data = super().clean()
        if self.instance.pk and data.get("loaded_version") != self.instance.version:
            raise ValidationError(
                "This rubric was changed in another tab or by someone else since you opened "
                "it. Your changes are below and have not been saved. Reload the page to "
                "continue from the latest version."
            )
        levels: tuple[LevelContent, ...] = ()
        disallowed: tuple[str, ...] = ()
        try:
            levels, disallowed = documents.scale_from_data(
                documents.load(data.get("scale_yaml", ""))
            )
        except ValidationError as error:
            self.add_error("scale_yaml", error.messages)
            return data
        if any(name in self.errors for name in _FIELD_PATHS):
            return data
        content = RubricContent(
            title=clean_line(data.get("title") or ""),
            objective=clean_block(data.get("objective") or ""),
            pass_score=data.get("pass_score"),
            sources=clean_block(data.get("sources") or ""),
            levels=levels,
            disallowed=disallowed,
        )
        for problem in rubric_problems(content):
            if problem.path[0] in _FIELD_PATHS:
                self.add_error(problem.path[0], problem.message)
            else:
                self.add_error("scale_yaml", f"{format_path(problem.path)}: {problem.message}")
        owner, kind = data.get("owner"), data.get("kind")
        if owner is not None and kind == Rubric.Kind.REVIEW and not owner.is_staff:
            self.add_error("owner", "Review rubrics are kept by staff: choose a staff member.")
        if not self.errors:
            self.content = content
        return data


@admin.register(Rubric)
class RubricAdmin(admin.ModelAdmin):
    form = RubricAdminForm
    list_display = ("display_title", "kind", "owner", "level_count", "updated_at")
    list_filter = ("kind",)
    search_fields = ("title", "objective", "owner__email", "owner__name")
    autocomplete_fields = ("owner",)
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("owner", "kind", "loaded_version")}),
        ("Rubric", {"fields": ("title", "objective", "pass_score", "scale_yaml", "sources")}),
        ("Dates", {"fields": ("created_at", "updated_at")}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("owner")
            .annotate(level_total=Count("levels"))
        )

    @admin.display(description="title", ordering="title")
    def display_title(self, rubric: Rubric) -> str:
        return rubric.display_title

    @admin.display(description="levels", ordering="level_total")
    def level_count(self, rubric: Rubric) -> int:
        return rubric.level_total

    def get_readonly_fields(self, request, obj=None):
        # Owner and kind are chosen once; a copy can be made with a new owner instead.
        if obj is not None:
            return (*self.readonly_fields, "owner", "kind")
        return self.readonly_fields

    def get_changeform_initial_data(self, request):
        return {"owner": request.user.pk, "kind": Rubric.Kind.REVIEW}

    def save_model(self, request, obj, form, change):
        if change:
            services.rubric_update(
                actor=request.user,
                rubric=obj,
                content=form.content,
                expected_version=form.cleaned_data["loaded_version"],
            )
        else:
            created = services.rubric_create(
                actor=request.user, owner=obj.owner, kind=obj.kind, content=form.content
            )
            # The admin goes on to log and redirect with this object.
            obj.pk = created.pk
            obj.created_at, obj.updated_at = created.created_at, created.updated_at
            obj._state.adding = False

    def save_related(self, request, form, formsets, change):
        """The scale was stored by the service in save_model."""

    def delete_model(self, request, obj):
        services.rubric_delete(actor=request.user, rubric=obj)

    def delete_queryset(self, request, queryset):
        for rubric in queryset:
            services.rubric_delete(actor=request.user, rubric=rubric)
