"""The rubric builder with htmx: its add, move and remove buttons post the form back with
HX-Request and the builder part of the answer is swapped in; nothing is saved until Save."""

import re

import pytest

from rubrics.models import Rubric
from tests.rubrics.builder_data import SEED_LEVELS, builder_data

pytestmark = pytest.mark.django_db
NEW = "/rubrics/new/"
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_rubric_builder_row_buttons_post_back_and_save_does_not(client, alice):
    client.force_login(alice)
    html = client.get(NEW).content.decode()
    assert 'id="rubric-editor" data-hx-target="this" data-hx-select="#rubric-editor"' in html
    buttons = re.findall(r'<button type="submit" name="action" value="([^"]+)"([^>]*)>', html)
    row_buttons = [attrs for value, attrs in buttons if value != "save"]
    assert len(row_buttons) >= 5
    assert all(f'data-hx-post="{NEW}"' in attrs for attrs in row_buttons)
    assert all("data-hx-post" not in attrs for value, attrs in buttons if value == "save")


def test_rubric_builder_htmx_add_level_and_criterion_keep_everything(client, alice):
    client.force_login(alice)
    response = client.post(NEW, builder_data(action="add-level"), **HTMX)
    builder = response.context["builder"]
    assert response.status_code == 200
    assert len(builder.levels) == len(SEED_LEVELS) + 1
    assert [c.text for c in builder.levels[0].criteria] == SEED_LEVELS[0][1]
    assert 'id="rubric-editor"' in response.content.decode()
    response = client.post(NEW, builder_data(action="level-down-0"), **HTMX)
    assert [level.score for level in response.context["builder"].levels] == ["3", "5", "1"]
    assert not Rubric.objects.exists()


def test_rubric_builder_htmx_other_persons_rubric_is_404(client, alice, bob):
    from tests.factories import RubricFactory

    rubric = RubricFactory(owner=bob)
    client.force_login(alice)
    response = client.post(f"/rubrics/{rubric.pk}/edit/", builder_data(action="add-level"), **HTMX)
    assert response.status_code == 404
