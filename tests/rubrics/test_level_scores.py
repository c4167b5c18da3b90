"""A rubric keeps its levels' scores with its row on every write of its scale, so lists show
and check its scores without reading its levels."""

from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rubrics import services
from rubrics.content import LevelContent
from rubrics.models import Rubric, ScaleLevel
from rubrics.quality import listed_rubric_checklist
from rubrics.queries import listed_rubrics_for

pytestmark = pytest.mark.django_db


def scores_of_levels(rubric: Rubric) -> list[int]:
    levels = ScaleLevel.objects.filter(rubric=rubric).order_by("position", "pk")
    return list(levels.values_list("score", flat=True))


def kept(rubric: Rubric) -> list[int]:
    return Rubric.objects.get(pk=rubric.pk).level_scores


def test_every_write_of_the_scale_keeps_the_scores(alice, content):
    rubric = services.rubric_create(actor=alice, content=content)
    assert kept(rubric) == scores_of_levels(rubric) == [5, 3, 1]
    levels = (LevelContent(1, ("Wrong",)), LevelContent(4, ("Good",)))
    changed = replace(content, levels=levels, pass_score=4)
    services.rubric_update(actor=alice, rubric=rubric, content=changed)
    assert kept(rubric) == scores_of_levels(rubric) == [1, 4]
    copy = services.rubric_duplicate(actor=alice, rubric=rubric)
    assert kept(copy) == scores_of_levels(copy) == [1, 4]


def test_a_list_shows_the_kept_scores_without_reading_levels(client, alice, content):
    services.rubric_create(actor=alice, content=content)
    client.force_login(alice)
    with CaptureQueriesContext(connection) as read:
        html = client.get("/portfolio/").content.decode()
    assert "Scores 5 · 3 · 1" in html
    assert not [q for q in read.captured_queries if "rubrics_scalelevel" in q["sql"]]
    with CaptureQueriesContext(connection) as read:
        html = client.get("/rubrics/").content.decode()
    assert "5 · 3 · 1" in html
    assert not [q for q in read.captured_queries if "rubrics_scalelevel" in q["sql"]]


def test_a_row_written_another_way_reads_its_levels(alice, content):
    rubric = services.rubric_create(actor=alice, content=content)
    Rubric.objects.filter(pk=rubric.pk).update(level_scores=None)  # as before they were kept
    listed = listed_rubrics_for(alice).get()
    assert listed.listed_scores == (5, 3, 1)
    checklist = listed_rubric_checklist(listed)
    assert checklist == listed_rubric_checklist(listed_rubrics_for(alice).get())
    assert "3 levels, from 1 to 5" in str([item.detail for item in checklist.items])
