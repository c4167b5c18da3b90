import pytest
from django.urls import reverse

from profiles.models import User

pytestmark = pytest.mark.django_db

URL = "/accounts/signup/"
GOOD = {
    "name": "Ada Lovelace",
    "email": "Ada@Example.com",
    "password1": "analytical-engine-1843",
    "password2": "analytical-engine-1843",
}


def test_signup_url_is_stable():
    assert reverse("signup") == URL


def test_signup_form_has_labelled_fields(client):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    for field in ("id_name", "id_email", "id_password1", "id_password2"):
        assert f'for="{field}"' in html
    # The first field has the focus, and only it.
    assert html.count("autofocus") == 1
    form = response.context["form"]
    assert form.fields["name"].widget.attrs["autofocus"] is True
    assert "autofocus" not in form.fields["email"].widget.attrs


def test_signup_creates_expert_logs_in_and_lands_on_dashboard(client):
    response = client.post(URL, GOOD)
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    user = User.objects.get()
    assert user.email == "ada@example.com"
    assert user.name == "Ada Lovelace"
    assert user.check_password(GOOD["password1"])
    assert not user.is_staff
    assert not user.groups.exists()
    assert client.get(reverse("dashboard")).status_code == 200


def test_signup_duplicate_email_any_case_is_refused(client, alice):
    response = client.post(URL, {**GOOD, "email": "ALICE@example.com"})
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert User.objects.count() == 1


def test_signup_mismatched_passwords_saves_nothing(client):
    response = client.post(URL, {**GOOD, "password2": "something-else-entirely"})
    assert response.status_code == 200
    assert "password fields didn" in response.content.decode()
    assert not User.objects.exists()


def test_signup_weak_password_saves_nothing(client):
    response = client.post(URL, {**GOOD, "password1": "12345678", "password2": "12345678"})
    assert "too common" in response.content.decode()
    assert not User.objects.exists()


def test_signup_requires_name_and_valid_email(client):
    response = client.post(URL, {**GOOD, "name": "", "email": "not-an-email"})
    html = response.content.decode()
    assert "This field is required." in html
    assert "Enter a valid email address." in html
    assert not User.objects.exists()


def test_signup_when_logged_in_redirects_to_dashboard(client, alice):
    client.force_login(alice)
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


def test_signup_wrong_method(client):
    assert client.put(URL).status_code == 405


def test_signups_from_one_address_are_limited_and_the_refusal_checks_nothing(
    client, settings, alice
):
    settings.SIGNUP_RATE = "2/h"
    for _ in range(2):  # guesses: each answered by the form's own check
        assert client.post(URL, {**GOOD, "email": "alice@example.com"}).status_code == 200
    response = client.post(URL, GOOD)
    html = response.content.decode()
    assert response.status_code == 429
    assert "Many accounts were asked for from your network in the last hour" in html
    assert "<title>Error: Sign up" in html
    assert 'value="Ada@Example.com"' in html and 'value="Ada Lovelace"' in html
    assert "analytical-engine" not in html  # passwords are never shown again
    assert list(User.objects.values_list("email", flat=True)) == ["alice@example.com"]
    # A taken address gets the same refusal as a free one: nothing is checked.
    taken = client.post(URL, {**GOOD, "email": "alice@example.com"}).content.decode()
    assert "already exists" not in taken and "Many accounts were asked for" in taken
    # Another address is not held back.
    elsewhere = client.post(URL, GOOD, REMOTE_ADDR="203.0.113.9")
    assert elsewhere.status_code == 302
    assert User.objects.filter(email="ada@example.com").exists()


def test_signups_from_one_ipv6_network_count_together(client, settings):
    settings.SIGNUP_RATE = "2/h"
    for host in (1, 2):
        client.post(URL, {**GOOD, "password2": "not-the-same"}, REMOTE_ADDR=f"2001:db8::{host}")
    refused = client.post(URL, GOOD, REMOTE_ADDR="2001:db8::ffff:3")
    assert refused.status_code == 429 and not User.objects.exists()
    assert client.post(URL, GOOD, REMOTE_ADDR="2001:db8:0:1::1").status_code == 302
