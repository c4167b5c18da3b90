"""/profile/edit/: one error a field, where the problem is, and a refused value shown again
as HTML can hold it."""

import re

import pytest
from django.urls import reverse

from profiles.models import Profile
from tests.factories import make_profile
from tests.profiles.test_views_profile_edit import field_value, full_post, selected

pytestmark = pytest.mark.django_db
URL = reverse("profile_edit")


def field_errors(html: str, field: str) -> list[str]:
    """The error messages under one field, as the page shows them."""
    return re.findall(rf'<p id="error_\d+_id_{re.escape(field)}"><strong>(.*?)</strong>', html)


@pytest.fixture
def post_refused(client, alice):
    """Post the full editor with some fields changed; nothing may be saved."""
    make_profile(alice, headline="Saved before")
    client.force_login(alice)

    def post(**changes):
        response = client.post(URL, full_post(version="1", **changes))
        assert response.status_code == 200
        assert "Your profile was not saved" in response.content.decode()
        assert Profile.objects.get(user=alice).headline == "Saved before"
        return response

    return post


def summary(response) -> list[tuple[str, str]]:
    return [(link.label, link.message) for link in response.context["editor"].error_summary()]


def test_long_domain_name_is_refused_at_the_name_not_at_its_depth(post_refused):
    name = "d" * 61
    response = post_refused(**{"domains-0-name": name, "domains-0-depth": "5"})
    html = response.content.decode()
    message = "Must be at most 60 characters long (it has 61)."
    assert field_errors(html, "domains-0-name") == [message]
    assert field_errors(html, "domains-0-depth") == []
    assert summary(response) == [("Domain 1, name", message)]
    assert field_value(html, "domains-0-name") == name
    assert selected(html, "domains-0-depth") == "5"


@pytest.mark.parametrize(
    ("changes", "field", "label", "message"),
    [
        (
            {"rate_amount": "forty", "rate_currency": "EUR"},
            "rate_amount",
            "Hourly rate you expect",
            "Enter a number.",
        ),
        ({"headline": "Quant\x00researcher"}, "headline", "Headline", "Null characters"),
        ({"rate_currency": "EU\x00"}, "rate_currency", "Currency", "Null characters"),
        (
            {"work_samples-0-title": "Risk\x00"},
            "work_samples-0-title",
            "Work sample 1, title",
            "Null characters",
        ),
        ({"domains-0-name": "fin\x00ance"}, "domains-0-name", "Domain 1, name", "Null characters"),
    ],
)
def test_a_refused_value_gets_its_own_error_only(post_refused, changes, field, label, message):
    """Not also the schema's "This is required.": the value was typed, only not accepted."""
    response = post_refused(**changes)
    html = response.content.decode()
    (shown,) = field_errors(html, field)
    assert shown.startswith(message)
    assert summary(response) == [(label, shown)]


@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("headline", "Quant\x00researcher"),
        ("timezone", "UTC\x00-5"),
        ("domains-0-name", "fin\x00ance"),
        ("tools-0-text", "pyt\x00hon"),
    ],
)
def test_a_nul_character_is_not_shown_again(post_refused, field, typed):
    html = post_refused(**{field: typed}).content.decode()
    assert "\x00" not in html  # HTML cannot hold it
    assert field_value(html, field) == typed.replace("\x00", "")
    assert field_errors(html, field) == ["Null characters are not allowed."]


def test_a_nul_character_is_not_shown_again_in_a_textarea_or_after_a_row_button(client, alice):
    client.force_login(alice)
    for extra in ({}, {"action": "add-tools"}):
        data = full_post(bio="CFA\x00 Level II", headline="Quant\x00", **extra)
        html = client.post(URL, data).content.decode()
        assert "\x00" not in html
        assert ">\nCFA Level II</textarea>" in html and field_value(html, "headline") == "Quant"
    assert not Profile.objects.filter(user=alice).exists()
