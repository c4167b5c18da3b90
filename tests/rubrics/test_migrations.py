"""rubrics/0004: every rubric keeps its levels' scores, in its scale's order."""

import pytest

from tests.migrating import migrate, migrate_to_latest

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_rubric_keeps_its_scores_in_order(latest_schema_after):
    apps = migrate([("rubrics", "0003_rubric_public")])
    User = apps.get_model("profiles", "User")
    Rubric = apps.get_model("rubrics", "Rubric")
    ScaleLevel = apps.get_model("rubrics", "ScaleLevel")
    owner = User.objects.create(email="ode@example.com", name="Ode")
    rubric = Rubric.objects.create(owner=owner, kind="artifact", objective="Judge proofs.")
    empty = Rubric.objects.create(owner=owner, kind="artifact", objective="Nothing yet.")
    # Stored out of order: the scores follow the positions.
    for position, score in reversed(list(enumerate([4, 2, 1]))):
        ScaleLevel.objects.create(rubric=rubric, score=score, position=position)

    migrate_to_latest()

    from rubrics.models import Rubric as LiveRubric

    assert LiveRubric.objects.get(pk=rubric.pk).level_scores == [4, 2, 1]
    assert LiveRubric.objects.get(pk=empty.pk).level_scores == []
