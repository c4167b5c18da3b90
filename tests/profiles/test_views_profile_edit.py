"""/profile/edit/: the browser editor, without JavaScript."""

import re

import pytest
from django.urls import reverse

from portfolio.documents import profile_document_for
from profiles.models import Profile
from tests.factories import make_profile, skill_profile_document
from tests.profiles.editor import editor_data

pytestmark = pytest.mark.django_db
URL = reverse("profile_edit")


def field_value(html: str, name: str) -> str | None:
    match = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', html)
    if match is None:
        return None
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else ""


def selected(html: str, name: str) -> str | None:
    select = re.search(rf'<select name="{re.escape(name)}".*?</select>', html, re.S)
    option = re.search(r'<option value="([^"]*)" selected>', select.group(0))
    return option.group(1) if option else None


def full_post(**changes) -> dict:
    data = editor_data(
        headline="Quant researcher",
        bio="CFA Level II.\nEight years of market risk.",
        visibility="public",
        hours_per_week="15",
        timezone="UTC-5",
        rate_amount="42.50",
        rate_currency="usd",
        domains=[{"name": "finance", "depth": "4"}, {"name": "statistics", "depth": ""}],
        strengths=["benchmarking"],
        credentials=["CFA Level II"],
        tools=["python", "pandas"],
        topics_declined=["crypto tips"],
        work_samples=[
            {"title": "Risk benchmark", "type": "benchmark", "link": "https://example.org/b"}
        ],
    )
    data.update(changes)
    return data


def test_profile_edit_get_for_a_new_profile_offers_a_blank_row_per_list(client, alice):
    client.force_login(alice)
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert field_value(html, "version") == "0"
    for key in ("domains", "strengths", "credentials", "tools", "topics_declined"):
        assert field_value(html, f"{key}-TOTAL_FORMS") == "1"
    assert 'list="time-zones"' in html and '<option value="Europe/Berlin">' in html


def test_profile_edit_get_fills_in_the_saved_profile(client, alice):
    make_profile(
        alice,
        domains=["finance", "risk"],
        domain_depth={"risk": 5},
        hourly_rate={"amount": 42, "currency": "USD"},
    )
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert field_value(html, "version") == "1"
    assert field_value(html, "headline") == "Evaluator of clinical reasoning"
    assert field_value(html, "domains-TOTAL_FORMS") == "2"
    assert field_value(html, "domains-1-name") == "risk"
    assert selected(html, "domains-1-depth") == "5"
    assert selected(html, "domains-0-depth") == ""
    assert field_value(html, "rate_amount") == "42"


def test_profile_edit_saves_the_whole_profile(client, alice):
    client.force_login(alice)
    response = client.post(URL, full_post())
    assert response.status_code == 302
    assert response["Location"] == reverse("profile")
    assert profile_document_for(alice) == {
        "headline": "Quant researcher",
        "bio": "CFA Level II.\nEight years of market risk.",
        "domains": ["finance", "statistics"],
        "domain_depth": {"finance": 4},
        "strengths": ["benchmarking"],
        "credentials": ["CFA Level II"],
        "tools": ["python", "pandas"],
        "availability": {"hours_per_week": 15, "timezone": "UTC-5"},
        "topics_declined": ["crypto tips"],
        "hourly_rate": {"amount": 42.5, "currency": "USD"},
        "work_samples": [
            {"title": "Risk benchmark", "type": "benchmark", "link": "https://example.org/b"}
        ],
        "visibility": "public",
    }
    assert "Your profile is saved." in client.get(reverse("profile")).content.decode()


def test_profile_edit_skips_blank_rows_and_drops_rows_no_longer_sent(client, alice):
    make_profile(alice, domains=["finance", "law", "risk"], tools=["python", "excel"])
    client.force_login(alice)
    data = editor_data(
        version=1,
        headline="h",
        domains=[
            {"name": "finance", "depth": ""},
            {"name": "", "depth": ""},
            {"name": "risk", "depth": "5"},
        ],
        tools=["python", ""],
        work_samples=[{"title": "", "type": "", "link": ""}],
    )
    assert client.post(URL, data).status_code == 302
    document = profile_document_for(alice)
    assert document["domains"] == ["finance", "risk"]
    assert document["domain_depth"] == {"risk": 5}
    assert document["tools"] == ["python"]
    assert "work_samples" not in document


def test_profile_edit_add_another_keeps_typed_input_and_saves_nothing(client, alice):
    client.force_login(alice)
    data = full_post(action="add-domains", headline="Typed, not saved")
    response = client.post(URL, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert not Profile.objects.exists()
    assert field_value(html, "headline") == "Typed, not saved"
    assert field_value(html, "domains-TOTAL_FORMS") == "3"
    assert field_value(html, "domains-0-name") == "finance"
    assert selected(html, "domains-0-depth") == "4"
    assert field_value(html, "domains-2-name") == ""
    assert re.search(r'name="domains-2-name"[^>]*autofocus', html)
    assert field_value(html, "tools-TOTAL_FORMS") == "2"
    assert field_value(html, "tools-1-text") == "pandas"
    assert field_value(html, "rate_currency") == "usd"
    assert "was not saved" not in html and "is-invalid" not in html


def test_profile_edit_add_another_for_every_list(client, alice):
    client.force_login(alice)
    for key in ("strengths", "credentials", "tools", "topics_declined", "work_samples"):
        value = "add-" + key.replace("_", "-")
        html = client.post(URL, full_post(action=value)).content.decode()
        before = int(full_post()[f"{key}-TOTAL_FORMS"])
        assert field_value(html, f"{key}-TOTAL_FORMS") == str(before + 1)


def test_profile_edit_then_save_after_adding_rows(client, alice):
    client.force_login(alice)
    data = full_post(action="add-domains")
    html = client.post(URL, data).content.decode()
    assert field_value(html, "domains-TOTAL_FORMS") == "3"
    data.pop("action")
    data.update({"domains-TOTAL_FORMS": "3", "domains-2-name": "risk", "domains-2-depth": "2"})
    assert client.post(URL, data).status_code == 302
    assert profile_document_for(alice)["domains"] == ["finance", "statistics", "risk"]


def test_profile_edit_add_another_stops_at_the_list_limit(client, alice):
    client.force_login(alice)
    domains = [{"name": f"d{i}", "depth": ""} for i in range(20)]
    html = client.post(URL, editor_data(headline="h", domains=domains, action="add-domains"))
    html = html.content.decode()
    assert field_value(html, "domains-TOTAL_FORMS") == "20"
    assert "This list is full (20 entries)." in html
    assert 'value="add-domains"' not in html


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"hours_per_week": "90"}, "hours_per_week", "Must be between 1 and 80 (it is 90)."),
        ({"hours_per_week": "ten"}, "hours_per_week", "Enter a whole number."),
        ({"headline": ""}, "headline", "This is required."),
        ({"headline": "h" * 161}, "headline", "Must be at most 160 characters long"),
        ({"timezone": "Mars/Olympus"}, "timezone", "is not a time zone"),
        ({"rate_currency": ""}, "rate_currency", "This is required."),
        ({"rate_amount": "12.345"}, "rate_amount", "at most two decimal places"),
        ({"rate_amount": "1e1000000"}, "rate_amount", "no more than 12 digits"),
        ({"rate_amount": "0"}, "rate_amount", "Must be more than 0"),
        ({"domains-1-name": "Finance"}, "domains-1-name", "whatever its capitalisation"),
        ({"domains-1-name": ""}, "domains-1-name", "Name this domain"),
        ({"domains-0-depth": "9"}, "domains-0-depth", "Select a valid choice."),
        ({"tools-1-text": "Python"}, "tools-1-text", "whatever its capitalisation"),
        ({"work_samples-0-link": "ftp://x.org"}, "work_samples-0-link", "http:// or https://"),
        ({"work_samples-0-title": ""}, "work_samples-0-title", "This is required."),
        ({"work_samples-0-type": "blog"}, "work_samples-0-type", "Select a valid choice."),
    ],
)
def test_profile_edit_invalid_input_shows_errors_at_the_field_and_saves_nothing(
    client, alice, changes, field, message
):
    make_profile(alice, headline="Saved before")
    client.force_login(alice)
    data = full_post(version="1", **changes)
    data["domains-1-depth"] = data.get("domains-1-depth") or "3"
    response = client.post(URL, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your profile was not saved" in html
    field_html = re.search(rf'<div id="div_id_{field}".*?</div>\s*</div>', html, re.S)
    assert field_html is not None and message in field_html.group(0), field
    assert f'href="#id_{field}"' in html
    assert Profile.objects.get(user=alice).headline == "Saved before"
    assert Profile.objects.get(user=alice).version == 1
    typed = changes.get("headline", "Quant researcher")
    assert field_value(html, "headline") == typed


def test_profile_edit_list_limit_error_is_shown_at_the_section(client, alice):
    client.force_login(alice)
    tools = [f"tool {i}" for i in range(31)]
    html = client.post(URL, editor_data(headline="h", domains=[{"name": "a"}], tools=tools))
    html = html.content.decode()
    section = re.search(r'<section id="section-tools".*?</section>', html, re.S).group(0)
    assert "Must list at most 30 entries (it has 31)." in section
    assert not Profile.objects.exists()


def test_profile_edit_needs_a_domain(client, alice):
    client.force_login(alice)
    html = client.post(URL, editor_data(headline="h", domains=[{"name": ""}])).content.decode()
    section = re.search(r'<section id="section-domains".*?</section>', html, re.S).group(0)
    assert "Must list at least one domain." in section
    assert not Profile.objects.exists()


def test_profile_edit_second_tab_gets_a_conflict_and_keeps_its_input(client, alice):
    make_profile(alice, headline="Original")
    client.force_login(alice)
    first_tab = full_post(version="1", headline="Saved in the first tab")
    second_tab = full_post(version="1", headline="Typed in the second tab")
    assert client.post(URL, first_tab).status_code == 302

    response = client.post(URL, second_tab)
    html = response.content.decode()
    assert response.status_code == 409
    assert "This profile was changed in another tab or by someone else" in html
    assert "Your changes are below and have not been saved." in html
    # full_post() carries no note of what the tab was opened at, so every field is listed.
    assert {"Headline": "Saved in the first tab"}.items() <= {
        change.label: change.now for change in response.context["conflict"].changes
    }.items()
    assert field_value(html, "headline") == "Typed in the second tab"
    assert "Saved in the first tab" in html  # the saved profile, shown for comparison
    assert field_value(html, "version") == "2"
    profile = Profile.objects.get(user=alice)
    assert (profile.headline, profile.version) == ("Saved in the first tab", 2)

    # Saving again, having seen the other edit, replaces it knowingly.
    second_tab["version"] = "2"
    assert client.post(URL, second_tab).status_code == 302
    assert Profile.objects.get(user=alice).headline == "Typed in the second tab"


def test_profile_edit_first_save_in_two_tabs_conflicts_too(client, alice):
    client.force_login(alice)
    assert client.post(URL, full_post(headline="Tab one")).status_code == 302
    response = client.post(URL, full_post(headline="Tab two"))
    assert response.status_code == 409
    assert Profile.objects.get(user=alice).headline == "Tab one"


def test_profile_edit_only_ever_edits_your_own_profile(client, alice, bob):
    make_profile(alice, headline="Alice's profile")
    client.force_login(bob)
    html = client.get(URL).content.decode()
    assert "Alice&#x27;s profile" not in html and field_value(html, "version") == "0"
    assert client.post(URL, full_post(headline="Bob's profile")).status_code == 302
    assert Profile.objects.get(user=alice).headline == "Alice's profile"
    assert Profile.objects.get(user=bob).headline == "Bob's profile"


def test_profile_edit_anonymous_goes_to_login(client):
    for response in (client.get(URL), client.post(URL, full_post())):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert not Profile.objects.exists()


def test_profile_edit_wrong_method(client, alice):
    client.force_login(alice)
    assert client.put(URL).status_code == 405
    assert client.delete(URL).status_code == 405


def test_profile_edit_document_shape_matches_import(client, alice):
    # The editor and an import of the same content store the same document.
    client.force_login(alice)
    data = editor_data(headline="Same", visibility="private", domains=[{"name": "a", "depth": "4"}])
    client.post(URL, data)
    assert profile_document_for(alice) == skill_profile_document(
        headline="Same", domains=["a"], domain_depth={"a": 4}, visibility="private"
    )


def test_profile_edit_tampered_post_is_refused_without_a_crash(client, alice):
    make_profile(alice, headline="Kept")
    client.force_login(alice)
    response = client.post(URL, {"headline": "No lists sent", "version": "not a number"})
    assert response.status_code == 200
    assert "Your profile was not saved" in response.content.decode()
    assert Profile.objects.get(user=alice).headline == "Kept"
    tampered = {**full_post(), "domains-TOTAL_FORMS": "100000", "action": "add-domains"}
    response = client.post(URL, tampered)
    assert response.status_code == 200
    assert not Profile.objects.filter(headline="Quant researcher").exists()
