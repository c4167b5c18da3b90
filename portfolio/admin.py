"""Staff see portfolio artifacts and files here; changes go through the product's own pages.
Staff edit a profile here too, as its whole document, which lists the linked work samples."""

import json

from django import forms
from django.contrib import admin
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html

from common.admin import ReadOnlyAdmin, ReadOnlyInline
from portfolio import services
from portfolio.documents import profile_document_of
from portfolio.models import (
    AdversarialCase,
    AdversarialTestPlan,
    Benchmark,
    BenchmarkItem,
    CredentialProof,
    StoredFile,
    WorkSample,
)
from profiles.documents import PROFILE_PREFETCH, document_shape, profile_document
from profiles.models import Profile
from profiles.validators import DocumentInvalid, parse_profile_document, validate_profile_document


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


@admin.register(CredentialProof)
class CredentialProofAdmin(ReadOnlyAdmin):
    """Staff decide at /review/credentials/, where each decision is audited and emailed."""

    list_display = ("credential", "owner", "state", "attached_at", "decided_at", "decided_by")
    list_filter = ("state", "attached_at")
    search_fields = ("credential", "owner__email")
    list_select_related = ("owner", "decided_by")


# --- Review forms, rounds, reviews and the audit log ------------------------------------------


class ProfileAdminForm(forms.ModelForm):
    """Staff edit a profile as its skill-profile document, through the same validator."""

    document = forms.CharField(
        label="Skill-profile document (JSON)",
        strip=False,
        widget=forms.Textarea(attrs={"rows": 30, "cols": 100, "class": "vLargeTextField"}),
        help_text="The whole profile; it is checked against the published JSON Schema "
        "and replaces the profile when saved.",
    )
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Profile
        fields = ("user",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["user"].disabled = True
            self.fields["document"].initial = json.dumps(
                profile_document_of(self.instance), indent=2, ensure_ascii=False
            )
            self.fields["loaded_version"].initial = self.instance.version

    def clean_document(self) -> dict:
        try:
            document = parse_profile_document(self.cleaned_data["document"])
            return validate_profile_document(document)
        except DocumentInvalid as exc:
            raise forms.ValidationError([str(error) for error in exc.document_errors]) from exc

    def clean(self):
        cleaned = super().clean()
        loaded = cleaned.get("loaded_version")
        if self.instance.pk and loaded is not None:
            current = Profile.objects.filter(pk=self.instance.pk).values_list("version", flat=True)
            if current.first() != loaded:
                raise forms.ValidationError(
                    "This profile was saved by someone else after you opened it. "
                    "Reload the page to see their version."
                )
        return cleaned


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    form = ProfileAdminForm
    list_display = ("user", "headline", "shape", "visibility", "version", "updated_at")
    list_filter = ("visibility",)
    search_fields = ("user__email", "user__name", "headline", "slug", "domains__name")
    readonly_fields = ("slug", "version", "created_at", "updated_at")
    raw_id_fields = ("user",)
    fields = ("user", "document", "loaded_version", "slug", "version", "created_at", "updated_at")

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("user").prefetch_related(*PROFILE_PREFETCH)
        )

    @admin.display(description="shape")
    def shape(self, profile: Profile) -> str:
        return document_shape(profile_document(profile)).label

    def save_model(self, request, obj, form, change):
        owner = obj.user if change else form.cleaned_data["user"]
        saved = services.profile_replace_from_document(
            actor=request.user, user=owner, document=form.cleaned_data["document"]
        )
        obj.pk = saved.pk
        obj.refresh_from_db()
