"""What the profile partial shows, computed from a skill-profile document alone.

Pages render a document, never the models, so a frozen copy of a profile (a stored
document) looks exactly like the live one.
"""

from decimal import Decimal

from profiles.claims import Standings, standing_of
from profiles.documents import document_shape
from profiles.models import WorkSampleType

AUDIENCES = ("owner", "reviewer", "public")
# Where the editor asks for each item of the completeness meter.
EDITOR_ANCHORS = {
    "basics": "section-basics",
    "bio": "section-basics",
    "credentials": "section-credentials",
    "depth": "section-domains",
    "reasoning": "section-work_samples",
    "artifacts": "section-work_samples",
    "tools": "section-tools",
    "availability": "section-availability",
    "topics_declined": "section-topics_declined",
}


def rate_words(rate: dict) -> str:
    """42.5 USD -> "42.50 USD per hour"."""
    return f"{Decimal(str(rate['amount'])):,.2f} {rate['currency']} per hour"


def _domain_evidence(evidence: dict | None, name: str, deep: bool) -> dict | None:
    """A domain's evidence as the partial shows it; None where the page shows no evidence."""
    if evidence is None:
        return None
    # Links kept for a domain made shallower show nowhere.
    entry = evidence.get(name.casefold(), {}) if deep else {}
    items, hidden = entry.get("items", []), entry.get("hidden", 0)
    return {"items": items, "hidden": hidden, "gap": deep and not items and not hidden}


def profile_document_context(
    document: dict,
    *,
    audience: str,
    figure_id: str,
    standings: Standings | None = None,
    evidence: dict | None = None,
) -> dict:
    """Context for templates/profiles/_profile_document.html.

    `standings` say which credentials staff verified (profiles.claims); without them every
    credential reads as self-declared. `evidence` (domain name folded to lower case ->
    {"items": [{"title", "type", "url"}], "hidden": count not shown}) adds what shows each
    deep domain; profiles never reads it, the page that knows the artifacts hands it over.

    The public sees everything but the hourly rate, which stays between the expert and
    the reviewers, and the work samples: those are portfolio artifacts, which the public
    sees only as the expert chooses, once approved (onboarding's public page).
    """
    if audience not in AUDIENCES:
        raise ValueError(f"Unknown audience {audience!r}")
    shape = document_shape(document)
    given = document.get("domain_depth", {})
    rate = document.get("hourly_rate")
    return {
        "document": document,
        "audience": audience,
        "shape": shape,
        "figure_id": figure_id,
        "with_evidence": evidence is not None,
        "domains": [
            {
                "name": domain.name,
                "depth": domain.depth,
                "label": domain.depth_label,
                "deep": domain.is_deep,
                "given": domain.name in given,
                "evidence": _domain_evidence(evidence, domain.name, domain.is_deep),
            }
            for domain in shape.domains
        ],
        "availability": document.get("availability", {}),
        "credentials": [
            {"text": text, "standing": standing_of(text, standings).for_audience(audience)}
            for text in document.get("credentials", [])
        ],
        "rate": rate_words(rate) if rate and audience != "public" else "",
        "work_samples": [
            {
                "title": sample["title"],
                "link": sample["link"],
                "type": WorkSampleType(sample["type"]).label if sample.get("type") else "",
            }
            for sample in (document.get("work_samples", []) if audience != "public" else [])
        ],
    }
