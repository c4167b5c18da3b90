"""The profile editor lists the linked work samples, which are saved on their own pages too:
an editor opened before such a change is refused rather than undoing it."""

import pytest

from portfolio.models import WorkSample
from tests.factories import make_profile
from tests.tabs import page_form, tab

pytestmark = pytest.mark.django_db

EDITOR = "/profile/edit/"


def _link_sample_form(**values) -> dict:
    return {
        "version": "0",
        "title": "Added in tab two",
        "sample_type": "rubric",
        "description": "Saved after the editor was opened.",
        "source": "link",
        "url": "https://example.org/new",
        **values,
    }


def test_stale_editor_does_not_delete_a_sample_added_in_another_tab(alice):
    make_profile(alice, headline="Original")
    editor, other = tab(alice), tab(alice)
    editor_form = page_form(editor.get(EDITOR))
    assert other.post("/portfolio/samples/new/", _link_sample_form()).status_code == 302
    refused = editor.post(EDITOR, {**editor_form, "headline": "Edited", "save": "1"})
    assert refused.status_code == 409
    assert "Work samples" in refused.content.decode()
    assert "Edited" in refused.content.decode()  # what this person typed is kept
    assert WorkSample.objects.filter(owner=alice).count() == 1
    alice.profile.refresh_from_db()
    assert alice.profile.headline == "Original"
    # Saved again from the refused page, knowingly: the editor's rows win.
    again = editor.post(EDITOR, {**page_form(refused), "save": "1"})
    assert again.status_code == 302
    alice.profile.refresh_from_db()
    assert alice.profile.headline == "Edited"


def test_stale_editor_does_not_undo_a_sample_edited_in_another_tab(alice):
    make_profile(
        alice,
        headline="Original",
        work_samples=[{"title": "Old title", "link": "https://example.org/s"}],
    )
    sample = WorkSample.objects.get(owner=alice)
    editor, other = tab(alice), tab(alice)
    editor_form = page_form(editor.get(EDITOR))
    edit = f"/portfolio/samples/{sample.pk}/edit/"
    assert other.post(edit, {**page_form(other.get(edit)), "title": "New title"}).status_code == 302
    refused = editor.post(EDITOR, {**editor_form, "headline": "Edited", "save": "1"})
    assert refused.status_code == 409
    sample.refresh_from_db()
    assert sample.title == "New title"


def test_editor_saves_when_samples_are_as_it_showed_them(alice):
    make_profile(
        alice,
        headline="Original",
        work_samples=[{"title": "Kept", "link": "https://example.org/k"}],
    )
    editor = tab(alice)
    saved = editor.post(
        EDITOR, {**page_form(editor.get(EDITOR)), "headline": "Edited", "save": "1"}
    )
    assert saved.status_code == 302
    assert WorkSample.objects.get(owner=alice).title == "Kept"
