"""What an expert shows on their public page: a choice per artifact, nothing by default.

The public page (onboarding) shows an artifact only when it is public now *and* frozen in the
approved round, as it was frozen. A benchmark's items stay private unless the expert also
publishes them, so a published benchmark does not end up in training data by accident.

The choices are saved together, at a version (PublicationChoices): choices made on a page
opened before another save are refused rather than undo it.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.paginator import Page
from django.db import transaction
from django.db.models import QuerySet

from common.pagination import counted_page
from common.versions import Snapshot, version_raise
from portfolio.models import AdversarialTestPlan, Benchmark, PublicationChoices, WorkSample
from profiles.models import User
from rubrics.models import Rubric

PER_PAGE = 25  # artifacts of a kind on /portfolio/public/

# Artifact kind (the snapshot's key) -> its heading on the pages.
KIND_TITLES = {
    "rubrics": "Reasoning rubrics",
    "benchmarks": "Domain benchmarks",
    "test_plans": "Adversarial test plans",
    "work_samples": "Work samples",
}


def artifacts_of_kind(owner: User, kind: str) -> QuerySet:
    """The owner's artifacts of one kind, whatever their choice (portfolio rubrics only)."""
    if kind == "rubrics":
        return Rubric.objects.filter(owner=owner, kind=Rubric.Kind.ARTIFACT)
    model = {
        "benchmarks": Benchmark,
        "test_plans": AdversarialTestPlan,
        "work_samples": WorkSample,
    }[kind]
    return model.objects.filter(owner=owner)


@dataclass(frozen=True)
class PublicationRow:
    id: int
    title: str
    public: bool
    publish_items: bool = False  # benchmarks only


# The fields a row shows, by kind (the page reads no more of each artifact).
_ROW_FIELDS = {
    "rubrics": ("title", "objective", "public"),
    "benchmarks": ("title", "public", "publish_items"),
    "test_plans": ("title", "public"),
    "work_samples": ("title", "public"),
}


def _row(kind: str, artifact) -> PublicationRow:
    title = artifact.display_title if kind == "rubrics" else artifact.title
    return PublicationRow(
        artifact.pk, title, artifact.public, getattr(artifact, "publish_items", False)
    )


def publication_pages(owner: User, params: Mapping | None = None) -> dict[str, Page]:
    """A page of the owner's artifacts of each kind, oldest first, with their choice;
    `params` names each kind's page (`<kind>_page`, the first by default). One query per kind,
    which counts the kind too. A save changes only the artifacts its page showed
    (publication_set())."""
    params = params or {}
    pages = {}
    for kind in KIND_TITLES:
        queryset = artifacts_of_kind(owner, kind).only(*_ROW_FIELDS[kind]).order_by("pk")
        page = counted_page(queryset, params.get(f"{kind}_page"), PER_PAGE)
        page.object_list = [_row(kind, artifact) for artifact in page.object_list]
        pages[kind] = page
    return pages


def publication_rows(owner: User, params: Mapping | None = None) -> dict[str, list[PublicationRow]]:
    """The rows of publication_pages(), by kind."""
    return {kind: page.object_list for kind, page in publication_pages(owner, params).items()}


def publication_version(owner: User) -> int:
    """The version of the owner's choices: 0 until they first save them."""
    choices = PublicationChoices.objects.filter(owner=owner).values_list("version", flat=True)
    return choices.first() or 0


def publication_snapshot(rows: dict[str, list[PublicationRow]]) -> Snapshot:
    """What the page shows of the choices, a list of artifacts per heading (common.versions):
    a conflict names the headings whose ticks changed."""
    return {
        KIND_TITLES[kind]: [f"{row.id} {row.public} {row.publish_items}" for row in kind_rows]
        for kind, kind_rows in rows.items()
    }


@transaction.atomic
def publication_set(
    *,
    actor: User,
    shown: dict[str, set[int]],
    public: dict[str, set[int]],
    items: set[int],
    expected_version: int | None,
) -> None:
    """Make public exactly the ticked artifacts among those the form `shown` (the actor's own).
    Refused (VersionConflict), nothing written, when the choices were saved since the page
    was opened at `expected_version` (None: whatever it is now).

    An update, not save(): choosing what the public sees does not change the artifact, so
    it must not count as an edit made after the review.
    """
    # get_or_create: two first saves at once both create; the second gets the row the first
    # made (and raised), and is refused.
    choices, _ = PublicationChoices.objects.get_or_create(owner=actor)
    version_raise(choices, expected_version=expected_version)
    for kind in KIND_TITLES:
        rows = artifacts_of_kind(actor, kind).filter(pk__in=shown.get(kind, set()))
        ticked = public.get(kind, set())
        rows.filter(pk__in=ticked).update(public=True)
        rows.exclude(pk__in=ticked).update(public=False)
    benchmarks = artifacts_of_kind(actor, "benchmarks").filter(
        pk__in=shown.get("benchmarks", set())
    )
    benchmarks.filter(pk__in=items).update(publish_items=True)
    benchmarks.exclude(pk__in=items).update(publish_items=False)
