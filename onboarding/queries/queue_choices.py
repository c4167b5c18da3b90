"""What the reviewer queue's pages show of the whole site, the same for everyone and read
again once a minute: the domains and credentials to filter by, and the rounds counted, in all
and by domain and credential; and a reviewer's choices, the site's less those only rounds
kept from them have."""

from collections import Counter
from collections.abc import Iterable

from django.core.cache import cache
from django.db.models import Count, Min, Q

from onboarding.models import Round, RoundCredential, RoundDomain
from onboarding.queries.queue import KeptFrom
from onboarding.workflow import OPEN_FOR_REVIEW, State
from profiles.shape import Shape

# The choices scan every round's domains and credentials, so the queue page would slow down
# as rounds pile up; they change only when someone submits (bench/README.md has the figures).
# Named anew when what is kept changes shape: a server still running the old code keeps
# its own entry.
FILTER_CHOICES_KEY = "review-queue-choices-and-rounds-by-choice"
FILTER_CHOICES_SECONDS = 60


def queue_filter_choices() -> dict:
    """Domains and credentials that rounds have, for the queue's filters, and the rounds
    counted (_queue_filter_choices()); cached briefly."""
    return cache.get_or_set(FILTER_CHOICES_KEY, _queue_filter_choices, FILTER_CHOICES_SECONDS)


def forget_queue_filter_choices() -> None:
    """A new round may bring a new domain or credential: read them again."""
    cache.delete(FILTER_CHOICES_KEY)


def _queue_filter_choices() -> dict:
    """Three queries. With the choices, how many rounds each has (those the queue lists in
    some state: all but withdrawn ones), and how many open rounds there are, in all and by
    domain (the reviewer's dashboard counts their queue as these less
    open_rounds_kept_from())."""
    live = ~Q(round__state=State.WITHDRAWN)
    is_open = Q(round__state__in=sorted(OPEN_FOR_REVIEW))
    domains = (
        RoundDomain.objects.filter(live)
        .values("key")
        .annotate(
            name=Min("name"),
            rounds=Count("round", distinct=True),
            open=Count("round", distinct=True, filter=is_open),
        )
        .order_by("key")
    )
    credentials = (
        RoundCredential.objects.filter(live)
        .values("key")
        .annotate(name=Min("text"), rounds=Count("round", distinct=True))
        .order_by("key")
    )
    domains, credentials = list(domains), list(credentials)
    return {
        "domain": [(row["key"], row["name"]) for row in domains],
        "credential": [(row["key"], row["name"]) for row in credentials],
        "shape": [(shape.value, shape.label) for shape in Shape],
        "rounds_by_domain": {row["key"]: row["rounds"] for row in domains},
        "rounds_by_credential": {row["key"]: row["rounds"] for row in credentials},
        "open_by_domain": {row["key"]: row["open"] for row in domains if row["open"]},
        "open_count": Round.objects.filter(state__in=sorted(OPEN_FOR_REVIEW)).count(),
    }


def queue_filter_choices_for(kept: KeptFrom | None) -> dict:
    """The queue's filter choices for someone from whom the queue leaves out what `kept`
    (kept_from()) says: each domain and credential that only rounds kept from them have is
    left out, as choosing it would find nothing, and offering it would tell them that
    someone whose rounds they may not see works in it. Without `kept` (staff who do not
    review, kept from their own rounds alone), the site's."""
    choices = queue_filter_choices()
    if kept is None:
        return choices
    return {
        **choices,
        "domain": _still_found(
            choices["domain"], choices["rounds_by_domain"], (r.domains for r in kept.rounds)
        ),
        "credential": _still_found(
            choices["credential"],
            choices["rounds_by_credential"],
            (r.credentials for r in kept.rounds),
        ),
    }


def _still_found(
    choices: list[tuple[str, str]], rounds_by_key: dict[str, int], kept: Iterable[frozenset[str]]
) -> list[tuple[str, str]]:
    """The choices that some round not `kept` has: each kept round, counted once per key it
    has, is taken off the site's count of rounds with that key."""
    left = Counter(rounds_by_key)
    for keys in kept:
        left.subtract(keys)
    return [(key, name) for key, name in choices if left[key] > 0]
