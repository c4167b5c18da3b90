"""Writes for evidence: linking an artifact to a deep domain of its owner's profile."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model

from common.lookups import same_text
from portfolio.evidence import KIND_LABELS
from portfolio.models import AdversarialTestPlan, Benchmark, Evidence, WorkSample
from profiles.models import ProfileDomain, User
from profiles.shape import DEEP_DEPTH
from rubrics.models import Rubric


def evidence_kind_of(artifact: Model) -> str:
    """The Evidence field an artifact goes in."""
    kind = {
        "rubric": "rubric",
        "benchmark": "benchmark",
        "adversarialtestplan": "test_plan",
        "worksample": "work_sample",
    }.get(artifact._meta.model_name)
    if kind is None:
        raise ValueError(f"{artifact!r} cannot be evidence")
    return kind


def deep_domain_named(owner: User, name: str) -> ProfileDomain:
    """The owner's deep domain of that name, in any capitalisation; refused otherwise."""
    domain = (
        ProfileDomain.objects.filter(same_text("name", name.strip()), profile__user=owner)
        .order_by("position")
        .first()
    )
    if domain is None:
        raise ValidationError(f"“{name}” is not one of the domains in your profile.")
    if domain.depth is None or domain.depth < DEEP_DEPTH:
        raise ValidationError(
            f"“{domain.name}” is not a deep domain: evidence is asked for domains at depth "
            f"{DEEP_DEPTH} or 5."
        )
    return domain


@transaction.atomic
def evidence_link(*, actor: User, domain: str, artifact: Model) -> Evidence:
    """Link one of the actor's own artifacts to one of their deep domains, once."""
    kind = evidence_kind_of(artifact)
    if artifact.owner_id != actor.pk:
        raise PermissionDenied("You can only link your own artifacts.")
    if isinstance(artifact, Rubric) and artifact.kind != Rubric.Kind.ARTIFACT:
        raise ValidationError("Only your portfolio rubrics can be evidence.")
    name = deep_domain_named(actor, domain).name
    try:
        with transaction.atomic():
            return Evidence.objects.create(owner=actor, domain=name, **{kind: artifact})
    except IntegrityError as exc:
        raise ValidationError(f"“{artifact}” is already evidence for {name}.") from exc


@transaction.atomic
def evidence_unlink(*, actor: User, evidence: Evidence) -> None:
    if evidence.owner_id != actor.pk:
        raise PermissionDenied("You can only change your own evidence.")
    evidence.delete()


def _artifacts_by_title(user: User) -> dict[str, dict[str, Model]]:
    """The user's artifacts by kind, then title folded to lower case (the oldest first wins):
    one query per kind."""
    found: dict[str, dict[str, Model]] = {kind: {} for kind in KIND_LABELS}
    rubrics = Rubric.objects.filter(owner=user, kind=Rubric.Kind.ARTIFACT).order_by("-pk")
    for rubric in rubrics:
        found["rubric"][rubric.display_title.casefold()] = rubric
    for kind, model in (
        ("benchmark", Benchmark),
        ("test_plan", AdversarialTestPlan),
        ("work_sample", WorkSample),
    ):
        for artifact in model.objects.filter(owner=user).order_by("-pk").only("pk", "title"):
            found[kind][artifact.title.casefold()] = artifact
    return found


def _linked_titles(user: User) -> set[tuple[str, str, str]]:
    """What the user's evidence links already name, as a document names it: (domain, type,
    title), folded to lower case. One query."""
    linked = set()
    rows = Evidence.objects.filter(owner=user).select_related(*KIND_LABELS)
    for evidence in rows:
        for kind in KIND_LABELS:
            artifact = getattr(evidence, kind)
            if artifact is not None:
                title = artifact.display_title if kind == "rubric" else artifact.title
                linked.add((evidence.domain.casefold(), kind, title.casefold()))
    return linked


def evidence_from_document(*, user: User, document: dict) -> list[str]:
    """Link what a valid document's `domain_evidence` names, found by type and title among
    the user's artifacts; links already there stay. An entry that a link already answers (an
    artifact of that type and title for that domain, whichever of two with one title it is)
    adds none: importing one's own export changes nothing. Returns a note for each entry that
    could not be linked, for the person importing (an import never fails for want of
    evidence)."""
    given = document.get("domain_evidence", {})
    if not given:
        return []
    artifacts, notes = _artifacts_by_title(user), []
    linked = _linked_titles(user)
    for name, entries in given.items():
        try:
            domain = deep_domain_named(user, name).name
        except ValidationError as refused:
            notes.append(f"{refused.messages[0]} Its evidence was not linked.")
            continue
        for entry in entries:
            kind, title = entry["type"], entry["title"]
            if (domain.casefold(), kind, title.casefold()) in linked:
                continue
            artifact = artifacts[kind].get(title.casefold())
            if artifact is None:
                notes.append(
                    f"Evidence for {domain}: your portfolio has no {KIND_LABELS[kind].lower()} "
                    f"titled “{title}”; add it, then link it on your evidence page."
                )
                continue
            linking = {"owner": user, kind: artifact}
            found = Evidence.objects.filter(same_text("domain", domain), **linking)
            if not found.exists():
                try:
                    with transaction.atomic():
                        Evidence.objects.create(domain=domain, **linking)
                except IntegrityError:
                    # Linked meanwhile, on the evidence page: as wanted. Anything else fails.
                    if not found.exists():
                        raise
            linked.add((domain.casefold(), kind, title.casefold()))
    return notes
