"""/profile/import/ with a JSON Resume: a preview of what maps where and what is left out,
then a confirm button that saves; nothing is saved before it."""

import html
import json
import re

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings

from portfolio.documents import profile_document_for
from portfolio.models import WorkSample
from profiles.models import Profile
from tests.factories import make_profile
from tests.profiles.json_resume import json_resumes
from tests.profiles.test_resume import PROFILE, RESUME
from tests.tabs import page_form

pytestmark = pytest.mark.django_db
URL = reverse("profile_import")
HIDDEN_TEXT = re.compile(r'<input type="hidden" name="text" value="([^"]*)">')


def confirm_data(response) -> dict:
    """What the preview's confirm form posts, read from the page as a browser would."""
    match = HIDDEN_TEXT.search(response.content.decode())
    assert match, "the preview has a confirm form"
    return {**page_form(response, having="from_resume"), "text": html.unescape(match[1])}


def test_profile_import_resume_shows_a_preview_and_saves_nothing(client, alice):
    client.force_login(alice)
    response = client.post(URL, {"text": json.dumps(RESUME)})
    page = response.content.decode()
    assert response.status_code == 200
    assert response.templates[0].name == "profiles/profile_import_resume.html"
    assert "Check what your JSON Resume becomes" in page
    assert "Nothing is saved yet." in page
    assert "<td><code>skills[0].level</code></td>" in page
    assert "<td><code>domain_depth[&quot;Emergency medicine&quot;]</code></td>" in page
    assert "5 (authority)" in page and "from &quot;Master&quot;" in page
    assert "<td><code>basics.phone</code></td>" not in page  # the résumé has none
    assert "<td><code>work</code></td>" in page
    assert "A skill profile has no employment history" in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert "Save as my profile" in page
    assert "replaces your whole profile" not in page  # there is none yet
    assert not Profile.objects.exists()


def test_profile_import_resume_confirm_saves_what_the_preview_showed(client, alice):
    client.force_login(alice)
    preview = client.post(URL, {"text": json.dumps(RESUME)})
    response = client.post(URL, confirm_data(preview))
    assert response.status_code == 302
    assert response["Location"] == reverse("profile")
    assert profile_document_for(alice) == PROFILE
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Imported from your JSON Resume. Your profile now holds what the preview showed."
    ]


def test_profile_import_resume_uploaded_file_previews_then_replaces(client, alice):
    make_profile(alice, headline="Kept until confirmed")
    client.force_login(alice)
    upload = SimpleUploadedFile("resume.json", json.dumps(RESUME).encode(), "application/json")
    preview = client.post(URL, {"file": upload, "version": "1"})
    assert "Saving replaces your whole profile." in preview.content.decode()
    assert Profile.objects.get(user=alice).headline == "Kept until confirmed"
    client.post(URL, confirm_data(preview))
    profile = Profile.objects.get(user=alice)
    assert profile.headline == PROFILE["headline"]
    assert profile.version == 2


def test_profile_import_resume_that_cannot_start_a_profile_says_why(client, alice):
    client.force_login(alice)
    resume = {"basics": {"name": "Dana", "email": "dana@example.org"}, "work": [{"name": "X"}]}
    response = client.post(URL, {"text": json.dumps(resume)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "This résumé cannot start a profile yet" in page
    assert "<code>basics.label</code>: is needed for your profile&#x27;s headline" in page
    assert "<code>skills</code>: a profile needs at least one domain" in page
    assert "Save as my profile" not in page
    assert not HIDDEN_TEXT.search(page)
    assert not Profile.objects.exists()


def test_profile_import_resume_confirm_with_a_changed_document_is_checked_again(client, alice):
    client.force_login(alice)
    data = {"text": json.dumps({"headline": "x", "domains": []}), "from_resume": "on"}
    response = client.post(URL, data)
    assert response.status_code == 200
    assert "<code>domains</code>: must list at least one domain" in response.content.decode()
    assert not Profile.objects.exists()


def test_profile_import_resume_shows_odd_characters_readably(client, alice):
    client.force_login(alice)
    text = (
        '{"basics": {"label": "Evaluator\\ud800", "\\udfff": "x"}, '
        '"skills": [{"name": "law\\u0000"}], "work": "\\ud83d"}'
    )
    response = client.post(URL, {"text": text})
    assert response.status_code == 200
    confirm = confirm_data(response)
    assert json.loads(confirm["text"]) == {"headline": "Evaluator", "domains": ["law"]}


FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(resume=json_resumes())
def test_profile_import_any_resume_previews_or_says_why_and_saves_only_on_confirm(
    client, alice, resume
):
    # Examples share the database: the samples an earlier one saved belong to the account,
    # not the profile, and would otherwise join this one's document.
    Profile.objects.filter(user=alice).delete()
    WorkSample.objects.filter(owner=alice).delete()
    client.force_login(alice)
    response = client.post(URL, {"text": json.dumps(resume)})
    assert response.status_code == 200
    assert not Profile.objects.filter(user=alice).exists()
    preview = response.context["resume"]
    if preview.document is None:
        event("cannot start a profile")
        assert "This résumé cannot start a profile yet" in response.content.decode()
        return
    event("previewed")
    confirmed = client.post(URL, confirm_data(response))
    if confirmed.status_code == 302:
        assert profile_document_for(alice) == preview.document
    else:  # two entries our database counts as one: refused with a message, nothing saved
        assert confirmed.context["form"].document_errors
        assert not Profile.objects.filter(user=alice).exists()


def test_profile_import_resume_anonymous_goes_to_login(client):
    response = client.post(URL, {"text": json.dumps(RESUME)})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not Profile.objects.exists()
