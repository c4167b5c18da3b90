"""Demo data for the profiles app: the article's skill-profile example, filled out."""

from profiles import services
from profiles.models import Profile, User
from profiles.queries import profile_for
from profiles.schema import seed_document

# The demo expert (seed_demo), whose public profile the landing page shows as an example.
DEMO_EXPERT_EMAIL = "expert@example.com"

# What the seed does not say, so the demo shows a T shape and a public page.
DEMO_EXTENSIONS = {
    "bio": (
        "Quant researcher with eight years in market risk. I design evaluations that check "
        "whether a model's reasoning about risk would survive a risk committee: stress "
        "scenarios, tail events and the assumptions behind them. CFA Level II candidate."
    ),
    "domain_depth": {"finance": 4, "statistics": 3, "risk": 3},
    "topics_declined": ["personalised investment advice"],
    "hourly_rate": {"amount": 42, "currency": "USD"},
    "visibility": "public",
}


def demo_profile_ensure(*, user: User) -> Profile:
    """Give the demo expert a profile from the seed example; keeps one that exists."""
    existing = profile_for(user)
    if existing is not None:
        return existing
    document = {**seed_document(), **DEMO_EXTENSIONS}
    return services.profile_replace_from_document(actor=None, user=user, document=document)
