"""The one mapping between stored profiles and skill-profile documents.

Export leaves out every optional field that was never set, so a valid document that is
imported and exported again comes back equal. Nothing here writes to the database:
services.py saves what `profile_parts_from_document()` builds.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models

from profiles.models import (
    Credential,
    DeclinedTopic,
    Profile,
    ProfileDomain,
    Strength,
    Tool,
)
from profiles.shape import DEFAULT_DEPTH, TOP_DEPTH, ShapeResult, shape_of

# Document list field -> (model, related name on Profile).
TEXT_LISTS: dict[str, tuple[type[models.Model], str]] = {
    "strengths": (Strength, "strengths"),
    "credentials": (Credential, "credentials"),
    "tools": (Tool, "tools"),
    "topics_declined": (DeclinedTopic, "declined_topics"),
}
# Everything a page needs to turn a profile into its document without more queries.
PROFILE_PREFETCH = ("domains", *(related for _, related in TEXT_LISTS.values()))


def json_number(amount: Decimal) -> int | float:
    """A stored amount as the JSON number a document holds: 42, not 42.00."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


@dataclass(frozen=True)
class ProfileLists:
    """A profile's ordered lists as plain values, however they were read."""

    domains: tuple[tuple[str, int | None], ...] = ()  # (name, depth or None)
    texts: dict[str, tuple[str, ...]] = field(default_factory=dict)  # TEXT_LISTS key -> texts
    # (title, type or "", link): kept above this app, so only what a caller passes in.
    work_samples: tuple[tuple[str, str, str], ...] = ()

    @classmethod
    def of_profile(cls, profile: Profile) -> "ProfileLists":
        """Read through the profile's relations (prefetched with PROFILE_PREFETCH, or not);
        no work samples."""
        return cls(
            domains=tuple((domain.name, domain.depth) for domain in profile.domains.all()),
            texts={
                key: tuple(item.text for item in getattr(profile, related).all())
                for key, (_model, related) in TEXT_LISTS.items()
            },
        )


def _put_texts(document: dict, lists: ProfileLists, key: str) -> None:
    texts = list(lists.texts.get(key, ()))
    if texts:
        document[key] = texts


def profile_document(profile: Profile, lists: ProfileLists | None = None) -> dict:
    """The profile as a skill-profile document (a plain dict, ready for json.dumps).

    Pass the lists when they were read already (profiles.queries); without them they are
    read through the profile's relations. Its work samples are those of the lists, which
    the portfolio passes in (portfolio.documents).
    """
    if lists is None:
        lists = ProfileLists.of_profile(profile)
    document: dict = {"headline": profile.headline}
    if profile.bio:
        document["bio"] = profile.bio
    document["domains"] = [name for name, _depth in lists.domains]
    depths = {name: depth for name, depth in lists.domains if depth is not None}
    if depths:
        document["domain_depth"] = depths
    for key in ("strengths", "credentials", "tools"):
        _put_texts(document, lists, key)
    availability = {}
    if profile.hours_per_week is not None:
        availability["hours_per_week"] = profile.hours_per_week
    if profile.timezone:
        availability["timezone"] = profile.timezone
    if availability:
        document["availability"] = availability
    _put_texts(document, lists, "topics_declined")
    if profile.rate_amount is not None:
        document["hourly_rate"] = {
            "amount": json_number(profile.rate_amount),
            "currency": profile.rate_currency,
        }
    samples = []
    for title, sample_type, link in lists.work_samples:
        entry = {"title": title}
        if sample_type:
            entry["type"] = sample_type
        entry["link"] = link
        samples.append(entry)
    if samples:
        document["work_samples"] = samples
    if profile.visibility:
        document["visibility"] = profile.visibility
    return document


@dataclass
class ProfileParts:
    """A valid document as unsaved model data: the profile's fields and its ordered lists."""

    fields: dict
    children: dict[type[models.Model], list[models.Model]] = field(default_factory=dict)
    # The document's work samples as given, for the app above that keeps them.
    work_samples: list[dict] = field(default_factory=list)


def profile_parts_from_document(document: dict) -> ProfileParts:
    """Build unsaved rows from a document that has passed validate_profile_document()."""
    availability = document.get("availability", {})
    rate = document.get("hourly_rate")
    fields = {
        "headline": document["headline"],
        "bio": document.get("bio", ""),
        "visibility": document.get("visibility", ""),
        "hours_per_week": availability.get("hours_per_week"),
        "timezone": availability.get("timezone", ""),
        "rate_amount": Decimal(str(rate["amount"])) if rate else None,
        "rate_currency": rate["currency"] if rate else "",
    }
    if fields["hours_per_week"] is not None:
        fields["hours_per_week"] = int(fields["hours_per_week"])
    depths = document.get("domain_depth", {})
    children: dict[type[models.Model], list[models.Model]] = {
        ProfileDomain: [
            ProfileDomain(
                name=name,
                depth=int(depths[name]) if name in depths else None,
                position=position,
            )
            for position, name in enumerate(document["domains"])
        ]
    }
    for key, (model, _related) in TEXT_LISTS.items():
        children[model] = [
            model(text=text, position=position)
            for position, text in enumerate(document.get(key, []))
        ]
    return ProfileParts(
        fields=fields, children=children, work_samples=list(document.get("work_samples", []))
    )


def document_domain_depths(document: dict) -> list[tuple[str, int | None]]:
    """(domain, depth or None) in the document's order, for the shape rule."""
    depths = document.get("domain_depth", {})
    return [(name, depths.get(name)) for name in document.get("domains", [])]


def domains_to_deepen(document: dict) -> list[str]:
    """The document's domains below the top of the scale, in its order: the ones a 60–90 day
    plan may deepen."""
    return [
        name
        for name, depth in document_domain_depths(document)
        if (DEFAULT_DEPTH if depth is None else depth) < TOP_DEPTH
    ]


def document_shape(document: dict) -> ShapeResult:
    return shape_of(document_domain_depths(document))
