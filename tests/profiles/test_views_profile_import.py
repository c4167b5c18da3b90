"""/profile/import/: upload or paste a skill-profile document."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from common.forms import CHOOSE_ANOTHER
from portfolio.documents import profile_document_for
from profiles.models import Profile
from profiles.schema import SEED_DOCUMENT_PATH
from tests.factories import make_profile
from tests.feedback import field_feedback

pytestmark = pytest.mark.django_db
URL = reverse("profile_import")


def upload(content: bytes, name: str = "profile.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/json")


def test_profile_import_page_explains_and_shows_an_example(client, alice):
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert 'href="/schema/skill-profile.json"' in html
    assert "Quant researcher with evaluation design experience" in html
    assert 'enctype="multipart/form-data"' in html


def test_profile_import_upload_of_the_seed(client, alice):
    client.force_login(alice)
    response = client.post(URL, {"file": upload(SEED_DOCUMENT_PATH.read_bytes())})
    assert response.status_code == 302
    assert response["Location"] == reverse("profile")
    assert profile_document_for(alice) == json.loads(SEED_DOCUMENT_PATH.read_text())


def test_profile_import_pasted_json_replaces_the_profile(client, alice):
    make_profile(alice, headline="Old", strengths=["old strength"])
    client.force_login(alice)
    document = {"headline": "New", "domains": ["law"], "visibility": "public"}
    response = client.post(URL, {"text": json.dumps(document), "version": "1"})
    assert response.status_code == 302
    assert profile_document_for(alice) == document
    assert Profile.objects.get(user=alice).version == 2


def test_profile_import_takes_empty_optional_lists_as_left_out(client, alice):
    client.force_login(alice)
    document = {**json.loads(SEED_DOCUMENT_PATH.read_text()), "work_samples": [], "tools": []}
    response = client.post(URL, {"text": json.dumps(document)})
    assert response.status_code == 302
    exported = profile_document_for(alice)
    assert "work_samples" not in exported and "tools" not in exported
    assert exported["credentials"] == ["MSc Statistics", "CFA Level II"]


def test_profile_import_invalid_document_lists_every_error_and_changes_nothing(client, alice):
    make_profile(alice, headline="Kept")
    client.force_login(alice)
    document = json.loads(SEED_DOCUMENT_PATH.read_text())
    document["availability"]["hours_per_week"] = 90
    document["domains"].append("Finance")
    document["work_samples"][0]["link"] = "ftp://rex.zone"
    document["mood"] = "great"
    response = client.post(URL, {"text": json.dumps(document)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "The document was not imported" in html
    assert "Nothing was changed. Fix these 4 problems" in html
    for path in ("domains[3]", "availability.hours_per_week", "work_samples[0].link", "mood"):
        assert f"<code>{path}</code>" in html
    assert "Must be between 1 and 80" not in html  # paths listed, not field sentences
    assert "must be between 1 and 80 (it is 90)" in html
    assert Profile.objects.get(user=alice).headline == "Kept"
    assert json.dumps(document)[:30].replace('"', "&quot;") in html  # the paste is kept


def test_profile_import_invalid_file_asks_for_a_file_again_at_the_field(client, alice):
    make_profile(alice, headline="Kept")
    client.force_login(alice)
    html = client.post(URL, {"file": upload(b'{"headline": "No domains"}')}).content.decode()
    feedback = field_feedback(html)
    assert "problem" in feedback[0] and feedback[1:] == [CHOOSE_ANOTHER]
    assert Profile.objects.get(user=alice).headline == "Kept"


def test_profile_import_pasted_text_over_the_limit(client, alice):
    client.force_login(alice)
    big = json.dumps({"headline": "x" * (300 * 1024), "domains": ["a"]})
    response = client.post(URL, {"text": big})
    assert response.status_code == 200
    assert (
        "The document is 307,234 bytes, over the limit of 256.0\xa0KB (262,144 bytes)."
        in response.content.decode()
    )
    assert not Profile.objects.exists()


def test_profile_import_file_over_the_limit(client, alice):
    client.force_login(alice)
    response = client.post(URL, {"file": upload(b" " * (5 * 1024 * 1024))})
    assert response.status_code == 200
    assert (
        "The file is 5,242,880 bytes, over the limit of 256.0\xa0KB (262,144 bytes)."
        in response.content.decode()
    )
    assert not Profile.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"[" * 5000 + b"]" * 5000, "more than 8 levels deep"),
        (b'{"headline": "x", "domains": ["a"],}', "This is not valid JSON"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"", "The submitted file is empty."),
        (b'{"headline": "a", "headline": "b", "domains": ["x"]}', "appears twice"),
        (b"[]", "a skill profile must be a JSON object"),
    ],
)
def test_profile_import_unusable_files_get_a_message(client, alice, content, message):
    client.force_login(alice)
    response = client.post(URL, {"file": upload(content)})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Profile.objects.exists()


def test_profile_import_needs_exactly_one_source(client, alice):
    client.force_login(alice)
    html = client.post(URL, {}).content.decode()
    assert "Choose a file to upload, or paste a skill-profile JSON document." in html
    html = client.post(
        URL,
        {"file": upload(SEED_DOCUMENT_PATH.read_bytes()), "text": SEED_DOCUMENT_PATH.read_text()},
    ).content.decode()
    assert "Upload a file or paste JSON, not both." in html
    assert not Profile.objects.exists()


def test_profile_import_only_touches_your_own_profile(client, alice, bob):
    make_profile(alice, headline="Alice's")
    client.force_login(bob)
    client.post(URL, {"text": SEED_DOCUMENT_PATH.read_text()})
    assert Profile.objects.get(user=alice).headline == "Alice's"
    assert profile_document_for(bob) == json.loads(SEED_DOCUMENT_PATH.read_text())


def test_profile_import_anonymous_goes_to_login(client):
    response = client.post(URL, {"text": SEED_DOCUMENT_PATH.read_text()})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not Profile.objects.exists()


def test_profile_import_wrong_method(client, alice):
    client.force_login(alice)
    assert client.put(URL).status_code == 405
