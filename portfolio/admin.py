"""Staff see portfolio artifacts and files here; changes go through the product's own pages."""

from django.contrib import admin
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html

from common.admin import ReadOnlyAdmin, ReadOnlyInline
from portfolio.models import (
    AdversarialCase,
    AdversarialTestPlan,
    Benchmark,
    BenchmarkItem,
    CredentialProof,
    StoredFile,
    WorkSample,
)


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


# --- Review forms, rounds, reviews and the audit log ------------------------------------------


@admin.register(CredentialProof)
class CredentialProofAdmin(ReadOnlyAdmin):
    """Staff decide at /review/credentials/, where each decision is audited and emailed."""

    list_display = ("credential", "owner", "state", "attached_at", "decided_at", "decided_by")
    list_filter = ("state", "attached_at")
    search_fields = ("credential", "owner__email")
    list_select_related = ("owner", "decided_by")
