"""A round's integrity checks: what the expert confirmed, personal data found in its text
when it was frozen, and files and benchmark prompts that also appear in another expert's
portfolio.

Personal data is found once, when the round is frozen (frozen_personal_data), and stored on
the round. Matches across experts are read when the page is shown, so they include
portfolios added later: one indexed query per kind, and for staff two more to say whose.
"""

from dataclasses import dataclass, field

from common.personaldata import Finding
from onboarding.models import Round
from onboarding.permissions import OWNER, STAFF
from onboarding.snapshots import FrozenPortfolio
from portfolio.integrity import (
    TextFindings,
    file_findings,
    files_elsewhere,
    item_findings,
    prompt_key,
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


def round_integrity(round: Round, audience: str) -> RoundIntegrity:
    """What the round page shows of the checks. The expert sees what they confirmed and the
    personal data; reviewers and staff also see the matches, staff with whose they are."""
    personal = [
        TextFindings(place["where"], "", tuple(Finding(**f) for f in place["findings"]))
        for place in round.personal_data
    ]
    if audience == OWNER:
        return RoundIntegrity(round.confirmations, personal)
    matches = _matches(round, owner_id=round.submission.owner_id)
    if audience == STAFF:
        matches = _named(matches)
    return RoundIntegrity(
        round.confirmations,
        personal,
        [Match(what, len(ids), others) for what, ids, others in matches],
        show_matches=True,
    )


def _matches(round: Round, *, owner_id: int) -> list[tuple[str, set[int], tuple]]:
    files = [
        (sample["file"]["name"], sample["file"]["sha256"])
        for sample in round.snapshot["artifacts"]["work_samples"]
        if sample.get("file")
    ]
    same_files = files_elsewhere((sha for _, sha in files), owner_id=owner_id)
    matches = [(f"File “{name}”", same_files[sha], ()) for name, sha in files if sha in same_files]
    items = [
        (f"Benchmark “{benchmark['title']}”, item {number}", prompt_key(item["prompt"]))
        for benchmark in round.snapshot["artifacts"]["benchmarks"]
        for number, item in enumerate(benchmark["items"], start=1)
    ]
    same_prompts = prompts_elsewhere((key for _, key in items), owner_id=owner_id)
    matches += [(what, same_prompts[key], ()) for what, key in items if key in same_prompts]
    return matches


def _named(matches: list[tuple[str, set[int], tuple]]) -> list[tuple[str, set[int], tuple]]:
    """The matches with up to NAMED_PER_FLAG other experts each, named, linked to their
    latest round: two queries for all of them."""
    wanted = {pk for _, ids, _ in matches for pk in sorted(ids)[:NAMED_PER_FLAG]}
    if not wanted:
        return matches
    names = {user.pk: user.get_full_name() for user in User.objects.filter(pk__in=wanted)}
    latest: dict[int, Round] = {}
    rows = Round.objects.filter(submission__owner_id__in=wanted).select_related("submission")
    for other_round in rows.order_by("submission__owner_id", "-number"):
        latest.setdefault(other_round.submission.owner_id, other_round)
    return [
        (
            what,
            ids,
            tuple(
                Other(names.get(pk, ""), latest[pk].get_absolute_url() if pk in latest else "")
                for pk in sorted(ids)[:NAMED_PER_FLAG]
            ),
        )
        for what, ids, _ in matches
    ]
