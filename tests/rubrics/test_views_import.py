"""/rubrics/import/: upload or paste; a refusal creates nothing and names each problem."""

import pytest
from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from common.forms import CHOOSE_AGAIN, CHOOSE_ANOTHER
from common.uploadcap import UploadCapHandler
from rubrics import queries
from rubrics.models import Rubric
from tests.feedback import field_feedback
from tests.tabs import page_form

pytestmark = pytest.mark.django_db

URL = "/rubrics/import/"


def upload(content: bytes, name: str = "rubric.yaml") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/yaml")


def test_import_url_is_stable():
    assert reverse("rubric_import") == URL


def test_import_page_has_labelled_fields_and_the_example(client, alice):
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert 'for="id_file"' in html and 'for="id_text"' in html
    assert 'enctype="multipart/form-data"' in html
    assert "Assess step-by-step reasoning clarity and correctness" in html
    assert 'name="kind"' not in html


def test_import_uploaded_seed(client, alice, seed_text):
    client.force_login(alice)
    response = client.post(URL, {"file": upload(seed_text.encode())})
    rubric = Rubric.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/rubrics/{rubric.pk}/"
    assert rubric.owner == alice and rubric.kind == Rubric.Kind.ARTIFACT
    assert queries.rubric_yaml(queries.with_scale(Rubric.objects.all()).get()) == seed_text


def test_import_pasted_seed_keeps_its_indentation(client, alice, seed_text):
    client.force_login(alice)
    response = client.post(URL, {"text": seed_text.replace("\n", "\r\n")})
    assert response.status_code == 302
    assert Rubric.objects.get().objective == "Assess step-by-step reasoning clarity and correctness"


def test_staff_import_review_rubrics(client, staff, seed_text):
    client.force_login(staff)
    assert 'name="kind"' in client.get(URL).content.decode()
    client.post(URL, {"text": seed_text, "kind": "review"})
    assert Rubric.objects.get().kind == Rubric.Kind.REVIEW


def test_import_errors_name_their_paths_and_create_nothing(client, alice, seed_text):
    client.force_login(alice)
    bad = seed_text.replace("score: 3", "score: 'three'").replace('- "Missing critical steps"', "")
    response = client.post(URL, {"text": bad})
    html = response.content.decode()
    assert response.status_code == 200
    assert "rubric.scale[1].score: Expected a whole number, found text." in html
    assert not Rubric.objects.exists()
    assert "score: &#x27;three&#x27;" in html  # the pasted text is kept for fixing


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rubric: !!python/object/apply:os.system ['echo']", "is not allowed; use plain text"),
        ("a: &x [1]\nb: *x\n", "YAML anchors (&amp;x) are not allowed"),
        ("rubric: [unclosed\n", "this is not valid YAML"),
    ],
)
def test_hostile_yaml_is_refused_at_the_field(client, alice, text, message):
    client.force_login(alice)
    html = client.post(URL, {"text": text}).content.decode()
    assert message in html and 'id="id_text_error"' in html
    assert not Rubric.objects.exists()


def test_oversized_upload_is_refused(client, alice):
    client.force_login(alice)
    html = client.post(URL, {"file": upload(b"#" * (64 * 1024 + 1))}).content.decode()
    assert "The file is 65,537 bytes; the limit is 64 KB" in html
    assert not Rubric.objects.exists()


def test_upload_is_kept_in_memory_up_to_the_limit_only(client, alice):
    client.force_login(alice)
    response = client.post(URL, {"file": upload(b"#" * (3 * 1024 * 1024))})
    assert "The file is 3,145,728 bytes; the limit is 64 KB" in response.content.decode()
    received = response.wsgi_request.FILES["file"]
    assert isinstance(received, InMemoryUploadedFile)
    assert received.size == 3 * 1024 * 1024


def test_capped_handler_keeps_one_byte_over_the_limit():
    handler = UploadCapHandler(limit=10)
    handler.new_file("file", "r.yaml", "application/yaml", None)
    for start in range(0, 25, 5):
        assert handler.receive_data_chunk(b"abcde", start) is None
    received = handler.file_complete(25)
    assert received.size == 25 and received.read() == b"abcdeabcdea"


def test_import_checks_the_csrf_token(alice, seed_text):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(URL, {"text": seed_text}).status_code == 403
    assert not Rubric.objects.exists()


def test_oversized_paste_is_refused(client, alice):
    client.force_login(alice)
    html = client.post(URL, {"text": "#" * (64 * 1024 + 1)}).content.decode()
    assert "the limit is 64 KB" in html
    assert not Rubric.objects.exists()


def test_non_utf8_upload_is_refused(client, alice):
    client.force_login(alice)
    html = client.post(URL, {"file": upload("rubric: é".encode("latin-1"))}).content.decode()
    assert "not UTF-8 text" in html and 'id="id_file_error"' in html


def test_nothing_or_both_is_explained(client, alice, seed_text):
    client.force_login(alice)
    assert "Choose a YAML file or paste the YAML." in client.post(URL, {}).content.decode()
    both = client.post(URL, {"text": seed_text, "file": upload(seed_text.encode())})
    assert "either a file or pasted YAML, not both" in both.content.decode()
    assert not Rubric.objects.exists()


def test_refused_upload_asks_for_a_file_again_at_the_field(client, alice, seed_text):
    client.force_login(alice)
    html = client.post(URL, {"file": upload("rubric: é".encode("latin-1"))}).content.decode()
    feedback = field_feedback(html)
    assert "not UTF-8 text" in feedback[0] and feedback[1:] == [CHOOSE_ANOTHER]
    # A good file refused for something else: asked for again, the pasted text kept.
    both = client.post(URL, {"text": seed_text, "file": upload(seed_text.encode())})
    assert field_feedback(both.content.decode()) == [CHOOSE_AGAIN]
    assert page_form(both, having="text")["text"] == seed_text
    pasted = client.post(URL, {"text": "rubric: [unclosed\n"}).content.decode()
    assert field_feedback(pasted) == []  # no file was chosen
    assert not Rubric.objects.exists()


def test_expert_cannot_import_a_review_rubric_by_posting_the_kind(client, alice, seed_text):
    client.force_login(alice)
    client.post(URL, {"text": seed_text, "kind": "review"})
    assert Rubric.objects.get().kind == Rubric.Kind.ARTIFACT


def test_import_needs_login(client, seed_text):
    response = client.post(URL, {"text": seed_text})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not Rubric.objects.exists()


def test_import_wrong_method(client, alice):
    client.force_login(alice)
    assert client.put(URL).status_code == 405
