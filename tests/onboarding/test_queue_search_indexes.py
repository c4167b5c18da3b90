"""The reviewer queue's search (a substring of the expert's name or the headline), and the
trigram indexes of the open rounds that answer it on PostgreSQL; SQLite has none (migration
onboarding 0013)."""

import pytest
from django.db import connection

from onboarding.queries.queue import QueueFilters, review_queue
from tests.factories import RoundFactory

pytestmark = pytest.mark.django_db

OPEN_TRIGRAM_INDEXES = {"round_open_expert_name_trgm", "round_open_headline_trgm"}


def test_the_queue_s_search_finds_open_rounds_by_a_word_in_any_case(rita):
    for n in range(30):
        RoundFactory(
            state=["submitted", "in_review", "approved"][n % 3],
            headline=f"Tax evaluator {n}" if n % 5 == 0 else f"Actuary {n}",
        )
    found = review_queue(rita, QueueFilters(q="EVALUATOR")).values_list("headline", flat=True)
    assert sorted(found) == [f"Tax evaluator {n}" for n in (0, 10, 15, 25)]


def test_the_open_rounds_have_trigram_indexes_on_postgresql_only():
    """What the queue's search reads at scale (bench/README.md): a small test table reads
    fastest in full, so the indexes are checked as defined."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'portfolio_round'"
            )
            defined = dict(cursor.fetchall())
            for name, column in (
                ("round_open_expert_name_trgm", "expert_name"),
                ("round_open_headline_trgm", "headline"),
            ):
                definition = defined[name]
                assert f"USING gin (upper(({column})::text) gin_trgm_ops)" in definition
                assert "WHERE ((state)::text = ANY" in definition
                assert "'in_review'" in definition and "'submitted'" in definition
                assert "'approved'" not in definition
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
            assert not OPEN_TRIGRAM_INDEXES & {name for (name,) in cursor.fetchall()}
