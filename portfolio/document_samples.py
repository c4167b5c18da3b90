"""The portfolio's work samples as a skill-profile document's `work_samples`.

Installed into profiles when Django starts (profiles.work_samples), so importing, exporting
and editing a profile document read and write these very rows. The document lists the
linked samples; an uploaded file is left out, because it has no public address (uploads
are only ever sent to their owner, reviewers and staff, by /files/<id>/).
"""

from datetime import datetime

from django.db import transaction
from django.db.models import CharField, Count, F, IntegerField, Max, QuerySet, Value

from common.versions import version_raise
from portfolio.models import WorkSample
from portfolio.validators import DOCUMENT_SAMPLES_MAX
from profiles.models import User
from profiles.schema import DocumentError
from profiles.validators import DocumentInvalid


def samples_version(count: int, top_id: int | None, last_updated: datetime | None) -> str:
    """Changes with every sample added, deleted or edited: their number, newest id, last edit."""
    return f"{count}.{top_id}.{last_updated.timestamp() if last_updated else 0}"


def _of_profile(profile_id: int) -> QuerySet:
    return WorkSample.objects.filter(owner__profile__id=profile_id)


class PortfolioWorkSamples:
    """profiles.work_samples.WorkSampleStore, kept in portfolio.WorkSample."""

    def document_rows(self, profile_id: int) -> QuerySet:
        # Positions are ids: the document lists samples in the order they were added.
        return (
            _of_profile(profile_id)
            .exclude(url="")
            .order_by()
            .values_list(
                Value("work_samples", output_field=CharField()),
                F("pk"),
                F("title"),
                Value(None, output_field=IntegerField()),
                F("sample_type"),
                F("url"),
            )
        )

    def version(self, profile_id: int) -> str:
        state = _of_profile(profile_id).aggregate(
            count=Count("pk"), top=Max("pk"), last=Max("updated")
        )
        return samples_version(state["count"], state["top"], state["last"])

    @transaction.atomic
    def merge(self, *, user: User, samples: list[dict], remove_missing: bool) -> None:
        links = list(WorkSample.objects.select_for_update().filter(owner=user, file__isnull=True))
        by_link = {sample.url: sample for sample in links}
        by_title = {sample.title.casefold(): sample for sample in links}
        kept = set()
        for entry in samples:
            title, kind, link = entry["title"], entry.get("type", ""), entry["link"]
            sample = by_link.get(link) or by_title.get(title.casefold())
            if sample is None or sample.pk in kept:
                sample = WorkSample(owner=user)
            if (sample.title, sample.sample_type, sample.url) != (title, kind, link):
                if sample.pk is not None:
                    # An edit page opened before this import then sees a conflict.
                    version_raise(sample, expected_version=None)
                sample.title, sample.sample_type, sample.url = title, kind, link
                sample.save()
            kept.add(sample.pk)
        if remove_missing:
            WorkSample.objects.filter(owner=user, file__isnull=True).exclude(pk__in=kept).delete()
        total = WorkSample.objects.filter(owner=user, file__isnull=True).count()
        if total > DOCUMENT_SAMPLES_MAX:
            # Rolled back with the rest of the import by the caller's transaction.
            raise DocumentInvalid(
                [
                    DocumentError(
                        ("work_samples",),
                        f"with the linked work samples already in your portfolio this makes "
                        f"{total}; a profile lists at most {DOCUMENT_SAMPLES_MAX}, so remove "
                        "some from your portfolio first",
                    )
                ]
            )
