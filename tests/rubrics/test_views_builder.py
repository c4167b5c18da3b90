"""/rubrics/new/ and /rubrics/<id>/edit/: the builder, with and without saving."""

import re

import pytest
from django.urls import reverse

from rubrics import queries
from rubrics.content import LevelContent, RubricContent
from rubrics.models import Rubric, ScaleLevel
from tests.factories import RubricFactory
from tests.rubrics.builder_data import builder_data

pytestmark = pytest.mark.django_db

NEW = "/rubrics/new/"


def edit_url(rubric) -> str:
    return f"/rubrics/{rubric.pk}/edit/"


def stored(rubric) -> RubricContent:
    return queries.rubric_content(queries.with_scale(Rubric.objects.filter(pk=rubric.pk)).get())


def values(html: str) -> dict[str, str]:
    """name -> value of the text and number inputs on the page."""
    found = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name and 'type="hidden"' not in tag:
            found[name[1]] = value[1] if value else ""
    return found


def test_builder_urls_are_stable():
    assert reverse("rubric_new") == NEW
    assert reverse("rubric_edit", args=[7]) == "/rubrics/7/edit/"


def test_new_builder_starts_with_two_empty_levels(client, alice):
    client.force_login(alice)
    response = client.get(NEW)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="level-count" value="2"' in html
    assert "Level 1" in html and "Level 2" in html and "Level 3" not in html
    for field in ("id_title", "id_objective", "id_pass_score", "id_sources", "id_level-0-score"):
        assert f'for="{field}"' in html
    assert 'for="id_level-1-criterion-0"' in html
    assert 'name="kind"' not in html  # experts only make portfolio rubrics


def test_new_rubric_is_saved_and_shown(client, alice):
    client.force_login(alice)
    response = client.post(NEW, builder_data(pass_score="3", sources="Logic textbook"))
    rubric = Rubric.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/rubrics/{rubric.pk}/"
    assert rubric.owner == alice and rubric.kind == Rubric.Kind.ARTIFACT
    assert stored(rubric) == RubricContent(
        title="Reasoning",
        objective="Assess reasoning",
        pass_score=3,
        sources="Logic textbook",
        levels=(
            LevelContent(5, ("Correct final answer", "Clear explanation")),
            LevelContent(3, ("Partially correct",)),
            LevelContent(1, ("Incorrect claim",)),
        ),
        disallowed=("Fabricated citations",),
    )
    assert "Rubric saved." in client.get(response["Location"]).content.decode()


def test_staff_choose_the_kind_and_make_review_rubrics(client, staff):
    client.force_login(staff)
    assert 'name="kind"' in client.get(NEW).content.decode()
    html = client.post(NEW, builder_data(action="add-level", kind="artifact")).content.decode()
    assert re.search(r'value="artifact"[^>]*checked', html)
    client.post(NEW, builder_data(kind="review"))
    assert Rubric.objects.get().kind == Rubric.Kind.REVIEW


def test_expert_cannot_make_a_review_rubric_by_posting_the_kind(client, alice):
    client.force_login(alice)
    client.post(NEW, builder_data(kind="review"))
    assert Rubric.objects.get().kind == Rubric.Kind.ARTIFACT


def test_invalid_rubric_saves_nothing_and_shows_each_rule_at_its_field(client, alice):
    client.force_login(alice)
    data = builder_data(
        objective=" ",
        pass_score="1",
        levels=[("5", ["Right", ""]), ("5", []), ("abc", ["Odd"])],
        disallowed=("",),
    )
    response = client.post(NEW, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert not Rubric.objects.exists()
    # Each message sits next to its own field, described by it.
    assert '<p id="error_1_id_objective"><strong>Write the objective' in html
    assert re.search(r'id="id_level-0-criterion-1-error"[^>]*>Write the criterion', html)
    assert re.search(r'id="id_level-1-score-error"[^>]*>Score 5 is already used by level 1', html)
    assert "Give this level at least one criterion" in html
    assert re.search(r'id="id_level-2-score-error"[^>]*>Give this level a score', html)
    assert re.search(r'id="id_disallow-0-error"[^>]*>Describe the disallowed behaviour', html)
    assert 'aria-describedby="id_level-1-score-error"' in html
    # ... and all of them are summarised at the top, linked to their fields, in page order.
    summary = html.split('id="error-summary"')[1].split("</div>")[0]
    anchors = re.findall(r'href="#([^"]+)"', summary)
    assert anchors == [
        "id_objective",
        "id_level-0-criterion-1",
        "id_level-1-score",
        "level-1-add-criterion",
        "id_level-2-score",
        "id_pass_score",
        "id_disallow-0",
    ]
    assert "<title>Error: New rubric" in html
    # Everything typed is still there.
    typed = values(html)
    assert typed["level-2-score"] == "abc" and typed["level-2-criterion-0"] == "Odd"
    assert typed["pass_score"] == "1"


def test_too_few_levels_is_shown_at_the_scale(client, alice):
    client.force_login(alice)
    response = client.post(NEW, builder_data(levels=[("5", ["Right"])]))
    html = response.content.decode()
    assert 'id="levels-error">A rubric needs at least 2 levels' in html
    assert 'href="#levels"' in html
    assert not Rubric.objects.exists()


def test_non_number_passing_score_is_refused(client, alice):
    client.force_login(alice)
    response = client.post(NEW, builder_data(pass_score="three"))
    assert "Enter a whole number." in response.content.decode()
    assert not Rubric.objects.exists()


def test_texts_are_trimmed_on_save(client, alice):
    client.force_login(alice)
    client.post(
        NEW,
        builder_data(
            title="  Spaced  ", objective="  Line\r\nTwo  ", levels=[("2", [" a "]), ("1", ["b"])]
        ),
    )
    content = stored(Rubric.objects.get())
    assert content.title == "Spaced" and content.objective == "Line\nTwo"
    assert content.levels[0].criteria == ("a",)


# --- Editing without saving ---------------------------------------------------------------


def post_action(client, action, **overrides):
    response = client.post(NEW, builder_data(action=action, **overrides))
    assert response.status_code == 200
    assert not Rubric.objects.exists()  # only Save writes
    return response.content.decode()


def test_add_level_keeps_everything_typed(client, alice):
    client.force_login(alice)
    html = post_action(client, "add-level", title="Half done", sources="Draft source")
    typed = values(html)
    assert typed["title"] == "Half done"
    assert typed["level-0-criterion-1"] == "Clear explanation"
    assert typed["level-3-score"] == "" and typed["level-3-criterion-0"] == ""
    assert "Draft source" in html
    assert 'name="level-count" value="4"' in html
    assert "Level 4 added." in html
    assert re.search(r'id="id_level-3-score"[^>]*autofocus', html)
    assert "error-summary" not in html  # no errors shown while editing


def test_editing_does_not_judge_fields_yet(client, alice):
    client.force_login(alice)
    html = post_action(client, "add-disallow", pass_score="three", objective="")
    assert "Enter a whole number" not in html and "Write the objective" not in html
    assert values(html)["pass_score"] == "three"


def test_remove_level_shifts_the_rest_up(client, alice):
    client.force_login(alice)
    typed = values(post_action(client, "remove-level-0"))
    assert typed["level-0-score"] == "3" and typed["level-1-score"] == "1"
    assert "level-2-score" not in typed


def test_move_level_up_and_down(client, alice):
    client.force_login(alice)
    html = post_action(client, "level-up-2")
    typed = values(html)
    assert [typed[f"level-{i}-score"] for i in range(3)] == ["5", "1", "3"]
    assert typed["level-1-criterion-0"] == "Incorrect claim"
    assert re.search(r'id="level-1-up"[^>]*autofocus', html)
    typed = values(post_action(client, "level-down-0"))
    assert [typed[f"level-{i}-score"] for i in range(3)] == ["3", "5", "1"]


def test_add_remove_and_move_criteria(client, alice):
    client.force_login(alice)
    html = post_action(client, "add-criterion-1")
    assert values(html)["level-1-criterion-1"] == ""
    assert re.search(r'id="id_level-1-criterion-1"[^>]*autofocus', html)
    typed = values(post_action(client, "criterion-down-0-0"))
    assert [typed["level-0-criterion-0"], typed["level-0-criterion-1"]] == [
        "Clear explanation",
        "Correct final answer",
    ]
    typed = values(post_action(client, "criterion-up-0-1"))
    assert typed["level-0-criterion-0"] == "Clear explanation"
    typed = values(post_action(client, "remove-criterion-0-0"))
    assert typed["level-0-criterion-0"] == "Clear explanation"
    assert "level-0-criterion-1" not in typed


def test_add_remove_and_move_disallowed_behaviours(client, alice):
    client.force_login(alice)
    html = post_action(client, "add-disallow")
    assert values(html)["disallow-1"] == ""
    typed = values(post_action(client, "disallow-up-1", disallowed=("First", "Second")))
    assert [typed["disallow-0"], typed["disallow-1"]] == ["Second", "First"]
    typed = values(post_action(client, "disallow-down-0", disallowed=("First", "Second")))
    assert [typed["disallow-0"], typed["disallow-1"]] == ["Second", "First"]
    typed = values(post_action(client, "remove-disallow-0", disallowed=("First", "Second")))
    assert typed["disallow-0"] == "Second" and "disallow-1" not in typed


def test_the_first_item_cannot_move_up_and_the_last_cannot_move_down(client, alice):
    client.force_login(alice)
    html = client.get(NEW).content.decode()
    assert re.search(r'id="level-0-up"[^>]*disabled', html)
    assert re.search(r'id="level-1-down"[^>]*disabled', html)
    typed = values(post_action(client, "level-up-0"))
    assert typed["level-0-score"] == "5"


@pytest.mark.parametrize(
    "action", ["remove-level-9", "criterion-up-0-9", "explode", "add-level-1-2-3", "level-up"]
)
def test_stale_or_unknown_buttons_change_nothing(client, alice, action):
    client.force_login(alice)
    typed = values(post_action(client, action))
    assert [typed[f"level-{i}-score"] for i in range(3)] == ["5", "3", "1"]


def test_limits_stop_adding(client, alice):
    client.force_login(alice)
    ten = [(str(s), ["c"]) for s in range(10)]
    html = post_action(client, "add-level", levels=ten)
    assert "A rubric has at most 10 levels." in html
    assert 'name="level-count" value="10"' in html


def test_tampered_counts_are_bounded(client, alice):
    client.force_login(alice)
    data = builder_data(action="add-level")
    data["level-count"] = "100000"
    data["disallow-count"] = "-4"
    html = client.post(NEW, data).content.decode()
    assert 'name="level-count" value="10"' in html
    assert 'name="disallow-count" value="0"' in html


def test_edits_then_save_store_the_final_order(client, alice):
    client.force_login(alice)
    data = builder_data(action="level-down-0")
    values_after = values(client.post(NEW, data).content.decode())
    data = builder_data(
        levels=[
            (values_after["level-0-score"], [values_after["level-0-criterion-0"]]),
            (values_after["level-1-score"], [values_after["level-1-criterion-0"]]),
            (values_after["level-2-score"], [values_after["level-2-criterion-0"]]),
        ]
    )
    client.post(NEW, data)
    assert list(ScaleLevel.objects.values_list("score", flat=True)) == [3, 5, 1]


# --- Edit page ----------------------------------------------------------------------------


def test_edit_builder_shows_the_stored_rubric(client, alice):
    rubric = RubricFactory(owner=alice)
    client.force_login(alice)
    typed = values(client.get(edit_url(rubric)).content.decode())
    assert typed["title"] == rubric.title
    assert [typed[f"level-{i}-score"] for i in range(3)] == ["5", "3", "1"]
    assert typed["disallow-0"] == "Fabricated citations"


def test_edit_saves_changes(client, alice):
    rubric = RubricFactory(owner=alice)
    client.force_login(alice)
    response = client.post(
        edit_url(rubric), builder_data(title="Renamed", levels=[("4", ["Good"]), ("0", ["Bad"])])
    )
    assert response.status_code == 302 and response["Location"] == f"/rubrics/{rubric.pk}/"
    content = stored(rubric)
    assert content.title == "Renamed"
    assert content.levels == (LevelContent(4, ("Good",)), LevelContent(0, ("Bad",)))


def test_edit_invalid_changes_nothing(client, alice):
    rubric = RubricFactory(owner=alice)
    before = stored(rubric)
    client.force_login(alice)
    response = client.post(edit_url(rubric), builder_data(objective=""))
    assert response.status_code == 200
    assert "Write the objective" in response.content.decode()
    assert stored(rubric) == before


def test_edit_actions_do_not_save(client, alice):
    rubric = RubricFactory(owner=alice)
    before = stored(rubric)
    client.force_login(alice)
    response = client.post(edit_url(rubric), builder_data(action="remove-level-0", title="X"))
    assert response.status_code == 200
    assert stored(rubric) == before


def test_edit_of_another_experts_rubric_is_404(client, alice, bob):
    rubric = RubricFactory(owner=alice)
    before = stored(rubric)
    client.force_login(bob)
    assert client.get(edit_url(rubric)).status_code == 404
    assert client.post(edit_url(rubric), builder_data(title="Hijacked")).status_code == 404
    assert stored(rubric) == before


def test_staff_edit_review_rubrics_but_not_portfolio_rubrics(client, alice, staff):
    review = RubricFactory(owner=alice, kind=Rubric.Kind.REVIEW)
    artifact = RubricFactory(owner=alice)
    client.force_login(staff)
    assert client.get(edit_url(artifact)).status_code == 404
    client.post(edit_url(review), builder_data(title="Calibrated"))
    assert Rubric.objects.get(pk=review.pk).title == "Calibrated"


def test_experts_cannot_edit_review_rubrics(client, alice, staff):
    review = RubricFactory(owner=staff, kind=Rubric.Kind.REVIEW)
    client.force_login(alice)
    assert client.get(edit_url(review)).status_code == 404


def test_builder_pages_need_login(client, alice):
    rubric = RubricFactory(owner=alice)
    for url in (NEW, edit_url(rubric)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={url}"
    client.post(NEW, builder_data())
    assert Rubric.objects.count() == 1


def test_builder_wrong_method(client, alice):
    rubric = RubricFactory(owner=alice)
    client.force_login(alice)
    assert client.put(NEW).status_code == 405
    assert client.delete(edit_url(rubric)).status_code == 405
    assert Rubric.objects.filter(pk=rubric.pk).exists()


def test_builder_page_has_no_inline_scripts_or_styles(client, alice):
    client.force_login(alice)
    html = client.post(NEW, builder_data(objective="")).content.decode()
    assert "<script>" not in html and " style=" not in html and "<style" not in html
