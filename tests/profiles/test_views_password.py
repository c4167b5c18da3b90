import re

import pytest
from django.core import mail

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW = "a-brand-new-passphrase-77"


def test_password_reset_sends_link_that_sets_new_password(client, alice, settings):
    response = client.post("/accounts/password-reset/", {"email": "alice@example.com"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.com"]
    assert message.subject == "Reset your Expertfolio password"
    site = re.escape(settings.SITE_URL)
    link = re.search(rf"{site}(/accounts/reset/\S+/)", message.body).group(1)

    form_url = client.get(link)["Location"]  # Django swaps the token for a session key
    response = client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(NEW)
    # The link works once.
    assert "invalid" in client.get(link, follow=True).content.decode()


def test_password_reset_link_is_on_the_site_address_whatever_host_the_request_named(
    client, alice, settings
):
    # Behind a load balancer hosts are sometimes let through wholesale: a reset asked for
    # with a forged Host header must still send the owner to our site, not the forger's.
    settings.ALLOWED_HOSTS = ["*"]
    settings.SITE_URL = "https://expertfolio.example"
    client.post(
        "/accounts/password-reset/", {"email": "alice@example.com"}, HTTP_HOST="evil.example"
    )
    links = re.findall(r"\S+/accounts/reset/\S+", mail.outbox[0].body)
    assert len(links) == 1
    assert links[0].startswith("https://expertfolio.example/accounts/reset/")


def test_password_reset_unknown_email_sends_nothing_and_says_the_same(client):
    response = client.post("/accounts/password-reset/", {"email": "nobody@example.com"})
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert mail.outbox == []


def test_password_change_requires_login(client):
    response = client.get("/accounts/password-change/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_password_change_happy_path(client, alice):
    client.force_login(alice)
    response = client.post(
        "/accounts/password-change/",
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response["Location"] == "/accounts/password-change/done/"
    alice.refresh_from_db()
    assert alice.check_password(NEW)


def test_password_change_wrong_old_password_changes_nothing(client, alice):
    client.force_login(alice)
    response = client.post(
        "/accounts/password-change/",
        {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW},
    )
    assert "Your old password was entered incorrectly" in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_password_change_old_password_guesses_are_throttled_like_logins(client, alice, settings):
    # Someone holding a stolen session must not be able to try passwords without limit.
    client.force_login(alice)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/accounts/password-change/",
            {"old_password": "a guess", "new_password1": NEW, "new_password2": NEW},
        )
    response = client.post(
        "/accounts/password-change/",
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_password_reset_emails_to_one_address_are_capped_an_hour(client, alice, settings):
    # Whoever knows an address cannot fill its inbox; the cap is the same for an address
    # with no account, so it tells nothing about who has one.
    settings.PASSWORD_RESET_RATE = "2/h"
    for _ in range(2):
        response = client.post("/accounts/password-reset/", {"email": "Alice@Example.com"})
        assert response.status_code == 302
    assert len(mail.outbox) == 2
    refused = client.post("/accounts/password-reset/", {"email": "alice@example.com"})
    assert refused.status_code == 429
    assert "sent to this address several times in the last hour" in refused.content.decode()
    assert len(mail.outbox) == 2
    for email in ("nobody@example.com", "nobody@example.com"):
        assert client.post("/accounts/password-reset/", {"email": email}).status_code == 302
    assert (
        client.post("/accounts/password-reset/", {"email": "nobody@example.com"}).status_code == 429
    )
