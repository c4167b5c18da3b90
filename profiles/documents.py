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
    WorkSampleLink,
)
from profiles.shape import ShapeResult, shape_of

# Document list field -> (model, related name on Profile).
TEXT_LISTS: dict[str, tuple[type[models.Model], str]] = {
    "strengths": (Strength, "strengths"),
    "credentials": (Credential, "credentials"),
    "tools": (Tool, "tools"),
    "topics_declined": (DeclinedTopic, "declined_topics"),
}
# Everything a page needs to turn a profile into its document without more queries.
PROFILE_PREFETCH = ("domains", *(related for _, related in TEXT_LISTS.values()), "work_samples")


def json_number(amount: Decimal) -> int | float:
    """A stored amount as the JSON number a document holds: 42, not 42.00."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _put_texts(document: dict, profile: Profile, key: str) -> None:
    texts = [item.text for item in getattr(profile, TEXT_LISTS[key][1]).all()]
    if texts:
        document[key] = texts


def profile_document(profile: Profile) -> dict:
    """The profile as a skill-profile document (a plain dict, ready for json.dumps)."""
    document: dict = {"headline": profile.headline}
    if profile.bio:
        document["bio"] = profile.bio
    domains = list(profile.domains.all())
    document["domains"] = [domain.name for domain in domains]
    depths = {domain.name: domain.depth for domain in domains if domain.depth is not None}
    if depths:
        document["domain_depth"] = depths
    for key in ("strengths", "credentials", "tools"):
        _put_texts(document, profile, key)
    availability = {}
    if profile.hours_per_week is not None:
        availability["hours_per_week"] = profile.hours_per_week
    if profile.timezone:
        availability["timezone"] = profile.timezone
    if availability:
        document["availability"] = availability
    _put_texts(document, profile, "topics_declined")
    if profile.rate_amount is not None:
        document["hourly_rate"] = {
            "amount": json_number(profile.rate_amount),
            "currency": profile.rate_currency,
        }
    samples = []
    for sample in profile.work_samples.all():
        entry = {"title": sample.title}
        if sample.sample_type:
            entry["type"] = sample.sample_type
        entry["link"] = sample.link
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
    children[WorkSampleLink] = [
        WorkSampleLink(
            title=sample["title"],
            sample_type=sample.get("type", ""),
            link=sample["link"],
            position=position,
        )
        for position, sample in enumerate(document.get("work_samples", []))
    ]
    return ProfileParts(fields=fields, children=children)


def document_domain_depths(document: dict) -> list[tuple[str, int | None]]:
    """(domain, depth or None) in the document's order, for the shape rule."""
    depths = document.get("domain_depth", {})
    return [(name, depths.get(name)) for name in document.get("domains", [])]


def document_shape(document: dict) -> ShapeResult:
    return shape_of(document_domain_depths(document))
