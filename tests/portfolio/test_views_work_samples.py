"""/portfolio/samples/...: create, detail, edit, delete and duplicate a work sample."""

import pytest
from django.core.files.uploadhandler import SkipFile
from django.test import RequestFactory

from common.forms import CHOOSE_AGAIN, CHOOSE_ANOTHER
from common.uploadcap import UploadCapHandler, refused_upload_message
from portfolio.models import StoredFile, WorkSample
from tests.factories import WorkSampleFactory, make_profile
from tests.feedback import field_feedback
from tests.portfolio.upload_examples import PDF, files_on_disk, upload
from tests.tabs import page_form

pytestmark = pytest.mark.django_db

NEW = "/portfolio/samples/new/"
LINK = {
    "version": "1",  # what a freshly opened editor carries
    "title": "Clinical triage rubric",
    "sample_type": "rubric",
    "description": "Built for a hospital pilot.",
    "source": "link",
    "url": "https://example.org/triage-rubric",
}


def with_file(name="report.pdf", content=PDF, **fields):
    return {**LINK, "source": "file", "url": "", "file": upload(name, content), **fields}


def url(sample, action="") -> str:
    return f"/portfolio/samples/{sample.pk}/{action + '/' if action else ''}"


# --- Create ---------------------------------------------------------------------------------


def test_work_sample_create_form_has_labelled_fields(client, alice):
    client.force_login(alice)
    html = client.get(NEW).content.decode()
    for field in ("id_title", "id_sample_type", "id_description", "id_file", "id_url"):
        assert f'for="{field}"' in html
    assert 'enctype="multipart/form-data"' in html
    assert 'accept=".pdf,.md,' in html
    assert "<legend" in html and "The sample is" in html


def test_work_sample_types_are_worded_as_in_the_profile_editor(client, alice):
    # One kind of work sample: the profile editor lists the same rows with the same types.
    make_profile(alice)
    client.force_login(alice)
    html = client.get(NEW).content.decode()
    editor = client.get("/profile/edit/").content.decode()
    for option in ('value="test_plan">Adversarial test plan<', 'value="memo">Technical memo<'):
        assert option in html and option in editor
    WorkSampleFactory(owner=alice, sample_type="memo")
    assert (
        "Work sample · Technical memo" in client.get(url(WorkSample.objects.get())).content.decode()
    )


def test_work_sample_create_with_a_link(client, alice):
    client.force_login(alice)
    response = client.post(NEW, LINK)
    sample = WorkSample.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(sample)
    assert (sample.owner, sample.title, sample.sample_type, sample.url, sample.file) == (
        alice,
        "Clinical triage rubric",
        "rubric",
        "https://example.org/triage-rubric",
        None,
    )


def test_work_sample_create_with_a_file(client, alice):
    client.force_login(alice)
    response = client.post(NEW, with_file())
    sample = WorkSample.objects.get()
    assert response["Location"] == url(sample)
    assert sample.url == ""
    assert sample.file.original_name == "report.pdf"
    assert files_on_disk()[0].read_bytes() == PDF


def test_work_sample_create_link_ignores_a_file_sent_along(client, alice):
    client.force_login(alice)
    client.post(NEW, {**LINK, "file": upload("report.pdf", PDF)})
    assert WorkSample.objects.get().file is None
    assert files_on_disk() == []


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({**LINK, "title": ""}, "title", "This field is required."),
        ({**LINK, "url": ""}, "url", "Give the link to your work sample."),
        ({**LINK, "url": "javascript:alert(1)"}, "url", "Enter a valid URL."),
        ({**LINK, "url": "ftp://example.org/x"}, "url", "http:// or https://"),
        ({**LINK, "source": "file", "url": ""}, "file", "Choose a file to upload."),
        ({**LINK, "sample_type": "poem"}, "sample_type", "Select a valid choice."),
    ],
)
def test_work_sample_create_invalid_saves_nothing(client, alice, data, field, message):
    client.force_login(alice)
    response = client.post(NEW, data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not WorkSample.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", b"MZ not really", "is not a PDF"),
        ("report.pdf.exe", PDF, "not accepted"),
        ("x.php.pdf", PDF, "two extensions"),
        ("notes.md", b"<!doctype html><script>", "HTML"),
        ("drawing.svg", b"<svg/>", "not accepted"),
    ],
)
def test_work_sample_create_refused_file_shows_at_the_field_and_stores_nothing(
    client, alice, name, content, message
):
    client.force_login(alice)
    response = client.post(NEW, with_file(name, content))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert not WorkSample.objects.exists()
    assert not StoredFile.objects.exists()
    assert files_on_disk() == []


def test_work_sample_create_oversize_file_is_stopped_while_reading(client, alice, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    client.force_login(alice)
    response = client.post(NEW, with_file("notes.txt", b"a" * 5000))
    assert response.status_code == 200
    assert "larger than 1000" in " ".join(response.context["form"].errors["file"])
    # The other fields were read: nothing the expert typed is lost.
    assert response.context["form"]["title"].value() == LINK["title"]
    assert not WorkSample.objects.exists()
    assert files_on_disk() == []


def test_upload_cap_handler_drops_a_file_at_the_first_chunk_past_the_cap(settings):
    settings.UPLOAD_MAX_BYTES = 100
    request = RequestFactory().post("/")
    handler = UploadCapHandler(request)
    handler.new_file("file", "notes.txt", "text/plain", None)
    assert handler.receive_data_chunk(b"a" * 60, 0) == b"a" * 60
    with pytest.raises(SkipFile):
        handler.receive_data_chunk(b"a" * 60, 60)
    assert "larger than 100" in refused_upload_message(request, "file")
    assert refused_upload_message(request, "other") is None


def test_upload_cap_handler_drops_a_file_that_announces_its_size(settings):
    settings.UPLOAD_MAX_BYTES = 100
    request = RequestFactory().post("/")
    with pytest.raises(SkipFile):
        UploadCapHandler(request).new_file("file", "big.txt", "text/plain", 101)
    assert refused_upload_message(request, "file")


def test_work_sample_create_over_quota_shows_at_the_field(client, alice, settings):
    settings.UPLOAD_QUOTA_BYTES = len(PDF) + 10
    client.force_login(alice)
    client.post(NEW, with_file())
    response = client.post(NEW, with_file(title="Second"))
    assert "upload allowance" in " ".join(response.context["form"].errors["file"])
    assert field_feedback(response.content.decode())[-1] == CHOOSE_ANOTHER
    assert WorkSample.objects.count() == 1
    assert len(files_on_disk()) == 1


def test_work_sample_create_refused_asks_for_the_chosen_file_again_at_the_field(client, alice):
    client.force_login(alice)
    response = client.post(NEW, with_file(title="", description="Written for the pilot."))
    html = response.content.decode()
    assert field_feedback(html) == [CHOOSE_AGAIN]
    assert field_feedback(html, "title") == ["This field is required."]
    kept = page_form(response)  # all other input is kept, as the browser would send it again
    assert {key: kept[key] for key in ("title", "sample_type", "description", "source")} == {
        "title": "",
        "sample_type": "rubric",
        "description": "Written for the pilot.",
        "source": "file",
    }
    assert not WorkSample.objects.exists()
    assert files_on_disk() == []


def test_work_sample_create_refused_without_a_file_says_nothing_of_one(client, alice):
    client.force_login(alice)
    html = client.post(NEW, {**LINK, "title": ""}).content.decode()
    assert field_feedback(html) == []
    set_aside = client.post(NEW, {**with_file(title=""), "source": "link", "url": LINK["url"]})
    assert field_feedback(set_aside.content.decode()) == []  # a link was chosen instead


def test_work_sample_create_anonymous_goes_to_login(client):
    response = client.get(NEW)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    response = client.post(NEW, LINK)
    assert response.status_code == 302
    assert not WorkSample.objects.exists()


def test_work_sample_create_wrong_method(client, alice):
    client.force_login(alice)
    assert client.put(NEW).status_code == 405


# --- Detail ------------------------------------------------------------------------------------


def test_work_sample_detail_shows_file_download_and_checklist(client, alice):
    client.force_login(alice)
    client.post(NEW, with_file())
    sample = WorkSample.objects.get()
    html = client.get(url(sample)).content.decode()
    assert "Clinical triage rubric" in html
    assert f'href="/files/{sample.file.pk}/"' in html
    assert sample.file.sha256 in html
    assert "Quality checklist" in html and "Not applicable" in html
    assert "We cannot read inside a linked or uploaded sample" in html


def test_work_sample_detail_link_is_not_followed_by_referrer(client, alice):
    sample = WorkSampleFactory(owner=alice, url="https://example.org/a?b=<c>")
    client.force_login(alice)
    html = client.get(url(sample)).content.decode()
    assert 'href="https://example.org/a?b=&lt;c&gt;" rel="noopener noreferrer nofollow"' in html


def test_work_sample_pages_of_another_expert_are_404(client, alice, bob):
    sample = WorkSampleFactory(owner=alice)
    client.force_login(bob)
    for action in ("", "edit", "delete"):
        assert client.get(url(sample, action)).status_code == 404
    assert client.post(url(sample, "edit"), LINK).status_code == 404
    assert client.post(url(sample, "delete")).status_code == 404
    assert client.post(url(sample, "duplicate")).status_code == 404
    assert WorkSample.objects.get().title == sample.title
    assert WorkSample.objects.count() == 1


def test_work_sample_pages_anonymous_go_to_login(client, alice):
    sample = WorkSampleFactory(owner=alice)
    for action in ("", "edit", "delete"):
        response = client.get(url(sample, action))
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert client.post(url(sample, "duplicate")).status_code == 302
    assert client.post(url(sample, "delete")).status_code == 302
    assert WorkSample.objects.count() == 1


def test_work_sample_pages_wrong_method(client, alice):
    sample = WorkSampleFactory(owner=alice)
    client.force_login(alice)
    assert client.post(url(sample)).status_code == 405
    assert client.put(url(sample, "edit")).status_code == 405
    assert client.put(url(sample, "delete")).status_code == 405
    assert client.get(url(sample, "duplicate")).status_code == 405
    assert WorkSample.objects.count() == 1


# --- Edit -------------------------------------------------------------------------------------


def test_work_sample_edit_form_is_prefilled(client, alice):
    sample = WorkSampleFactory(owner=alice, title="Old title")
    client.force_login(alice)
    form = client.get(url(sample, "edit")).context["form"]
    assert form["title"].value() == "Old title"
    assert form["source"].value() == "link"
    assert form["url"].value() == sample.url


def test_work_sample_edit_changes_details(client, alice):
    sample = WorkSampleFactory(owner=alice)
    client.force_login(alice)
    response = client.post(url(sample, "edit"), {**LINK, "title": "New title"})
    assert response["Location"] == url(sample)
    sample.refresh_from_db()
    assert (sample.title, sample.sample_type, sample.url) == ("New title", "rubric", LINK["url"])


def test_work_sample_edit_replaces_the_file(client, alice, django_capture_on_commit_callbacks):
    client.force_login(alice)
    client.post(NEW, with_file("old.md", b"# old\n"))
    sample = WorkSample.objects.get()
    html = client.get(url(sample, "edit")).content.decode()
    assert "Now: old.md" in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(sample, "edit"), with_file("new.md", b"# new\n"))
    sample.refresh_from_db()
    assert sample.file.original_name == "new.md"
    assert [path.read_bytes() for path in files_on_disk()] == [b"# new\n"]


def test_work_sample_edit_keeps_the_file_when_none_is_chosen(client, alice):
    client.force_login(alice)
    client.post(NEW, with_file())
    sample = WorkSample.objects.get()
    client.post(url(sample, "edit"), {**LINK, "source": "file", "url": "", "title": "Kept"})
    sample.refresh_from_db()
    assert (sample.title, sample.file.original_name) == ("Kept", "report.pdf")


def test_work_sample_edit_switches_to_a_link(client, alice, django_capture_on_commit_callbacks):
    client.force_login(alice)
    client.post(NEW, with_file())
    sample = WorkSample.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(sample, "edit"), LINK)
    sample.refresh_from_db()
    assert (sample.url, sample.file) == (LINK["url"], None)
    assert files_on_disk() == []


def test_work_sample_edit_invalid_changes_nothing(client, alice):
    sample = WorkSampleFactory(owner=alice, title="Keep me")
    client.force_login(alice)
    response = client.post(url(sample, "edit"), {**LINK, "title": "", "url": "nope nope"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"title", "url"}
    sample.refresh_from_db()
    assert sample.title == "Keep me"


def test_work_sample_edit_link_to_file_needs_a_file(client, alice):
    sample = WorkSampleFactory(owner=alice)
    client.force_login(alice)
    response = client.post(url(sample, "edit"), {**LINK, "source": "file"})
    assert "Choose a file to upload." in response.context["form"].errors["file"]
    sample.refresh_from_db()
    assert sample.file is None and sample.url


# --- Delete and duplicate ------------------------------------------------------------------------


def test_work_sample_delete_asks_first(client, alice):
    sample = WorkSampleFactory(owner=alice, title="Doomed")
    client.force_login(alice)
    response = client.get(url(sample, "delete"))
    html = response.content.decode()
    assert "Delete the work sample “Doomed”?" in html
    assert 'method="post"' in html
    assert WorkSample.objects.exists()


def test_work_sample_delete_removes_it_and_its_file(
    client, alice, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    client.post(NEW, with_file())
    sample = WorkSample.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(sample, "delete"))
    assert response["Location"] == "/portfolio/"
    assert not WorkSample.objects.exists()
    assert not StoredFile.objects.exists()
    assert files_on_disk() == []


def test_work_sample_duplicate_makes_a_copy(client, alice):
    sample = WorkSampleFactory(owner=alice, title="Original")
    client.force_login(alice)
    response = client.post(url(sample, "duplicate"))
    copy = WorkSample.objects.exclude(pk=sample.pk).get()
    assert response["Location"] == url(copy)
    assert (copy.title, copy.url, copy.owner) == ("Copy of Original", sample.url, alice)


def test_work_sample_create_oversize_file_sent_with_a_link_is_ignored(client, alice, settings):
    # The file input may still hold a file after the expert switched to a link.
    settings.UPLOAD_MAX_BYTES = 1000
    client.force_login(alice)
    response = client.post(NEW, {**LINK, "file": upload("notes.txt", b"a" * 5000)})
    assert response.status_code == 302
    assert WorkSample.objects.get().url == LINK["url"]
    assert files_on_disk() == []


def test_work_sample_edit_over_quota_keeps_the_saved_sample(client, alice, settings):
    client.force_login(alice)
    client.post(NEW, with_file())
    sample = WorkSample.objects.get()
    settings.UPLOAD_QUOTA_BYTES = len(PDF) + 10
    response = client.post(url(sample, "edit"), with_file("bigger.md", b"#" * 50, title="New"))
    assert "upload allowance" in " ".join(response.context["form"].errors["file"])
    assert "Edit “Clinical triage rubric”" in response.content.decode()
    sample.refresh_from_db()
    assert (sample.title, sample.file.original_name) == ("Clinical triage rubric", "report.pdf")
    assert len(files_on_disk()) == 1


def test_a_link_sample_is_not_refused_for_a_file_left_in_the_file_input(client, alice):
    """Without JavaScript the file input is sent whatever the choice: only the file source
    checks the file."""
    client.force_login(alice)
    data = {
        "version": "0",
        "title": "Linked",
        "sample_type": "rubric",
        "source": "link",
        "url": "https://example.org/linked",
        "file": upload("tool.exe", b"MZ"),
    }
    assert client.post("/portfolio/samples/new/", data).status_code == 302
    assert WorkSample.objects.get(owner=alice).url == "https://example.org/linked"
