"""The credential an approval earns, as data: an Open Badges 3.0 OpenBadgeCredential in the
W3C Verifiable Credentials 2.0 data model.

Plain values in, a JSON-ready dict out, so the same function serves the approval, the download
and the tests. Only signing.py turns it into a signed token.
"""

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from uuid import UUID

from django.utils.text import get_text_list

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CREDENTIAL_TYPES = ["VerifiableCredential", "OpenBadgeCredential"]
ISSUER_NAME = "Expertfolio"
ACHIEVEMENT_NAME = "Expertfolio portfolio approved"
CRITERIA = (
    "The expert's portfolio (skill profile and AI-evaluation artifacts), frozen when it was "
    "submitted, was scored by Expertfolio reviewers against the review rubric and approved: "
    "every criterion at or above its passing level, and no disallowed behaviour."
)
VERIFIED_CREDENTIAL_GENRE = "Professional credential, verified by Expertfolio staff"
# The id ends a URL path: one segment of letters, digits, "-" and "_" (a UUID, a token).
CREDENTIAL_ID = re.compile(r"[A-Za-z0-9_-]{1,100}")


def verification_url(*, credential_id: str, site_url: str) -> str:
    """The page that tells whether the credential is genuine and current: its `id`."""
    return f"{site_url.rstrip('/')}/verify/{credential_id}/"


def credential_id_from_url(url: str, *, site_url: str) -> str | None:
    """The credential id in one of our verification URLs; None for any other URL."""
    prefix = verification_url(credential_id="", site_url=site_url).removesuffix("/")
    if not url.startswith(prefix) or not url.endswith("/"):
        return None
    candidate = url[len(prefix) : -1]
    return candidate if CREDENTIAL_ID.fullmatch(candidate) else None


def timestamp(moment: datetime) -> str:
    """An XML Schema dateTimeStamp in UTC, as VC 2.0 wants for validFrom."""
    if moment.tzinfo is None:
        raise ValueError("A credential's date needs a time zone.")
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def approval_credential(
    *,
    credential_id: str | UUID,
    expert_name: str,
    approved_at: datetime,
    domains: Sequence[str],
    site_url: str,
    expert_url: str | None = None,
    verified_credentials: Sequence[dict] = (),
) -> dict:
    """The OpenBadgeCredential for one approved portfolio.

    `credential_id` names it in /verify/<id>/; `domains` are the reviewed domains, in the order
    the page shows them; `expert_url` is the expert's public profile, when it is public.
    `verified_credentials` ([{"text", "verified_on"}], as the round froze them) become its
    evidence; self-declared credentials are not ours to sign, so they are left out.
    """
    credential_id = str(credential_id)
    if not CREDENTIAL_ID.fullmatch(credential_id):
        raise ValueError(f"Credential id {credential_id!r} cannot be part of a URL path.")
    expert_name = expert_name.strip()
    if not expert_name:
        raise ValueError("A credential names the expert.")
    reviewed = list(dict.fromkeys(d.strip() for d in domains if d.strip()))
    site = site_url.rstrip("/")
    url = verification_url(credential_id=credential_id, site_url=site)
    issued = timestamp(approved_at)
    in_domains = f" in {get_text_list(reviewed, 'and')}" if reviewed else ""

    subject = _subject(expert_name, expert_url, url=url, reviewed=reviewed, in_domains=in_domains)
    evidence = [_evidence(entry) for entry in verified_credentials]
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": url,
        "type": list(CREDENTIAL_TYPES),
        "name": ACHIEVEMENT_NAME,
        "description": f"{expert_name}'s portfolio was reviewed and approved{in_domains}.",
        "issuer": {"id": site, "type": ["Profile"], "name": ISSUER_NAME, "url": site},
        "validFrom": issued,
        "awardedDate": issued,
        "credentialSubject": subject,
    } | ({"evidence": evidence} if evidence else {})


def _evidence(verified: dict) -> dict:
    """A professional credential Expertfolio staff verified against its proof."""
    return {
        "type": ["Evidence"],
        "name": verified["text"],
        "description": f"Verified by Expertfolio staff on {verified['verified_on']}.",
        "genre": VERIFIED_CREDENTIAL_GENRE,
    }


def _subject(
    expert_name: str, expert_url: str | None, *, url: str, reviewed: list[str], in_domains: str
) -> dict:
    """Who earned the credential, and the achievement."""
    subject: dict = {"type": ["AchievementSubject"]}
    if expert_url:
        subject["id"] = expert_url
    return subject | {
        "name": expert_name,
        # Open Badges names the recipient through an identity object; the name itself is
        # public on the credential, so it is not hashed.
        "identifier": [
            {
                "type": "IdentityObject",
                "identityType": "name",
                "identityHash": expert_name,
                "hashed": False,
            }
        ],
        "achievement": {
            "id": f"{url}#achievement",
            "type": ["Achievement"],
            "name": ACHIEVEMENT_NAME,
            "description": f"A portfolio of AI-evaluation work reviewed and approved{in_domains}.",
            "criteria": {"narrative": CRITERIA},
            "tag": reviewed,
        },
    }
