"""/profile/import/ and /profile/edit/ opened before the profile was saved elsewhere: refused."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from common.forms import CHOOSE_AGAIN
from portfolio.documents import profile_document_for
from profiles.models import Profile
from tests.factories import make_profile
from tests.feedback import field_feedback
from tests.tabs import page_form, tab

pytestmark = pytest.mark.django_db

URL = "/profile/import/"
DOCUMENT = {"headline": "Imported headline", "domains": ["law"]}


def test_profile_import_based_on_an_old_version_is_refused(alice):
    make_profile(alice, headline="Original", domains=["medicine"])
    importer, editor = tab(alice), tab(alice)
    import_form = page_form(importer.get(URL))
    assert import_form["version"] == "1"
    editor_form = page_form(editor.get("/profile/edit/"))
    editor.post("/profile/edit/", {**editor_form, "headline": "Saved in the editor", "save": "1"})
    saved = profile_document_for(alice)

    refused = importer.post(URL, {**import_form, "text": json.dumps(DOCUMENT)})

    assert refused.status_code == 409
    assert profile_document_for(alice) == saved
    assert saved["headline"] == "Saved in the editor"
    assert Profile.objects.get(user=alice).version == 2
    html = refused.content.decode()
    assert "This profile was changed in another tab or by someone else" in html
    assert "Imported headline" in html  # the pasted document is kept
    changes = {change.label: change.now for change in refused.context["conflict"].changes}
    assert changes == {"Headline": "Saved in the editor"}
    # Importing again from the refused page, having seen the change, replaces it knowingly.
    assert importer.post(URL, page_form(refused)).status_code == 302
    assert profile_document_for(alice)["headline"] == "Imported headline"


def test_profile_import_of_a_file_refused_as_stale_asks_for_the_file_again(alice):
    make_profile(alice, headline="Original", domains=["medicine"])
    importer, editor = tab(alice), tab(alice)
    import_form = page_form(importer.get(URL))
    editor_form = page_form(editor.get("/profile/edit/"))
    editor.post("/profile/edit/", {**editor_form, "headline": "Saved in the editor", "save": "1"})
    chosen = SimpleUploadedFile("profile.json", json.dumps(DOCUMENT).encode())

    refused = importer.post(URL, {**import_form, "file": chosen})

    assert refused.status_code == 409
    assert field_feedback(refused.content.decode()) == [CHOOSE_AGAIN]
    assert profile_document_for(alice)["headline"] == "Saved in the editor"


def test_profile_import_before_any_profile_carries_version_zero(alice):
    importer = tab(alice)
    form = page_form(importer.get(URL))
    assert importer.post(URL, {**form, "text": json.dumps(DOCUMENT)}).status_code == 302
    assert Profile.objects.get(user=alice).version == 1


def test_profile_edit_in_two_tabs_names_only_what_the_other_tab_changed(alice):
    make_profile(alice, headline="Original", domains=["medicine"])
    one, two = tab(alice), tab(alice)
    form_one = page_form(one.get("/profile/edit/"))
    form_two = page_form(two.get("/profile/edit/"))
    one.post("/profile/edit/", {**form_one, "headline": "From tab one", "save": "1"})

    refused = two.post("/profile/edit/", {**form_two, "bio": "From tab two", "save": "1"})

    assert refused.status_code == 409
    assert profile_document_for(alice)["headline"] == "From tab one"
    assert "bio" not in profile_document_for(alice)
    changes = {change.label: change.now for change in refused.context["conflict"].changes}
    assert changes == {"Headline": "From tab one"}
    assert "From tab two" in refused.content.decode()
