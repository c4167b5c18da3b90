"""The verified portfolio on a public profile: the approved round and what the expert shows.

The public sees an artifact only when it is public now and was frozen in the approved round,
and always as it was frozen; one edited since then says so. The page costs the same few
queries however many artifacts there are: the round (without its snapshot), one query for
the published artifacts, and the snapshot only when the cached fragment is missing.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from django.db.models import BooleanField, CharField, F, QuerySet, Value

from onboarding.models import AuditEntry, Round
from onboarding.snapshots import ARTIFACT_KEYS
from onboarding.workflow import State
from portfolio.evidence import EVIDENCE_KIND_OF, KIND_LABELS
from portfolio.models import WorkSample
from portfolio.publication import KIND_TITLES, artifacts_of_kind
from profiles.models import User
from profiles.shape import SHAPE_LABELS


def approved_round_of(owner: User) -> Round | None:
    """The owner's approved round (approval is final: at most one), without its snapshot;
    None once staff revoked the approval (the round's audit log records it)."""
    return (
        Round.objects.filter(submission__owner=owner, state=State.APPROVED)
        .exclude(audit_entries__action=AuditEntry.Action.APPROVAL_REVOKED)
        .defer("snapshot", "checklists", "instrument")
        .order_by("-decided_at", "-pk")
        .first()
    )


def _published(owner: User) -> QuerySet:
    """(kind, id, last edit, items published) of every public artifact: one UNION ALL."""
    parts = []
    for kind in ARTIFACT_KEYS:
        updated = "updated_at" if kind == "rubrics" else "updated"
        no_items = Value(False, output_field=BooleanField())
        parts.append(
            artifacts_of_kind(owner, kind)
            .filter(public=True)
            .order_by()
            .values_list(
                Value(kind, output_field=CharField()),
                "pk",
                F(updated),
                F("publish_items") if kind == "benchmarks" else no_items,
            )
        )
    return parts[0].union(*parts[1:], all=True)


@dataclass(frozen=True)
class PublicArtifact:
    kind: str
    data: dict  # the artifact's entry in the approved round's snapshot
    changed_since: bool  # edited after the round was submitted
    publish_items: bool = False

    @cached_property
    def benchmark_summary(self) -> dict:
        items = self.data.get("items", [])
        mix = Counter(item.get("difficulty", "medium") for item in items)
        return {
            "size": len(items),
            "mix": [(level, mix[level]) for level in ("easy", "medium", "hard") if mix[level]],
            "adversarial": sum(1 for item in items if item.get("adversarial")),
        }

    @property
    def type_label(self) -> str:
        return WorkSample.Type(self.data["type"]).label if self.data.get("type") else ""


@dataclass
class VerifiedPortfolio:
    """What an approved round lets the public page say."""

    round: Round
    published: dict[tuple[str, int], tuple[bool, bool]]  # (kind, id) -> (changed, items)

    @property
    def domains(self) -> list[dict]:
        return self.round.queue_domains

    @property
    def shape_label(self) -> str:
        return SHAPE_LABELS.get(self.round.shape, self.round.shape)

    @property
    def fragment_is_small(self) -> bool:
        """Only summaries are kept; published benchmark items (up to 500 each) are not."""
        return not any(items for _changed, items in self.published.values())

    @property
    def cache_key(self) -> str:
        """Names the round's snapshot and every choice the fragment depends on."""
        parts = [
            self.round.snapshot_sha256,
            *(f"{k}:{i}:{c}:{p}" for (k, i), (c, p) in sorted(self.published.items())),
        ]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()

    @cached_property
    def snapshot(self) -> dict:
        """The approved snapshot, read only when a fragment that shows it is built."""
        return Round.objects.values_list("snapshot", flat=True).get(pk=self.round.pk)

    @cached_property
    def evidence(self) -> dict[str, dict] | None:
        """What the profile shows beside each domain (profiles.presentation), as approved:
        the evidence the approved round froze, titled and linked where the page shows the
        artifact, the rest only counted; None for a round frozen before evidence was."""
        snapshot = self.snapshot
        if "evidence" not in snapshot:
            return None
        titles = {
            (kind, entry["id"]): entry.get("title", "")
            for kind, entries in snapshot["artifacts"].items()
            for entry in entries
        }
        shown: dict[str, dict] = {}
        for link in snapshot["evidence"]:
            entry = shown.setdefault(link["domain"].casefold(), {"items": [], "hidden": 0})
            key = (link["kind"], link["id"])
            if key in self.published and key in titles:
                entry["items"].append(
                    {
                        "title": titles[key],
                        "type": KIND_LABELS[EVIDENCE_KIND_OF[link["kind"]]],
                        "url": f"#public-{link['kind']}-{link['id']}",
                    }
                )
            else:
                entry["hidden"] += 1
        return shown

    @cached_property
    def artifacts(self) -> list[tuple[str, list[PublicArtifact]]]:
        """(heading, artifacts) per kind that has any, in the snapshot's order; reads the
        snapshot, so only when the fragment is built."""
        snapshot = self.snapshot
        groups = []
        for kind, title in KIND_TITLES.items():
            shown = [
                PublicArtifact(kind, entry, *self.published[(kind, entry["id"])])
                for entry in snapshot["artifacts"].get(kind, [])
                if (kind, entry["id"]) in self.published
            ]
            if shown:
                groups.append((title, shown))
        return groups


def verified_portfolio_of(owner: User) -> VerifiedPortfolio | None:
    round = approved_round_of(owner)
    if round is None:
        return None
    published = {
        (kind, pk): (updated > round.submitted_at, bool(items))
        for kind, pk, updated, items in _published(owner)
    }
    return VerifiedPortfolio(round=round, published=published)
