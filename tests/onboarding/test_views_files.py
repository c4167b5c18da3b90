"""/files/<uuid>/: the permission-checked download, its matrix and its headers."""

import uuid

import pytest
from django.urls import reverse

from tests.portfolio.upload_examples import PDF, files_on_disk, stored_file

pytestmark = pytest.mark.django_db


def url_of(stored) -> str:
    return f"/files/{stored.pk}/"


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_file_download_url_is_stable(alice):
    stored = stored_file(alice)
    assert reverse("file_download", args=[stored.pk]) == url_of(stored)


def test_file_download_by_owner_streams_the_bytes_as_an_attachment(client, alice):
    stored = stored_file(alice, "report.pdf", PDF)
    client.force_login(alice)
    response = client.get(url_of(stored))
    assert response.status_code == 200
    assert response.streaming
    assert body(response) == PDF
    assert response["Content-Disposition"] == 'attachment; filename="report.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(PDF))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_file_download_by_staff(client, alice, staff):
    stored = stored_file(alice, "notes.md", b"# Notes\n")
    client.force_login(staff)
    response = client.get(url_of(stored))
    assert response.status_code == 200
    assert body(response) == b"# Notes\n"
    assert response["Content-Type"] == "text/markdown; charset=utf-8"


@pytest.mark.parametrize("who", ["bob", "rita"])
def test_file_download_by_anyone_else_is_404(client, alice, bob, rita, who):
    stored = stored_file(alice)
    # A reviewer only gets a file through a submission that contains it.
    client.force_login({"bob": bob, "rita": rita}[who])
    response = client.get(url_of(stored))
    assert response.status_code == 404
    assert b"# Notes" not in response.content


def test_file_download_anonymous_goes_to_login(client, alice):
    stored = stored_file(alice)
    response = client.get(url_of(stored))
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url_of(stored)}"


def test_file_download_unknown_id_is_404(client, alice):
    client.force_login(alice)
    assert client.get(f"/files/{uuid.uuid4()}/").status_code == 404
    assert client.get("/files/not-a-uuid/").status_code == 404


def test_file_download_with_missing_bytes_is_404(client, alice):
    stored = stored_file(alice)
    files_on_disk()[0].unlink()
    client.force_login(alice)
    assert client.get(url_of(stored)).status_code == 404


def test_file_download_names_unicode_files_safely(client, alice):
    stored = stored_file(alice, 'Résumé "final".md', b"# CV\n")
    client.force_login(alice)
    disposition = client.get(url_of(stored))["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert "filename*=utf-8''R%C3%A9sum%C3%A9%20_final_.md" in disposition
    assert "\n" not in disposition and '"final"' not in disposition


def test_file_download_head_is_allowed(client, alice):
    stored = stored_file(alice)
    client.force_login(alice)
    assert client.head(url_of(stored)).status_code == 200


def test_file_download_wrong_method(client, alice):
    stored = stored_file(alice)
    client.force_login(alice)
    assert client.post(url_of(stored)).status_code == 405
    assert client.delete(url_of(stored)).status_code == 405
