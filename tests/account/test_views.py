"""/account/, /account/export.zip and /account/delete/."""

import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from onboarding.models import Review
from onboarding.workflow import Decision
from portfolio.models import StoredFile, WorkSample
from tests.factories import PASSWORD, RubricFactory, WorkSampleFactory
from tests.onboarding.review_setup import NOTES, review_form, reviewed, submitted_round
from tests.portfolio.upload_examples import files_on_disk, stored_file

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_account_urls_are_stable():
    assert reverse("account") == "/account/"
    assert reverse("account_export") == "/account/export.zip"
    assert reverse("account_delete") == "/account/delete/"


@pytest.mark.parametrize("url", ["/account/", "/account/export.zip", "/account/delete/"])
def test_account_pages_anonymous_go_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


@pytest.mark.parametrize("url", ["/account/", "/account/export.zip"])
def test_account_pages_refuse_post(client, alice, url):
    client.force_login(alice)
    assert client.post(url).status_code == 405


def test_account_delete_refuses_put(client, alice):
    client.force_login(alice)
    assert client.put("/account/delete/").status_code == 405
    assert User.objects.filter(pk=alice.pk).exists()


def test_account_page_links_to_export_and_delete(client, alice):
    stored_file(alice)
    client.force_login(alice)
    response = client.get("/account/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "alice@example.com" in html
    assert 'href="/account/export.zip"' in html
    assert 'href="/account/delete/"' in html
    assert 'href="/accounts/password-change/"' in html
    assert "the 1 file you uploaded" in html
    assert "Reviews you wrote as a reviewer stay" in html


def test_account_link_is_in_the_navigation(client, alice):
    client.force_login(alice)
    header = client.get("/dashboard/").content.decode().split("</header>")[0]
    assert '<a class="nav-link text-nowrap" href="/account/">Account</a>' in header
    header = client.get("/account/").content.decode().split("</header>")[0]
    assert 'active" href="/account/" aria-current="page">Account</a>' in header


def test_account_export_downloads_the_zip_of_the_signed_in_person_only(client, alice, bob):
    WorkSampleFactory(owner=alice, title="Risk memo")
    stored_file(alice, "notes.md", NOTES)
    stored_file(bob, "notes.md", b"# Bob's notes\n")
    client.force_login(alice)

    response = client.get("/account/export.zip")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="expertfolio-alice-expert-')
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        names = [name.split("/", 1)[1] for name in archive.namelist()]
        contents = b"".join(archive.read(name) for name in archive.namelist())
    assert "files/notes.md" in names and "README.txt" in names
    assert any(name.startswith("work-samples/") and "risk-memo" in name for name in names)
    assert NOTES in contents and b"Bob's notes" not in contents


def test_account_delete_page_states_the_policy_and_asks_for_the_password(client, alice):
    client.force_login(alice)
    response = client.get("/account/delete/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'type="password"' in html and "Your password" in html
    assert "Your submissions go too" in html
    assert "Former reviewer" in html
    assert 'href="/account/export.zip"' in html


def test_account_delete_with_the_password_deletes_and_logs_out(
    client, alice, bob, django_capture_on_commit_callbacks
):
    stored_file(alice, "notes.md")
    stored_file(bob, "notes.md")
    WorkSampleFactory(owner=bob)
    client.force_login(alice)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/account/delete/", {"password": PASSWORD}, follow=True)

    assert response.redirect_chain == [("/", 302)]
    assert "Your account is deleted" in response.content.decode()
    assert not User.objects.filter(pk=alice.pk).exists()
    assert "_auth_user_id" not in client.session
    assert client.get("/dashboard/").status_code == 302
    assert StoredFile.objects.filter(owner=bob).count() == 1
    assert WorkSample.objects.filter(owner=bob).count() == 1
    assert len(files_on_disk()) == 1


def test_account_delete_without_a_password_asks_for_it(client, alice):
    client.force_login(alice)
    response = client.post("/account/delete/", {})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert User.objects.filter(pk=alice.pk, is_active=True).exists()


def test_account_delete_with_a_wrong_password_deletes_nothing(client, alice):
    stored_file(alice)
    client.force_login(alice)
    response = client.post("/account/delete/", {"password": "not my password"})
    assert response.status_code == 200
    assert "That is not your password. Nothing was deleted." in response.content.decode()
    assert User.objects.filter(pk=alice.pk, is_active=True).exists()
    assert StoredFile.objects.filter(owner=alice).count() == 1
    assert len(files_on_disk()) == 1


def test_account_delete_password_guesses_are_throttled_like_logins(client, alice, settings):
    # Someone holding a stolen session must not be able to try passwords without limit.
    client.force_login(alice)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/account/delete/", {"password": "a guess"})
    response = client.post("/account/delete/", {"password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert User.objects.filter(pk=alice.pk, is_active=True).exists()


def test_account_delete_of_a_reviewer_closes_the_account_and_keeps_reviews(
    client, alice, rita, staff
):
    review_form(staff)
    round = submitted_round(alice)
    reviewed(round, rita, Decision.APPROVE)
    client.force_login(rita)
    page = client.get("/account/delete/").content.decode()
    assert "You have submitted 1 review" in page

    response = client.post("/account/delete/", {"password": PASSWORD}, follow=True)

    assert "signed “Former reviewer”" in response.content.decode()
    rita.refresh_from_db()
    assert not rita.is_active and rita.name == "Former reviewer"
    assert Review.objects.get(round=round).reviewer == rita
    # The closed account cannot log in again.
    login = client.post("/accounts/login/", {"username": "rita@example.com", "password": PASSWORD})
    assert login.status_code == 200
    assert "_auth_user_id" not in client.session


def test_account_delete_for_staff_shows_why_and_refuses_the_post(client, staff):
    RubricFactory(owner=staff, kind="review")
    client.force_login(staff)
    page = client.get("/account/delete/").content.decode()
    assert "Staff accounts cannot be deleted here" in page
    assert 'type="password"' not in page
    response = client.post("/account/delete/", {"password": PASSWORD})
    assert response.status_code == 403
    assert User.objects.filter(pk=staff.pk, is_active=True).exists()
