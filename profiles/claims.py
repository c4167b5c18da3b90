"""Where each credential of a profile stands: self-declared until staff verify its proof.

A standing belongs to the credential's text, because the editor writes the list afresh on
every save: a credential whose text changes is a new claim, unless only in letters the
database counts as one (its proof is then renamed with it).
The proofs live in the portfolio (they may be uploaded files: portfolio.claims reads them);
here is only what a standing is and how pages word it, so profiles' templates can show it.
"""

import hashlib
from dataclasses import dataclass
from datetime import date

from django.utils.dateformat import format as date_format

SELF_DECLARED, PENDING, VERIFIED, DECLINED = "self_declared", "pending", "verified", "declined"
# What the owner reads; anyone else sees a credential as verified or self-declared, nothing else.
WORDS = {
    SELF_DECLARED: "self-declared",
    PENDING: "proof pending review",
    DECLINED: "proof declined",
}


def credential_key(text: str) -> str:
    # The text as the profile spells it: a proof carries its credential's spelling, renamed
    # with it where the database counts the two as one text (portfolio.services.proofs.
    # proofs_follow_spelling()). Lowering here instead would match texts the database keeps
    # apart ("Émile" and "émile" on SQLite), or miss ones it joins ("İ" and "i").
    return text.strip()


@dataclass(frozen=True)
class CredentialStanding:
    state: str = SELF_DECLARED
    decided_on: date | None = None
    note: str = ""  # staff's reason for a decline, shown to the owner only

    @property
    def is_verified(self) -> bool:
        return self.state == VERIFIED

    @property
    def is_pending(self) -> bool:
        return self.state == PENDING

    @property
    def is_declined(self) -> bool:
        return self.state == DECLINED

    @property
    def words(self) -> str:
        if self.is_verified:
            return f"verified by Expertfolio staff on {date_format(self.decided_on, 'j F Y')}"
        return WORDS[self.state]

    def for_audience(self, audience: str) -> "CredentialStanding":
        """Reviewers and the public learn only whether staff verified it."""
        if audience == "owner" or self.is_verified or self.state == SELF_DECLARED:
            return self
        return SELF_DECLARED_STANDING


SELF_DECLARED_STANDING = CredentialStanding()
Standings = dict[str, CredentialStanding]  # credential_key(text) -> standing


def standing_of(text: str, standings: Standings | None) -> CredentialStanding:
    return (standings or {}).get(credential_key(text), SELF_DECLARED_STANDING)


def standings_from_frozen(verified: list | None) -> Standings:
    """The standings a submission froze: [{"text", "verified_on": "YYYY-MM-DD"}]."""
    standings = {}
    for entry in verified if isinstance(verified, list) else []:
        try:
            day = date.fromisoformat(entry["verified_on"])
        except (KeyError, TypeError, ValueError, AttributeError):
            continue  # not ours to trust: the credential reads as self-declared
        standings[credential_key(str(entry.get("text", "")))] = CredentialStanding(VERIFIED, day)
    return standings


def public_standings_key(standings: Standings) -> str:
    """Changes whenever what the public sees of the standings does (for cache keys)."""
    verified = sorted(
        f"{key}:{standing.decided_on.isoformat()}"
        for key, standing in standings.items()
        if standing.is_verified
    )
    return hashlib.sha256("\n".join(verified).encode("utf-8")).hexdigest()[:16]
