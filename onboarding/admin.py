"""Staff keep the review form and read rounds, reviews and the audit log here; every change
to a round goes through the product's own pages."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.html import format_html

from common.admin import ReadOnlyAdmin
from onboarding.models import (
    AuditEntry,
    ConflictOfInterest,
    Review,
    ReviewForm,
    ReviewFormRubric,
    ReviewScore,
    Round,
)
from onboarding.services.reviews import review_form_activate
from rubrics.models import Rubric


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


@admin.register(ConflictOfInterest)
class ConflictOfInterestAdmin(ReadOnlyAdmin):
    """Declared at /conflicts/ by the people themselves; declaring and withdrawing are in the
    audit log."""

    list_display = ("declared_by", "other_email", "reason", "created")
    search_fields = ("declared_by__email", "other_email", "reason")
    list_select_related = ("declared_by",)
    fields = ("declared_by", "other_email", "reason", "created")
