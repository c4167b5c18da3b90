"""A round's integrity checks: what the expert confirmed, personal data found in its text
when it was frozen, and files and benchmark prompts that also appear in another expert's
portfolio.

Personal data is found once, when the round is frozen (frozen_personal_data), and stored on
the round. Matches across experts are read when the page is shown, so they include
portfolios added later: one indexed query per kind, a row per file or prompt however many
experts match, and for staff four more to say whose.
"""

from dataclasses import dataclass, field

from django.urls import reverse

from common.personaldata import Finding
from onboarding.blind import download_name
from onboarding.models import Round
from onboarding.permissions import OWNER, STAFF
from onboarding.snapshots import FrozenPortfolio
from portfolio.integrity import (
    TextFindings,
    file_findings,
    file_owners_elsewhere,
    files_elsewhere,
    item_findings,
    prompt_key,
    prompt_owners_elsewhere,
    prompts_elsewhere,
)
from profiles.models import User

# Experts named per flag for staff; the count says how many there are in all.
NAMED_PER_FLAG = 10


def frozen_personal_data(frozen: FrozenPortfolio) -> list[dict]:
    """Personal data in the frozen text files and benchmark items, as stored on the round."""
    files = {str(stored.pk): stored for stored in frozen.files}
    found = []
    for sample in frozen.artifacts["work_samples"]:
        stored = files.get((sample.get("file") or {}).get("id"))
        if stored is not None and (findings := file_findings(stored)):
            where = f"Work sample “{sample['title']}” ({stored.original_name})"
            found.append(TextFindings(where, "", findings))
    found += item_findings(
        (benchmark["title"], "", [(i["prompt"], i["reference_answer"]) for i in benchmark["items"]])
        for benchmark in frozen.artifacts["benchmarks"]
    )
    return [
        {"where": place.where, "findings": [vars(finding) for finding in place.findings]}
        for place in found
    ]


@dataclass(frozen=True)
class Other:
    """Another expert with the same file or prompt, as staff see them."""

    name: str
    round_url: str  # their latest round, or "" when they have not submitted


@dataclass(frozen=True)
class Match:
    what: str  # "File “x.csv”" or "Benchmark “B”, item 3"
    count: int  # other experts
    others: tuple[Other, ...] = ()  # staff only, at most NAMED_PER_FLAG


@dataclass(frozen=True)
class RoundIntegrity:
    confirmations: list[str]
    personal_data: list[TextFindings]
    matches: list[Match] = field(default_factory=list)
    show_matches: bool = False


def round_integrity(round: Round, audience: str, *, blind: bool = False) -> RoundIntegrity:
    """What the round page shows of the checks. The expert sees what they confirmed and the
    personal data; reviewers and staff also see the matches, staff with whose they are.
    A blind reviewer sees where personal data was found and of what kind, but neither the
    masked excerpt (an email's domain may be the expert's employer) nor a file's name."""
    personal = [
        TextFindings(
            _blind_place(place["where"]) if blind else place["where"],
            "",
            tuple(
                Finding(**{**f, "excerpt": ""}) if blind else Finding(**f)
                for f in place["findings"]
            ),
        )
        for place in round.personal_data
    ]
    if audience == OWNER:
        return RoundIntegrity(round.confirmations, personal)
    owner_id = round.submission.owner_id
    files, items = _frozen_keys(round, blind=blind)
    same_files = files_elsewhere((sha for _, sha in files), owner_id=owner_id)
    same_prompts = prompts_elsewhere((key for _, key in items), owner_id=owner_id)
    flagged = [(what, sha, same_files[sha]) for what, sha in files if sha in same_files]
    flagged += [(what, key, same_prompts[key]) for what, key in items if key in same_prompts]
    named = {}
    if audience == STAFF and flagged:
        named = _named(owner_id, set(same_files), set(same_prompts))
    matches = [Match(what, count, tuple(named.get(key, ()))) for what, key, count in flagged]
    return RoundIntegrity(round.confirmations, personal, matches, show_matches=True)


def _blind_place(where: str) -> str:
    """A work sample's place without its file's name ("Work sample “T” (name.md)")."""
    return where.rsplit(" (", 1)[0] if where.startswith("Work sample") else where


def _frozen_keys(
    round: Round, *, blind: bool = False
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Each frozen file and benchmark item, named, with what it is looked up by: its
    SHA-256 or its prompt key."""
    artifacts = round.snapshot["artifacts"]
    files = [
        (
            "File “{}”".format(
                download_name(sample["file"]["name"], sample["file"]["sha256"], blind=blind)
            ),
            sample["file"]["sha256"],
        )
        for sample in artifacts["work_samples"]
        if sample.get("file")
    ]
    items = [
        (f"Benchmark “{benchmark['title']}”, item {number}", prompt_key(item["prompt"]))
        for benchmark in artifacts["benchmarks"]
        for number, item in enumerate(benchmark["items"], start=1)
    ]
    return files, items


def _named(owner_id: int, shas: set[str], keys: set[str]) -> dict[str, list[Other]]:
    """Up to NAMED_PER_FLAG other experts per flagged key in all (fewer for some keys when
    one key has many), named and linked to their latest round: four queries."""
    pairs = file_owners_elsewhere(shas, owner_id=owner_id, limit=NAMED_PER_FLAG * len(shas))
    pairs += prompt_owners_elsewhere(keys, owner_id=owner_id, limit=NAMED_PER_FLAG * len(keys))
    wanted = {pk for _, pk in pairs}
    names = {user.pk: user.get_full_name() for user in User.objects.filter(pk__in=wanted)}
    latest: dict[int, str] = {}
    rows = Round.objects.filter(submission__owner_id__in=wanted).order_by(
        "submission__owner_id", "-number"
    )
    for owner, pk in rows.values_list("submission__owner_id", "pk"):
        latest.setdefault(owner, reverse("review_round", args=[pk]))
    named: dict[str, list[Other]] = {}
    for key, pk in pairs:
        others = named.setdefault(key, [])
        if len(others) < NAMED_PER_FLAG:
            others.append(Other(names.get(pk, ""), latest.get(pk, "")))
    return named
