"""Reads for evidence: which artifacts show which deep domain, for pages and snapshots.

A page reads all of a person's evidence in one query (the four artifact kinds joined), and
the artifacts it may offer in one query per kind, however many domains and links there are.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse

from portfolio.models import AdversarialTestPlan, Benchmark, Evidence, WorkSample
from portfolio.models.evidence import EVIDENCE_KINDS
from profiles.models import ProfileDomain, User
from profiles.shape import DEEP_DEPTH
from rubrics.content import display_title
from rubrics.models import Rubric

KIND_LABELS = {
    "rubric": "Rubric",
    "benchmark": "Benchmark",
    "test_plan": "Test plan",
    "work_sample": "Work sample",
}
DETAIL_URLS = {
    "rubric": "rubric_detail",
    "benchmark": "benchmark_detail",
    "test_plan": "test_plan_detail",
    "work_sample": "work_sample_detail",
}
# Evidence kind -> the snapshot's artifact key.
SNAPSHOT_KEYS = {kind: f"{kind}s" for kind in EVIDENCE_KINDS}
EVIDENCE_KIND_OF = {key: kind for kind, key in SNAPSHOT_KEYS.items()}


@dataclass(frozen=True)
class EvidenceLink:
    """One link between a domain and an artifact, with what pages show of the artifact."""

    id: int
    domain: str
    kind: str
    artifact_id: int
    title: str
    public: bool  # the owner shows the artifact on their public page
    link: str = ""  # a linked work sample's address

    @classmethod
    def of(cls, evidence: Evidence) -> "EvidenceLink":
        """A saved link with its artifact at hand (as a seeding run has them)."""
        # By the artifact, not its id column: rows stored in bulk may carry only the object.
        kind = next(kind for kind in EVIDENCE_KINDS if getattr(evidence, kind) is not None)
        artifact = getattr(evidence, kind)
        return cls(
            id=evidence.pk,
            domain=evidence.domain,
            kind=kind,
            artifact_id=artifact.pk,
            title=str(artifact),
            public=artifact.public,
            link=getattr(artifact, "url", ""),
        )

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def url(self) -> str:
        return reverse(DETAIL_URLS[self.kind], args=[self.artifact_id])

    @property
    def value(self) -> str:
        """The artifact as a form's choice."""
        return f"{self.kind}-{self.artifact_id}"


_COLUMNS = [
    "pk",
    "domain",
    *(f"{kind}_id" for kind in EVIDENCE_KINDS),
    *(f"{kind}__title" for kind in EVIDENCE_KINDS),
    *(f"{kind}__public" for kind in EVIDENCE_KINDS),
    "rubric__objective",
    "work_sample__url",
]


def _link(row: dict) -> EvidenceLink:
    kind = next(kind for kind in EVIDENCE_KINDS if row[f"{kind}_id"] is not None)
    title = row[f"{kind}__title"]
    if kind == "rubric":
        title = display_title(title, row["rubric__objective"])
    return EvidenceLink(
        id=row["pk"],
        domain=row["domain"],
        kind=kind,
        artifact_id=row[f"{kind}_id"],
        title=title,
        public=row[f"{kind}__public"],
        link=row["work_sample__url"] or "",
    )


def evidence_of(owner: User) -> list[EvidenceLink]:
    """All of the owner's evidence, oldest link first: one query."""
    rows = Evidence.objects.filter(owner=owner).order_by("pk").values(*_COLUMNS)
    return [_link(row) for row in rows]


def by_domain(links: Iterable[EvidenceLink]) -> dict[str, list[EvidenceLink]]:
    """Links by domain name folded to lower case (how domains are told apart)."""
    grouped: dict[str, list[EvidenceLink]] = {}
    for link in links:
        grouped.setdefault(link.domain.casefold(), []).append(link)
    return grouped


def deep_domains_of(owner: User) -> list[tuple[str, int]]:
    """(name, depth) of the owner's deep domains, in the profile's order: one query."""
    return list(
        ProfileDomain.objects.filter(profile__user=owner, depth__gte=DEEP_DEPTH)
        .order_by("position")
        .values_list("name", "depth")
    )


def evidence_shown(links: Iterable[EvidenceLink]) -> dict[str, dict]:
    """What the profile partial shows beside each domain for its owner (profiles.presentation):
    every artifact, linked. The public sees the approved round's (onboarding.queries.public)."""
    return {
        name: {
            "items": [
                {"title": link.title, "type": link.kind_label, "url": link.url}
                for link in domain_links
            ],
            "hidden": 0,
        }
        for name, domain_links in by_domain(links).items()
    }


@dataclass(frozen=True)
class Choice:
    value: str  # "<kind>-<id>"
    label: str
    domain: str = ""  # a benchmark's domain


def artifact_choices(owner: User) -> dict[str, list[Choice]]:
    """The owner's artifacts that may be evidence, by kind, titles in order: four queries."""
    rubrics = Rubric.objects.filter(owner=owner, kind=Rubric.Kind.ARTIFACT).order_by("title", "pk")
    choices = {
        "rubric": [
            Choice(f"rubric-{pk}", display_title(title, objective))
            for pk, title, objective in rubrics.values_list("pk", "title", "objective")
        ],
        "benchmark": [
            Choice(f"benchmark-{pk}", f"{title} ({domain})", domain)
            for pk, title, domain in Benchmark.objects.filter(owner=owner)
            .order_by("title", "pk")
            .values_list("pk", "title", "domain")
        ],
    }
    for kind, model in (("test_plan", AdversarialTestPlan), ("work_sample", WorkSample)):
        choices[kind] = [
            Choice(f"{kind}-{pk}", title)
            for pk, title in model.objects.filter(owner=owner)
            .order_by("title", "pk")
            .values_list("pk", "title")
        ]
    return choices


def artifact_of(owner: User, value: str):
    """The owner's artifact a choice names, or None (another person's, or none at all)."""
    kind, _, pk = value.partition("-")
    if kind not in EVIDENCE_KINDS or not pk.isdigit():
        return None
    query = Q(owner=owner, pk=int(pk))
    if kind == "rubric":
        return Rubric.objects.filter(query, kind=Rubric.Kind.ARTIFACT).first()
    model = {"benchmark": Benchmark, "test_plan": AdversarialTestPlan, "work_sample": WorkSample}
    return model[kind].objects.filter(query).first()


def _document_entry(link: EvidenceLink) -> dict:
    entry = {"type": link.kind, "title": link.title}
    if link.link:
        entry["link"] = link.link
    return entry


def document_with_evidence(document: dict, links: Iterable[EvidenceLink]) -> dict:
    """The skill-profile document with its `domain_evidence`: each deep domain's links by
    type and title (and a linked work sample's address), placed after `domain_depth`."""
    grouped = by_domain(links)
    depths = document.get("domain_depth", {})
    evidence = {}
    for name in document.get("domains", []):
        entries = grouped.get(name.casefold(), []) if depths.get(name, 0) >= DEEP_DEPTH else []
        if entries:
            evidence[name] = [
                {
                    "type": link.kind,
                    "title": link.title,
                    **({"link": link.link} if link.link else {}),
                }
                for link in entries
            ]
    if not evidence:
        return document
    shown = {}
    for key, value in document.items():
        shown[key] = value
        if key == "domain_depth":
            shown["domain_evidence"] = evidence
    return shown
