"""What the reviewer queue's pages show of the whole site, the same for everyone and read
again once a minute: the domains and credentials to filter by, and the open rounds
counted, in all and by domain."""

from django.core.cache import cache
from django.db.models import Count, Min, Q

from onboarding.models import Round, RoundCredential, RoundDomain
from onboarding.workflow import OPEN_FOR_REVIEW, State
from profiles.shape import Shape

# The choices scan every round's domains and credentials, so the queue page would slow down
# as rounds pile up; they change only when someone submits (bench/README.md has the figures).
# Named anew when what is kept changes shape: a server still running the old code keeps
# its own entry.
FILTER_CHOICES_KEY = "review-queue-choices-and-counts"
FILTER_CHOICES_SECONDS = 60


def queue_filter_choices() -> dict:
    """Domains and credentials that rounds have, for the queue's filters, and the open rounds
    counted (_queue_filter_choices()); cached briefly."""
    return cache.get_or_set(FILTER_CHOICES_KEY, _queue_filter_choices, FILTER_CHOICES_SECONDS)


def forget_queue_filter_choices() -> None:
    """A new round may bring a new domain or credential: read them again."""
    cache.delete(FILTER_CHOICES_KEY)


def _queue_filter_choices() -> dict:
    """Three queries. With the choices, how many open rounds there are, in all and by domain
    (the reviewer's dashboard counts their queue as these less open_rounds_kept_from())."""
    live = ~Q(round__state=State.WITHDRAWN)
    is_open = Q(round__state__in=sorted(OPEN_FOR_REVIEW))
    domains = (
        RoundDomain.objects.filter(live)
        .values("key")
        .annotate(name=Min("name"), open=Count("round", distinct=True, filter=is_open))
        .order_by("key")
    )
    credentials = (
        RoundCredential.objects.filter(live)
        .values("key")
        .annotate(name=Min("text"))
        .order_by("key")
    )
    domains = list(domains)
    return {
        "domain": [(row["key"], row["name"]) for row in domains],
        "credential": [(row["key"], row["name"]) for row in credentials],
        "shape": [(shape.value, shape.label) for shape in Shape],
        "open_by_domain": {row["key"]: row["open"] for row in domains if row["open"]},
        "open_count": Round.objects.filter(state__in=sorted(OPEN_FOR_REVIEW)).count(),
    }
