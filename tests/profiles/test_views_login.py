import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
LOGOUT = "/accounts/logout/"


def test_login_with_email_any_case_lands_on_dashboard(client, alice):
    response = client.post(LOGIN, {"username": "Alice@Example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_login_follows_next(client, alice):
    response = client.post(
        LOGIN,
        {
            "username": "alice@example.com",
            "password": PASSWORD,
            "next": "/accounts/password-change/",
        },
    )
    assert response["Location"] == "/accounts/password-change/"


def test_login_wrong_password_shows_message(client, alice):
    response = client.post(LOGIN, {"username": "alice@example.com", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct email address and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_is_throttled_after_repeated_failures_with_clear_message(client, alice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "alice@example.com", "password": "wrong"})
    # Even the right password is refused while the account is cooling off.
    response = client.post(LOGIN, {"username": "alice@example.com", "password": PASSWORD})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many failed logins" in html
    assert "15 minutes" in html
    assert "_auth_user_id" not in client.session


def test_login_throttle_cools_off_automatically(client, alice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "alice@example.com", "password": "wrong"})
    attempt = AccessAttempt.objects.get()
    attempt.attempt_time -= settings.AXES_COOLOFF_TIME
    attempt.save()
    response = client.post(LOGIN, {"username": "alice@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_login_throttle_is_per_account(client, alice, bob, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "alice@example.com", "password": "wrong"})
    response = client.post(LOGIN, {"username": "bob@example.com", "password": PASSWORD})
    assert response.status_code == 302


def test_logout_is_post_only(client, alice):
    client.force_login(alice)
    assert client.get(LOGOUT).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert response["Location"] == reverse("landing")
    assert "_auth_user_id" not in client.session


def test_login_when_logged_in_redirects(client, alice):
    client.force_login(alice)
    assert client.get(LOGIN)["Location"] == reverse("dashboard")


def test_login_throttle_counts_email_case_insensitively(client, alice, settings):
    for i in range(settings.AXES_FAILURE_LIMIT):
        email = "ALICE@example.com" if i % 2 else "alice@example.com"
        client.post(LOGIN, {"username": email, "password": "wrong"})
    response = client.post(LOGIN, {"username": "alice@example.com", "password": PASSWORD})
    assert response.status_code == 429
