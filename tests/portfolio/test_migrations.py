"""Data migrations: rows stored before a migration read right after it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("portfolio", "0004_queue_indexes")]
AFTER = [("portfolio", "0005_round_queue_display")]


def migrate(targets):
    """The app registry as it stands after migrating the database to `targets`."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def latest_schema_after():
    yield
    executor = MigrationExecutor(connection)
    migrate(executor.loader.graph.leaf_nodes())


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
    apps = migrate(BEFORE)
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
