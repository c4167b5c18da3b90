"""Data migrations: rows stored before a migration read right after it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from portfolio.integrity import prompt_key
from tests.migrating import migrate, migrate_from_empty, migrate_to_latest

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]

BEFORE = [("portfolio", "0004_queue_indexes")]
AFTER = [("portfolio", "0005_round_queue_display")]


def round_before(apps, owner_email: str, domains, credentials):
    User = apps.get_model("profiles", "User")
    Submission = apps.get_model("portfolio", "Submission")
    Round = apps.get_model("portfolio", "Round")
    RoundDomain = apps.get_model("portfolio", "RoundDomain")
    RoundCredential = apps.get_model("portfolio", "RoundCredential")
    owner = User.objects.create(email=owner_email, name="Ada Expert")
    round = Round.objects.create(
        submission=Submission.objects.create(owner=owner),
        number=1,
        state="submitted",
        snapshot={"format": 1},
        snapshot_sha256="0" * 64,
        instrument={"rubrics": []},
        expert_name="Ada Expert",
        headline="Evaluator",
        shape="specialist",
    )
    # Stored out of order: the migration follows the positions.
    for position, (name, depth) in reversed(list(enumerate(domains))):
        RoundDomain.objects.create(
            round=round, name=name, key=name.casefold(), depth=depth, position=position
        )
    for position, text in reversed(list(enumerate(credentials))):
        RoundCredential.objects.create(
            round=round, text=text, key=text.casefold(), position=position
        )
    return round.pk


def test_0005_copies_each_rounds_domains_and_credentials_into_its_queue_columns(
    latest_schema_after,
):
    apps = migrate_from_empty(BEFORE)
    with_rows = round_before(apps, "ada@example.com", [("Finance", 4), ("law", 2)], ["CFA", "JD"])
    without = round_before(apps, "bea@example.com", [], [])

    apps = migrate(AFTER)

    Round = apps.get_model("portfolio", "Round")
    assert Round.objects.get(pk=with_rows).queue_domains == [
        {"name": "Finance", "depth": 4},
        {"name": "law", "depth": 2},
    ]
    assert Round.objects.get(pk=with_rows).queue_credentials == ["CFA", "JD"]
    empty = Round.objects.get(pk=without)
    assert (empty.queue_domains, empty.queue_credentials) == ([], [])


# Before the onboarding app: its migrations unapplied, the portfolio app's up to 0005.
PREVIOUS_LAYOUT = [("onboarding", None), ("portfolio", "0005_round_queue_display")]


def test_moving_submissions_and_reviews_to_onboarding_keeps_every_row(latest_schema_after):
    apps = migrate_from_empty(PREVIOUS_LAYOUT)
    round_pk = round_before(apps, "ada@example.com", [("Finance", 4)], ["CFA"])
    User = apps.get_model("profiles", "User")
    Round = apps.get_model("portfolio", "Round")
    reviewer = User.objects.create(email="rita@example.com", name="Rita Reviewer")
    round = Round.objects.get(pk=round_pk)
    review = apps.get_model("portfolio", "Review").objects.create(
        round=round,
        reviewer=reviewer,
        state="submitted",
        decision="approve",
        comment="Sound.",
        submitted_at=round.submitted_at,
    )
    apps.get_model("portfolio", "ReviewScore").objects.create(
        review=review, rubric_position=0, rubric_title="Reasoning", score=3
    )
    apps.get_model("portfolio", "AuditEntry").objects.create(
        round=round, actor=reviewer, action="claimed", from_state="submitted", to_state="in_review"
    )
    apps.get_model("portfolio", "DeepeningPlan").objects.create(
        owner=round.submission.owner,
        domain="Finance",
        set_on="2026-12-01",
        target_date="2027-03-01",
    )
    apps.get_model("portfolio", "ReviewForm").objects.create(name="Standard", is_active=True)
    ContentType = apps.get_model("contenttypes", "ContentType")
    old_type = ContentType.objects.get_or_create(app_label="portfolio", model="round")[0]

    migrate_to_latest()

    from django.contrib.contenttypes.models import ContentType as LiveContentType

    from onboarding.models import (
        AuditEntry,
        DeepeningPlan,
        Review,
        ReviewForm,
        ReviewScore,
        RoundCredential,
        RoundDomain,
        Submission,
    )
    from onboarding.models import (
        Round as LiveRound,
    )

    moved = LiveRound.objects.get(pk=round_pk)
    assert (moved.expert_name, moved.submission.owner.email) == ("Ada Expert", "ada@example.com")
    assert Submission.objects.count() == 1
    assert list(RoundDomain.objects.values_list("name", flat=True)) == ["Finance"]
    assert list(RoundCredential.objects.values_list("text", flat=True)) == ["CFA"]
    assert Review.objects.get().comment == "Sound."
    assert ReviewScore.objects.get().score == 3
    assert AuditEntry.objects.get().action == "claimed"
    assert DeepeningPlan.objects.get().domain == "Finance"
    assert ReviewForm.objects.get().name == "Standard"
    # Admin history and permissions point at the same content type, now the onboarding app's.
    LiveContentType.objects.clear_cache()
    assert LiveContentType.objects.get(pk=old_type.pk).model_class() is LiveRound


def test_migrate_on_a_new_sqlite_database_says_nothing_about_unsupported_indexes(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    done = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert "W040" not in done.stdout + done.stderr
    assert "non-key columns" not in done.stdout + done.stderr


def test_the_queue_indexes_cover_the_count_where_the_database_can():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN "
                "('round_open_submitted', 'round_state_submitted')"
            )
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN "
                "('round_open_submitted', 'round_state_submitted')"
            )
        found = dict(cursor.fetchall())
    assert set(found) == {"round_open_submitted", "round_state_submitted"}
    covering = connection.vendor == "postgresql"
    assert all(("INCLUDE (submission_id, shape)" in sql) is covering for sql in found.values())


def test_benchmark_items_stored_before_the_prompt_key_get_theirs(latest_schema_after):
    apps = migrate([("portfolio", "0008_artifacts_public_and_profile_links")])
    User = apps.get_model("profiles", "User")
    Benchmark = apps.get_model("portfolio", "Benchmark")
    BenchmarkItem = apps.get_model("portfolio", "BenchmarkItem")
    owner = User.objects.create(email="ada@example.com", name="Ada Expert")
    benchmark = Benchmark.objects.create(owner=owner, title="B", domain="d", metric="m", target="t")
    for position, prompt in enumerate(["  What is ASC 842?", "…", "Second\nprompt."]):
        BenchmarkItem.objects.create(
            benchmark=benchmark, position=position, prompt=prompt, reference_answer="a"
        )
    apps = migrate([("portfolio", "0009_integrity_lookups")])
    items = apps.get_model("portfolio", "BenchmarkItem").objects.order_by("position")
    assert list(items.values_list("prompt_key", flat=True)) == [
        prompt_key("what is asc 842"),
        "",
        prompt_key("second prompt"),
    ]


def test_benchmark_items_stored_before_their_owner_get_their_benchmarks(latest_schema_after):
    apps = migrate([("portfolio", "0012_evidence")])
    User = apps.get_model("profiles", "User")
    Benchmark = apps.get_model("portfolio", "Benchmark")
    BenchmarkItem = apps.get_model("portfolio", "BenchmarkItem")
    owners = [User.objects.create(email=f"{name}@example.com", name=name) for name in "ab"]
    for owner in owners:
        benchmark = Benchmark.objects.create(
            owner=owner, title="B", domain="d", metric="m", target="t"
        )
        for position in range(2):
            BenchmarkItem.objects.create(
                benchmark=benchmark, position=position, prompt="p", reference_answer="a"
            )
    apps = migrate([("portfolio", "0013_benchmarkitem_owner")])
    items = apps.get_model("portfolio", "BenchmarkItem").objects.order_by("pk")
    assert list(items.values_list("owner_id", flat=True)) == [owners[0].pk] * 2 + [owners[1].pk] * 2


def test_a_rounds_first_audit_entry_reads_from_draft_after_0015(latest_schema_after):
    apps = migrate([("onboarding", "0014_conflict_other_email_lowered")])
    User = apps.get_model("profiles", "User")
    owner = User.objects.create(email="ada@example.com", name="Ada Expert")
    round = apps.get_model("onboarding", "Round").objects.create(
        submission=apps.get_model("onboarding", "Submission").objects.create(owner=owner),
        number=1,
        state="in_review",
        snapshot={"format": 1},
        snapshot_sha256="0" * 64,
        instrument={"rubrics": []},
    )
    AuditEntry = apps.get_model("onboarding", "AuditEntry")
    for action, before, after in (
        ("submitted", "submitted", "submitted"),
        ("claimed", "submitted", "in_review"),
    ):
        AuditEntry.objects.create(round=round, action=action, from_state=before, to_state=after)
    states = AuditEntry.objects.order_by("pk").values_list("action", "from_state", "to_state")

    migrate([("onboarding", "0015_submitted_from_draft")])
    assert list(states.all()) == [
        ("submitted", "draft", "submitted"),
        ("claimed", "submitted", "in_review"),
    ]
    migrate([("onboarding", "0014_conflict_other_email_lowered")])
    assert list(states.all()) == [
        ("submitted", "submitted", "submitted"),
        ("claimed", "submitted", "in_review"),
    ]
