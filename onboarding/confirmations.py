"""What an expert confirms when submitting a round, in the words they read.

The wording is frozen into the round as it was shown (Round.confirmations), so a reviewer
reads what was confirmed even after the statements here are reworded.
"""

from collections.abc import Collection

from django.core.exceptions import ValidationError

OWN_WORK = "own_work"
NO_PERSONAL_DATA = "no_personal_data"
UNPUBLISHED_ITEMS = "unpublished_items"

CONFIRMATIONS = {
    OWN_WORK: "The work in this portfolio is my own, or I have the right to submit it.",
    NO_PERSONAL_DATA: (
        "It holds no confidential information and no personal data of anyone else "
        "(email addresses, phone numbers, payment card numbers, client details)."
    ),
    UNPUBLISHED_ITEMS: (
        "My benchmark items are not published elsewhere: no public dataset, paper, "
        "exam or website holds them."
    ),
}


def confirmations_required(*, has_benchmarks: bool) -> list[str]:
    """The statements a round needs, in the order the page shows them."""
    keys = [OWN_WORK, NO_PERSONAL_DATA]
    return [*keys, UNPUBLISHED_ITEMS] if has_benchmarks else keys


def validate_confirmations(confirmed: Collection[str], *, has_benchmarks: bool) -> list[str]:
    """The statements' texts to freeze; refuses while any required one is unconfirmed."""
    required = confirmations_required(has_benchmarks=has_benchmarks)
    missing = [key for key in required if key not in confirmed]
    if missing:
        raise ValidationError(
            dict.fromkeys(missing, "Confirm this before submitting."),
            code="confirmation_missing",
        )
    return [CONFIRMATIONS[key] for key in required]
