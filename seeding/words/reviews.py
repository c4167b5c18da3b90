"""What seeded reviewers and adjudicators write."""

REVIEW_COMMENTS = {
    "approve": (
        "Clear, well-sourced work; the benchmark items reflect real practice.",
        "Strong portfolio. The rubric's levels are easy to apply.",
    ),
    "request_changes": (
        "Promising, but the benchmark needs more items to count as a pilot, and the test plan "
        "should grade its cases by severity.",
        "Please document sources for the benchmark and add adversarial items.",
    ),
    "reject": (
        "Several reference answers are wrong on the governing rule; the portfolio does not show "
        "the domain depth the profile claims.",
        "The rubric cannot be applied as written and sources are missing throughout.",
    ),
}
ADJUDICATION_NOTES = (
    "I read both reviews and the benchmark: the sourcing is adequate, the missing items are not.",
    "The second reviewer's concern about the reference answers is right; the decision follows it.",
)
