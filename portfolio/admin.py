"""Staff see portfolio artifacts and files here; changes go through the product's own pages."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html

from portfolio.models import (
    AdversarialCase,
    AdversarialTestPlan,
    AuditEntry,
    Benchmark,
    BenchmarkItem,
    Review,
    ReviewForm,
    ReviewFormRubric,
    ReviewScore,
    Round,
    StoredFile,
    WorkSample,
)
from portfolio.services_review import review_form_activate
from rubrics.models import Rubric


class ReadOnlyAdmin(admin.ModelAdmin):
    """Read-only: writes must pass the services' checks (allow-list, quota, owner)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(StoredFile)
class StoredFileAdmin(ReadOnlyAdmin):
    list_display = ("original_name", "owner", "human_size", "content_type", "created", "download")
    list_filter = ("content_type", "created")
    search_fields = ("original_name", "owner__email", "sha256")
    list_select_related = ("owner",)
    date_hierarchy = "created"
    fields = (
        "id",
        "owner",
        "original_name",
        "size",
        "content_type",
        "sha256",
        "storage_name",
        "created",
        "download",
    )

    @admin.display(description="size", ordering="size")
    def human_size(self, obj: StoredFile) -> str:
        return filesizeformat(obj.size)

    @admin.display(description="download")
    def download(self, obj: StoredFile) -> str:
        return format_html('<a href="{}">Download</a>', obj.get_absolute_url())


@admin.register(WorkSample)
class WorkSampleAdmin(ReadOnlyAdmin):
    list_display = ("title", "owner", "sample_type", "url", "file", "updated")
    list_filter = ("sample_type", "updated")
    search_fields = ("title", "owner__email", "description")
    list_select_related = ("owner", "file")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class ReadOnlyInline(admin.TabularInline):
    extra = 0

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class AdversarialCaseInline(ReadOnlyInline):
    model = AdversarialCase
    fields = ("position", "attack", "expected_behaviour", "severity")


@admin.register(AdversarialTestPlan)
class AdversarialTestPlanAdmin(ReadOnlyAdmin):
    list_display = ("title", "owner", "updated")
    list_filter = ("updated",)
    search_fields = ("title", "owner__email", "scope")
    list_select_related = ("owner",)
    inlines = [AdversarialCaseInline]


class BenchmarkItemInline(ReadOnlyInline):
    model = BenchmarkItem
    fields = ("position", "prompt", "reference_answer", "difficulty", "adversarial", "source")


@admin.register(Benchmark)
class BenchmarkAdmin(ReadOnlyAdmin):
    list_display = ("title", "owner", "domain", "item_count", "updated")
    list_filter = ("domain", "updated")
    search_fields = ("title", "owner__email", "domain", "metric")
    list_select_related = ("owner",)
    inlines = [BenchmarkItemInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(items_counted=models.Count("items"))

    @admin.display(description="items", ordering="items_counted")
    def item_count(self, obj: Benchmark) -> int:
        return obj.items_counted


# --- Review forms, rounds, reviews and the audit log ------------------------------------------


class ReviewFormRubricInline(admin.TabularInline):
    model = ReviewFormRubric
    fields = ("position", "rubric")
    extra = 1
    ordering = ("position", "pk")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "rubric":
            kwargs["queryset"] = Rubric.objects.filter(kind=Rubric.Kind.REVIEW).order_by("title")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ReviewFormAdminForm(forms.ModelForm):
    class Meta:
        model = ReviewForm
        fields = ["name", "description", "is_active"]

    def clean_is_active(self) -> bool:
        active = self.cleaned_data["is_active"]
        other = ReviewForm.objects.filter(is_active=True).exclude(pk=self.instance.pk).first()
        if active and other is not None:
            raise ValidationError(
                f"“{other.name}” is the active form. Only one form can be active: use the "
                "“Make active” action on this form instead, which switches over in one step."
            )
        return active


@admin.register(ReviewForm)
class ReviewFormAdmin(admin.ModelAdmin):
    """Staff choose which review rubrics reviewers score with, in order. Rounds freeze the
    active form's rubrics when they are submitted, so changes apply to later rounds only."""

    form = ReviewFormAdminForm
    list_display = ("name", "is_active", "rubric_count", "updated")
    inlines = [ReviewFormRubricInline]
    actions = ["make_active"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(rubrics=Count("entries"))

    @admin.display(description="rubrics", ordering="rubrics")
    def rubric_count(self, obj: ReviewForm) -> int:
        return obj.rubrics

    @admin.action(description="Make active (new submissions are scored with it)")
    def make_active(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Choose exactly one form to make active.", messages.ERROR)
            return
        form = review_form_activate(form=queryset.get())
        self.message_user(request, f"“{form.name}” is now the active review form.")


class ReviewInline(admin.TabularInline):
    model = Review
    fields = ("reviewer", "state", "decision", "claimed_at", "submitted_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class AuditEntryInline(admin.TabularInline):
    model = AuditEntry
    fields = ("at", "actor", "action", "from_state", "to_state", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Round)
class RoundAdmin(ReadOnlyAdmin):
    list_display = (
        "expert_name",
        "number",
        "state",
        "shape",
        "submitted_at",
        "decision",
        "decided_at",
        "page",
    )
    list_filter = ("state", "decision", "shape", "submitted_at")
    search_fields = ("expert_name", "headline", "submission__owner__email")
    list_select_related = ("submission",)
    date_hierarchy = "submitted_at"
    fields = (
        "submission",
        "number",
        "state",
        "expert_name",
        "headline",
        "shape",
        "reviews_required",
        "submitted_at",
        "decision",
        "decision_note",
        "decided_by",
        "decided_at",
        "snapshot_sha256",
        "page",
    )
    inlines = [ReviewInline, AuditEntryInline]

    @admin.display(description="round page")
    def page(self, obj: Round) -> str:
        return format_html('<a href="{}">Open</a>', obj.get_absolute_url())


class ReviewScoreInline(admin.TabularInline):
    model = ReviewScore
    fields = ("rubric_position", "rubric_title", "score", "comment")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ("round", "reviewer", "state", "decision", "claimed_at", "submitted_at")
    list_filter = ("state", "decision")
    search_fields = ("round__expert_name", "reviewer__email")
    list_select_related = ("round", "reviewer")
    fields = ("round", "reviewer", "state", "decision", "comment", "claimed_at", "submitted_at")
    inlines = [ReviewScoreInline]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "round", "actor", "action", "from_state", "to_state")
    list_filter = ("action", "to_state", "at")
    search_fields = ("round__expert_name", "actor__email", "note")
    list_select_related = ("round", "actor")
    date_hierarchy = "at"
    fields = ("round", "actor", "action", "from_state", "to_state", "note", "at")
