import re

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
    html = response.content.decode()
    assert (
        "That email address and password do not match an account. Check them and try again: "
        "the password is case-sensitive, the email address is not."
    ) in html
    assert "both fields may be case-sensitive" not in html  # the address is not
    assert "_auth_user_id" not in client.session


def test_login_wrong_password_is_announced_and_tied_to_both_fields(client, alice):
    """The focus goes to the email address, after the message: a screen reader there reads
    why, and the message is announced as it appears."""
    html = client.post(LOGIN, {"username": "alice@example.com", "password": "nope"})
    html = html.content.decode()
    assert re.search(r'<div class="alert[^"]*" role="alert" id="form-errors">', html)
    for name in ("username", "password"):
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group()
        assert 'aria-invalid="true"' in tag and 'aria-describedby="form-errors"' in tag
    fresh = client.get(LOGIN).content.decode()
    assert "form-errors" not in fresh and "aria-invalid" not in fresh


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


def _behind_proxy(settings, count: int) -> None:
    # What config/settings.py makes of AXES_PROXY_COUNT=count (tests/test_settings.py).
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    settings.AXES_IPWARE_PROXY_COUNT = count - 1
    settings.AXES_IPWARE_PROXY_ORDER = "left-most"


def _login(client, password: str, forwarded_for: str):
    return client.post(
        LOGIN,
        {"username": "alice@example.com", "password": password},
        REMOTE_ADDR="10.0.0.2",  # the proxy
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_behind_a_proxy_one_client_cannot_lock_out_another(client, alice, settings):
    _behind_proxy(settings, 1)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "wrong", "198.51.100.1")
    assert _login(client, PASSWORD, "198.51.100.1").status_code == 429
    # The owner, arriving through the same proxy from elsewhere, signs in.
    response = _login(client, PASSWORD, "203.0.113.7")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.1"}


def test_behind_a_proxy_made_up_forwarded_entries_do_not_dodge_the_lockout(client, alice, settings):
    _behind_proxy(settings, 1)
    # A client adds an address of its own choosing each time; the proxy appends the real one.
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "wrong", f"192.0.2.{n}, 198.51.100.1")
    assert _login(client, PASSWORD, "192.0.2.99, 198.51.100.1").status_code == 429
    assert _login(client, PASSWORD, "203.0.113.7").status_code == 302


def test_behind_two_proxies_the_client_is_named_by_the_first(client, alice, settings):
    _behind_proxy(settings, 2)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "wrong", "198.51.100.1, 172.16.0.9")
    assert _login(client, PASSWORD, "198.51.100.1, 172.16.0.9").status_code == 429
    assert _login(client, PASSWORD, "203.0.113.7, 172.16.0.9").status_code == 302


def test_without_a_proxy_the_forwarded_header_is_ignored(client, alice, settings):
    # A client could write any address there: without a proxy only the socket's counts.
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "wrong", f"192.0.2.{n}")
    assert _login(client, PASSWORD, "203.0.113.7").status_code == 429
