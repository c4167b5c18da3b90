"""The landing page's example: the demo expert's public profile, and one rubric of their
latest round as the review page shows it. Kept a few minutes for every visitor; without the
demo data (or with the demo profile made private) there is no example and the page says less.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.urls import reverse

from onboarding.models import Round
from onboarding.queries.frozen import FrozenArtifact
from portfolio.documents import kept_document
from profiles.demo import DEMO_EXPERT_EMAIL
from profiles.models import Profile, Visibility
from profiles.shape import ShapeResult, shape_of

EXAMPLE_KEY = "landing-example:1"
EXAMPLE_SECONDS = 300


@dataclass(frozen=True)
class LandingExample:
    name: str
    headline: str
    profile_url: str
    shape: ShapeResult
    credentials: tuple[str, ...]
    rubric: FrozenArtifact | None  # the first rubric of the latest round, as frozen
    round_number: int | None


def landing_example() -> LandingExample | None:
    """The example, or None; two or three queries when it is not kept."""
    kept = cache.get(EXAMPLE_KEY)
    if kept is None:
        kept = _example() or False  # False: kept as "none", so a site without it asks rarely
        cache.set(EXAMPLE_KEY, kept, EXAMPLE_SECONDS)
    return kept or None


def _example() -> LandingExample | None:
    profile = (
        Profile.objects.select_related("user")
        .filter(user__email=DEMO_EXPERT_EMAIL, visibility=Visibility.PUBLIC)
        .first()
    )
    if profile is None:
        return None
    document = kept_document(profile).document
    depths = document.get("domain_depth", {})
    round = (
        Round.objects.filter(submission__owner=profile.user)
        .order_by("-submitted_at")
        .only("number", "snapshot", "checklists")
        .first()
    )
    rubric = None
    if round is not None and (rubrics := round.snapshot.get("artifacts", {}).get("rubrics")):
        checklist = (round.checklists or {}).get("rubrics", {}).get(str(rubrics[0]["id"]))
        rubric = FrozenArtifact(data=rubrics[0], checklist=checklist)
    return LandingExample(
        name=profile.user.name or "An expert",
        headline=profile.headline,
        profile_url=reverse("public_profile", args=[profile.slug]),
        shape=shape_of((name, depths.get(name)) for name in document.get("domains", [])),
        credentials=tuple(document.get("credentials", [])),
        rubric=rubric,
        round_number=round.number if round is not None else None,
    )
