"""/rubrics/<id>/edit/ open in two tabs: a save based on an older version is refused."""

import pytest

from rubrics.models import Rubric
from tests.rubrics.builder_data import builder_data
from tests.tabs import page_form, refused_as_deleted, tab

pytestmark = pytest.mark.django_db


@pytest.fixture
def rubric(alice):
    tab(alice).post("/rubrics/new/", builder_data(title="Reasoning", sources="Logic textbook"))
    return Rubric.objects.get()


def edit_url(rubric) -> str:
    return f"/rubrics/{rubric.pk}/edit/"


def test_rubric_edit_based_on_an_old_version_is_refused_and_keeps_the_other_title(alice, rubric):
    one, two = tab(alice), tab(alice)
    form_one = page_form(one.get(edit_url(rubric)))
    form_two = page_form(two.get(edit_url(rubric)))

    saved = one.post(edit_url(rubric), {**form_one, "title": "Title from tab one"})
    refused = two.post(edit_url(rubric), {**form_two, "sources": "Sources from tab two"})

    assert saved.status_code == 302
    assert refused.status_code == 409
    rubric.refresh_from_db()
    assert (rubric.title, rubric.sources, rubric.version) == (
        "Title from tab one",
        "Logic textbook",
        2,
    )
    html = refused.content.decode()
    assert "This rubric was changed in another tab or by someone else" in html
    assert "Your changes are below and have not been saved." in html
    changes = {change.label: change for change in refused.context["conflict"].changes}
    assert set(changes) == {"Title"}
    assert changes["Title"].now == "Title from tab one"
    assert "Sources from tab two" in html  # the person's input is kept
    assert f'href="{edit_url(rubric)}"' in html  # continue from the latest version


def test_rubric_edit_saved_again_after_a_conflict_replaces_knowingly(alice, rubric):
    one, two = tab(alice), tab(alice)
    form_two = page_form(two.get(edit_url(rubric)))
    one.post(edit_url(rubric), {**page_form(one.get(edit_url(rubric))), "title": "From one"})
    refused = two.post(edit_url(rubric), {**form_two, "sources": "From two"})

    again = two.post(edit_url(rubric), {**page_form(refused), "action": "save"})

    assert again.status_code == 302
    rubric.refresh_from_db()
    assert (rubric.title, rubric.sources, rubric.version) == ("Reasoning", "From two", 3)


def test_rubric_edit_row_buttons_keep_the_version_it_was_based_on(alice, rubric):
    one, two = tab(alice), tab(alice)
    form_two = page_form(two.get(edit_url(rubric)))
    one.post(edit_url(rubric), {**page_form(one.get(edit_url(rubric))), "title": "From one"})
    # A row button in the stale tab re-renders it; the save after that is still refused.
    moved = two.post(edit_url(rubric), {**form_two, "action": "level-down-0"})
    refused = two.post(edit_url(rubric), {**page_form(moved), "action": "save"})

    assert refused.status_code == 409
    rubric.refresh_from_db()
    assert rubric.title == "From one"


def test_rubric_edit_without_a_version_is_refused(client, alice, rubric):
    client.force_login(alice)
    data = builder_data(title="Scripted")
    del data["version"]

    response = client.post(edit_url(rubric), data)

    assert response.status_code == 409
    rubric.refresh_from_db()
    assert rubric.title == "Reasoning"


def test_rubric_edit_of_a_rubric_deleted_since_keeps_the_input_to_save_anew(alice, rubric):
    one, two = tab(alice), tab(alice)
    form_two = page_form(two.get(edit_url(rubric)))
    one.post(f"/rubrics/{rubric.pk}/delete/")
    typed = {**form_two, "sources": "Sources from tab two"}

    refused = two.post(edit_url(rubric), {**typed, "action": "save"})
    refused_as_deleted(refused, "rubric", "/rubrics/new/")
    # A row button works on what was typed, as htmx expects it: 200, nothing saved.
    added = two.post(edit_url(rubric), {**typed, "action": "add-disallow"})
    assert added.status_code == 200
    assert "was deleted while you had it open" in added.content.decode()
    kept = page_form(refused)
    assert (kept["title"], kept["sources"]) == ("Reasoning", "Sources from tab two")
    assert not Rubric.objects.exists()

    assert two.post("/rubrics/new/", {**kept, "action": "save"}).status_code == 302
    assert list(Rubric.objects.values_list("title", "sources")) == [
        ("Reasoning", "Sources from tab two")
    ]
