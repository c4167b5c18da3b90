"""Demo data for the profiles app: the article's skill-profile example, filled out."""

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
