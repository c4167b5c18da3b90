"""What a round's page keeps built, the same for everyone who reads it and needing no
invalidation: the frozen copy, under the round and its snapshot's hash, and a resubmission's
section of the round before, under that round and its reviewers' names; both built as the
round is submitted, or by the first visit that finds them missing."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string

from common.caching import html_size, keep_if_small
from onboarding.models import Round
from onboarding.queries import frozen, round_before, rounds
from onboarding.queries.feedback import marks_of
from onboarding.snapshots import snapshot_intact

logger = logging.getLogger(__name__)


def kept_copy(round: Round, *, blind: bool) -> dict | None:
    """The frozen copy kept for this way of reading the round, looked up before the round
    before is read: a copy kept needs no snapshot of it to compare with."""
    return cache.get(frozen.frozen_copy_key(round, blind=blind))


def frozen_copy_html(
    round: Round, *, intact: bool, blind: bool, before: Round | None, kept: dict | None
) -> dict[str, str]:
    """The round page's frozen copy as HTML: the links to it and the copy itself. Everyone
    who may see the round sees the same, so it is kept under frozen_copy_key(), which needs
    no invalidation; a snapshot that no longer matches its hash is shown as stored and
    never kept."""
    key = frozen.frozen_copy_key(round, blind=blind)
    html = kept if intact else None
    if html is None:
        copy = frozen.frozen_copy(round, blind=blind, before=before)
        context = copy.context()
        html = {
            "nav": render_to_string("onboarding/_frozen_copy_nav.html", context),
            "body": render_to_string("onboarding/_frozen_copy.html", context),
        }
        if intact and copy.lasting:
            keep_if_small(key, html, size=html_size(*html.values()))
    return html  # rendered, so safe strings, and still so once unpickled from the cache


def kept_round_before(read: rounds.ReviewsRead | None) -> tuple[str | None, str | None]:
    """The key the section of the round before is kept under (None: none to show), and
    that section if it is kept."""
    key = read and round_before.round_before_key(read.previous, read.previous_reviews)
    return key, cache.get(key) if key else None


def round_before_html(previous: round_before.PreviousRound | None, key: str | None) -> str:
    """The section of the round before, as reviewers and staff read it (the same for all of
    them), kept under `key` (round_before_key()) once built; "" when there is none."""
    if previous is None:
        return ""
    html = render_to_string("onboarding/_previous_round.html", {"previous": previous})
    if key is not None:
        keep_if_small(key, html, size=html_size(html))
    return html  # rendered, so a safe string, and still so once unpickled from the cache


def keep_frozen_copies(round: Round) -> None:
    """Build a round's frozen copy as it is submitted, for each way it will be read (blind
    too, when reviewers read blind), and the section of the round before it: the expert and
    the first reviewers then find them built. Read back first, so the copy is made from the
    snapshot as stored, as every later one. Only a head start: when it fails (the cache
    down, a file unreadable), the round is submitted all the same and its first visit
    builds what is missing."""
    try:
        round = Round.objects.get(pk=round.pk)
        intact = snapshot_intact(round)
        for blind in (False, True) if settings.BLIND_REVIEW else (False,):
            frozen_copy_html(round, intact=intact, blind=blind, before=None, kept=None)
        read = rounds.reviews_read(round, snapshot=False)
        if key := round_before.round_before_key(read.previous, read.previous_reviews):
            before = round_before.previous_round(
                read.previous, read.previous_reviews, marks_of(read.previous_reviews)
            )
            round_before_html(before, key)
    except Exception:
        logger.exception("Round %s: its frozen copy was not built on submitting", round.pk)
