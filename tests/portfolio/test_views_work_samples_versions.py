"""The work-sample editor open in two tabs: a save based on an older version is refused."""

import pytest

from common.forms import CHOOSE_AGAIN
from tests.factories import WorkSampleFactory
from tests.feedback import field_feedback
from tests.portfolio.upload_examples import PDF, files_on_disk, upload
from tests.tabs import page_form, refused_as_deleted, tab

pytestmark = pytest.mark.django_db


def edit_url(sample) -> str:
    return f"/portfolio/samples/{sample.pk}/edit/"


def test_work_sample_edit_based_on_an_old_version_is_refused(alice):
    sample = WorkSampleFactory(owner=alice, title="Triage rubric", description="Before.")
    one, two = tab(alice), tab(alice)
    opened = two.get(edit_url(sample))
    form_one = page_form(one.get(edit_url(sample)))
    form_two = page_form(opened)

    saved = one.post(edit_url(sample), {**form_one, "title": "Title from tab one"})
    refused = two.post(edit_url(sample), {**form_two, "description": "From tab two."})

    assert opened.content.decode().count('name="version"') == 1
    assert (saved.status_code, refused.status_code) == (302, 409)
    sample.refresh_from_db()
    assert (sample.title, sample.description, sample.version) == (
        "Title from tab one",
        "Before.",
        2,
    )
    html = refused.content.decode()
    assert "This work sample was changed in another tab or by someone else" in html
    assert "From tab two." in html  # the person's input is kept
    changes = {change.label: change.now for change in refused.context["conflict"].changes}
    assert changes == {"Title": "Title from tab one"}
    assert f'href="{edit_url(sample)}"' in html  # continue from the latest version


def test_work_sample_edit_refused_as_stale_asks_for_the_chosen_file_again(alice):
    sample = WorkSampleFactory(owner=alice, title="Triage rubric", description="Before.")
    one, two = tab(alice), tab(alice)
    form_two = page_form(two.get(edit_url(sample)))
    one.post(edit_url(sample), {**page_form(one.get(edit_url(sample))), "title": "From one"})

    chosen = {"source": "file", "url": "", "file": upload("report.pdf", PDF)}
    refused = two.post(edit_url(sample), {**form_two, **chosen, "description": "From two."})

    assert refused.status_code == 409
    assert field_feedback(refused.content.decode()) == [CHOOSE_AGAIN]
    kept = page_form(refused)
    assert (kept["description"], kept["source"]) == ("From two.", "file")
    sample.refresh_from_db()
    assert (sample.title, sample.description, sample.file) == ("From one", "Before.", None)
    assert files_on_disk() == []


def test_work_sample_edit_of_a_sample_deleted_since_keeps_the_input_to_save_anew(alice):
    sample = WorkSampleFactory(owner=alice, title="Triage rubric", description="Before.")
    one, two = tab(alice), tab(alice)
    form_two = page_form(two.get(edit_url(sample)))
    one.post(f"/portfolio/samples/{sample.pk}/delete/")

    refused = two.post(edit_url(sample), {**form_two, "description": "Typed in tab two."})

    refused_as_deleted(refused, "work sample", "/portfolio/samples/new/")
    kept = page_form(refused)
    assert (kept["title"], kept["description"]) == ("Triage rubric", "Typed in tab two.")
    assert not alice.work_samples.exists()

    saved = two.post("/portfolio/samples/new/", kept)
    assert saved.status_code == 302
    assert list(alice.work_samples.values_list("title", "description")) == [
        ("Triage rubric", "Typed in tab two.")
    ]


def test_work_sample_edit_of_someone_elses_sample_still_answers_404(alice, bob):
    sample = WorkSampleFactory(owner=bob, title="Bob's")
    response = tab(alice).post(edit_url(sample), {"title": "Mine now", "version": "1"})
    assert response.status_code == 404
    sample.refresh_from_db()
    assert sample.title == "Bob's"
